import { join } from 'node:path'
import { CSV_WORKER_ENTRY, buildForNode } from '../../scripts/node-bundle.mjs'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The CSV reading thread's bundle, built for this test run (see engine/transfer/csv/csv-thread.ts). */
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
  await buildForNode(root, outDir, { 'csv-worker': CSV_WORKER_ENTRY })
  project.provide('csvWorker', join(outDir, 'csv-worker.mjs'))
}
