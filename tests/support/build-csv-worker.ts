import { join } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The CSV reading thread's bundle, built for this test run (see engine/transfer/csv-thread.ts). */
    csvWorker: string
  }
}

/**
 * Vitest global setup: the engine's CSV reading thread runs a bundle of its own, which the app
 * and the bench build beside theirs. Tests run the TypeScript sources, which a worker thread
 * cannot load, so the bundle is built once per run and handed to the tests (inject('csvWorker')).
 */
export default async function setup(project: TestProject): Promise<void> {
  const root = join(import.meta.dirname, '..', '..')
  const outDir = join(root, 'node_modules', '.cache', 'rowboat-tests')
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
      rolldownOptions: {
        input: { 'csv-worker': join(root, 'src/main/engine/transfer/csv-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  })
  project.provide('csvWorker', join(outDir, 'csv-worker.mjs'))
}
