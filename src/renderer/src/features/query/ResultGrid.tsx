import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import type { ColumnInfo, QueryColumn } from '../../../../shared/contract'
import { CellEditor } from '../edit/CellEditor'
import type { EditValue } from '../edit/staging/model'
import { isBinaryCell, type Cell } from '../../../../shared/cells'
import { cellSummary, isEditableKind } from '../edit/staging/values'
import type { CellPos } from '../browse/DataGrid'
import { cellDomId } from '../browse/GridRowView'
import { HEADER_HEIGHT, MAX_COLUMN_WIDTH, ROW_HEIGHT, SELECTOR_WIDTH } from '../browse/grid-layout'
import { useColumnWindow } from '../browse/useColumnWindow'
import { useResultCursor, type ResultCursorActions } from './useResultCursor'
import '../browse/browse.css'

/** The grid's most height (px); fewer rows take less. */
const FRAME_MAX = 420
/** Rows from the end of the window at which the next page is asked for. */
const NEAR_END = 60

const widthOf = (column: QueryColumn, sample: Cell | undefined): number => {
  const text = sample === undefined ? '' : cellSummary(sample).text
  return Math.min(MAX_COLUMN_WIDTH / 3, Math.max(90, column.name.length * 8 + 40, text.length * 7.5 + 24))
}

/** How an editable result's cells are edited: the table column behind a result column, staged values on top. */
export interface ResultGridEdit {
  /** The table column a result column shows, to edit it with; null when it is not one. */
  columnInfo(col: number): ColumnInfo | null
  /** The cell as shown: the staged value when there is one. */
  cellAt(row: number, col: number): Cell | undefined
  isStaged(row: number, col: number): boolean
  /** Staged for deletion, or deleted by a commit (still listed: the result is not re-run). */
  isDeleted(row: number): boolean
  onStage(row: number, col: number, value: EditValue): void
  onDelete(rows: number[]): void
  undo(): void
  commit(): void
}

/**
 * A statement's rows (read-only unless `edit` is given: then Enter, F2 or a double-click edits a cell
 * and Delete stages the row's deletion, as the grid does), in the table browser's grid look (its CSS,
 * row height and value rendering) and with its keys (useResultCursor): rows and columns virtualised,
 * so a window of 10,000 rows draws only what is seen.
 * `firstRow` numbers the rows; `dropped` (rows that left the front) keeps the view where it was.
 */
export function ResultGrid(props: {
  columns: QueryColumn[]
  rows: Cell[][]
  firstRow: number
  dropped: number
  onNearEnd: (() => void) | null
  edit?: ResultGridEdit
}) {
  const { columns, rows, firstRow, onNearEnd, edit } = props
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null)
  const scroller = useRef<HTMLDivElement | null>(null)
  const widths = useMemo(() => columns.map((c, i) => widthOf(c, rows[0]?.[i])), [columns, rows])
  const total = widths.reduce((sum, w) => sum + w, SELECTOR_WIDTH)

  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  })
  const { virtualColumns, leading } = useColumnWindow(scroller, widths, SELECTOR_WIDTH)
  // Rows left the front: move up by as much, so the rows on screen stay on screen.
  useLayoutEffect(() => {
    if (props.dropped > 0 && scroller.current) scroller.current.scrollTop -= props.dropped * ROW_HEIGHT
  }, [props.dropped, rows])

  const gridId = useId().replace(/:/g, '')
  const editableAt = (pos: CellPos): boolean => {
    const column = edit?.columnInfo(pos.col - 1)
    return Boolean(edit && column && isEditableKind(column.kind) && pos.row < rows.length && !edit.isDeleted(pos.row))
  }
  const actions: ResultCursorActions | null = edit
    ? {
        canEdit: editableAt,
        edit: (pos) => setEditing({ row: pos.row, col: pos.col - 1 }),
        delete: (indexes) => edit.onDelete(indexes),
        undo: () => edit.undo(),
        commit: () => edit.commit(),
      }
    : null
  const cursor = useResultCursor({
    gridRef: scroller,
    rows,
    columns: columns.length,
    widths,
    dropped: props.dropped,
    header: columns.map((c) => c.name),
    cellAt: (row, col) => (edit ? edit.cellAt(row, col) : rows[row]?.[col]),
    actions,
  })
  const { active } = cursor
  const backToGrid = () => scroller.current?.focus({ preventScroll: true })

  const virtualRows = rowVirtualizer.getVirtualItems()
  const lastShown = virtualRows.at(-1)?.index ?? -1
  useEffect(() => {
    if (onNearEnd && lastShown >= rows.length - NEAR_END) onNearEnd()
  }, [lastShown, rows.length, onNearEnd])
  const activeDrawn = active.row < rows.length && virtualRows.some((v) => v.index === active.row)

  return (
    <div className="query-grid-frame" style={{ height: Math.min(FRAME_MAX, HEADER_HEIGHT + Math.max(1, rows.length) * ROW_HEIGHT + 18) }}>
      <div
        ref={scroller}
        className="grid"
        role="grid"
        aria-label="Result rows"
        aria-readonly={edit ? 'false' : 'true'}
        aria-rowcount={firstRow + rows.length + 1}
        aria-colcount={columns.length + 1}
        aria-multiselectable
        aria-activedescendant={activeDrawn ? cellDomId(gridId, active.row, active.col) : undefined}
        tabIndex={0}
        onKeyDown={cursor.onKeyDown}
      >
        <div className="grid-canvas" style={{ width: total, height: HEADER_HEIGHT + rowVirtualizer.getTotalSize() }}>
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row grid-header-row" style={{ width: total, height: HEADER_HEIGHT }}>
              <div role="columnheader" className="grid-cell grid-selector grid-header-cell" style={{ width: SELECTOR_WIDTH }}>
                #
              </div>
              {leading > 0 && <div className="grid-spacer" style={{ width: leading }} />}
              {virtualColumns.map((v) => (
                <div
                  key={v.index}
                  role="columnheader"
                  aria-colindex={v.index + 2}
                  className="grid-cell grid-header-cell query-grid-header"
                  style={{ width: widths[v.index] }}
                  title={columns[v.index]?.type}
                >
                  <span className="grid-col-name">{columns[v.index]?.name}</span>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className="grid-body" style={{ height: rowVirtualizer.getTotalSize() }}>
            {virtualRows.map((v) => {
              const row = rows[v.index]
              if (!row) return null
              const deleted = edit?.isDeleted(v.index) ?? false
              const selected = cursor.selected.has(v.index)
              return (
                <div
                  key={v.index}
                  role="row"
                  aria-rowindex={firstRow + v.index + 2}
                  aria-selected={selected}
                  className={`grid-row${deleted ? ' row-deleted' : ''}${selected ? ' row-selected' : ''}${(firstRow + v.index) % 2 ? ' row-odd' : ''}`}
                  style={{ transform: `translateY(${v.start - HEADER_HEIGHT}px)`, width: total }}
                >
                  <div
                    role="rowheader"
                    className="grid-cell grid-selector query-row-number"
                    style={{ width: SELECTOR_WIDTH }}
                    title="Select the row (Shift+Space)"
                    onMouseDown={(event) => {
                      cursor.onCellMouseDown(event, { row: v.index, col: active.col })
                      cursor.toggle(v.index)
                    }}
                  >
                    {firstRow + v.index + 1}
                    {deleted && <span className="sr-only"> deleted</span>}
                  </div>
                  {leading > 0 && <div className="grid-spacer" style={{ width: leading }} />}
                  {virtualColumns.map((c) => {
                    const pos = { row: v.index, col: c.index + 1 }
                    return (
                      <ResultCell
                        key={c.index}
                        id={cellDomId(gridId, v.index, c.index + 1)}
                        cell={edit ? edit.cellAt(v.index, c.index) : row[c.index]}
                        width={widths[c.index] ?? 120}
                        colIndex={c.index + 2}
                        staged={edit?.isStaged(v.index, c.index) ?? false}
                        active={active.row === v.index && active.col === c.index + 1}
                        onMouseDown={(event) => cursor.onCellMouseDown(event, pos)}
                        {...(editableAt(pos) ? { onEdit: () => setEditing({ row: v.index, col: c.index }) } : {})}
                      />
                    )
                  })}
                </div>
              )
            })}
          </div>
          {edit && editing && edit.columnInfo(editing.col) && (
            <CellEditor
              key={`${editing.row}:${editing.col}`}
              column={edit.columnInfo(editing.col)!}
              value={edit.cellAt(editing.row, editing.col) ?? null}
              style={{
                top: HEADER_HEIGHT + editing.row * ROW_HEIGHT,
                left: SELECTOR_WIDTH + widths.slice(0, editing.col).reduce((sum, w) => sum + w, 0),
                minWidth: Math.max(240, widths[editing.col] ?? 0),
              }}
              onCommit={(value, exit) => {
                edit.onStage(editing.row, editing.col, value)
                setEditing(null)
                const col = editing.col + 1
                if (exit === 'right') cursor.moveTo({ row: editing.row, col: col + 1 })
                else if (exit === 'left') cursor.moveTo({ row: editing.row, col: col - 1 })
                else if (exit === 'down') cursor.moveTo({ row: editing.row + 1, col })
                backToGrid()
              }}
              onCancel={() => {
                setEditing(null)
                backToGrid()
              }}
            />
          )}
        </div>
      </div>
    </div>
  )
}

function ResultCell(props: {
  id: string
  cell: Cell | undefined
  width: number
  colIndex: number
  staged: boolean
  active: boolean
  onMouseDown: (event: MouseEvent) => void
  onEdit?: () => void
}) {
  const { cell, width, colIndex, staged, active, onEdit } = props
  const value = cell === undefined ? null : cell
  const number = typeof value === 'number'
  const { text } = cellSummary(value)
  return (
    <div
      id={props.id}
      role="gridcell"
      aria-colindex={colIndex}
      className={`grid-cell${number ? ' cell-number' : ''}${staged ? ' cell-changed' : ''}${active ? ' cell-active' : ''}`}
      style={{ width }}
      title={text}
      onMouseDown={props.onMouseDown}
      {...(onEdit ? { onDoubleClick: onEdit } : {})}
    >
      {value === null ? (
        <span className="cell-null">NULL</span>
      ) : (
        <span className={`cell-text${isBinaryCell(value) ? ' cell-binary' : ''}${typeof value === 'boolean' ? ' cell-bool' : ''}`}>
          {text}
        </span>
      )}
    </div>
  )
}
