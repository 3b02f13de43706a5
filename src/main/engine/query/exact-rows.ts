/**
 * The rows of an editable console result, read again the way the table grid reads them.
 *
 * A console edit sends the cells the user saw as `original`, and records.batch compares them
 * exactly (conflicts.ts `cellsEqual`) with the row as records reads it at commit. The console's own
 * read is the driver's, and it is not that read: MySQL sends FLOAT as the server's text, six digits
 * (3.14159274 arrives as 3.14159, 1000.002 as 1000), so no codec can give back the digits it lost;
 * BOOLEAN (TINYINT(1), SQLite's 0/1) arrives as a number where the table says boolean. Either way the
 * commit saw a change nobody made (a false CONFLICT), and the console showed a value it did not hold.
 *
 * So the rows shown are read again by primary key through records' own SELECT list and row reader:
 * exact for every type and dialect by construction (the very code the conflict check reads with),
 * where converting the console's cells would have to be proved type by type and still cannot undo a
 * lossy server text. The cost is one indexed read of the rows shown (a page: 1,000 by default), only
 * for results that are editable. A row changed meanwhile is shown as it is now, which is what an
 * edit is then checked against; a row that is gone keeps the console's cells (its commit says so).
 */
import type { ColumnInfo, ResultEditable } from '../../../shared/contract'
import { cellOf, isBinaryCell, type Cell, type Row } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { fromClause, loadTarget, selectList, selectRows } from '../records/access'
import { readRowByKey } from '../records/read'
import { keyCondition, type RowKey } from '../records/row-key'
import { BindParams, comparableExpression, comparedValue } from '../records/sql'
import { primaryKeyOf, type SqlTarget } from '../records/target'

/** Rows per statement: a few thousand bind values at most, well under every driver's limit. */
const CHUNK_ROWS = 1000

/** Reads rows of this editable result again as the grid does (for the first window and each page fetched after it). */
export const exactReader =
  (session: Session, editable: ResultEditable) =>
  (rows: Cell[][]): Promise<Cell[][]> =>
    exactEditableRows(session, editable, rows)

/** A key cell as text, so a console key cell finds the grid's (1 and true, 7 and '7' are the same key here). */
function keyText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '\u0000null'
  if (isBinaryCell(cell)) return `\u0000bin:${cell.base64}`
  if (typeof cell === 'boolean') return cell ? '1' : '0'
  return String(cell)
}

/** Cells of `rows` (in the result's column order, `editable.columns`) as the grid reads them. */
export async function exactEditableRows(session: Session, editable: ResultEditable, rows: Cell[][]): Promise<Cell[][]> {
  if (rows.length === 0) return rows
  const target = await loadTarget(session, editable.table)
  const keyColumns = primaryKeyOf(target)
  const keyIndexes = keyColumns.map((column) => editable.columns.indexOf(column.name))
  const keyOf = (cells: Cell[]): RowKey => Object.fromEntries(keyColumns.map((column, i) => [column.name, cells[keyIndexes[i]] ?? null]))
  const idOf = (cells: readonly (Cell | undefined)[]): string => JSON.stringify(cells.map(keyText))
  const cellsOf = (row: Row): Cell[] => editable.columns.map((name) => cellOf(row, name) ?? null)

  const found = new Map<string, Row | null>() // null: two rows read share the key text (ambiguous)
  const lookups = new Set(
    rows.filter((cells) => keyIndexes.every((i) => cells[i] !== null && !(isBinaryCell(cells[i]) && cells[i].truncated))),
  )
  const keys = [...lookups].map(keyOf)
  for (let start = 0; start < keys.length; start += CHUNK_ROWS) {
    const chunk = keys.slice(start, start + CHUNK_ROWS)
    for (const row of await readByKeys(session, target, keyColumns, chunk)) {
      const id = idOf(keyColumns.map((column) => cellOf(row, column.name)))
      found.set(id, found.has(id) ? null : row)
    }
  }
  const exact: Cell[][] = []
  for (const cells of rows) {
    const row = found.get(idOf(keyIndexes.map((i) => cells[i])))
    if (row) {
      exact.push(cellsOf(row))
      continue
    }
    // The key reads differently in the grid (a FLOAT key on MySQL), or the row is gone: ask for it alone.
    const alone = lookups.has(cells) ? await readRowByKey(session, target, keyOf(cells)) : null
    exact.push(alone ? cellsOf(alone) : cells)
  }
  return exact
}

/** The rows with these keys, as records reads them (one statement; keys located as the commit locates them). */
function readByKeys(session: Session, target: SqlTarget, keyColumns: ColumnInfo[], keys: RowKey[]): Promise<Row[]> {
  const params = new BindParams(target.dialect)
  const [only] = keyColumns
  // One key column: `key IN (…)`, the terms of keyCondition's `key = …` (no key cell here is null).
  const condition =
    keyColumns.length === 1
      ? `${comparableExpression(target, only)} IN (${keys.map((key) => comparedValue(target, only, key[only.name], params)).join(', ')})`
      : keys.map((key) => `(${keyCondition(target, key, params)})`).join(' OR ')
  return selectRows(session, target, `SELECT ${selectList(target)} ${fromClause(target)} WHERE ${condition}`, params)
}
