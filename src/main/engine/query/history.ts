import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { QueryHistoryEntry } from '../../../shared/contract'
import { readJsonFile, writeFileAtomic } from '../../store/atomic-file'

/** The most history entries kept per connection; older ones are dropped. */
export const HISTORY_LIMIT = 500
/** Longer statements are kept cut to this many characters (the history is for finding, not archiving). */
const HISTORY_SQL_LIMIT = 20_000

interface ConsoleFile {
  version: 1
  /** The connection as displayed (passwords masked): which connection this file is for. */
  connection: string
  draft: string
  history: QueryHistoryEntry[]
}

/**
 * The console's text and history, one file per connection in `<dataDir>/console/` (0700, files
 * 0600), named by a hash of the connection's display form, which never holds a password.
 */
export class ConsoleFiles {
  private readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'console')
  }

  private path(connection: string): string {
    return join(this.dir, `${createHash('sha256').update(connection).digest('hex').slice(0, 24)}.json`)
  }

  private read(connection: string): ConsoleFile {
    const read = readJsonFile(this.path(connection), (value) => (isConsoleFile(value) && value.connection === connection ? value : null))
    return read.state === 'ok' ? read.value : { version: 1, connection, draft: '', history: [] }
  }

  private write(file: ConsoleFile): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    writeFileAtomic(this.path(file.connection), JSON.stringify(file), 0o600)
  }

  draft(connection: string): string {
    return this.read(connection).draft
  }

  saveDraft(connection: string, text: string): void {
    this.write({ ...this.read(connection), draft: text })
  }

  /** Newest first. */
  history(connection: string, search: string | undefined, limit: number): QueryHistoryEntry[] {
    const needle = search?.toLowerCase()
    const entries = this.read(connection).history.filter((e) => !needle || e.sql.toLowerCase().includes(needle))
    return entries.slice(0, limit)
  }

  record(connection: string, entries: QueryHistoryEntry[]): void {
    if (entries.length === 0) return
    const file = this.read(connection)
    const added = entries
      .map((e) => ({ ...e, sql: e.sql.length > HISTORY_SQL_LIMIT ? `${e.sql.slice(0, HISTORY_SQL_LIMIT)}…` : e.sql }))
      .reverse()
    this.write({ ...file, history: [...added, ...file.history].slice(0, HISTORY_LIMIT) })
  }
}

function isConsoleFile(value: unknown): value is ConsoleFile {
  if (typeof value !== 'object' || value === null) return false
  const file = value as Partial<ConsoleFile>
  return file.version === 1 && typeof file.connection === 'string' && typeof file.draft === 'string' && Array.isArray(file.history)
}
