import type { ColumnInfo } from '../../../../shared/contract'
import type { Cell } from '../../../../shared/cells'
import type { EditValue } from '../edit/staging/model'
import { editText, isEditableKind, parseCellText } from '../edit/staging/values'
import type { CellPos } from './DataGrid'
import { rowOf, type RowSource } from './grid-rows'

/**
 * Copy and paste like a spreadsheet, as plain functions: a rectangle of cells becomes tab-separated
 * text (and an HTML table for rich targets); tab-separated text pasted at a cell becomes staged
 * values, each parsed as if typed into that cell, and new rows past the end.
 */

/** A rectangle of data cells: rows are grid positions, columns 1-based (0 is the selector). */
export interface CellRange {
  top: number
  left: number
  bottom: number
  right: number
}

/** The rectangle between the anchor (where Shift+arrows began) and the active cell. */
export function rangeOf(anchor: CellPos | null, active: CellPos): CellRange {
  const from = anchor ?? active
  return {
    top: Math.max(0, Math.min(from.row, active.row)),
    bottom: Math.max(0, from.row, active.row),
    left: Math.max(1, Math.min(from.col, active.col)),
    right: Math.max(1, from.col, active.col),
  }
}

export const rangeSize = (range: CellRange): number => (range.bottom - range.top + 1) * (range.right - range.left + 1)

export const inRange = (range: CellRange | null, row: number, col: number): boolean =>
  range !== null && row >= range.top && row <= range.bottom && col >= range.left && col <= range.right

/** A cell as copied: its full text, NULL and binary as nothing (a spreadsheet has no NULL). */
export function copiedText(cell: Cell | undefined): string {
  return editText(cell)
}

/** Tab-separated text: a field holding a tab, a line break or a quote is quoted, quotes doubled (as spreadsheets write it). */
export function toTsv(matrix: readonly string[][]): string {
  return matrix
    .map((line) => line.map((field) => (/[\t\r\n"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join('\t'))
    .join('\n')
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function toHtml(matrix: readonly string[][], header: readonly string[] | null): string {
  const head = header ? `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` : ''
  const body = matrix.map((line) => `<tr>${line.map((f) => `<td>${escapeHtml(f)}</td>`).join('')}</tr>`).join('')
  return `<table>${head}<tbody>${body}</tbody></table>`
}

/** Reads tab-separated text as spreadsheets write it (quoted fields may hold tabs, line breaks, doubled quotes); a final line break ends the last row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  const endField = () => {
    row.push(field)
    field = ''
  }
  while (i < text.length) {
    const ch = text[i]
    if (field === '' && ch === '"' && isFieldStart(text, i)) {
      // A quoted field: up to the quote that is not doubled.
      i++
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += text[i]
        i++
      }
      continue
    }
    if (ch === '\t') {
      endField()
      i++
    } else if (ch === '\n' || ch === '\r') {
      endField()
      rows.push(row)
      row = []
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += ch
      i++
    }
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows
}

/** A quote opens a quoted field only at the start of a field. */
const isFieldStart = (text: string, i: number): boolean => i === 0 || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r'

/** The texts of a range's cells, top to bottom; rows not loaded are left out. */
export function copyRange(rows: RowSource, columns: readonly ColumnInfo[], range: CellRange): { matrix: string[][]; header: string[] } {
  const matrix: string[][] = []
  const picked = columns.slice(range.left - 1, range.right)
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rowOf(rows, r)
    if (!row) continue
    matrix.push(picked.map((column) => copiedText(Object.hasOwn(row.row, column.name) ? row.row[column.name] : null)))
  }
  return { matrix, header: picked.map((c) => c.name) }
}

export interface PasteState {
  rows: RowSource
  columns: readonly ColumnInfo[]
  editable: boolean
}

export interface PastePlan {
  /** Values for existing rows, by grid position. */
  updates: Array<{ row: number; column: string; value: EditValue }>
  /** New rows past the end, each with its values. */
  inserts: Array<Record<string, EditValue>>
  /** Values that did not parse as the cell's type (nothing staged for them), by grid position or new row. */
  errors: Array<{ at: { row: number } | { insert: number }; column: string; message: string }>
  /** Cells left alone: past the last column, binary, a row to be deleted, a row not loaded. */
  skipped: number
}

/** One pasted field as typing it would stage it; an empty field is NULL where the column allows it. */
function valueFor(column: ColumnInfo, text: string): { ok: true; value: EditValue } | { ok: false; message: string } {
  if (text === '' && column.nullable) return { ok: true, value: null }
  return parseCellText(column, text)
}

/**
 * Where pasted text goes: from the range's top-left cell, right and down. One value pasted over a
 * bigger range fills it. Rows past the last one become new rows; only an editable grid takes any.
 */
export function planPaste(state: PasteState, range: CellRange, matrix: readonly string[][]): PastePlan {
  const plan: PastePlan = { updates: [], inserts: [], errors: [], skipped: 0 }
  if (!state.editable || matrix.length === 0) return plan
  const single = matrix.length === 1 && matrix[0].length === 1
  const height = single ? range.bottom - range.top + 1 : matrix.length
  for (let i = 0; i < height; i++) {
    const line = single ? Array.from({ length: range.right - range.left + 1 }, () => matrix[0][0]) : matrix[i]
    const position = range.top + i
    const past = position >= state.rows.length
    const row = past ? undefined : rowOf(state.rows, position)
    const insert: Record<string, EditValue> = {}
    const insertIndex = plan.inserts.length
    line.forEach((text, j) => {
      const column = state.columns[range.left - 1 + j]
      if (!column || !isEditableKind(column.kind) || (!past && (!row || row.status === 'deleted'))) {
        plan.skipped++
        return
      }
      const parsed = valueFor(column, text)
      if (!parsed.ok)
        plan.errors.push({ at: past ? { insert: insertIndex } : { row: position }, column: column.name, message: parsed.message })
      else if (past) insert[column.name] = parsed.value
      else plan.updates.push({ row: position, column: column.name, value: parsed.value })
    })
    if (past) plan.inserts.push(insert)
  }
  return plan
}
