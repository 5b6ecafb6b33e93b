/**
 * A @web/test-runner plugin that runs the real Baton server for browser tests, behind a TCP proxy
 * that can cut connections or swallow the server's replies (Chrome's offline emulation does not
 * cut open WebSockets). Browser tests reach it with executeServerCommand:
 *   'baton-server'  → { url, proxyUrl, siteKey }
 *   'baton-proxy'   { mode: 'pass' | 'drop-downstream', cut?: boolean }
 *   'baton-restart' → the server restarts on the same port and data folder
 *   'baton-stored'  { conversationId } → the messages the server stored, in order
 *   'baton-staff'   { conversationId, reply } → a real staff member claims the chat and replies
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export const TEST_SITE = 'test-site';

export function batonServerPlugin() {
  let server;
  let port = 0;
  let dataDir;
  let sitesFile;
  let proxy;
  let proxyPort;
  let mode = 'pass';
  const pipes = new Set();

  const app = () => tsImport('../../src/server/app.ts', import.meta.url);
  const start = async () => {
    const { startServer } = await app();
    server = await startServer({ port, host: '127.0.0.1', dataDir, sitesFile, quiet: true });
    port = server.port;
  };

  return {
    name: 'baton-server',
    async serverStart({ config }) {
      dataDir = mkdtempSync(join(tmpdir(), 'baton-wtr-'));
      sitesFile = join(dataDir, 'sites.json');
      const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      writeFileSync(
        sitesFile,
        JSON.stringify({
          sites: [
            { key: TEST_SITE, name: 'Test Plumbing', allowedOrigins: origins, greeting: 'Hello from the test site.' },
            { key: 'elsewhere', name: 'Elsewhere', allowedOrigins: ['https://elsewhere.example'], greeting: 'Hi.' },
          ],
        }),
      );
      await start();
      proxy = net.createServer((client) => {
        const upstream = net.connect(port, '127.0.0.1');
        const pipe = { client, upstream };
        pipes.add(pipe);
        client.on('data', (d) => upstream.write(d));
        upstream.on('data', (d) => {
          if (mode !== 'drop-downstream') client.write(d);
        });
        const end = () => {
          pipes.delete(pipe);
          client.destroy();
          upstream.destroy();
        };
        client.on('close', end).on('error', end);
        upstream.on('close', end).on('error', end);
      });
      await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
      proxyPort = proxy.address().port;
    },
    async serverStop() {
      for (const p of pipes) p.client.destroy();
      proxy?.close();
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'baton-server':
          return { url: `http://127.0.0.1:${port}`, proxyUrl: `http://127.0.0.1:${proxyPort}`, siteKey: TEST_SITE };
        case 'baton-proxy':
          mode = payload.mode ?? 'pass';
          if (payload.cut) {
            for (const p of pipes) {
              p.client.destroy();
              p.upstream.destroy();
            }
          }
          return true;
        case 'baton-restart':
          await server.close();
          await start();
          return true;
        case 'baton-stored':
          return server.db
            .prepare('SELECT seq, id, role, text FROM messages WHERE conversation_id = ? ORDER BY seq')
            .all(payload.conversationId);
        case 'baton-staff': {
          const { staffReply } = await tsImport('./staff-actor.ts', import.meta.url);
          return staffReply(server, payload);
        }
        default:
          return undefined;
      }
    },
  };
}
