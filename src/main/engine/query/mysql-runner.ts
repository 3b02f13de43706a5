import { sqlModesOf } from '../connection/mysql-sql-mode'
import type { Session } from '../connection/sessions'
import { PushedRows } from './pushed-rows'
import { mysqlColumn, shapeRow, type ShapedColumn } from './shape'
import type { ColumnOrigin, ConnectionManagerInternals, ConsoleRunner, RunnerOptions, StatementOutput } from './runner'

/** The parts of a mysql2 connection (callback API, as Sequelize holds it) the console uses. */
interface MysqlConnection {
  threadId: number | null
  _fatalError?: unknown
  _protocolError?: unknown
  _closing?: boolean
  pause(): void
  resume(): void
  query(options: { sql: string; rowsAsArray: boolean }): MysqlQuery
  /** Closes the socket: Sequelize's pool then drops the connection instead of lending it again. */
  destroy(): void
  /** COM_RESET_CONNECTION: the session as a new connection has it (transaction rolled back, temporary tables, locks, variables). */
  reset(callback: (error: Error | null) => void): void
}
interface MysqlQuery {
  on(event: 'fields', listener: (fields: MysqlField[] | undefined) => void): MysqlQuery
  on(event: 'result', listener: (row: unknown[] | MysqlHeader) => void): MysqlQuery
  on(event: 'error', listener: (error: Error) => void): MysqlQuery
  on(event: 'end', listener: () => void): MysqlQuery
}
interface MysqlField {
  name: string
  columnType: number
  db?: string
  orgTable?: string
  orgName?: string
}
interface MysqlHeader {
  affectedRows: number
  warningStatus: number
  /** The server's status flags in its OK reply (SERVER_STATUS_IN_TRANS is 1). */
  serverStatus?: number
}

/**
 * The console on MySQL/MariaDB: a pooled mysql2 connection (or, for a Query tab in manual mode, one
 * of its own); cancel by KILL QUERY from another pooled connection.
 */
export async function mysqlRunner(session: Session, options: RunnerOptions = { dedicated: false }): Promise<ConsoleRunner> {
  const manager = session.sequelize.connectionManager as unknown as ConnectionManagerInternals
  const connection = (
    options.dedicated ? await manager._connect(manager.config) : await manager.getConnection({ type: 'write' })
  ) as MysqlConnection
  const cancel = async (): Promise<void> => {
    if (connection.threadId === null) return
    await session.sequelize.query(`KILL QUERY ${Number(connection.threadId)}`, { raw: true })
  }
  const run = (sql: string, rowLimit: number, wholeBinary = false) => runOn(connection, sql, rowLimit, cancel, wholeBinary)
  // The user's SQL runs with the server's own sql_mode (backslash escapes, strictness); the engine's goes back on release.
  const sqlModes = sqlModesOf(connection)
  if (sqlModes?.server) await run(`SET SESSION sql_mode = ${sqlModes.server}`, 1)
  // MariaDB limits every statement (seconds); MySQL only SELECTs (milliseconds).
  const mariadb = /mariadb/i.test(session.info.serverVersion)
  const timeoutSql = (value: string) => `SET SESSION ${mariadb ? 'max_statement_time' : 'max_execution_time'} = ${value}`
  let timeout: number | null = null
  return {
    async run(sql, rowLimit, options) {
      const output = await run(sql, rowLimit, options?.wholeBinary)
      // The OK header of DML counts warnings; a result set's end does not reach us, so a SELECT always asks.
      if ((output.notices.length > 0 || output.returnsRows) && !output.more) {
        // The server keeps their text until the next statement.
        const warnings = await run('SHOW WARNINGS', 100)
        output.notices = warnings.rows.map((row) => row.map(String).join(' '))
      }
      return output
    },
    async enforceReadOnly() {
      // Every later transaction on this connection, autocommit statements included, is read-only; DDL too (error 1792).
      await run('SET SESSION TRANSACTION READ ONLY', 1)
    },
    async setStatementTimeout(seconds) {
      if (seconds === timeout) return
      await run(timeoutSql(seconds === null ? '0' : String(mariadb ? seconds : Math.round(seconds * 1000))), 1)
      timeout = seconds
    },
    cancel,
    alive: () => !connection._fatalError && !connection._protocolError && !connection._closing,
    transactionOpen: () => !options.dedicated && ((serverStatuses.get(connection) ?? 0) & SERVER_STATUS_IN_TRANS) !== 0,
    async rollBackLeftOpen() {
      if (options.dedicated || !(await inTransaction(connection))) return false
      await run('ROLLBACK', 1)
      return true
    },
    async release() {
      if (options.dedicated) return manager._disconnect(connection).catch(() => undefined)
      // The pool lends this connection to the grid next: nothing the user's SQL did may stay. COM_RESET_CONNECTION rolls
      // back, drops temporary tables (one named like a table would hide it from the grid), lets go of table and named
      // locks and puts every session variable back to the server's (the console's limit, sql_select_limit, autocommit,
      // foreign_key_checks, a frozen timestamp …); then the engine's own sql_mode, time zone and character sets go back.
      // If either fails, the connection goes.
      const restored = await new Promise<boolean>((resolve) => connection.reset((error) => resolve(!error))).then(async (reset) => {
        if (!reset || !sqlModes) return false
        return run(sqlModes.restore, 1).then(
          () => true,
          () => false,
        )
      })
      if (!restored) connection.destroy()
      manager.releaseConnection(connection)
    },
  }
}

/** The status flags of the server's last OK reply on each connection (a result set's end does not reach us). */
const serverStatuses = new WeakMap<MysqlConnection, number>()

/** Whether the server says a transaction is open on this connection (the status flags of its reply to a no-op). */
function inTransaction(connection: MysqlConnection): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let status = 0
    connection
      .query({ sql: 'DO 0', rowsAsArray: true })
      .on('result', (row) => {
        if (!Array.isArray(row)) status = row.serverStatus ?? 0
      })
      .on('error', reject)
      .on('end', () => resolve((status & SERVER_STATUS_IN_TRANS) !== 0))
  })
}

const SERVER_STATUS_IN_TRANS = 1

async function runOn(
  connection: MysqlConnection,
  sql: string,
  rowLimit: number,
  cancel: () => Promise<void>,
  wholeBinary: boolean,
): Promise<StatementOutput> {
  // mysql2's own pause: it stops handing over packets at once and stops reading the socket.
  const pushed = new PushedRows(connection, rowLimit)
  let columns: ShapedColumn[] | null = null
  let origins: ColumnOrigin[] = []
  let header: MysqlHeader | null = null
  // Rows arrive one by one ('result') and are not collected by mysql2 when no callback is given.
  connection
    .query({ sql, rowsAsArray: true })
    .on('fields', (fields) => {
      // mysql2 emits 'fields' with nothing for statements that return no rows.
      if (fields) columns = fields.map((f) => mysqlColumn(f.name, f.columnType))
      if (fields) origins = fields.map((f) => ({ database: f.db ?? '', table: f.orgTable ?? '', column: f.orgName ?? '' }))
    })
    .on('result', (row) => {
      if (!Array.isArray(row)) {
        header = row
        serverStatuses.set(connection, row.serverStatus ?? 0)
      } else if (columns) pushed.push(shapeRow(row, columns, wholeBinary))
    })
    .on('error', (error) => pushed.fail(error))
    .on('end', () => pushed.end())
  const page = await pushed.take(rowLimit)
  const shaped: ShapedColumn[] = columns ?? []
  const done = header as MysqlHeader | null // set in a listener: TypeScript cannot see it
  return {
    returnsRows: columns !== null,
    columns: shaped.map((c) => c.column),
    kinds: shaped.map((c) => c.codec.kind),
    rows: page.rows,
    moreRows: !page.done,
    affectedRows: columns === null && done ? done.affectedRows : null,
    notices: done && done.warningStatus > 0 ? [`${done.warningStatus} warning(s)`] : [],
    origins,
    more: page.done
      ? null
      : {
          next: (count) => pushed.take(count),
          async close() {
            if (!pushed.done) await cancel()
            await pushed.discard()
          },
        },
  }
}
