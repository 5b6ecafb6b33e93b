/** The environment variables both `npm start` and `npm run staff` honour, with their defaults. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export const env = {
  port: Number(process.env.PORT ?? 8080),
  dataDir: resolve(process.env.DATA_DIR ?? join(ROOT, 'data')),
  sitesFile: resolve(process.env.SITES_FILE ?? join(ROOT, 'demo', 'sites.json')),
};
