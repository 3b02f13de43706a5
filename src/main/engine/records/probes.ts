import type { ColumnInfo, ForeignKey } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { cellOf as ownCell, type Cell, type CellInput } from '../../../shared/values'
import { fromClause, selectRaw } from './access'
import type { WriteAttempt } from './explain'
import { describeValues } from './row-key'
import { BindParams, equalsCondition } from './sql'
import { columnOf, columnRef, type SqlTarget } from './target'
import { selectionCondition } from './where'

/**
 * Probes that find out which constraint a refused write broke, by asking the database (inside the
 * write's transaction) instead of parsing its message: which unique key another row already
 * holds, which referenced row is missing, which rows still refer to the one being deleted.
 */

/** Each value of the row after the write: written values, else the row as it was. */
function valueAfterWrite(attempt: WriteAttempt, column: string): CellInput | undefined {
  if (Object.hasOwn(attempt.values, column)) return attempt.values[column]
  return attempt.current ? ownCell(attempt.current, column) : undefined
}

/** Which unique key clashes: the one whose values another row already holds. */
export async function uniqueViolation(attempt: WriteAttempt, names: string[]): Promise<AppError> {
  const { target } = attempt
  for (const columns of uniqueKeys(target)) {
    if (!columns.some((c) => Object.hasOwn(attempt.values, c.name))) continue
    const values = columns.map((c) => valueAfterWrite(attempt, c.name))
    if (values.some((v) => v === undefined || v === null)) continue
    if (await anotherRowHolds(attempt, columns, values as CellInput[])) return uniqueError(target, columns, values as CellInput[])
  }
  // Not found by looking (e.g. the clash was within a bulk update): use what the driver named.
  const columns = namedColumns(target, names)
  return uniqueError(
    target,
    columns,
    columns.map((c) => valueAfterWrite(attempt, c.name) ?? null),
  )
}

function uniqueKeys(target: SqlTarget): ColumnInfo[][] {
  const sets = target.table.indexes.filter((i) => i.unique || i.primary).map((i) => i.columns)
  for (const column of target.table.columns) if (column.unique) sets.push([column.name])
  if (target.table.primaryKey.length > 0) sets.push(target.table.primaryKey)
  const seen = new Set<string>()
  return sets
    .filter((s) => s.length > 0 && !seen.has(s.join('\u0000')) && seen.add(s.join('\u0000')))
    .map((s) => s.map((name) => columnOf(target, name)))
}

async function anotherRowHolds(attempt: WriteAttempt, columns: ColumnInfo[], values: CellInput[]): Promise<boolean> {
  const { target } = attempt
  const params = new BindParams(target.dialect)
  const conditions = columns.map((c, i) => equalsCondition(target, c, values[i], params))
  if (attempt.key) {
    const self = Object.entries(attempt.key).map(([name, value]) => equalsCondition(target, columnOf(target, name), value, params))
    conditions.push(`NOT (${self.join(' AND ')})`)
  }
  const sql = `SELECT 1 AS ${target.quote('hit')} ${fromClause(target)} WHERE ${conditions.join(' AND ')} LIMIT 1`
  return (await selectRaw(attempt.session, sql, params, { transaction: attempt.transaction })).length > 0
}

function namedColumns(target: SqlTarget, names: string[]): ColumnInfo[] {
  const byColumn = names.filter((n) => target.table.columns.some((c) => c.name === n))
  if (byColumn.length > 0) return byColumn.map((n) => columnOf(target, n))
  const index = target.table.indexes.find((i) => names.some((n) => n === i.name || n.endsWith(`.${i.name}`)))
  return (index?.columns ?? []).map((n) => columnOf(target, n))
}

function uniqueError(target: SqlTarget, columns: ColumnInfo[], values: CellInput[]): AppError {
  const names = columns.map((c) => c.name)
  const what = columns.length > 0 ? describeValues(columns, values) : 'This value'
  return new AppError({
    code: 'UNIQUE_VIOLATION',
    message: `${what} is already taken${columns.length > 0 ? '' : ` in ${target.table.name}`}.`,
    hint: `Each ${target.table.name} row needs its own ${names.length > 0 ? names.join(' + ') : 'value'}; choose another.`,
    ...(names[0] ? { field: names[0] } : {}),
    details: { columns: names, values: Object.fromEntries(columns.map((c, i) => [c.name, cellOf(values[i])])) },
  })
}

/** Insert/update: the foreign key whose referenced row does not exist. */
export async function missingParent(attempt: WriteAttempt): Promise<AppError | null> {
  const { target } = attempt
  for (const fk of target.table.foreignKeys) {
    if (attempt.kind !== 'insert' && !fk.columns.some((c) => Object.hasOwn(attempt.values, c))) continue
    const locals = fk.columns.map((name) => columnOf(target, name))
    const values = fk.columns.map((c) => valueAfterWrite(attempt, c))
    if (values.some((v) => v === undefined || v === null)) continue
    // The referenced columns have the local columns' types: bind with the local column's codec.
    const referenced = locals.map((c, i) => ({ ...c, name: fk.referencedColumns[i] }))
    const parent = otherTable(target, fk.referencedTable, referenced)
    const params = new BindParams(target.dialect)
    const where = referenced.map((c, i) => equalsCondition(parent, c, values[i]!, params)).join(' AND ')
    const sql = `SELECT 1 AS ${target.quote('hit')} ${fromClause(parent)} WHERE ${where} LIMIT 1`
    const found = await selectRaw(attempt.session, sql, params, { transaction: attempt.transaction })
    if (found.length > 0) continue
    return new AppError({
      code: 'FK_VIOLATION',
      message: `There is no ${fk.referencedTable} row with ${describeValues(referenced, values as CellInput[])}.`,
      hint: `Pick an existing ${fk.referencedTable} row for ${fk.columns.join(', ')}${locals.every((c) => c.nullable) ? ', or leave it empty' : ''}.`,
      field: fk.columns[0],
      details: { relation: relationOf(fk) },
    })
  }
  return null
}

export function brokenLink(target: SqlTarget): AppError {
  return new AppError({
    code: 'FK_VIOLATION',
    message: `This change would break a link between ${target.table.name} and another table.`,
    hint: 'Check the values that refer to other tables, and the rows that refer to this one.',
  })
}

/** Delete (or a key change): the table whose rows still refer to the row(s), and how many. */
export async function dependentRows(attempt: WriteAttempt): Promise<AppError | null> {
  const { target } = attempt
  for (const fk of target.table.referencedBy) {
    // An update only breaks links when it changes the referenced columns.
    if (attempt.kind === 'update' && !fk.referencedColumns.some((c) => Object.hasOwn(attempt.values, c))) continue
    const count = await countDependents(attempt, fk)
    if (count === 0) continue
    const what = attempt.selection ? `These ${target.table.name} rows have` : `This ${target.table.name} row has`
    return new AppError({
      code: 'FK_VIOLATION',
      message: `${what} ${count} ${fk.table}${count === 1 ? ' row that refers' : ' that refer'} to ${attempt.selection ? 'them' : 'it'} (${fk.table}.${fk.columns.join(', ')}).`,
      hint: `Delete those ${fk.table} rows or point them elsewhere first.`,
      details: { relation: relationOf(fk), dependentRows: count },
    })
  }
  return null
}

async function countDependents(attempt: WriteAttempt, fk: ForeignKey): Promise<number> {
  const { target } = attempt
  const ours = fk.referencedColumns.map((name) => columnOf(target, name))
  const theirs = ours.map((c, i) => ({ ...c, name: fk.columns[i] }))
  const dependent = otherTable(target, fk.table, theirs)
  const params = new BindParams(target.dialect)
  let where: string
  if (attempt.selection) {
    const refs = theirs.map((c) => columnRef(dependent, c))
    const selection = selectionCondition(target, attempt.selection, params)
    const selected = `SELECT ${ours.map((c) => columnRef(target, c)).join(', ')} ${fromClause(target)}${selection ? ` WHERE ${selection}` : ''}`
    where = `${refs.length === 1 ? refs[0] : `(${refs.join(', ')})`} IN (${selected})`
  } else {
    const values = ours.map((c) => (attempt.current ? ownCell(attempt.current, c.name) : undefined))
    if (values.some((v) => v === undefined || v === null)) return 0
    where = theirs.map((c, i) => equalsCondition(dependent, c, values[i]!, params)).join(' AND ')
  }
  const sql = `SELECT COUNT(*) AS ${target.quote('n')} ${fromClause(dependent)} WHERE ${where}`
  const [row] = await selectRaw(attempt.session, sql, params, { transaction: attempt.transaction })
  return Number(row?.n ?? 0)
}

/** Another table as a SQL target: the same quoting and codec, the columns given (typed like ours). */
function otherTable(target: SqlTarget, name: string, columns: ColumnInfo[]): SqlTarget {
  return { ...target, table: { ...target.table, name, columns, primaryKey: [], foreignKeys: [], referencedBy: [], indexes: [] } }
}

function relationOf(fk: ForeignKey) {
  return { table: fk.table, columns: fk.columns, referencedTable: fk.referencedTable, referencedColumns: fk.referencedColumns }
}

/** A value as typed, in the cell form error details carry. */
function cellOf(value: CellInput | undefined): Cell {
  if (value === undefined) return null
  if (typeof value === 'object' && value !== null) {
    return 'bytes' in value
      ? (value as Cell)
      : { base64: value.base64, bytes: Buffer.from(value.base64, 'base64').length, truncated: false }
  }
  return value
}
