import { performance } from 'node:perf_hooks'
import { QueryTypes, type Sequelize } from 'sequelize'
import type { ConnectionEncryption } from '../../../shared/contract'

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

interface PgSslRow {
  ssl: unknown
  version: unknown
  cipher: unknown
}

interface MysqlStatusRow {
  Variable_name: unknown
  Value: unknown
}

/**
 * Whether the session is encrypted, as the server reports it (not as the URL asked: `prefer`
 * may have fallen back to plain). SQLite has no wire, so no answer. A failing query (a proxy
 * that hides pg_stat_ssl, a restricted account) answers undefined: the test itself still passes.
 */
export async function probeEncryption(sequelize: Sequelize): Promise<ConnectionEncryption | undefined> {
  const dialect = sequelize.getDialect()
  try {
    if (dialect === 'postgres') {
      const rows = await sequelize.query<PgSslRow>('SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()', {
        type: QueryTypes.SELECT,
        logging: false,
      })
      const row = rows[0]
      if (!row) return undefined
      return row.ssl === true ? { encrypted: true, version: textOrNull(row.version), cipher: textOrNull(row.cipher) } : { encrypted: false }
    }
    if (dialect === 'mysql') {
      const rows = await sequelize.query<MysqlStatusRow>("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version','Ssl_cipher')", {
        type: QueryTypes.SELECT,
        logging: false,
      })
      const value = (name: string) => textOrNull(rows.find((r) => String(r.Variable_name).toLowerCase() === name)?.Value)
      const version = value('ssl_version')
      const cipher = value('ssl_cipher')
      // A plain session reports both as empty strings.
      return version || cipher ? { encrypted: true, version, cipher } : { encrypted: false }
    }
  } catch {
    return undefined
  }
  return undefined
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}
