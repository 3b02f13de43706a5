import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The data folder holds the sample database, saved connections, sealed passwords, the key that
 * seals them, uploads and exports: the user's alone. Folders are 0700 and files 0600, set on
 * every start so a folder made by an older version (0755/0644) is closed too. Another engineer's
 * `logs/` folder sets its own modes and is left alone here.
 */
export const UPLOADS = 'uploads'
export const EXPORTS = 'exports'
/** Exports are kept this long for the browser to fetch, then removed at the next start. */
export const EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000

/** Files of the data folder itself that hold the user's data or secrets. */
const PRIVATE_FILES = /^(rowboat-sample\.sqlite(-journal|-wal|-shm)?|connections\.json|secrets\.json|secret\.key)$/

export function lockDownDataDir(dataDir: string): void {
  for (const dir of [dataDir, join(dataDir, UPLOADS), join(dataDir, EXPORTS)]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700)
  }
  for (const name of readdirSync(dataDir)) {
    if (PRIVATE_FILES.test(name) || name.startsWith('connections.json.') || name.startsWith('secrets.json.'))
      chmodIfFile(join(dataDir, name))
  }
  for (const folder of [UPLOADS, EXPORTS]) for (const name of readdirSync(join(dataDir, folder))) chmodIfFile(join(dataDir, folder, name))
}

/**
 * At start-up: every upload is a leftover (its import ended with the last run, or never ran), and
 * exports older than a day have had their chance to be downloaded.
 */
export function cleanTransferFolders(dataDir: string, now: number = Date.now()): { uploads: number; exports: number } {
  const removed = { uploads: 0, exports: 0 }
  for (const name of safeList(join(dataDir, UPLOADS))) {
    rmSync(join(dataDir, UPLOADS, name), { force: true, recursive: true })
    removed.uploads++
  }
  for (const name of safeList(join(dataDir, EXPORTS))) {
    const path = join(dataDir, EXPORTS, name)
    const info = lstatSync(path, { throwIfNoEntry: false })
    if (info && now - info.mtimeMs > EXPORT_LIFETIME_MS) {
      rmSync(path, { force: true, recursive: true })
      removed.exports++
    }
  }
  return removed
}

function chmodIfFile(path: string): void {
  // lstat: a symlink is never followed to chmod whatever it points at.
  if (lstatSync(path, { throwIfNoEntry: false })?.isFile()) chmodSync(path, 0o600)
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
