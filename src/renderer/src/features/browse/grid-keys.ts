import type { ColumnInfo, ForeignKey } from '../../../../shared/contract'
import type { EditValue } from '../edit/staging/model'
import { isEditableKind } from '../edit/staging/values'
import type { CellPos } from './DataGrid'
import { rowOf, type RowSource } from './grid-rows'

/**
 * What a key pressed on the grid itself does, as a plain function of the key and the grid's state,
 * so the grid component only carries the answer out (and the keyboard can be tested without a DOM).
 */

/** The parts of a keyboard event the grid reads. */
export interface KeyPress {
  key: string
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

export interface GridKeyState {
  active: CellPos
  /** Every row the grid spans (rows not in memory answer undefined). */
  rows: RowSource
  columns: readonly ColumnInfo[]
  /** Each column's width now, in the order of `columns`. */
  columnWidths: readonly number[]
  editable: boolean
  foreignKeys: ReadonlyMap<string, ForeignKey>
  /** How many rows PageUp/PageDown move. */
  pageRows: number
  /** The table has a record form (the app's users, posts, notes): Shift+Enter opens a row in it. */
  withForm?: boolean
}

export type GridKeyAction =
  | { kind: 'move'; to: CellPos }
  /** Shift+arrows: the active cell moves and the range from where it began grows with it. */
  | { kind: 'extend'; to: CellPos }
  | { kind: 'width'; column: string; width: number }
  /** Alt+Shift+←/→ on a header: the column moves one place (`to` is its new index among the columns). */
  | { kind: 'reorder'; column: string; to: number }
  | { kind: 'sort'; column: string; additive: boolean }
  | { kind: 'select'; row: number; mode: 'toggle' | 'all' }
  | { kind: 'view'; row: number; column: string }
  | { kind: 'form'; row: number }
  | { kind: 'follow'; row: number; key: ForeignKey }
  | { kind: 'edit'; pos: CellPos; initialText?: string }
  | { kind: 'stage'; row: number; column: string; value: EditValue }
  /** The key is the grid's, but it does nothing here (e.g. Enter on a read-only cell). */
  | { kind: 'none' }

/** Alt+Left/Right on a header cell makes its column this much narrower or wider. */
export const WIDTH_STEP = 20

export function canEditCell(state: Pick<GridKeyState, 'rows' | 'columns' | 'editable'>, rowIndex: number, col: number): boolean {
  const row = rowOf(state.rows, rowIndex)
  const column = state.columns[col - 1]
  return Boolean(state.editable && row && column && row.status !== 'deleted' && isEditableKind(column.kind))
}

/** The active cell moved by a key, kept inside the grid (row -1 is the header, column 0 the selector). */
export function clampCell(state: Pick<GridKeyState, 'rows' | 'columns'>, row: number, col: number): CellPos {
  return { row: Math.max(-1, Math.min(state.rows.length - 1, row)), col: Math.max(0, Math.min(state.columns.length, col)) }
}

/**
 * Where an arrow, PageUp/PageDown or Home/End key sends the active cell (not yet kept inside the
 * grid), or null for any other key: the table grid and the console's result grid move alike.
 * Columns count from 1 (0 is the row selector); Ctrl/Cmd+Home/End go to the first or last row.
 */
export function stepTarget(
  press: Pick<KeyPress, 'key' | 'ctrlKey' | 'metaKey'>,
  at: CellPos,
  size: { rows: number; columns: number; pageRows: number },
): CellPos | null {
  const mod = press.ctrlKey || press.metaKey
  switch (press.key) {
    case 'ArrowDown':
      return { row: at.row + 1, col: at.col }
    case 'ArrowUp':
      return { row: at.row - 1, col: at.col }
    case 'ArrowRight':
      return { row: at.row, col: at.col + 1 }
    case 'ArrowLeft':
      return { row: at.row, col: at.col - 1 }
    case 'PageDown':
      return { row: at.row + size.pageRows, col: at.col }
    case 'PageUp':
      return { row: at.row - size.pageRows, col: at.col }
    case 'Home':
      return mod ? { row: 0, col: 1 } : { row: at.row, col: 1 }
    case 'End':
      return mod ? { row: size.rows - 1, col: size.columns } : { row: at.row, col: size.columns }
  }
  return null
}

/** The action for a key, or null when the key is not the grid's (the browser keeps its default). */
export function gridKeyAction(press: KeyPress, state: GridKeyState): GridKeyAction | null {
  const { active, rows, columns } = state
  const { row, col } = active
  const column = columns[col - 1]
  const mod = press.ctrlKey || press.metaKey
  const move = (r: number, c: number): GridKeyAction =>
    press.shiftKey && row >= 0 && !mod && !press.altKey
      ? { kind: 'extend', to: { row: Math.max(0, clampCell(state, r, c).row), col: Math.max(1, clampCell(state, r, c).col) } }
      : { kind: 'move', to: clampCell(state, r, c) }
  const edit = (initialText?: string): GridKeyAction =>
    !canEditCell(state, row, col)
      ? { kind: 'none' }
      : initialText === undefined
        ? { kind: 'edit', pos: { row, col } }
        : { kind: 'edit', pos: { row, col }, initialText }
  const resize = (by: number): GridKeyAction | null =>
    row < 0 && press.altKey && column ? { kind: 'width', column: column.name, width: (state.columnWidths[col - 1] ?? 0) + by } : null
  const reorder = (by: 1 | -1): GridKeyAction | null => {
    if (!(row < 0 && press.altKey && press.shiftKey && !mod && column)) return null
    const to = col - 1 + by
    return to < 0 || to >= columns.length ? { kind: 'none' } : { kind: 'reorder', column: column.name, to }
  }
  const sortHeader = (): GridKeyAction => (column ? { kind: 'sort', column: column.name, additive: press.shiftKey } : { kind: 'none' })

  const step = stepTarget(press, active, { rows: rows.length, columns: columns.length, pageRows: state.pageRows })
  switch (press.key) {
    // Alt+←/→ on a row is Back/Forward in the tab (the workspace's), on a header a column's width;
    // Alt+Shift+←/→ on a header moves the column.
    case 'ArrowRight':
      return reorder(1) ?? resize(WIDTH_STEP) ?? (press.altKey || !step ? null : move(step.row, step.col))
    case 'ArrowLeft':
      return reorder(-1) ?? resize(-WIDTH_STEP) ?? (press.altKey || !step ? null : move(step.row, step.col))
    case 'Enter':
    case 'F2':
      if (row < 0) return sortHeader()
      if (col === 0) return { kind: 'select', row, mode: 'toggle' }
      if (press.key === 'Enter' && press.shiftKey) {
        const status = rowOf(rows, row)?.status
        if (state.withForm && (status === 'loaded' || status === 'edited')) return { kind: 'form', row }
        return column ? { kind: 'view', row, column: column.name } : { kind: 'none' }
      }
      if (press.key === 'Enter' && press.altKey && column) {
        const key = state.foreignKeys.get(column.name)
        return key ? { kind: 'follow', row, key } : { kind: 'none' }
      }
      return edit()
    case ' ':
      if (row < 0) return sortHeader()
      if (col === 0 || press.shiftKey) return { kind: 'select', row, mode: 'toggle' }
      if (column?.kind === 'boolean' && canEditCell(state, row, col))
        return { kind: 'stage', row, column: column.name, value: rowOf(rows, row)?.row[column.name] !== true }
      return edit()
    case 'Delete':
    case 'Backspace':
      return column?.nullable && canEditCell(state, row, col) ? { kind: 'stage', row, column: column.name, value: null } : null
    case 'a':
      if (mod) return { kind: 'select', row, mode: 'all' }
      break
    default:
      if (step) return move(step.row, step.col)
  }
  // Typing starts editing with what was typed, as in a spreadsheet ('?' is the shortcuts sheet's).
  if (
    !mod &&
    !press.altKey &&
    press.key.length === 1 &&
    press.key !== '?' &&
    row >= 0 &&
    col >= 1 &&
    column?.kind !== 'boolean' &&
    canEditCell(state, row, col)
  )
    return edit(press.key)
  return null
}
