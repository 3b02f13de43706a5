import { useEffect, useId, useMemo, useRef, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import type { ColumnInfo, ForeignKey, Sort, TableInfo } from '../../../../shared/contract'
import { cellOf, type Row } from '../../../../shared/cells'
import { CellEditor, type EditorExit } from '../edit/CellEditor'
import type { EditValue, RowId } from '../edit/staging/model'
import type { CellError } from '../../stores/editor'
import { GridHeader } from './GridHeader'
import { canEditCell, clampCell, gridKeyAction, type GridKeyAction } from './grid-keys'
import type { KnownLabels } from '../../stores/fk-labels'
import type { CellRange } from './grid-clipboard'
import { GridRowView, cellDomId, type RowActions } from './GridRowView'
import { HEADER_HEIGHT, ROW_HEIGHT, SELECTOR_WIDTH, columnWidth, scrollToShow } from './grid-layout'
import { rowOf, type RowSpan } from './grid-rows'
import { rowsInView, type ScrollState } from './scaled-scroll'
import { useScaledScroll } from './useScaledScroll'
import { useColumnWindow } from './useColumnWindow'

/** Rows drawn above and below the viewport, so a short scroll shows rows at once. */
const OVERSCAN_ROWS = 12
/** Rows are placed relative to an origin that moves in steps this big, so scrolling moves one element, not every row. */
const ORIGIN_STEP = 1024

/**
 * Where the drawn rows go: row i at (i − origin) × ROW_HEIGHT inside a layer shifted by `shift`, so
 * that the row at the viewport's content position is at the top of the viewport whatever the
 * scrollbar's scale (unscaled, shift is origin × ROW_HEIGHT and the position is the scrollTop).
 */
function placement(state: ScrollState, first: number): { origin: number; shift: number } {
  const origin = Math.floor(first / ORIGIN_STEP) * ORIGIN_STEP
  return { origin, shift: state.scrollTop - state.position + origin * ROW_HEIGHT }
}

/** With a form button in the row selector (the app's own tables). */
const SELECTOR_WITH_FORM = SELECTOR_WIDTH + 28

export interface GridRow {
  rowId: RowId
  status: 'loaded' | 'new' | 'edited' | 'deleted'
  /** What the grid shows: the loaded values with the staged ones on top. */
  row: Row
  /** The row as loaded (what an edit is compared against); empty for new rows. */
  seen: Row
  /** Columns with a staged value. */
  changed: ReadonlySet<string>
}

/** A cell of the grid: row -1 is the header; column 0 is the row selector, 1… the table's columns. */
export interface CellPos {
  row: number
  col: number
}

export interface EditingCell extends CellPos {
  initialText?: string
}

export interface DataGridProps {
  gridRef: RefObject<HTMLDivElement | null>
  info: TableInfo
  /** Every row of the selection (and the new ones), few of them in memory. */
  rows: RowSpan
  /** All rows the selection has (for screen readers), when known exactly. */
  total: number | null
  editable: boolean
  sort: Sort[]
  onSort(column: string, additive: boolean): void
  widths: Record<string, number>
  onWidth(column: string, width: number): void
  /** A header dragged, or Alt+Shift+←/→ on it: the column goes to index `to` among the columns. */
  onMoveColumn(column: string, to: number): void
  active: CellPos
  onActive(pos: CellPos): void
  /** Shift+arrows or Shift+click: the active cell moves, the range grows from where it began. */
  onExtend(pos: CellPos): void
  /** The range of cells for copy and paste, when it is more than the active cell. */
  range: CellRange | null
  selected: ReadonlySet<RowId>
  onSelect(index: number, mode: 'toggle' | 'range' | 'all'): void
  editing: EditingCell | null
  onEditing(editing: EditingCell | null): void
  onStage(rowIndex: number, column: string, value: EditValue): void
  onView(rowIndex: number, column: string): void
  onFollow(rowIndex: number, key: ForeignKey): void
  /** The labels known for each foreign-key column (readable foreign keys), by column name. */
  fkLabels: ReadonlyMap<string, KnownLabels>
  /** The app's own tables: a form button on each saved row. */
  onOpenForm: ((rowIndex: number) => void) | null
  cellErrors: CellError[]
  loading: boolean
  /**
   * The grid positions of the first and last rows drawn (overscan included: what should be in
   * memory), and of the rows a person sees.
   */
  onViewport(first: number, last: number, shown: { first: number; last: number } | null): void
}

/**
 * The rows of a table as an ARIA grid: rows and columns virtualised, the header sticky, the row
 * selector column sticky. Focus stays on the grid element and the active cell is its
 * aria-activedescendant, so keys keep working while rows scroll in and out of the DOM.
 */
export function DataGrid(props: DataGridProps) {
  const { gridRef, info, rows, editable, active, editing, widths, cellErrors } = props
  const gridId = useId().replace(/:/g, '')
  const selectorWidth = props.onOpenForm ? SELECTOR_WITH_FORM : SELECTOR_WIDTH
  const columns = info.columns
  const columnWidths = useMemo(() => columns.map((c) => cellOf(widths, c.name) ?? columnWidth(c)), [columns, widths])
  const columnStarts = useMemo(() => {
    const starts: number[] = []
    let x = 0
    for (const width of columnWidths) {
      starts.push(x)
      x += width
    }
    return { starts, total: x }
  }, [columnWidths])
  const foreignKeys = useMemo(() => {
    const map = new Map<string, ForeignKey>()
    for (const key of info.foreignKeys) for (const column of key.columns) if (!map.has(column)) map.set(column, key)
    return map
  }, [info.foreignKeys])
  const errors = useMemo(() => {
    const map = new Map<string, string>()
    for (const e of cellErrors) map.set(`${e.rowId}\u0000${e.column ?? ''}`, e.message)
    return map
  }, [cellErrors])

  // Rows are placed by hand (every row is ROW_HEIGHT tall): TanStack Virtual keeps two numbers and an
  // object per row, ~24 bytes a row before any is drawn, and its scroll height is capped by the
  // browser's. The scrollbar is scaled past MAX_SCROLL_HEIGHT instead (scaled-scroll.ts).
  const scroll = useScaledScroll(gridRef, rows.length, ROW_HEIGHT, HEADER_HEIGHT)
  const inView = rowsInView(scroll.state.position, scroll.space, rows.length, OVERSCAN_ROWS)
  const { virtualColumns, leading } = useColumnWindow(gridRef, columnWidths, selectorWidth)
  const firstRendered = inView.first
  const lastRendered = inView.last
  const { loading, onViewport } = props
  // Asked again when a load ends: the viewport may have moved on while it ran.
  const shownFirst = inView.shownFirst
  const shownLast = scroll.space.viewport > 0 ? inView.shownLast : -1
  useEffect(() => {
    if (lastRendered >= 0)
      onViewport(firstRendered, lastRendered, shownLast >= 0 ? { first: Math.max(0, shownFirst), last: shownLast } : null)
  }, [firstRendered, lastRendered, shownFirst, shownLast, loading, rows, onViewport])

  // Keep the active cell in view (below the sticky header, right of the sticky selector) when it
  // moves, and only then: a re-render (a page starting to load) must not scroll the grid back to it.
  const activeRow = active.row
  const activeCol = active.col
  const reveal = scroll.reveal
  useEffect(() => {
    const element = gridRef.current
    if (!element) return
    if (activeRow >= 0) reveal(activeRow)
    if (activeCol >= 1) {
      const left = selectorWidth + (columnStarts.starts[activeCol - 1] ?? 0)
      const width = columnWidths[activeCol - 1] ?? 0
      const scrollLeft = scrollToShow(left, width, element.scrollLeft, element.clientWidth, selectorWidth)
      if (scrollLeft !== element.scrollLeft) element.scrollLeft = scrollLeft
    }
  }, [activeRow, activeCol, gridRef, reveal, columnStarts, columnWidths, selectorWidth])

  const cellId = (pos: CellPos) => (pos.row < 0 ? `${gridId}-h${pos.col}` : cellDomId(gridId, pos.row, pos.col))
  const activeRendered =
    active.row < 0 || (rowOf(rows, active.row) !== undefined && active.row >= firstRendered && active.row <= lastRendered)

  const startEdit = (pos: CellPos, initialText?: string) => {
    if (!canEditCell({ rows, columns, editable }, pos.row, pos.col)) return
    props.onEditing(initialText === undefined ? { ...pos } : { ...pos, initialText })
  }

  const move = (row: number, col: number) => props.onActive(clampCell({ rows, columns }, row, col))

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed into the cell editor (or a button inside a cell) are theirs.
    if (event.target !== event.currentTarget) return
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 2)
    const action = gridKeyAction(event, {
      active,
      rows,
      columns,
      columnWidths,
      editable,
      foreignKeys,
      pageRows,
      withForm: props.onOpenForm !== null,
    })
    if (!action) return
    event.preventDefault()
    runKeyAction(action)
  }

  const runKeyAction = (action: GridKeyAction) => {
    switch (action.kind) {
      case 'move':
        return props.onActive(action.to)
      case 'extend':
        return props.onExtend(action.to)
      case 'width':
        return props.onWidth(action.column, action.width)
      case 'reorder':
        props.onMoveColumn(action.column, action.to)
        return props.onActive({ row: -1, col: action.to + 1 })
      case 'sort':
        return props.onSort(action.column, action.additive)
      case 'select':
        return props.onSelect(action.row, action.mode)
      case 'view':
        return props.onView(action.row, action.column)
      case 'form':
        return props.onOpenForm?.(action.row)
      case 'follow':
        return props.onFollow(action.row, action.key)
      case 'edit':
        return props.onEditing(action.initialText === undefined ? { ...action.pos } : { ...action.pos, initialText: action.initialText })
      case 'stage':
        return props.onStage(action.row, action.column, action.value)
      case 'none':
        return
    }
  }

  const onCellMouseDown = (event: MouseEvent, pos: CellPos) => {
    if (pos.col === 0 && event.shiftKey) props.onSelect(pos.row, 'range')
    if (pos.col > 0 && event.shiftKey) props.onExtend(pos)
    else props.onActive(pos)
    gridRef.current?.focus({ preventScroll: true })
    if ((event.target as HTMLElement).closest('button, input')) return
    event.preventDefault()
  }

  const finishEdit = (rowIndex: number, col: number, column: ColumnInfo, value: EditValue, exit: EditorExit) => {
    props.onStage(rowIndex, column.name, value)
    props.onEditing(null)
    if (exit === 'right') move(rowIndex, col + 1)
    else if (exit === 'left') move(rowIndex, col - 1)
    else if (exit === 'down') move(rowIndex + 1, col)
    gridRef.current?.focus({ preventScroll: true })
  }

  // Rows are memoised: they get one stable object whose functions reach the latest handlers, so an
  // arrow key re-renders the two rows whose active cell changed, not every row on screen.
  const latest = useRef({ onCellMouseDown, startEdit, props })
  latest.current = { onCellMouseDown, startEdit, props }
  const actions = useMemo<RowActions>(
    () => ({
      mouseDown: (event, pos) => latest.current.onCellMouseDown(event, pos),
      doubleClick: (pos, column) =>
        column.kind === 'binary' ? latest.current.props.onView(pos.row, column.name) : latest.current.startEdit(pos),
      toggle: (index) => latest.current.props.onSelect(index, 'toggle'),
      view: (index, column) => latest.current.props.onView(index, column),
      follow: (index, key) => latest.current.props.onFollow(index, key),
      openForm: (index) => latest.current.props.onOpenForm?.(index),
    }),
    [],
  )

  const totalWidth = selectorWidth + columnStarts.total
  const placed = placement(scroll.state, firstRendered)
  const drawn: number[] = []
  for (let index = firstRendered; index <= lastRendered; index++) drawn.push(index)
  const editingRow = editing ? rowOf(rows, editing.row) : undefined
  const editingColumn = editing ? columns[editing.col - 1] : undefined
  // What the header and every row lay their cells out by (the same columns, widths and window).
  const layout = { gridId, selectorWidth, columns, columnWidths, virtualColumns, leading, width: totalWidth, foreignKeys }

  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label={`${info.name} rows`}
      aria-rowcount={props.total === null ? -1 : props.total + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable
      aria-readonly={!editable}
      aria-activedescendant={activeRendered ? cellId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-canvas" style={{ width: totalWidth, height: HEADER_HEIGHT + scroll.space.height }}>
        <GridHeader
          {...layout}
          sort={props.sort}
          active={active}
          allSelected={rows.items.length > 0 && props.selected.size >= rows.items.length}
          onSelectAll={() => props.onSelect(active.row, 'all')}
          onSort={props.onSort}
          onWidth={props.onWidth}
          onMoveColumn={props.onMoveColumn}
          onMouseDown={onCellMouseDown}
        />
        <div role="rowgroup" className="grid-body" style={{ height: scroll.space.height }}>
          <div className="grid-rows" style={{ transform: `translateY(${placed.shift}px)` }}>
            {drawn.map((index) => {
              const gridRow = rowOf(rows, index)
              if (!gridRow)
                return <PlaceholderRow key={`p${index}`} index={index} top={(index - placed.origin) * ROW_HEIGHT} width={totalWidth} />
              return (
                <GridRowView
                  key={gridRow.rowId}
                  {...layout}
                  gridRow={gridRow}
                  index={index}
                  top={(index - placed.origin) * ROW_HEIGHT}
                  activeCol={active.row === index ? active.col : null}
                  selected={props.selected.has(gridRow.rowId)}
                  fkLabels={props.fkLabels}
                  rangeCols={
                    props.range && index >= props.range.top && index <= props.range.bottom
                      ? props.range.left * 10_000 + props.range.right
                      : null
                  }
                  errors={errors}
                  withForm={props.onOpenForm !== null}
                  actions={actions}
                />
              )
            })}
            {editing && editingRow && editingColumn && (
              <CellEditor
                key={`${editingRow.rowId}:${editingColumn.name}`}
                column={editingColumn}
                value={cellOf(editingRow.row, editingColumn.name) ?? null}
                {...(editing.initialText !== undefined ? { initialText: editing.initialText } : {})}
                style={editorPlacement(editing, placed.origin, columnStarts.starts, columnWidths, selectorWidth, totalWidth)}
                onCommit={(value, exit) => finishEdit(editing.row, editing.col, editingColumn, value, exit)}
                onCancel={() => {
                  props.onEditing(null)
                  gridRef.current?.focus({ preventScroll: true })
                }}
              />
            )}
          </div>
        </div>
      </div>
    </div>
  )
}

/** Over its cell, at least 240px wide, moved left rather than past the grid's right edge. */
function editorPlacement(editing: CellPos, origin: number, starts: number[], widths: number[], selectorWidth: number, totalWidth: number) {
  const width = Math.max(240, widths[editing.col - 1] ?? 0)
  const left = selectorWidth + (starts[editing.col - 1] ?? 0)
  return { top: (editing.row - origin) * ROW_HEIGHT, left: Math.max(selectorWidth, Math.min(left, totalWidth - width)), minWidth: width }
}

/** A row of the table not in memory yet: its place, while its page is read. */
function PlaceholderRow({ index, top, width }: { index: number; top: number; width: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy
      className="grid-row row-placeholder"
      style={{ transform: `translateY(${top}px)`, width }}
    >
      <div role="gridcell" aria-colindex={1} className="grid-cell placeholder-cell">
        …
      </div>
    </div>
  )
}
