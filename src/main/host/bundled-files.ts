import { join } from 'node:path'

/**
 * The files a host hands the engine beside its own code, found from the folder of its built entry
 * (out/main): the import's CSV reading thread, built beside the entries (electron.vite.config.ts),
 * and the SQLite CSV extension. A package of the app must ship that file outside any archive
 * (SQLite loads it by path).
 */
export function bundledFiles(entryDir: string): { csvWorker: string; sqliteCsvExtension: string } {
  return {
    csvWorker: join(entryDir, 'csv-worker.js'),
    sqliteCsvExtension: sqliteCsvExtensionIn(join(entryDir, '..', '..')),
  }
}

/** The SQLite CSV extension in a checkout of Rowboat: built by npm install (scripts/build-sqlite-csv.mjs). */
export function sqliteCsvExtensionIn(projectDir: string): string {
  return join(projectDir, 'native', 'sqlite-csv', 'build', 'Release', 'rowboat_csv.node')
}
