// Bundles TypeScript entries for plain Node with Vite (already a dev dependency, so no TypeScript
// runner is needed): ES modules named <entry>.mjs. The bench (bench/run.mjs) and the test setup
// (tests/support/build-csv-worker.ts) both build the engine's CSV reading thread this way, as the
// app builds it beside its own entries (electron.vite.config.ts).
import { join } from 'node:path'
import { build } from 'vite'

/** The CSV reading thread's entry (engine/transfer/csv/csv-thread.ts runs it), from the project root. */
export const CSV_WORKER_ENTRY = 'src/main/engine/transfer/csv/csv-worker.ts'

/** Builds `entries` (name → path from `root`) into `outDir`. */
export async function buildForNode(root, outDir, entries) {
  const input = Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)]))
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rolldownOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  })
}
