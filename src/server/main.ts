/** `npm start` / `npm run serve`: the whole product on one port. */
import { ConfigError } from './config.ts';
import { startServer } from './app.ts';
import { env } from './env.ts';

try {
  const server = await startServer({ port: env.port, dataDir: env.dataDir, sitesFile: env.sitesFile });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`[baton] ${err.message}`);
    process.exit(1);
  }
  throw err;
}
