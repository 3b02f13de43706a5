import type { z } from 'zod'
import type { countInput, Page, pageInput, RowCount } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Row } from '../../../shared/values'
import { estimateRowCount } from '../schema'
import type { Session } from '../connection/sessions'
import { fromClause, loadTarget, lockClause, selectList, selectRaw, selectRawRows, selectRows, type QueryOptions } from './access'
import { decodeCursor, encodeCursor, queryFingerprint, type CursorPosition } from './cursor'
import { keySelectList, keyValues, keyValuesAt, orderByClause, resolveSortKeys, seekable, seekCondition } from './keyset'
import type { KeyValue } from './order-terms'
import { keyCondition, type RowKey } from './row-key'
import { BindParams, limitClause } from './sql'
import { quotedTable, type SqlTarget } from './target'
import { arrayRowReader, rowReader } from './value-codec'
import { hasSelection, selectionCondition, type Selection } from './where'

export type PageRequest = z.output<typeof pageInput>
export type CountRequest = z.output<typeof countInput>

/**
 * One page of rows. Keyset continuation when the table has a primary key (stable while rows are
 * added or removed elsewhere); row numbers otherwise. One extra row is fetched to know whether
 * there is a next page, so the first page never waits for a count.
 */
export async function readPage(session: Session, request: PageRequest): Promise<Page> {
  const target = await loadTarget(session, request.table)
  const keys = resolveSortKeys(target, request.sort)
  const fingerprint = queryFingerprint(target.table.name, keys, request.filters, request.search)
  const keyed = seekable(target)
  const position = request.cursor ? decodeCursor(request.cursor, fingerprint) : null
  // The end of a keyed selection is its start with every key reversed (NULL stays the smallest
  // value both ways, keyset.ts), read backward and turned round here.
  const backward = Boolean(request.fromEnd && !position && request.offset === undefined && keyed)

  const params = new BindParams(target.dialect)
  const conditions: string[] = []
  const selection = selectionCondition(target, request, params)
  if (selection) conditions.push(selection)
  if (position?.kind === 'key') conditions.push(seekCondition(target, keys, position.values, params))
  const startOffset = position ? (position.kind === 'offset' ? position.offset : 0) : (request.offset ?? 0)
  const order = orderByClause(target, backward ? keys.map((k) => ({ ...k, direction: k.direction === 'asc' ? 'desc' : 'asc' })) : keys)
  const where = conditions.length > 0 ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''

  const sql = pageStatement(target, keyed ? keySelectList(target, keys) : '', where, order, limitClause(request.pageSize + 1, startOffset))
  const fetched = await selectRawRows(session, sql, params)
  const columns = target.table.columns
  const { rows, lastKeys } = fetched.arrays
    ? pageRows(fetched.rows, request.pageSize, backward, arrayRowReader(columns), (raw) => keyValuesAt(raw, keys, columns.length))
    : pageRows(fetched.rows, request.pageSize, backward, rowReader(columns), (raw) => keyValues(raw, keys))
  const more = !backward && fetched.rows.length > request.pageSize
  // The cursor keeps the last row's keys as the seek compares them, not as the grid shows them.
  const next: CursorPosition | null = !more
    ? null
    : keyed && lastKeys
      ? { kind: 'key', values: lastKeys }
      : { kind: 'offset', offset: startOffset + rows.length }
  return {
    columns: target.table.columns.map((c) => c.name),
    rows,
    nextCursor: next ? encodeCursor(next, fingerprint) : null,
  }
}

/** The page's rows (the extra row left off, turned round when read backward) and the last one's key values. */
function pageRows<Raw>(
  fetched: Raw[],
  pageSize: number,
  backward: boolean,
  read: (raw: Raw) => Row,
  keysOf: (raw: Raw) => KeyValue[],
): { rows: Row[]; lastKeys: KeyValue[] | null } {
  const raw = fetched.slice(0, pageSize)
  if (backward) raw.reverse()
  return { rows: raw.map(read), lastKeys: raw.length > 0 ? keysOf(raw[raw.length - 1]) : null }
}

/**
 * The page's SELECT. On PostgreSQL the exact-value reads (`::text` of timestamps, numerics, the
 * cursor's key terms) are applied late: an inner query filters, sorts and limits on the native
 * columns, and only the rows it returns are cast — a sort on an unindexed column would otherwise
 * cast every row of the table. The inner query keeps the table's name as its alias, so the
 * table-qualified column references of ORDER BY and the key terms mean its columns; the outer
 * ORDER BY repeats the order (a subquery's order is not promised to survive) on ≤ pageSize+1 rows.
 * MySQL reads native values already, and SQLite's reads are cheap beside its sort.
 */
function pageStatement(target: SqlTarget, keyList: string, where: string, order: string, limit: string): string {
  const inner = [`SELECT * ${fromClause(target)}`, where, order, limit].filter(Boolean).join(' ')
  if (target.dialect !== 'postgres')
    return [`SELECT ${selectList(target)}${keyList} ${fromClause(target)}`, where, order, limit].filter(Boolean).join(' ')
  return [`SELECT ${selectList(target)}${keyList} FROM (${inner}) AS ${quotedTable(target)}`, order].filter(Boolean).join(' ')
}

/** COUNT(*) of the selection; the engine's instant estimate when asked not to be exact and nothing filters. */
export async function countRows(session: Session, request: CountRequest): Promise<RowCount> {
  const target = await loadTarget(session, request.table)
  if (!request.exact && !hasSelection(request)) return estimateRowCount(session, target.table.name)
  return { value: await countSelection(session, target, request), exact: true }
}

/** COUNT(*) of a selection; `lock` (MySQL) locks the counted rows for the rest of the transaction. */
export async function countSelection(
  session: Session,
  target: SqlTarget,
  selection: Selection,
  options: QueryOptions & { lock?: boolean } = {},
): Promise<number> {
  const params = new BindParams(target.dialect)
  const condition = selectionCondition(target, selection, params)
  const lock = options.lock ? lockClause(target) : ''
  const sql = `SELECT COUNT(*) AS ${target.quote('n')} ${fromClause(target)}${condition ? ` WHERE ${condition}` : ''}${lock}`
  const [row] = await selectRaw(session, sql, params, options)
  return Number(row?.n ?? 0)
}

/** The row with this key, or NOT_FOUND. */
export async function getRecord(session: Session, table: string, key: RowKey): Promise<Row> {
  const target = await loadTarget(session, table)
  const row = await readRowByKey(session, target, key)
  if (!row) throw notFound(target, key)
  return row
}

/** The row with this key, or null; `lock` takes a row lock for the rest of the transaction. */
export async function readRowByKey(
  session: Session,
  target: SqlTarget,
  key: RowKey,
  options: QueryOptions & { lock?: boolean } = {},
): Promise<Row | null> {
  const params = new BindParams(target.dialect)
  const condition = keyCondition(target, key, params)
  const lock = options.lock ? lockClause(target) : ''
  const sql = `SELECT ${selectList(target)} ${fromClause(target)} WHERE ${condition}${lock}`
  const rows = await selectRows(session, target, sql, params, options)
  return rows[0] ?? null
}

export function notFound(target: SqlTarget, key: RowKey): AppError {
  const shown = Object.entries(key)
    .map(([name, value]) => `${name} = ${typeof value === 'object' && value !== null ? '(binary)' : String(value)}`)
    .join(', ')
  return new AppError({
    code: 'NOT_FOUND',
    message: `There is no ${target.table.name} row with ${shown}.`,
    hint: 'It may have been deleted; reload the table.',
  })
}
