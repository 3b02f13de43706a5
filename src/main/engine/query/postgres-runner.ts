import pg from 'pg'
import type { Session } from '../connection/sessions'
import { pgColumn, RowWindow, type ShapedColumn } from './shape'
import type { ConsoleRunner, StatementOutput } from './runner'

/** pg's own parsers for the types that are exact as JS values; every other value stays the server's text. */
const EXACT_OIDS = new Set([16, 17, 21, 23, 26, 701]) // bool, bytea, int2, int4, oid, float8 (round-trip digits since PG 12)
const identity = (value: string): string => value
const consoleTypes = {
  getTypeParser: (oid: number, format?: string): ((value: string) => unknown) =>
    EXACT_OIDS.has(oid) && format !== 'binary' ? (pg.types.getTypeParser(oid) as (value: string) => unknown) : identity,
}

interface PgField {
  name: string
  dataTypeID: number
}

/** The console on PostgreSQL: a pooled pg.Client; cancel by pg_cancel_backend from another pooled connection. */
export async function postgresRunner(session: Session): Promise<ConsoleRunner> {
  const manager = session.sequelize.connectionManager
  const client = (await manager.getConnection({ type: 'write' })) as pg.Client
  const pid = (client as pg.Client & { processID: number | null }).processID
  return {
    run: (sql, rowLimit) => runOn(client, sql, rowLimit),
    async enforceReadOnly() {
      // Applies to every transaction the session starts from now on, autocommit statements included.
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY')
    },
    async cancel() {
      if (pid === null) return
      await session.sequelize.query('SELECT pg_cancel_backend($1)', { bind: [pid], plain: true, raw: true })
    },
    async release() {
      manager.releaseConnection(client)
    },
  }
}

function runOn(client: pg.Client, sql: string, rowLimit: number): Promise<StatementOutput> {
  const notices: string[] = []
  const onNotice = (notice: { severity?: string; message?: string }) =>
    notices.push(`${notice.severity ?? 'NOTICE'}: ${notice.message ?? ''}`)
  client.on('notice', onNotice)
  return new Promise<StatementOutput>((resolve, reject) => {
    const window = new RowWindow(rowLimit)
    let columns: ShapedColumn[] | null = null
    // rowMode is not in @types/pg's QueryConfig, but pg reads it: rows as arrays keep repeated column names.
    const config = { text: sql, rowMode: 'array', types: consoleTypes }
    const query = new pg.Query(config as pg.QueryConfig)
    // A 'row' listener stops pg from collecting rows itself: only the window's rows are kept.
    query.on('row', (row: unknown[], result?: { fields: PgField[] }) => {
      columns ??= (result?.fields ?? []).map((f) => pgColumn(f.name, f.dataTypeID))
      window.push(row, columns)
    })
    query.on('error', (error: Error) => reject(error))
    query.on('end', (result: { fields: PgField[]; rowCount: number | null; command: string }) => {
      const returnsRows = result.fields.length > 0
      columns ??= result.fields.map((f) => pgColumn(f.name, f.dataTypeID))
      resolve({
        returnsRows,
        columns: columns.map((c) => c.column),
        rows: window.rows,
        moreRows: window.moreRows,
        affectedRows:
          !returnsRows && ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(result.command) ? (result.rowCount ?? 0) : null,
        notices,
      })
    })
    client.query(query)
  }).finally(() => client.off('notice', onNotice))
}
