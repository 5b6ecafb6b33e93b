import { build, defineConfig, type Plugin } from 'vite';
import { precompress } from './src/build/precompress.ts';
import { staffServiceWorker, SW_ENTRY, SW_FILE } from './src/staff/sw/precache-plugin.ts';

// Two builds share this file:
//  - default: the staff console (index.html), the widget application module (widget-app.js)
//    and the triage worker, as ES modules with relative URLs so they also load from a
//    customer's page, cross-origin.
//  - `--mode embed`: the tiny classic script a site owner pastes (widget.js). It must be a
//    classic script (no `import` statements) and loads widget-app.js on demand.
// A plain `vite build` runs the embed build after the main one, so dist/ is never left without
// widget.js (the main build empties the folder first), then writes .br/.gz copies of everything.
const embedAfterwards: Plugin = {
  name: 'baton-embed-build',
  apply: 'build',
  async closeBundle() {
    await build({ configFile: 'vite.config.ts', mode: 'embed' });
    const t = precompress('dist', 'node_modules/.cache/baton-precompress');
    const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
    console.log(`precompressed ${t.files} files: ${mb(t.raw)} MiB → brotli ${mb(t.br)} MiB, gzip ${mb(t.gz)} MiB`);
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'embed') {
    return {
      publicDir: false,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2020',
        reportCompressedSize: true,
        lib: { entry: 'src/widget/embed.ts', formats: ['iife'], name: 'BatonEmbed', fileName: () => 'widget.js' },
      },
    };
  }
  return {
    base: './',
    // Triage: Transformers.js imports onnxruntime-web's WebGPU/JSEP build; the CPU-only WASM build
    // is about half the download and needs only 'wasm-unsafe-eval' under a strict CSP.
    resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: true,
      rollupOptions: {
        // The staff console's service worker: a fixed name (/staff/sw.js), its precache list filled in by the plugin.
        input: { staff: 'index.html', 'widget-app': 'src/widget/app.ts', [SW_ENTRY]: 'src/staff/sw/sw.ts' },
        output: {
          entryFileNames: (chunk) =>
            chunk.name === 'widget-app' ? 'widget-app.js' : chunk.name === SW_ENTRY ? SW_FILE : 'assets/[name]-[hash].js',
        },
        preserveEntrySignatures: 'exports-only',
      },
    },
    worker: { format: 'es' },
    plugins: [staffServiceWorker(), embedAfterwards],
  };
});
