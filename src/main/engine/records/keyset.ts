import type { ColumnInfo, Sort } from '../../../shared/contract'
import { sortRefusal } from '../schema/ordering'
import { keyValueOf, orderTerm, type KeyValue } from './order-terms'
import type { BindParams } from './sql'
import { columnOf, columnRef, invalidInput, type SqlTarget } from './target'

/**
 * Sorting and keyset continuation.
 *
 * One NULL ordering for every dialect: NULL is the smallest value, so NULLs come first ascending
 * and last descending. That is MySQL's and SQLite's default; PostgreSQL is told explicitly. The
 * seek predicate below follows the same rule, and compares each column through the same term as
 * ORDER BY (order-terms.ts), so ORDER BY and "rows after the cursor" agree.
 */
export interface SortKey {
  column: ColumnInfo
  direction: 'asc' | 'desc'
}

/**
 * The requested sort, checked against the schema, with the primary key appended as tie-breaker
 * (when every key column can be sorted on; otherwise pages continue by row number).
 */
export function resolveSortKeys(target: SqlTarget, sort: Sort[]): SortKey[] {
  const keys: SortKey[] = []
  sort.forEach((entry, index) => {
    const column = columnOf(target, entry.column, `sort.${index}.column`)
    const refusal = sortRefusal(target.dialect, column)
    if (refusal) throw invalidInput(refusal, `sort.${index}.column`, 'Sort by another column.')
    if (keys.some((k) => k.column.name === column.name)) {
      throw invalidInput(`The sort names ${column.name} twice.`, `sort.${index}.column`)
    }
    keys.push({ column, direction: entry.direction })
  })
  if (!seekable(target)) return keys
  for (const name of target.table.primaryKey) {
    if (!keys.some((k) => k.column.name === name)) keys.push({ column: columnOf(target, name), direction: 'asc' })
  }
  return keys
}

/** Pages continue by key when the table has a primary key whose columns can all be sorted on. */
export function seekable(target: SqlTarget): boolean {
  const key = target.table.primaryKey
  return key.length > 0 && key.every((name) => !sortRefusal(target.dialect, columnOf(target, name)))
}

export function orderByClause(target: SqlTarget, keys: SortKey[]): string {
  if (keys.length === 0) return ''
  const terms = keys.map(({ column, direction }) => {
    const expression = orderTerm(target, column).sql
    // A NOT NULL column (every primary key) needs no NULLS clause, and on PostgreSQL one that
    // differs from the index's order would stop the index being used: every page would sort the table.
    if (target.dialect !== 'postgres' || !column.nullable) return `${expression} ${direction.toUpperCase()}`
    return `${expression} ${direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`
  })
  return `ORDER BY ${terms.join(', ')}`
}

/** Result-column alias of the `index`-th key's exact value (value-codec names the columns c0, c1, …). */
const keyAlias = (index: number): string => `k${index}`

/** Extra SELECT-list entries that read each key's value exactly, for the next cursor (`keyValues`). */
export function keySelectList(target: SqlTarget, keys: SortKey[]): string {
  return keys.map((key, index) => `, ${orderTerm(target, key.column).read} AS ${keyAlias(index)}`).join('')
}

/** The cursor values of a raw row selected with `keySelectList`. */
export function keyValues(raw: Record<string, unknown>, keys: SortKey[]): KeyValue[] {
  return keys.map((_, index) => keyValueOf(raw[keyAlias(index)]))
}

/** The same of a row read as an array: the key terms follow the table's `columnCount` columns. */
export function keyValuesAt(raw: readonly unknown[], keys: SortKey[], columnCount: number): KeyValue[] {
  return keys.map((_, index) => keyValueOf(raw[columnCount + index]))
}

/**
 * Rows strictly after the one whose key values are `after`, in the order of `keys`:
 *   (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …
 * "Equal" and "after" are spelled out for NULLs, because `x > NULL` is never true.
 */
export function seekCondition(target: SqlTarget, keys: SortKey[], after: KeyValue[], params: BindParams): string {
  if (after.length !== keys.length) throw invalidInput('The cursor does not match this sort.', 'cursor')
  const alternatives: string[] = []
  for (let i = 0; i < keys.length; i++) {
    // Nothing sorts after NULL descending: that alternative is left out (before adding parameters,
    // which MySQL matches to placeholders by position).
    if (after[i] === null && keys[i].direction === 'desc') continue
    const equalities = keys.slice(0, i).map((key, j) => sameCondition(target, key.column, after[j], params))
    const beyond = afterCondition(target, keys[i], after[i], params)
    alternatives.push([...equalities, beyond].join(' AND '))
  }
  return alternatives.length === 0 ? '1 = 0' : alternatives.map((a) => `(${a})`).join(' OR ')
}

/** The key's value comes after `value` in this key's direction (never called for NULL descending). */
function afterCondition(target: SqlTarget, key: SortKey, value: KeyValue, params: BindParams): string {
  const quoted = columnRef(target, key.column)
  if (value === null) return `${quoted} IS NOT NULL`
  const term = orderTerm(target, key.column)
  const placeholder = term.bind(value, params)
  if (key.direction === 'asc') return `${term.sql} > ${placeholder}`
  return key.column.nullable ? `(${term.sql} < ${placeholder} OR ${quoted} IS NULL)` : `${term.sql} < ${placeholder}`
}

function sameCondition(target: SqlTarget, column: ColumnInfo, value: KeyValue, params: BindParams): string {
  if (value === null) return `${columnRef(target, column)} IS NULL`
  const term = orderTerm(target, column)
  return `${term.sql} = ${term.bind(value, params)}`
}
