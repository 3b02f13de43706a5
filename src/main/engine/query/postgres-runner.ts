import pg from 'pg'
import { consoleIntervalStyleOf, restoreEngineSession } from '../connection/output-settings'
import type { Session } from '../connection/sessions'
import { PushedRows } from './pushed-rows'
import { pgColumn, shapeRow, type ShapedColumn } from './shape'
import type { ConnectionManagerInternals, ConsoleRunner, RunnerOptions, StatementOutput } from './runner'

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
  tableID: number
  columnID: number
}

/**
 * The console on PostgreSQL: a pooled pg.Client (or, for a Query tab in manual mode, one of its own,
 * made the way the pool makes them); cancel by pg_cancel_backend from another pooled connection.
 */
export async function postgresRunner(session: Session, options: RunnerOptions = { dedicated: false }): Promise<ConsoleRunner> {
  const manager = session.sequelize.connectionManager as unknown as ConnectionManagerInternals
  const client = (options.dedicated ? await manager._connect(manager.config) : await manager.getConnection({ type: 'write' })) as pg.Client
  const pid = (client as pg.Client & { processID: number | null }).processID
  // Sequelize's connections only pass on WARNING and worse; the console shows NOTICEs too. The user's SQL reads and
  // prints intervals in the database's own style. The engine's settings go back on release (restoreEngineSession).
  const intervalStyle = consoleIntervalStyleOf(client)
  await client.query(`SET client_min_messages TO notice${intervalStyle ? `; SET IntervalStyle = ${intervalStyle}` : ''}`)
  const cancel = async (): Promise<void> => {
    if (pid === null) return
    await session.sequelize.query('SELECT pg_cancel_backend($1)', { bind: [pid], plain: true, raw: true })
  }
  let timeout: number | null = null
  return {
    run: (sql, rowLimit, options) => runOn(client, sql, rowLimit, cancel, options?.wholeBinary ?? false),
    async enforceReadOnly() {
      // Applies to every transaction the session starts from now on, autocommit statements included.
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY')
    },
    async setStatementTimeout(seconds) {
      if (seconds === timeout) return
      // For the connection's session, since each autocommit statement is a transaction of its own (SET LOCAL would end with it).
      await client.query(`SET statement_timeout = ${seconds === null ? 0 : Math.round(seconds * 1000)}`)
      timeout = seconds
    },
    cancel,
    alive: () => {
      const state = client as pg.Client & { _invalid?: boolean; _ending?: boolean }
      return !state._invalid && !state._ending
    },
    transactionOpen: () => !options.dedicated && client.getTransactionStatus() !== 'I',
    async rollBackLeftOpen() {
      // pg's ReadyForQuery status: I idle, T in a transaction, E in a failed one.
      if (options.dedicated || client.getTransactionStatus() === 'I') return false
      await client.query('ROLLBACK')
      return true
    },
    async release() {
      if (options.dedicated) return manager._disconnect(client).catch(() => undefined)
      try {
        // The grid must never work inside the user's transaction (its commit would commit theirs).
        if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK')
        // Whatever the user's SQL set (floats, dates, time zone, search_path, temporary tables …) and the console's own
        // client_min_messages and statement_timeout: the grid reads by the engine's.
        await restoreEngineSession(client)
      } catch {
        // Not put back: ended, so the pool drops it (Sequelize checks a connection before lending it) and the grid gets a new one.
        await client.end().catch(() => undefined)
      } finally {
        manager.releaseConnection(client)
      }
    },
  }
}

/** The socket pg reads the server's messages from (pausing it makes the server wait). */
const socketOf = (client: pg.Client): { pause(): void; resume(): void } =>
  (client as unknown as { connection: { stream: { pause(): void; resume(): void } } }).connection.stream

async function runOn(
  client: pg.Client,
  sql: string,
  rowLimit: number,
  cancel: () => Promise<void>,
  wholeBinary: boolean,
): Promise<StatementOutput> {
  const notices: string[] = []
  const onNotice = (notice: { severity?: string; message?: string }) =>
    notices.push(`${notice.severity ?? 'NOTICE'}: ${notice.message ?? ''}`)
  client.on('notice', onNotice)
  const pushed = new PushedRows(socketOf(client), rowLimit)
  let columns: ShapedColumn[] | null = null
  let rowFields: PgField[] | null = null
  let end: { fields: PgField[]; rowCount: number | null; command: string } | null = null
  // rowMode is not in @types/pg's QueryConfig, but pg reads it: rows as arrays keep repeated column names.
  const config = { text: sql, rowMode: 'array', types: consoleTypes }
  const query = new pg.Query(config as pg.QueryConfig)
  // A 'row' listener stops pg from collecting rows itself: only the pages asked for are kept.
  query.on('row', (row: unknown[], result?: { fields: PgField[] }) => {
    rowFields ??= result?.fields ?? []
    columns ??= rowFields.map((f) => pgColumn(f.name, f.dataTypeID))
    pushed.push(shapeRow(row, columns, wholeBinary))
  })
  query.on('error', (error: Error) => pushed.fail(error))
  query.on('end', (result: { fields: PgField[]; rowCount: number | null; command: string }) => {
    end = result
    pushed.end()
  })
  void pushed.finished.then(() => client.off('notice', onNotice))
  client.query(query)
  const page = await pushed.take(rowLimit)
  const finished = end as { fields: PgField[]; rowCount: number | null; command: string } | null
  const fields = columns ?? (finished?.fields ?? []).map((f) => pgColumn(f.name, f.dataTypeID))
  const returnsRows = columns !== null || (finished?.fields.length ?? 0) > 0
  const originFields: PgField[] = (rowFields as PgField[] | null) ?? finished?.fields ?? []
  return {
    returnsRows,
    columns: fields.map((c) => c.column),
    kinds: fields.map((c) => c.codec.kind),
    rows: page.rows,
    moreRows: !page.done,
    affectedRows:
      !returnsRows && finished && ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(finished.command)
        ? (finished.rowCount ?? 0)
        : null,
    notices,
    origins: originFields.map((f) => ({ tableId: f.tableID, columnId: f.columnID })),
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
