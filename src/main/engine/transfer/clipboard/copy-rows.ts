import type { z } from 'zod'
import type { ColumnInfo } from '../../../../shared/contract'
import type { copyRowsInput } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import { cellOf, isBinaryCell, type Row } from '../../../../shared/values'
import { fromClause, loadTarget, selectRaw, tableSelectColumns } from '../../records/access'
import { keyCondition, keyOfRow } from '../../records/row-key'
import { BindParams } from '../../records/sql'
import { columnOf, quotedTable, type SqlTarget } from '../../records/target'
import type { Session } from '../../connection/sessions'
import { rawValue } from '../../records/value-codec'
import { csvHeader, csvLines, exportValue, plainCell, type ExportValue } from '../export/export-format'
import { sqlLiteral } from './sql-literal'

export type CopyRequest = z.output<typeof copyRowsInput>

/**
 * Rows the grid holds → clipboard text: CSV (same rules as export), a JSON array, or one INSERT
 * statement per row for this dialect. Binary the grid holds cut (over 64 KiB) is read again whole
 * by primary key, so a copy never carries a truncated value.
 */
export async function copyRows(session: Session, request: CopyRequest): Promise<{ text: string; rows: number }> {
  const target = await loadTarget(session, request.table)
  const columns = request.columns ? request.columns.map((name, i) => columnOf(target, name, `columns.${i}`)) : target.table.columns
  const values: ExportValue[][] = []
  for (const [index, row] of request.rows.entries()) {
    values.push(await wholeRow(session, target, columns, row, index))
  }
  const dialect = session.config.dialect
  let text: string
  if (request.format === 'csv') {
    const header = request.header ? csvHeader(columns, request.delimiter) : ''
    text = header + csvLines(values, columns, { delimiter: request.delimiter, spreadsheetSafe: false })
  } else if (request.format === 'json') {
    const objects = values.map((row) => {
      const object = Object.create(null) as Record<string, ExportValue>
      columns.forEach((column, i) => {
        object[column.name] = row[i]!
      })
      return `  ${JSON.stringify(object)}`
    })
    text = `[\n${objects.join(',\n')}\n]\n`
  } else {
    const names = columns.map((c) => target.quote(c.name)).join(', ')
    text = values
      .map(
        (row) =>
          `INSERT INTO ${quotedTable(target)} (${names}) VALUES (${row.map((value, i) => sqlLiteral(value, columns[i], dialect)).join(', ')});\n`,
      )
      .join('')
  }
  return { text, rows: values.length }
}

async function wholeRow(session: Session, target: SqlTarget, columns: ColumnInfo[], row: Row, index: number): Promise<ExportValue[]> {
  const cut = columns.filter((c) => {
    const cell = cellOf(row, c.name)
    return cell !== undefined && cell !== null && isBinaryCell(cell) && cell.truncated
  })
  const refetched = cut.length > 0 ? await readWhole(session, target, cut, row, index) : null
  return columns.map((column) => {
    if (refetched?.has(column.name)) return exportValue(refetched.get(column.name), column)
    const cell = cellOf(row, column.name)
    return cell === undefined ? null : plainCell(cell)
  })
}

/** The driver values of these columns of the row, by column name. */
async function readWhole(
  session: Session,
  target: SqlTarget,
  columns: ColumnInfo[],
  row: Row,
  index: number,
): Promise<Map<string, unknown>> {
  if (target.table.primaryKey.length === 0) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `Row ${index + 1} holds only the first part of ${columns[0].name} (binary over 64 KiB), and "${target.table.name}" has no primary key to read it again whole.`,
      hint: 'Export the table to a file instead: exports always write binary whole.',
      field: `rows.${index}`,
    })
  }
  const params = new BindParams(target.dialect)
  const condition = keyCondition(target, keyOfRow(target, row), params, `rows.${index}`)
  const [found] = await selectRaw(session, `SELECT ${tableSelectColumns(target, columns)} ${fromClause(target)} WHERE ${condition}`, params)
  if (!found) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `Row ${index + 1} is no longer in "${target.table.name}", so its binary value cannot be read whole.`,
      hint: 'Reload the table and copy again.',
      field: `rows.${index}`,
    })
  }
  return new Map(columns.map((column, i) => [column.name, rawValue(found, i)]))
}
