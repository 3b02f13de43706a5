import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { QueryHistoryEntry, SavedQuery, TransactionMode } from '../../../shared/contract'
import { readJsonFile, writeFileAtomic } from '../../store/atomic-file'

/** The most history entries kept per connection; older ones are dropped. */
export const HISTORY_LIMIT = 500
/** Longer statements are kept cut to this many characters (the history is for finding, not archiving). */
const HISTORY_SQL_LIMIT = 20_000

/** A Query tab as kept on disk (console-tabs.ts adds what only the running engine knows). */
export interface StoredTab {
  id: string
  title: string
  text: string
  timeoutSeconds: number | null
  mode: TransactionMode
}

export interface ConsoleFile {
  version: 2
  /** The connection as displayed (passwords masked): which connection this file is for. */
  connection: string
  tabs: StoredTab[]
  saved: SavedQuery[]
  history: QueryHistoryEntry[]
}

/**
 * The console's tabs (their text), saved queries and history, one file per connection in
 * `<dataDir>/console/` (0700, files 0600), named by a hash of the connection's display form, which
 * never holds a password.
 */
export class ConsoleFiles {
  private readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'console')
  }

  private path(connection: string): string {
    return join(this.dir, `${createHash('sha256').update(connection).digest('hex').slice(0, 24)}.json`)
  }

  read(connection: string): ConsoleFile {
    const read = readJsonFile(this.path(connection), (value) => upgrade(value, connection))
    return read.state === 'ok' ? read.value : { version: 2, connection, tabs: [], saved: [], history: [] }
  }

  /** Reads, changes and writes the connection's file (synchronously, so two calls never interleave). */
  update<T>(connection: string, change: (file: ConsoleFile) => { file: ConsoleFile; answer: T }): T {
    const { file, answer } = change(this.read(connection))
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    writeFileAtomic(this.path(connection), JSON.stringify(file), 0o600)
    return answer
  }

  /** Newest first. */
  history(connection: string, search: string | undefined, limit: number): QueryHistoryEntry[] {
    const needle = search?.toLowerCase()
    const entries = this.read(connection).history.filter((e) => !needle || e.sql.toLowerCase().includes(needle))
    return entries.slice(0, limit)
  }

  record(connection: string, entries: QueryHistoryEntry[]): void {
    if (entries.length === 0) return
    const added = entries
      .map((e) => ({ ...e, sql: e.sql.length > HISTORY_SQL_LIMIT ? `${e.sql.slice(0, HISTORY_SQL_LIMIT)}…` : e.sql }))
      .reverse()
    this.update(connection, (file) => ({ file: { ...file, history: [...added, ...file.history].slice(0, HISTORY_LIMIT) }, answer: null }))
  }
}

/** Accepts this version's file, and the first version's (one draft text, which becomes the first tab). */
function upgrade(value: unknown, connection: string): ConsoleFile | null {
  if (typeof value !== 'object' || value === null) return null
  const file = value as Record<string, unknown>
  if (file.connection !== connection || !Array.isArray(file.history)) return null
  const history = file.history as QueryHistoryEntry[]
  if (file.version === 1 && typeof file.draft === 'string') {
    const tabs: StoredTab[] = file.draft ? [{ id: 'q1', title: 'Query 1', text: file.draft, timeoutSeconds: null, mode: 'auto' }] : []
    return { version: 2, connection, tabs, saved: [], history }
  }
  if (file.version !== 2 || !Array.isArray(file.tabs) || !Array.isArray(file.saved)) return null
  return { version: 2, connection, tabs: (file.tabs as unknown[]).filter(isStoredTab), saved: file.saved as SavedQuery[], history }
}

function isStoredTab(value: unknown): value is StoredTab {
  if (typeof value !== 'object' || value === null) return false
  const tab = value as Partial<StoredTab>
  return (
    typeof tab.id === 'string' &&
    typeof tab.title === 'string' &&
    typeof tab.text === 'string' &&
    (tab.timeoutSeconds === null || typeof tab.timeoutSeconds === 'number') &&
    (tab.mode === 'auto' || tab.mode === 'manual')
  )
}
