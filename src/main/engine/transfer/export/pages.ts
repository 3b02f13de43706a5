import type { Transaction } from 'sequelize'
import type { ColumnInfo, Filter } from '../../../../shared/contract'
import type { Session } from '../../connection/sessions'
import { fromClause, selectRaw } from '../../records/access'
import { keyValues, orderByClause, resolveSortKeys, seekable, seekCondition, type SortKey } from '../../records/keyset'
import { keyValueOf, orderTerm, type KeyValue } from '../../records/order-terms'
import { replacePlaceholders } from '../../records/identifiers'
import { BindParams, limitClause } from '../../records/sql'
import { columnRef, type SqlTarget } from '../../records/target'
import { selectionCondition } from '../../records/where'
import { sortRefusal } from '../../schema/ordering'
import { rawConnection } from '../driver'
import { throwIfCancelled } from '../jobs'

/** What one export reads: the records engine's selection, order and lossless select list. */
export interface ExportPlan {
  session: Session
  target: SqlTarget
  /** The exported columns; the select list names them c0, c1, … and the sort keys' values after them. */
  columns: readonly ColumnInfo[]
  selection: { filters: Filter[]; search?: string | undefined }
  order: { keys: SortKey[]; seek: boolean }
  /** The SELECT list: the columns' lossless expressions, then the keys' (when paging by keyset). */
  selected: string
  transaction: Transaction
  signal: AbortSignal
}

/** Rows per query of the reference path: enough to keep round trips few, small enough to keep memory flat. */
const PAGE_ROWS = 2000
/** Rows per query of the fast path, whose rows are arrays with no object per row: fewer round trips. */
export const ARRAY_PAGE_ROWS = 5000

/**
 * The order rows are read in. With a primary key: the requested sort plus the key, continued by
 * keyset (each page starts after the last row). Without one, rows cannot be told apart, so pages
 * continue by row number over an order on every column (identical rows are interchangeable);
 * the read transaction keeps that order fixed from page to page.
 */
export function exportOrder(target: SqlTarget, sort: Parameters<typeof resolveSortKeys>[1]): { keys: SortKey[]; seek: boolean } {
  const keys = resolveSortKeys(target, sort)
  if (seekable(target)) return { keys, seek: true }
  const sorted = new Set(keys.map((k) => k.column.name))
  const rest = target.table.columns.filter((c: ColumnInfo) => !sortRefusal(target.dialect, c) && !sorted.has(c.name))
  return { keys: [...keys, ...rest.map((column) => ({ column, direction: 'asc' as const }))], seek: false }
}

/**
 * The records engine's ORDER BY, except on PostgreSQL when no key column can hold NULL: there it
 * says NULLS FIRST/LAST (so NULL ordering matches the other dialects), which PostgreSQL's default
 * b-tree indexes cannot serve, so every page would sort the whole rest of the table. Without NULLs
 * the plain direction orders the same, and the primary key's index is used.
 */
export function exportOrderBy(target: SqlTarget, keys: SortKey[]): string {
  const plain = target.dialect === 'postgres' && keys.length > 0 && keys.every((k) => !k.column.nullable && k.column.kind !== 'json')
  if (!plain) return orderByClause(target, keys)
  return `ORDER BY ${keys.map((k) => `${columnRef(target, k.column)} ${k.direction.toUpperCase()}`).join(', ')}`
}

/** The SELECT of the selection's rows from `after` (keyset) or `offset` on, `limit` of them (null: all). */
export function selectionSql(plan: ExportPlan, params: BindParams, after: KeyValue[] | null, limit: number | null, offset: number): string {
  const { target, order } = plan
  const conditions: string[] = []
  const where = selectionCondition(target, plan.selection, params)
  if (where) conditions.push(where)
  if (after && order.seek) conditions.push(seekCondition(target, order.keys, after, params))
  return [
    `SELECT ${plan.selected} ${fromClause(target)}`,
    conditions.length > 0 ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '',
    exportOrderBy(target, order.keys),
    limit === null ? '' : limitClause(limit, order.seek ? 0 : offset),
  ]
    .filter(Boolean)
    .join(' ')
}

/**
 * The reference path: pages of row objects through Sequelize, as records.page reads them. Kept
 * as it was: the fast paths are tested against it byte for byte, and take over only where that
 * test covers them.
 */
export async function readReferencePages(plan: ExportPlan, onPage: (rows: Array<Record<string, unknown>>) => Promise<void>): Promise<void> {
  let after: KeyValue[] | null = null
  let offset = 0
  for (;;) {
    throwIfCancelled(plan.signal, 'export')
    const params = new BindParams(plan.target.dialect)
    const sql = selectionSql(plan, params, after, PAGE_ROWS, offset)
    const raw = await selectRaw(plan.session, sql, params, { transaction: plan.transaction })
    if (raw.length === 0) break
    await onPage(raw)
    if (raw.length < PAGE_ROWS) break
    after = keyValues(raw[raw.length - 1], plan.order.keys)
    offset += raw.length
  }
}

/** One page of the fast path's reading as arrays: the rows from `after` (keyset) or `offset` on, ARRAY_PAGE_ROWS of them. */
export type ArrayPageReader = (after: KeyValue[] | null, offset: number) => Promise<unknown[][]>

/** The fast path's page reader for this plan (on SQLite, a page as one JSON text where SQLite can spell it). */
export async function arrayPageReader(plan: ExportPlan): Promise<ArrayPageReader> {
  const { target } = plan
  const connection = rawConnection(target.dialect, plan.transaction)
  const sqlitePage = target.dialect === 'sqlite' && (await hasMathFunctions(connection)) ? sqliteJsonPage(plan) : null
  return (after, offset) => {
    const params = new BindParams(target.dialect)
    const sql = selectionSql(sqlitePage ? { ...plan, selected: sqlitePage.selected } : plan, params, after, ARRAY_PAGE_ROWS, offset)
    if (sqlitePage) return connection.selectArrays(sqlitePage.wrap(sql), params.values).then(([row]) => sqlitePage.rows(row?.[0]))
    if (target.dialect !== 'mysql') return connection.selectArrays(sql, params.values)
    // MySQL statements take their values written in, escaped by Sequelize as the reference path's replacements are.
    let next = 0
    const text = replacePlaceholders('mysql', sql, (placeholder) =>
      placeholder === '?' ? plan.session.sequelize.escape(params.values[next++] as string) : undefined,
    )
    return connection.selectArrays(text, [])
  }
}

/**
 * The fast path's reading: the same pages, straight from the driver connection of the export's
 * transaction as arrays, and the next page asked for before this one is formatted and written, so
 * the database reads while JavaScript writes. At most two pages are held.
 */
export async function readArrayPages(plan: ExportPlan, onPage: (rows: unknown[][]) => Promise<void>): Promise<void> {
  const { columns, order } = plan
  const read = await arrayPageReader(plan)
  let offset = 0
  let pending: Promise<unknown[][]> | null = read(null, 0)
  try {
    while (pending) {
      const rows: unknown[][] = await pending
      pending = null
      if (rows.length === 0) break
      offset += rows.length
      if (rows.length === ARRAY_PAGE_ROWS && !plan.signal.aborted) {
        const last = rows[rows.length - 1]
        pending = read(
          order.keys.map((_, i) => keyValueOf(last[columns.length + i])),
          offset,
        )
      }
      throwIfCancelled(plan.signal, 'export')
      await onPage(rows)
    }
  } finally {
    // A page still being read when the export stops must end before the transaction does.
    await pending?.catch(() => undefined)
  }
  throwIfCancelled(plan.signal, 'export')
}

/**
 * SQLite hands each value of a row to JavaScript on its own (node-sqlite3 makes a property, with its
 * name, for every cell), which costs more than SQLite's reading. So a page crosses as one JSON text
 * (`json_group_array` of one `json_array` per row, in the page's order) and is read back with
 * JSON.parse. JSON would lose what the driver keeps, so each value is spelled so that it comes
 * back as the driver's own: integers as their decimal text (as the codec reads them), reals as
 * `[text, 0]` (CAST to text has round-trip digits, SQLite's JSON numbers only 15; the text of -0.0
 * has no sign, which atan2 tells), blobs as `[hex]`, text and NULL as themselves. Used where
 * SQLite has its math functions (atan2): otherwise the rows come one by one.
 */
function sqliteJsonPage(plan: ExportPlan): { selected: string; wrap: (sql: string) => string; rows: (json: unknown) => unknown[][] } {
  const { target, columns, order } = plan
  const expressions = [
    ...columns.map((column) => columnRef(target, column)),
    ...(order.seek ? order.keys.map((key) => orderTerm(target, key.column).read) : []),
  ]
  const names = expressions.map((_, i) => `v${i}`)
  const spelled = (name: string) =>
    `CASE typeof(${name}) WHEN 'integer' THEN CAST(${name} AS TEXT) WHEN 'real' THEN json_array(CASE WHEN ${name} = 0 AND atan2(${name}, -1) < 0 THEN '-0' ELSE CAST(${name} AS TEXT) END, 0) WHEN 'blob' THEN json_array(hex(${name})) ELSE ${name} END`
  return {
    selected: expressions.map((expression, i) => `${expression} AS ${names[i]}`).join(', '),
    wrap: (sql) => `SELECT json_group_array(json_array(${names.map(spelled).join(', ')})) FROM (${sql})`,
    rows(json) {
      const rows = JSON.parse(typeof json === 'string' ? json : '[]') as unknown[][]
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) {
          const value = row[i]
          if (Array.isArray(value)) row[i] = value.length === 2 ? sqliteReal(value[0] as string) : Buffer.from(value[0] as string, 'hex')
        }
      }
      return rows
    },
  }
}

/** SQLite's text of a REAL (round-trip digits; infinities as Inf and -Inf) → the double. */
const sqliteReal = (text: string): number => (text === 'Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text))

/** Whether this SQLite was built with its math functions (node-sqlite3's is); atan2 tells -0.0 from 0.0. */
export async function hasMathFunctions(connection: ReturnType<typeof rawConnection>): Promise<boolean> {
  return connection.selectArrays('SELECT atan2(-0.0, -1) < 0', []).then(
    ([row]) => row?.[0] === 1,
    () => false,
  )
}
