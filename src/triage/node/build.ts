/**
 * Builds what a visitor's browser loads for triage, with the project's own Vite settings, into a
 * folder of its own: the figures then cover triage alone, and neither the rest of the app's build
 * nor a stale dist/ can change them.
 */
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type Rollup, type UserConfigExport } from 'vite';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface TriageBuild {
  outDir: string;
  /** Entry file names (relative to outDir). */
  client: string;
  assets: string;
}

/** What triage takes from the app's config: base, resolve (the runtime alias) and worker options, not its entries or plugins. */
async function triageConfig(outDir: string): Promise<InlineConfig> {
  const { default: appConfig } = (await import(`${ROOT}vite.config.ts`)) as { default: UserConfigExport };
  const env = { mode: 'production', command: 'build' } as const;
  const app = typeof appConfig === 'function' ? await appConfig(env) : await appConfig;
  return {
    root: ROOT,
    configFile: false,
    mode: 'production',
    logLevel: 'error',
    base: app.base,
    resolve: app.resolve,
    worker: app.worker,
    build: {
      outDir,
      emptyOutDir: true,
      target: app.build?.target,
      reportCompressedSize: false,
      rollupOptions: {
        input: { 'triage-client': 'src/triage/client.ts', 'triage-assets': 'src/triage/assets.ts' },
        preserveEntrySignatures: 'exports-only',
      },
    },
  };
}

export async function buildTriage(outDir: string): Promise<TriageBuild> {
  const result = await build(await triageConfig(outDir));
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output);
  const entry = (name: string): string => {
    const chunk = chunks.find((c) => c.type === 'chunk' && c.isEntry && c.name === name);
    if (!chunk) throw new Error(`the triage build has no ${name} entry`);
    return chunk.fileName;
  };
  return { outDir, client: entry('triage-client'), assets: entry('triage-assets') };
}
