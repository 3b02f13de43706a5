import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { ConnectionConfig } from '../../../shared/connection-types'
import { isRelativeSqliteStorage } from '../../../shared/sqlite-path'

/** The folder a relative SQLite path resolves against, and whether it was the Flask instance folder. */
export interface SqliteBase {
  baseDir: string
  /** Set when the file was found in `<folder>/instance/` (Flask-SQLAlchemy 3 looks there). */
  note: string | null
}

/**
 * Where a relative SQLite path (`sqlite:///app.db`) points. Without a folder the user chose, it is
 * the engine's own base folder. With one, it is that folder, except when the folder has no such
 * file but its `instance/` subfolder has: Flask-SQLAlchemy 3 resolves relative SQLite URLs in the
 * app's instance folder, so a person choosing their Flask project folder reaches the file the app
 * uses. A missing file stays in the chosen folder (Create database makes it where the user chose).
 */
export function sqliteBaseFor(config: ConnectionConfig, engineBaseDir: string, folder: string | null): SqliteBase {
  if (folder === null || config.dialect !== 'sqlite' || !isRelativeSqliteStorage(config.storage)) {
    return { baseDir: engineBaseDir, note: null }
  }
  const instance = join(folder, 'instance')
  if (!exists(join(folder, config.storage)) && exists(join(instance, config.storage))) {
    return { baseDir: instance, note: `found in the Flask instance folder (${instance})` }
  }
  return { baseDir: folder, note: null }
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined
}
