// Browser tests run in Debian's Chromium (no browser downloads here), TypeScript via esbuild.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { batonServerPlugin } from './support/wtr-baton-server.mjs';

/**
 * esbuild drops `with { type: 'json' }` when it compiles TypeScript, so the browser would import a
 * bare .json as a script. Serve source JSON modules as JS instead (only under src/: model files
 * fetched by Transformers.js stay JSON).
 */
const jsonModules = {
  name: 'json-modules',
  resolveMimeType(context) {
    if (context.path.startsWith('/src/') && context.path.endsWith('.json')) return 'js';
  },
  transform(context) {
    if (context.path.startsWith('/src/') && context.path.endsWith('.json')) return { body: `export default ${context.body};` };
  },
};

/**
 * onnxruntime-web's JS glue has a Node-only branch that imports `module` and `worker_threads`; the
 * browser never runs it, but the dev server would try to resolve those imports and fail. Leave them
 * bare, as the production build does (Vite copies the glue as an asset).
 */
const runtimeGlue = {
  name: 'onnxruntime-glue',
  resolveImport({ source, context }) {
    if (context.path.endsWith('/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs')) return source;
  },
};

/**
 * The model as served under /held-models/, held back until a test says 'release-models': a test can
 * then act while the model is still loading, and wait for the moment it arrives, without racing it.
 */
function heldModels() {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  return {
    middleware: async (ctx, next) => {
      if (ctx.path.startsWith('/held-models/')) {
        await released;
        ctx.url = ctx.url.replace('/held-models/', '/public/models/');
      }
      return next();
    },
    plugin: {
      name: 'held-models',
      executeCommand({ command }) {
        if (command !== 'release-models') return undefined;
        release();
        return true;
      },
    },
  };
}
const held = heldModels();

export default {
  rootDir: '.',
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 60000 } },
  plugins: [
    runtimeGlue,
    jsonModules,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    batonServerPlugin(),
    held.plugin,
  ],
  middleware: [held.middleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
