import { QueryTypes, Transaction } from 'sequelize'
import type { ColumnInfo, TableInfo } from '../../../shared/contract'
import type { Row } from '../../../shared/values'
import { describeTable } from '../schema'
import type { Session } from '../connection/sessions'
import { rowReader, selectColumns, toDbValue } from './value-codec'
import { quoteIdentifier } from './identifiers'
import { directSelect, directSelectArrays } from './direct-select'
import { BindParams } from './sql'
import { quotedTable, type SqlTarget } from './target'

/** The SQL target for a table of this session: our own quoting (never Sequelize's), the value codec's encoding. */
export function sqlTarget(session: Session, table: TableInfo): SqlTarget {
  const dialect = session.config.dialect
  return {
    dialect,
    table,
    quote: (identifier) => quoteIdentifier(dialect, identifier),
    encode: (value, column) => toDbValue(value, column, dialect),
  }
}

export async function loadTarget(session: Session, table: string): Promise<SqlTarget> {
  return sqlTarget(session, await describeTable(session, table))
}

/** Every column through the codec's lossless SELECT expression (aliased by position: read with `selectRows`). */
export function selectList(target: SqlTarget): string {
  return tableSelectColumns(target, target.table.columns)
}

/** These columns of the target's table, qualified by it (a SELECT … FROM the table; see `selectExpression`). */
export function tableSelectColumns(target: SqlTarget, columns: readonly ColumnInfo[]): string {
  return selectColumns(target.dialect, columns, quotedTable(target))
}

export interface QueryOptions {
  transaction?: Transaction | undefined
}

/**
 * Runs a SELECT with bind parameters and answers the raw rows. Outside a transaction it goes to a
 * pooled connection directly (direct-select.ts: a page's cost is then close to the driver's).
 */
export async function selectRaw(
  session: Session,
  sql: string,
  params: BindParams,
  options: QueryOptions = {},
): Promise<Array<Record<string, unknown>>> {
  if (!options.transaction) return directSelect(session.sequelize, session.config.dialect, sql, params.values)
  return session.sequelize.query<Record<string, unknown>>(params.text(sql), {
    type: QueryTypes.SELECT,
    ...params.queryOptions(),
    transaction: options.transaction,
  })
}

/** Raw rows of a read outside any transaction: arrays in select-list order where the driver can give them, else objects by alias. */
export type RawRows = { arrays: true; rows: unknown[][] } | { arrays: false; rows: Array<Record<string, unknown>> }

/** `selectRaw` outside a transaction, each row an array where the driver has that mode (MySQL, PostgreSQL; not sqlite3). */
export async function selectRawRows(session: Session, sql: string, params: BindParams): Promise<RawRows> {
  const dialect = session.config.dialect
  if (dialect === 'sqlite') return { arrays: false, rows: await directSelect(session.sequelize, dialect, sql, params.values) }
  return { arrays: true, rows: await directSelectArrays(session.sequelize, dialect, sql, params.values) }
}

/** Runs a SELECT of `selectList` and converts each row with the codec. */
export async function selectRows(
  session: Session,
  target: SqlTarget,
  sql: string,
  params: BindParams,
  options: QueryOptions = {},
): Promise<Row[]> {
  const raw = await selectRaw(session, sql, params, options)
  return raw.map(rowReader(target.table.columns))
}

/** UPDATE/DELETE with bind parameters; answers the rows the statement matched (see `write.ts` for MySQL). */
export async function runChange(
  session: Session,
  sql: string,
  params: BindParams,
  kind: 'update' | 'delete',
  transaction: Transaction,
): Promise<number> {
  const affected: unknown = await session.sequelize.query(params.text(sql), {
    type: kind === 'update' ? QueryTypes.BULKUPDATE : QueryTypes.BULKDELETE,
    ...params.queryOptions(),
    transaction,
  })
  return Number(affected)
}

/**
 * One write transaction. SQLite's starts IMMEDIATE: it takes the write lock up front, so the
 * row read for the conflict check cannot change before the write (SQLite has no FOR UPDATE).
 */
export async function inWriteTransaction<T>(session: Session, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  const options = session.config.dialect === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {}
  return session.sequelize.transaction(options, work)
}

/** `FOR UPDATE` where the dialect has row locks (SQLite's transaction already holds the write lock). */
export function lockClause(target: SqlTarget): string {
  return target.dialect === 'sqlite' ? '' : ' FOR UPDATE'
}

export function fromClause(target: SqlTarget): string {
  return `FROM ${quotedTable(target)}`
}
