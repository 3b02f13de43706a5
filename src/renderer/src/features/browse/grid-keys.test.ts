import { describe, expect, it } from 'vitest'
import { column, gridRow, press } from './grid-test-rows'
import type { ForeignKey } from '../../../../shared/contract'
import type { CellPos } from './DataGrid'
import { gridKeyAction, type GridKeyState } from './grid-keys'

const authorKey: ForeignKey = {
  name: null,
  table: 'posts',
  columns: ['author'],
  referencedTable: 'users',
  referencedColumns: ['id'],
  onDelete: null,
  onUpdate: null,
}
// Columns 1…5: id, title (not null), done (boolean), picture (binary), author (a foreign key).
const columns = [
  column('id', 'integer', false),
  column('title', 'text', false),
  column('done', 'boolean'),
  column('picture', 'binary'),
  column('author', 'integer'),
]
const rows = Array.from({ length: 50 }, (_, i) => gridRow(i + 1, { id: i + 1, title: `t${i}`, done: i === 0, picture: null, author: 3 }))
rows[4] = { ...rows[4], status: 'deleted' }

const state = (active: CellPos, change: Partial<GridKeyState> = {}): GridKeyState => ({
  active,
  rows,
  columns,
  columnWidths: [90, 260, 90, 150, 90],
  editable: true,
  foreignKeys: new Map([['author', authorKey]]),
  pageRows: 10,
  ...change,
})
const at = (row: number, col: number): CellPos => ({ row, col })

describe('grid keys', () => {
  it('moves with the arrows, pages and Home/End, never past the header, the selector or the last row', () => {
    expect(gridKeyAction(press('ArrowDown'), state(at(0, 1)))).toEqual({ kind: 'move', to: at(1, 1) })
    expect(gridKeyAction(press('ArrowUp'), state(at(-1, 1)))).toEqual({ kind: 'move', to: at(-1, 1) })
    expect(gridKeyAction(press('ArrowLeft'), state(at(3, 0)))).toEqual({ kind: 'move', to: at(3, 0) })
    expect(gridKeyAction(press('ArrowRight'), state(at(3, 5)))).toEqual({ kind: 'move', to: at(3, 5) })
    expect(gridKeyAction(press('PageDown'), state(at(45, 2)))).toEqual({ kind: 'move', to: at(49, 2) })
    expect(gridKeyAction(press('PageUp'), state(at(15, 2)))).toEqual({ kind: 'move', to: at(5, 2) })
    expect(gridKeyAction(press('Home'), state(at(7, 4)))).toEqual({ kind: 'move', to: at(7, 1) })
    expect(gridKeyAction(press('End', { ctrlKey: true }), state(at(7, 2)))).toEqual({ kind: 'move', to: at(49, 5) })
    expect(gridKeyAction(press('Home', { metaKey: true }), state(at(7, 2)))).toEqual({ kind: 'move', to: at(0, 1) })
  })

  it('stays on the header when there are no rows', () => {
    expect(gridKeyAction(press('ArrowDown'), state(at(-1, 1), { rows: [] }))).toEqual({ kind: 'move', to: at(-1, 1) })
  })

  it('on a header cell: Alt+arrows resize the column, Enter and Space sort (Shift adds to the sort)', () => {
    expect(gridKeyAction(press('ArrowRight', { altKey: true }), state(at(-1, 2)))).toEqual({ kind: 'width', column: 'title', width: 280 })
    expect(gridKeyAction(press('ArrowLeft', { altKey: true }), state(at(-1, 2)))).toEqual({ kind: 'width', column: 'title', width: 240 })
    // Alt+Shift+arrows move the column one place; not past either end.
    expect(gridKeyAction(press('ArrowRight', { altKey: true, shiftKey: true }), state(at(-1, 2)))).toEqual({
      kind: 'reorder',
      column: 'title',
      to: 2,
    })
    expect(gridKeyAction(press('ArrowLeft', { altKey: true, shiftKey: true }), state(at(-1, 2)))).toEqual({
      kind: 'reorder',
      column: 'title',
      to: 0,
    })
    expect(gridKeyAction(press('ArrowLeft', { altKey: true, shiftKey: true }), state(at(-1, 1)))).toEqual({ kind: 'none' })
    expect(gridKeyAction(press('Enter'), state(at(-1, 2)))).toEqual({ kind: 'sort', column: 'title', additive: false })
    expect(gridKeyAction(press(' ', { shiftKey: true }), state(at(-1, 3)))).toEqual({ kind: 'sort', column: 'done', additive: true })
    // The selector's header sorts nothing, but the key is still the grid's.
    expect(gridKeyAction(press('Enter'), state(at(-1, 0)))).toEqual({ kind: 'none' })
    // Alt+arrows on a row are not the grid's: they are Back/Forward in the workspace's tab.
    expect(gridKeyAction(press('ArrowRight', { altKey: true }), state(at(2, 2)))).toBeNull()
    expect(gridKeyAction(press('ArrowLeft', { altKey: true }), state(at(2, 2)))).toBeNull()
  })

  it('Shift+arrows grow a range of cells, never onto the header or the selector', () => {
    expect(gridKeyAction(press('ArrowDown', { shiftKey: true }), state(at(2, 2)))).toEqual({ kind: 'extend', to: at(3, 2) })
    expect(gridKeyAction(press('ArrowUp', { shiftKey: true }), state(at(0, 2)))).toEqual({ kind: 'extend', to: at(0, 2) })
    expect(gridKeyAction(press('ArrowLeft', { shiftKey: true }), state(at(2, 1)))).toEqual({ kind: 'extend', to: at(2, 1) })
    // On the header, Shift stays what it was (arrows just move).
    expect(gridKeyAction(press('ArrowDown', { shiftKey: true }), state(at(-1, 2)))).toEqual({ kind: 'move', to: at(0, 2) })
  })

  it('selects with Enter or Space on the selector, Shift+Space anywhere, and Ctrl+A', () => {
    expect(gridKeyAction(press('Enter'), state(at(2, 0)))).toEqual({ kind: 'select', row: 2, mode: 'toggle' })
    expect(gridKeyAction(press(' ', { shiftKey: true }), state(at(2, 3)))).toEqual({ kind: 'select', row: 2, mode: 'toggle' })
    expect(gridKeyAction(press('a', { ctrlKey: true }), state(at(2, 3)))).toEqual({ kind: 'select', row: 2, mode: 'all' })
  })

  it('Enter or F2 edits, Shift+Enter views the value, Alt+Enter follows a foreign key', () => {
    expect(gridKeyAction(press('F2'), state(at(2, 2)))).toEqual({ kind: 'edit', pos: at(2, 2) })
    expect(gridKeyAction(press('Enter', { shiftKey: true }), state(at(2, 4)))).toEqual({ kind: 'view', row: 2, column: 'picture' })
    expect(gridKeyAction(press('Enter', { altKey: true }), state(at(2, 5)))).toEqual({ kind: 'follow', row: 2, key: authorKey })
    expect(gridKeyAction(press('Enter', { altKey: true }), state(at(2, 2)))).toEqual({ kind: 'none' })
  })

  it('Shift+Enter opens a saved row in its record form where the table has one, else views the value', () => {
    expect(gridKeyAction(press('Enter', { shiftKey: true }), state(at(2, 2), { withForm: true }))).toEqual({ kind: 'form', row: 2 })
    // A row to be deleted, or a new one, has no record to open yet.
    expect(gridKeyAction(press('Enter', { shiftKey: true }), state(at(4, 2), { withForm: true }))).toEqual({
      kind: 'view',
      row: 4,
      column: 'title',
    })
    expect(gridKeyAction(press('Enter', { shiftKey: true }), state(at(2, 2), { withForm: false }))).toEqual({
      kind: 'view',
      row: 2,
      column: 'title',
    })
  })

  it('does not edit a binary column, a deleted row or a read-only grid, but keeps the key', () => {
    expect(gridKeyAction(press('Enter'), state(at(2, 4)))).toEqual({ kind: 'none' })
    expect(gridKeyAction(press('Enter'), state(at(4, 2)))).toEqual({ kind: 'none' })
    expect(gridKeyAction(press('F2'), state(at(2, 2), { editable: false }))).toEqual({ kind: 'none' })
  })

  it('Space flips a boolean cell, Delete empties a nullable one and leaves a NOT NULL one to the browser', () => {
    expect(gridKeyAction(press(' '), state(at(0, 3)))).toEqual({ kind: 'stage', row: 0, column: 'done', value: false })
    expect(gridKeyAction(press(' '), state(at(1, 3)))).toEqual({ kind: 'stage', row: 1, column: 'done', value: true })
    expect(gridKeyAction(press(' '), state(at(1, 2)))).toEqual({ kind: 'edit', pos: at(1, 2) })
    expect(gridKeyAction(press('Delete'), state(at(1, 5)))).toEqual({ kind: 'stage', row: 1, column: 'author', value: null })
    expect(gridKeyAction(press('Backspace'), state(at(1, 2)))).toBeNull()
    expect(gridKeyAction(press('Delete'), state(at(1, 5), { editable: false }))).toBeNull()
  })

  it('typing a character starts editing with it, as in a spreadsheet', () => {
    expect(gridKeyAction(press('x'), state(at(1, 2)))).toEqual({ kind: 'edit', pos: at(1, 2), initialText: 'x' })
    expect(gridKeyAction(press('a'), state(at(1, 2)))).toEqual({ kind: 'edit', pos: at(1, 2), initialText: 'a' })
    // Not with a modifier, not on a boolean, the header, the selector or a cell that cannot be edited.
    expect(gridKeyAction(press('x', { ctrlKey: true }), state(at(1, 2)))).toBeNull()
    expect(gridKeyAction(press('x', { altKey: true }), state(at(1, 2)))).toBeNull()
    expect(gridKeyAction(press('x'), state(at(1, 3)))).toBeNull()
    expect(gridKeyAction(press('x'), state(at(-1, 2)))).toBeNull()
    expect(gridKeyAction(press('x'), state(at(1, 0)))).toBeNull()
    expect(gridKeyAction(press('x'), state(at(4, 2)))).toBeNull()
    expect(gridKeyAction(press('Tab'), state(at(1, 2)))).toBeNull()
    // '?' opens the shortcuts sheet instead.
    expect(gridKeyAction(press('?', { shiftKey: true }), state(at(1, 2)))).toBeNull()
  })
})
