import type { Session } from '../connection/sessions'
import { PushedRows } from './pushed-rows'
import { mysqlColumn, shapeRow, type ShapedColumn } from './shape'
import type { ConsoleRunner, StatementOutput } from './runner'

/** The parts of a mysql2 connection (callback API, as Sequelize holds it) the console uses. */
interface MysqlConnection {
  threadId: number | null
  pause(): void
  resume(): void
  query(options: { sql: string; rowsAsArray: boolean }): MysqlQuery
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
}
interface MysqlHeader {
  affectedRows: number
  warningStatus: number
}

/** The console on MySQL/MariaDB: a pooled mysql2 connection; cancel by KILL QUERY from another pooled connection. */
export async function mysqlRunner(session: Session): Promise<ConsoleRunner> {
  const manager = session.sequelize.connectionManager
  const connection = (await manager.getConnection({ type: 'write' })) as unknown as MysqlConnection
  const cancel = async (): Promise<void> => {
    if (connection.threadId === null) return
    await session.sequelize.query(`KILL QUERY ${Number(connection.threadId)}`, { raw: true })
  }
  const run = (sql: string, rowLimit: number, wholeBinary = false) => runOn(connection, sql, rowLimit, cancel, wholeBinary)
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
    cancel,
    async release() {
      manager.releaseConnection(connection)
    },
  }
}

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
  let header: MysqlHeader | null = null
  // Rows arrive one by one ('result') and are not collected by mysql2 when no callback is given.
  connection
    .query({ sql, rowsAsArray: true })
    .on('fields', (fields) => {
      // mysql2 emits 'fields' with nothing for statements that return no rows.
      if (fields) columns = fields.map((f) => mysqlColumn(f.name, f.columnType))
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
