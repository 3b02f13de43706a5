import { performance } from 'node:perf_hooks'
import { QueryTypes, type Sequelize } from 'sequelize'

export interface ServerFacts {
  serverVersion: string
  /** The database the connection landed in (for SQLite, the file's full path). */
  database: string
  /** Round trip of the facts query on an open connection, in whole milliseconds. */
  latencyMs: number
}

const FACTS_SQL = {
  mysql: 'SELECT VERSION() AS version, DATABASE() AS db',
  // server_version is the short form ("16.4 (Debian …)"); version() adds compiler and platform.
  postgres: "SELECT current_setting('server_version') AS version, current_database() AS db",
  // The main database's file ('' for an in-memory one).
  sqlite: "SELECT sqlite_version() AS version, (SELECT file FROM pragma_database_list WHERE name = 'main') AS db",
} as const

interface FactsRow {
  version: unknown
  db?: unknown
}

/**
 * Proves the connection works and reads what the UI shows about it. `authenticate` opens the
 * connection (so connect failures surface here); the facts query then runs on the open
 * connection, which makes its time a fair round-trip figure.
 */
export async function probeConnection(sequelize: Sequelize): Promise<ServerFacts> {
  await sequelize.authenticate({ logging: false })
  const dialect = sequelize.getDialect()
  const sql = dialect === 'mysql' || dialect === 'postgres' ? FACTS_SQL[dialect] : FACTS_SQL.sqlite
  const started = performance.now()
  const rows = await sequelize.query<FactsRow>(sql, { type: QueryTypes.SELECT, logging: false })
  const latencyMs = Math.max(0, Math.round(performance.now() - started))
  const row = rows[0]
  const database = String(row?.db ?? '') || (dialect === 'sqlite' ? ':memory:' : '')
  return { serverVersion: String(row?.version ?? 'unknown'), database, latencyMs }
}
