import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import type { Cell } from '../../../../shared/cells'
import type { CellPos } from '../browse/DataGrid'
import { copiedText, toHtml, toTsv } from '../browse/grid-clipboard'
import { HEADER_HEIGHT, ROW_HEIGHT, SELECTOR_WIDTH, scrollToShow } from '../browse/grid-layout'
import { useGridClipboard } from '../browse/useGridClipboard'
import { clampResultCell, resultKeyAction } from './result-keys'

const NONE: ReadonlySet<number> = new Set()

/** What the keys reach beyond moving: editing, staging deletes, undo and commit (an editable result only). */
export interface ResultCursorActions {
  canEdit(pos: CellPos): boolean
  edit(pos: CellPos): void
  /** Stages the deletion of these rows (the selected ones, else the active one). */
  delete(rows: number[]): void
  undo(): void
  commit(): void
}

/**
 * The console result grid's active cell, as the table grid has one: focus stays on the grid element
 * (the active cell is its aria-activedescendant, so keys work while rows scroll in and out), the keys
 * are result-keys' answer, the cell is kept in view below the sticky header and right of the row
 * numbers, Shift+Space selects rows, and Ctrl/Cmd+C copies the selected rows or the cell (the grid's clipboard hook). `dropped` rows leaving the front
 * move it up with them.
 */
export function useResultCursor(props: {
  gridRef: RefObject<HTMLDivElement | null>
  rows: readonly Cell[][]
  columns: number
  widths: readonly number[]
  dropped: number
  /** The column names, heading the rows copied as a table. */
  header: readonly string[]
  /** The shown cell (staged values on top). */
  cellAt(row: number, col: number): Cell | undefined
  actions: ResultCursorActions | null
}) {
  const { gridRef, rows, columns, widths, dropped } = props
  const [active, setActive] = useState<CellPos>({ row: 0, col: 1 })
  /** Selected rows, by index in the window (Shift+Space or a click on a row number). */
  const [selected, setSelected] = useState<ReadonlySet<number>>(NONE)
  const moved = useRef(false)

  useLayoutEffect(() => {
    if (dropped <= 0) return
    setActive((at) => clampResultCell({ rows: rows.length, columns }, { row: at.row - dropped, col: at.col }))
    setSelected((before) => (before.size === 0 ? before : new Set([...before].map((i) => i - dropped).filter((i) => i >= 0))))
  }, [dropped, rows, columns])

  const toggle = (index: number) =>
    setSelected((before) => {
      const next = new Set(before)
      if (!next.delete(index)) next.add(index)
      return next
    })

  // Only a move scrolls: new rows read on (or a re-render) must not pull the view back to the cell.
  const { row, col } = active
  useEffect(() => {
    const element = gridRef.current
    if (!element || !moved.current) return
    moved.current = false
    const top = scrollToShow(HEADER_HEIGHT + row * ROW_HEIGHT, ROW_HEIGHT, element.scrollTop, element.clientHeight, HEADER_HEIGHT)
    if (top !== element.scrollTop) element.scrollTop = top
    const start = SELECTOR_WIDTH + widths.slice(0, col - 1).reduce((sum, w) => sum + w, 0)
    const left = scrollToShow(start, widths[col - 1] ?? 0, element.scrollLeft, element.clientWidth, SELECTOR_WIDTH)
    if (left !== element.scrollLeft) element.scrollLeft = left
  }, [row, col, gridRef, widths])

  const moveTo = (to: CellPos) => {
    moved.current = true
    setActive(clampResultCell({ rows: rows.length, columns }, to))
  }

  useGridClipboard(gridRef, {
    copy: () => {
      // The selected rows, every column, as the table grid copies them; else the active cell.
      if (selected.size > 0) {
        const matrix = [...selected]
          .filter((i) => i < rows.length)
          .sort((a, b) => a - b)
          .map((i) => Array.from({ length: columns }, (_, c) => copiedText(props.cellAt(i, c))))
        return { text: toTsv(matrix), html: toHtml(matrix, props.header) }
      }
      const cell = row < rows.length ? props.cellAt(row, col - 1) : undefined
      if (cell === undefined) return null
      const text = copiedText(cell)
      return { text, html: toHtml([[text]], null) }
    },
    // Nothing is pasted into a result; the paste event is left alone.
    paste: () => undefined,
  })

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const actions = props.actions
    // Keys typed into the cell editor are the editor's, but for Ctrl/Cmd+S: the editor has staged its
    // value (it keeps the browser's default when the value is refused), and everything is committed.
    if (event.target !== event.currentTarget) {
      const save = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's'
      if (save && actions && !event.defaultPrevented) actions.commit()
      if (save) event.preventDefault()
      return
    }
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 2)
    const at = clampResultCell({ rows: rows.length, columns }, active)
    const action = resultKeyAction(event, {
      active: at,
      rows: rows.length,
      columns,
      pageRows,
      editable: actions !== null,
      canEdit: actions?.canEdit(at) ?? false,
    })
    if (!action) return
    event.preventDefault()
    if (action.kind === 'move') moveTo(action.to)
    else if (action.kind === 'edit') actions?.edit(at)
    else if (action.kind === 'select') toggle(at.row)
    else if (action.kind === 'delete') {
      actions?.delete(selected.size > 0 ? [...selected].sort((a, b) => a - b) : [at.row])
      setSelected(NONE)
    } else if (action.kind === 'undo') actions?.undo()
    else if (action.kind === 'commit') actions?.commit()
  }

  const onCellMouseDown = (event: MouseEvent, pos: CellPos) => {
    setActive(pos)
    gridRef.current?.focus({ preventScroll: true })
    if ((event.target as HTMLElement).closest('button, input, textarea')) return
    event.preventDefault()
  }

  return { active: clampResultCell({ rows: rows.length, columns }, active), selected, toggle, moveTo, onKeyDown, onCellMouseDown }
}
