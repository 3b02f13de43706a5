import type { ColumnInfo, ForeignKey, KeyLabels, LabelsRequest, TableInfo } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { fromClause, loadTarget, selectRaw, tableSelectColumns } from './access'
import { displayedEquals } from './equality'
import { BindParams } from './sql'
import { invalidInput } from './target'
import { rowFromDb } from './value-codec'

/** A label is a reminder beside an id, not the value itself: longer text is cut. */
export const LABEL_LIMIT = 120

/**
 * The column that names a row of `table` for a person: the first text column that is unique on its
 * own (a unique column, or a one-column unique index), other than the referenced key itself — e.g.
 * users.username. Null when the table has none (then no label is shown rather than a guess).
 */
export function labelColumn(table: TableInfo, key: string): ColumnInfo | null {
  const uniqueAlone = new Set(table.indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => i.columns[0]))
  return table.columns.find((c) => c.kind === 'text' && c.name !== key && (c.unique || uniqueAlone.has(c.name))) ?? null
}

/** The table's foreign key on exactly these columns, or INVALID_INPUT naming the field. */
function foreignKeyOf(table: TableInfo, columns: string[]): ForeignKey {
  const key = table.foreignKeys.find((fk) => fk.columns.length === columns.length && fk.columns.every((c, i) => c === columns[i]))
  if (!key) throw invalidInput(`Table "${table.name}" has no foreign key on (${columns.join(', ')}).`, 'columns')
  return key
}

/**
 * The labels of the rows a page's foreign-key cells point at, in one query: `SELECT key, label
 * FROM referenced WHERE key = v1 OR key = v2 …`, each comparison the same exact one an equals filter
 * uses (so a label belongs to the row the link opens), identifiers from the schema, values bound.
 * Only one-column keys have labels.
 */
export async function readLabels(session: Session, request: LabelsRequest): Promise<KeyLabels> {
  const source = await loadTarget(session, request.table)
  const fk = foreignKeyOf(source.table, request.columns)
  const referencedColumn = fk.referencedColumns.length === 1 ? fk.referencedColumns[0] : null
  if (!referencedColumn) return { table: fk.referencedTable, column: null, labels: [] }
  const target = await loadTarget(session, fk.referencedTable)
  const keyColumn = target.table.columns.find((c) => c.name === referencedColumn)
  const label = labelColumn(target.table, referencedColumn)
  if (!keyColumn || !label) return { table: fk.referencedTable, column: null, labels: [] }

  const values = distinct(request.values.filter((v): v is Exclude<Cell, null> => v !== null))
  if (values.length === 0) return { table: fk.referencedTable, column: label.name, labels: [] }
  const params = new BindParams(target.dialect)
  const where = values.map((value, index) => `(${displayedEquals(target, keyColumn, value, params, `values.${index}`)})`).join(' OR ')
  const read = [keyColumn, label]
  const sql = `SELECT ${tableSelectColumns(target, read)} ${fromClause(target)} WHERE ${where}`
  const rows = (await selectRaw(session, sql, params)).map((raw) => rowFromDb(raw, read))
  return {
    table: fk.referencedTable,
    column: label.name,
    labels: rows.map((row) => ({ key: row[keyColumn.name] ?? null, label: labelText(row[label.name] ?? null) })),
  }
}

function labelText(cell: Cell): string | null {
  if (cell === null || typeof cell === 'object') return null
  const text = String(cell)
  return text.length > LABEL_LIMIT ? `${text.slice(0, LABEL_LIMIT)}…` : text
}

/** One comparison per value shown: a page repeats the same author many times. */
function distinct(values: Array<Exclude<Cell, null>>): Array<Exclude<Cell, null>> {
  const seen = new Map<string, Exclude<Cell, null>>()
  for (const value of values) seen.set(typeof value === 'object' ? `b:${value.base64}` : `${typeof value}:${String(value)}`, value)
  return [...seen.values()]
}
