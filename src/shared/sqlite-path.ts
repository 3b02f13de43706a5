import { parseConnectionUrl } from './connection-url'

/**
 * Whether a SQLite storage path is relative (`app.db`, `./data/app.db`), so where it points depends
 * on a folder: not `:memory:`, not absolute (POSIX, Windows drive or UNC), not `~/` (home).
 */
export function isRelativeSqliteStorage(storage: string): boolean {
  if (storage === ':memory:' || storage.startsWith('~/')) return false
  return !(storage.startsWith('/') || storage.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(storage))
}

/** The relative SQLite path a connection string names, or null (another dialect, absolute, unparsable). */
export function relativeSqlitePath(url: string): string | null {
  try {
    const config = parseConnectionUrl(url)
    return config.dialect === 'sqlite' && isRelativeSqliteStorage(config.storage) ? config.storage : null
  } catch {
    return null
  }
}
