import { createHash } from 'node:crypto'
import { from as copyFromStdin, to as copyToStdout, type CopyStreamQuery, type CopyToStreamQuery } from 'pg-copy-streams'
import type { Transaction } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'

/**
 * Bulk statements go straight to the driver connection of a Sequelize transaction: the
 * transaction (and its rollback) stays Sequelize's, but each batch skips Sequelize's per-query
 * work (re-scanning a statement of 65,000 placeholders) and can reuse a prepared statement.
 */
export interface StatementResult {
  /** Rows inserted or changed, as the driver reports them. */
  changes: number
  rows: Array<Record<string, unknown>>
  /** MySQL's info line (`Records: 3  Duplicates: 1  Warnings: 0`); empty elsewhere. */
  info: string
}

export interface RawConnection {
  readonly dialect: Dialect
  /**
   * Runs one statement. `reuse`: keep it prepared for the next batch of the same shape.
   * PostgreSQL also takes a text of several statements without parameters (one round trip), and
   * answers with the first statement's result.
   */
  run(sql: string, params: readonly unknown[], options?: { reuse?: boolean }): Promise<StatementResult>
  /** Frees prepared statements; call before the transaction ends. */
  release(): Promise<void>
  /**
   * PostgreSQL only: starts `COPY … FROM STDIN` and answers the stream to write its data to,
   * which takes up to `highWaterMark` bytes before it asks the writer to wait.
   */
  copyFrom?(sql: string, highWaterMark: number): CopyStreamQuery
  /** PostgreSQL only: starts `COPY … TO STDOUT` and answers the stream of its data. */
  copyTo?(sql: string): CopyToStreamQuery
  /** PostgreSQL only: the server process of this connection (for pg_cancel_backend). */
  readonly processId?: number | null
  /** SQLite only: stops the statement running on this connection (it fails with SQLITE_INTERRUPT). Used by Cancel. */
  interrupt?(): void
  /**
   * SQLite only: loads a SQLite extension into this connection, once per connection and file
   * (later calls answer the first one's outcome). node-sqlite3 allows loading only for the call
   * itself, so SQL's load_extension() stays refused.
   */
  loadExtension?(path: string): Promise<void>
  /**
   * A SELECT's rows as arrays in select-list order (no row objects keyed by name, no Sequelize pass
   * over the rows). Parameters are `$n` on PostgreSQL and SQLite; on MySQL the text comes with its
   * values already written in (the caller escapes them as Sequelize does).
   */
  selectArrays(sql: string, params: readonly unknown[]): Promise<unknown[][]>
}

interface SqliteStatement {
  run(params: unknown[], callback: (this: { changes: number }, error: Error | null) => void): void
  finalize(callback: (error: Error | null) => void): void
}
interface SqliteDatabase {
  all(sql: string, params: Record<string, unknown>, callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void): void
  run(sql: string, params: unknown[], callback: (this: { changes: number }, error: Error | null) => void): void
  all(sql: string, params: unknown[], callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void): void
  prepare(sql: string, callback: (error: Error | null) => void): SqliteStatement
  interrupt(): void
  loadExtension(path: string, callback: (error: Error | null) => void): void
}
interface PgResult {
  rowCount: number | null
  rows: Array<Record<string, unknown>>
}
interface PgClient {
  query(config: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>
  /** A text of several statements (no parameters) is answered with one result each. */
  query(config: { text: string; values: unknown[]; name?: string }): Promise<PgResult | PgResult[]>
  /** A submittable (the COPY stream) is queued like any query and answered as itself. */
  query(stream: CopyStreamQuery): CopyStreamQuery
  query(stream: CopyToStreamQuery): CopyToStreamQuery
  processID?: number | null
}
interface MysqlResult {
  affectedRows?: number
  info?: string
}
type MysqlCallback = (error: Error | null, result: MysqlResult | Array<Record<string, unknown>>) => void
interface MysqlConnection {
  query(options: { sql: string; rowsAsArray: true }, callback: (error: Error | null, rows: unknown[][]) => void): void
  query(sql: string, params: unknown[], callback: MysqlCallback): void
  execute(sql: string, params: unknown[], callback: MysqlCallback): void
  unprepare(sql: string): void
  config?: { clientFlags?: number }
}

/** The driver connection a Sequelize transaction holds (Sequelize keeps it on `transaction.connection`). */
export function rawConnection(dialect: Dialect, transaction: Transaction): RawConnection {
  const connection = (transaction as unknown as { connection?: unknown }).connection
  if (!connection) throw new Error('the transaction has no connection yet')
  if (dialect === 'sqlite') return sqliteConnection(connection as SqliteDatabase)
  if (dialect === 'postgres') return postgresConnection(connection as PgClient)
  return mysqlConnection(connection as MysqlConnection)
}

/**
 * node-sqlite3 never calls back `run` or `finalize` on a statement whose preparation failed (say,
 * a trigger that writes to a dropped table): the import would wait forever inside its write
 * transaction, holding SQLite's write lock. So a statement is used only once its preparation has
 * answered, and a failed one is dropped (it holds no SQLite statement, so nothing to finalize).
 */
interface PreparedSqlite {
  statement: SqliteStatement
  ready: Promise<void>
}

/** Extensions loaded, per node-sqlite3 connection and file. */
const sqliteExtensions = new WeakMap<SqliteDatabase, Map<string, Promise<void>>>()

function loadSqliteExtension(db: SqliteDatabase, path: string): Promise<void> {
  let loaded = sqliteExtensions.get(db)
  if (!loaded) sqliteExtensions.set(db, (loaded = new Map<string, Promise<void>>()))
  let loading = loaded.get(path)
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => db.loadExtension(path, (error) => (error ? reject(error) : resolve())))
    loaded.set(path, loading)
  }
  return loading
}

function sqliteConnection(db: SqliteDatabase): RawConnection {
  const prepared = new Map<string, PreparedSqlite>()
  const statementFor = (sql: string): PreparedSqlite => {
    let entry = prepared.get(sql)
    if (!entry) {
      let statement: SqliteStatement | undefined
      const ready = new Promise<void>((resolve, reject) => {
        statement = db.prepare(sql, (error) => (error ? reject(error) : resolve()))
      })
      entry = { statement: statement!, ready }
      prepared.set(sql, entry)
      // The run that asked reports the error; the map forgets the statement.
      ready.catch(() => prepared.delete(sql))
    }
    return entry
  }
  return {
    dialect: 'sqlite',
    async run(sql, params, options) {
      const values = params as unknown[]
      if (/^\s*select/i.test(sql)) {
        return new Promise((resolve, reject) =>
          db.all(sql, values, (error, rows) => (error ? reject(error) : resolve({ changes: 0, rows, info: '' }))),
        )
      }
      const entry = options?.reuse ? statementFor(sql) : null
      if (entry) await entry.ready
      return new Promise((resolve, reject) => {
        const done = function (this: { changes: number }, error: Error | null) {
          if (error) reject(error)
          else resolve({ changes: this.changes, rows: [], info: '' })
        }
        if (entry) entry.statement.run(values, done)
        else db.run(sql, values, done)
      })
    },
    async release() {
      const entries = [...prepared.values()]
      prepared.clear()
      await Promise.all(
        entries.map((entry) =>
          entry.ready.then(
            () => new Promise<void>((resolve) => entry.statement.finalize(() => resolve())),
            () => undefined,
          ),
        ),
      )
    },
    interrupt() {
      db.interrupt()
    },
    loadExtension(path) {
      return loadSqliteExtension(db, path)
    },
    selectArrays(sql, params) {
      // Named as Sequelize binds them ($1 is a name to SQLite; positions would follow first use).
      const named: Record<string, unknown> = {}
      params.forEach((value, i) => {
        named[`$${i + 1}`] = typeof value === 'bigint' ? value.toString() : value
      })
      return new Promise((resolve, reject) =>
        db.all(sql, named, (error, rows) => (error ? reject(error) : resolve(rows.map((row) => Object.values(row))))),
      )
    },
  }
}

function postgresConnection(client: PgClient): RawConnection {
  return {
    dialect: 'postgres',
    async run(sql, params, options) {
      const name = options?.reuse ? `rowboat_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}` : undefined
      const answer = await client.query({ text: sql, values: params as unknown[], ...(name ? { name } : {}) })
      // Several statements in one text: the first is the one asked about, the rest only tidy up.
      const result = Array.isArray(answer) ? answer[0] : answer
      return { changes: result.rowCount ?? 0, rows: result.rows, info: '' }
    },
    async release() {},
    copyFrom(sql, highWaterMark) {
      return client.query(copyFromStdin(sql, { highWaterMark }))
    },
    copyTo(sql) {
      return client.query(copyToStdout(sql))
    },
    processId: client.processID ?? null,
    async selectArrays(sql, params) {
      return (await client.query({ text: sql, values: params as unknown[], rowMode: 'array' })).rows
    },
  }
}

/** mysql2's CLIENT_FOUND_ROWS flag: an ON DUPLICATE KEY clash that changes nothing still counts as found. */
const CLIENT_FOUND_ROWS = 2

function mysqlConnection(connection: MysqlConnection): RawConnection {
  const prepared = new Set<string>()
  return {
    dialect: 'mysql',
    run(sql, params, options) {
      return new Promise((resolve, reject) => {
        const done: MysqlCallback = (error, result) => {
          if (error) return reject(error)
          if (Array.isArray(result)) return resolve({ changes: 0, rows: result, info: '' })
          resolve({ changes: result.affectedRows ?? 0, rows: [], info: result.info ?? '' })
        }
        if (options?.reuse) {
          prepared.add(sql)
          connection.execute(sql, params as unknown[], done)
        } else {
          connection.query(sql, params as unknown[], done)
        }
      })
    },
    async release() {
      for (const sql of prepared) connection.unprepare(sql)
      prepared.clear()
    },
    selectArrays(sql, params) {
      if (params.length > 0) throw new Error('selectArrays on MySQL takes its values written into the text')
      // The session's own conversion (connect.ts: mysql2's, JSON kept as text by jsonStrings).
      return new Promise((resolve, reject) =>
        connection.query({ sql, rowsAsArray: true }, (error, rows) => (error ? reject(error) : resolve(rows))),
      )
    },
  }
}

/** Whether MySQL's info line counts unchanged duplicates (see import-writer.ts). */
export function mysqlCountsFoundRows(transaction: Transaction): boolean {
  const connection = (transaction as unknown as { connection?: MysqlConnection }).connection
  const flags = connection?.config?.clientFlags
  return typeof flags === 'number' && (flags & CLIENT_FOUND_ROWS) !== 0
}
