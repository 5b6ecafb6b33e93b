/**
 * Builds what a visitor's browser loads for triage, with the project's own vite.config.ts, into a
 * folder of its own. Until the widget imports triage, dist/ has no worker in it, and the rest of
 * the app's build must not be able to break the triage figures.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rollup } from 'vite';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface TriageBuild {
  outDir: string;
  /** Entry file names (relative to outDir). */
  client: string;
  assets: string;
  /** Every emitted file, relative to outDir. */
  files: string[];
}

/** Replaces the app's entries with the triage ones; the rest of the config (aliases, worker format) stays. */
function triageEntries(outDir: string): Plugin {
  return {
    name: 'baton-triage-bench-entries',
    config(config) {
      config.build ??= {};
      config.build.outDir = outDir;
      config.build.emptyOutDir = true;
      config.build.reportCompressedSize = false;
      config.build.rollupOptions = {
        ...config.build.rollupOptions,
        input: { 'triage-client': 'src/triage/client.ts', 'triage-assets': 'src/triage/assets.ts' },
      };
    },
  };
}

export async function buildTriage(outDir: string): Promise<TriageBuild> {
  const result = await build({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    mode: 'production',
    logLevel: 'error',
    plugins: [triageEntries(outDir)],
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output);
  const entry = (name: string): string => {
    const chunk = chunks.find((c) => c.type === 'chunk' && c.isEntry && c.name === name);
    if (!chunk) throw new Error(`the triage build has no ${name} entry`);
    return chunk.fileName;
  };
  return { outDir, client: entry('triage-client'), assets: entry('triage-assets'), files: chunks.map((c) => c.fileName) };
}
