/**
 * Writes brotli (.br) and gzip (.gz) copies next to the built files, so the server sends the
 * smallest encoding the browser accepts without compressing on every request. The runtime's
 * 14 MB WASM takes ~25 s at brotli's best quality, so results are cached by content hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|wasm|onnx|svg|webmanifest|txt)$/;
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

function cached(cacheDir: string, data: Buffer, kind: 'br' | 'gz', make: () => Buffer): Buffer {
  const key = join(cacheDir, `${createHash('sha256').update(data).digest('hex')}.${kind}`);
  if (existsSync(key)) return readFileSync(key);
  const out = make();
  writeFileSync(key, out);
  return out;
}

export function precompress(dir: string, cacheDir: string): { files: number; raw: number; br: number; gz: number } {
  mkdirSync(cacheDir, { recursive: true });
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const path of files(dir)) {
    const data = readFileSync(path);
    const br = cached(cacheDir, data, 'br', () =>
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    );
    const gz = cached(cacheDir, data, 'gz', () => gzipSync(data, { level: 9 }));
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    totals.files++;
    totals.raw += data.length;
    totals.br += br.length;
    totals.gz += gz.length;
  }
  return totals;
}
