import type { Session } from '../connection/sessions'
import { mysqlColumn, RowWindow, type ShapedColumn } from './shape'
import type { ConsoleRunner, StatementOutput } from './runner'

/** The parts of a mysql2 connection (callback API, as Sequelize holds it) the console uses. */
interface MysqlConnection {
  threadId: number | null
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
  const run = (sql: string, rowLimit: number) => runOn(connection, sql, rowLimit)
  return {
    async run(sql, rowLimit) {
      const output = await run(sql, rowLimit)
      if (output.notices.length > 0) {
        // The header only counts warnings; the server keeps their text until the next statement.
        const warnings = await run('SHOW WARNINGS', 100)
        output.notices = warnings.rows.map((row) => row.map(String).join(' '))
      }
      return output
    },
    async enforceReadOnly() {
      // Every later transaction on this connection, autocommit statements included, is read-only; DDL too (error 1792).
      await run('SET SESSION TRANSACTION READ ONLY', 1)
    },
    async cancel() {
      if (connection.threadId === null) return
      await session.sequelize.query(`KILL QUERY ${Number(connection.threadId)}`, { raw: true })
    },
    async release() {
      manager.releaseConnection(connection)
    },
  }
}

function runOn(connection: MysqlConnection, sql: string, rowLimit: number): Promise<StatementOutput> {
  return new Promise((resolve, reject) => {
    const window = new RowWindow(rowLimit)
    let columns: ShapedColumn[] | null = null
    let header: MysqlHeader | null = null
    let failed = false
    // Rows arrive one by one ('result') and are not collected by mysql2 when no callback is given.
    connection
      .query({ sql, rowsAsArray: true })
      .on('fields', (fields) => {
        // mysql2 emits 'fields' with nothing for statements that return no rows.
        if (fields) columns = fields.map((f) => mysqlColumn(f.name, f.columnType))
      })
      .on('result', (row) => {
        if (Array.isArray(row)) {
          if (columns) window.push(row, columns)
        } else header = row
      })
      .on('error', (error) => {
        failed = true
        reject(error)
      })
      .on('end', () => {
        if (failed) return
        const shaped: ShapedColumn[] = columns ?? []
        const done: MysqlHeader | null = header
        resolve({
          returnsRows: columns !== null,
          columns: shaped.map((c) => c.column),
          rows: window.rows,
          moreRows: window.moreRows,
          affectedRows: columns === null && done ? done.affectedRows : null,
          notices: done && done.warningStatus > 0 ? [`${done.warningStatus} warning(s)`] : [],
        })
      })
  })
}
