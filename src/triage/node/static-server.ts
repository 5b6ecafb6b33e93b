/**
 * Small static servers for the benchmark: Baton's (a folder, with CORS, as Baton serves its static
 * files to customers' pages) and a customer's site (one page), on two ports so two origins.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.html': 'text/html',
};

export interface StaticServer {
  port: number;
  /** Paths of the files served, in order: what a visitor's browser downloaded. */
  served: string[];
  close(): Promise<void>;
}

export async function serveStatic(dir: string | null, hostPage?: string): Promise<StaticServer> {
  const served: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (hostPage !== undefined && path === '/host.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage);
      return;
    }
    const file = dir === null ? '' : normalize(join(dir, path));
    let size = -1;
    try {
      const stat = dir !== null && file.startsWith(dir) ? statSync(file) : null;
      size = stat?.isFile() ? stat.size : -1;
    } catch {
      size = -1;
    }
    if (size < 0) {
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    served.push(path);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'access-control-allow-origin': '*',
      // As Baton's server does: the triage files have hashed or versioned names.
      'cache-control': 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
