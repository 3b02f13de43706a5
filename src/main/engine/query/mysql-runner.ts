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
  if (sqlModes) await run(`SET SESSION sql_mode = ${sqlModes.server}`, 1)
  // MariaDB limits every statement (seconds); MySQL only SELECTs (milliseconds).
  const mariadb = /mariadb/i.test(session.info.serverVersion)
  const timeoutSql = (value: string) => `SET SESSION ${mariadb ? 'max_statement_time' : 'max_execution_time'} = ${value}`
  let timeout: number | null = null
  let madeTemporary = false
  /** Followed from the statements' text: MySQL tells a transaction's state only in replies mysql2 does not hand on. */
  let transactionOpen = false
  return {
    async run(sql, rowLimit, options) {
      madeTemporary ||= TEMPORARY.test(sql)
      transactionOpen = opensOrEndsTransaction(sql) ?? transactionOpen
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
    async rollBackLeftOpen() {
      if (options.dedicated || !transactionOpen) return false
      await run('ROLLBACK', 1)
      transactionOpen = false
      return true
    },
    async release() {
      if (options.dedicated) return manager._disconnect(connection).catch(() => undefined)
      // The pool lends this connection to the grid next: it must not keep the console's limit or modes.
      if (timeout !== null) await run(timeoutSql('DEFAULT'), 1).catch(() => undefined)
      // Whatever the user's SQL set (sql_mode, time_zone, character sets, table and named locks: sqlModes.restore), the grid reads by the engine's;
      // if that fails, the connection goes. A temporary table cannot be listed on every server, and one named like a table
      // hides it from the grid on that connection (it would show and edit the copy): the connection goes too.
      const restored = await (async () => {
        // First, before anything that commits implicitly (autocommit back on, UNLOCK TABLES): the grid must never commit the user's transaction.
        await run('ROLLBACK', 1)
        await run('UNLOCK TABLES', 1)
        if (sqlModes) await run(sqlModes.restore, 1)
      })().then(
        () => true,
        () => false,
      )
      if (!restored || madeTemporary) connection.destroy()
      manager.releaseConnection(connection)
    },
  }
}

/**
 * What a statement does to the transaction, read from its first words: true begins one (BEGIN,
 * START TRANSACTION, autocommit off), false ends one (COMMIT, ROLLBACK, autocommit on), undefined neither.
 */
function opensOrEndsTransaction(sql: string): boolean | undefined {
  const words = sql.replace(/^(\s|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '').toUpperCase()
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(words)) return true
  if (/^(COMMIT|ROLLBACK)\b/.test(words) && !/^ROLLBACK\s+(WORK\s+)?TO\b/.test(words)) return false
  const autocommit = /^SET\s+(SESSION\s+|@@SESSION\.|@@|LOCAL\s+)?AUTOCOMMIT\s*(=|:=)\s*(\w+)/.exec(words)
  if (autocommit) return !['1', 'ON', 'TRUE', 'DEFAULT'].includes(autocommit[3])
  return undefined
}

/** A statement that may make a temporary table (CREATE TEMPORARY TABLE, and whatever else names one). */
const TEMPORARY = /\btemporary\b/i

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
      if (!Array.isArray(row)) header = row
      else if (columns) pushed.push(shapeRow(row, columns, wholeBinary))
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
