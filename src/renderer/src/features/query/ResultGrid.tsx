import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ColumnInfo, QueryColumn } from '../../../../shared/contract'
import { CellEditor } from '../edit/CellEditor'
import type { EditValue } from '../edit/staging/model'
import { isBinaryCell, type Cell } from '../../../../shared/cells'
import { cellSummary } from '../edit/staging/values'
import { HEADER_HEIGHT, MAX_COLUMN_WIDTH, ROW_HEIGHT, SELECTOR_WIDTH } from '../browse/grid-layout'
import { useColumnWindow } from '../browse/useColumnWindow'
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
  onStage(row: number, col: number, value: EditValue): void
}

/**
 * A statement's rows (read-only unless `edit` is given: then a double-click edits a cell as the grid does), in the table browser's grid look (its CSS, row height and value
 * rendering): rows and columns virtualised, so a window of 10,000 rows draws only what is seen.
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

  const virtualRows = rowVirtualizer.getVirtualItems()
  const lastShown = virtualRows.at(-1)?.index ?? -1
  useEffect(() => {
    if (onNearEnd && lastShown >= rows.length - NEAR_END) onNearEnd()
  }, [lastShown, rows.length, onNearEnd])

  return (
    <div className="query-grid-frame" style={{ height: Math.min(FRAME_MAX, HEADER_HEIGHT + Math.max(1, rows.length) * ROW_HEIGHT + 18) }}>
      <div
        ref={scroller}
        className="grid"
        role="grid"
        aria-label="Result rows"
        aria-readonly={edit ? 'false' : 'true'}
        aria-rowcount={firstRow + rows.length + 1}
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
              return (
                <div
                  key={v.index}
                  role="row"
                  aria-rowindex={firstRow + v.index + 2}
                  className={`grid-row${(firstRow + v.index) % 2 ? ' row-odd' : ''}`}
                  style={{ transform: `translateY(${v.start - HEADER_HEIGHT}px)`, width: total }}
                >
                  <div role="rowheader" className="grid-cell grid-selector query-row-number" style={{ width: SELECTOR_WIDTH }}>
                    {firstRow + v.index + 1}
                  </div>
                  {leading > 0 && <div className="grid-spacer" style={{ width: leading }} />}
                  {virtualColumns.map((c) => (
                    <ResultCell
                      key={c.index}
                      cell={edit ? edit.cellAt(v.index, c.index) : row[c.index]}
                      width={widths[c.index] ?? 120}
                      colIndex={c.index + 2}
                      staged={edit?.isStaged(v.index, c.index) ?? false}
                      {...(edit?.columnInfo(c.index) ? { onEdit: () => setEditing({ row: v.index, col: c.index }) } : {})}
                    />
                  ))}
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
              onCommit={(value) => {
                edit.onStage(editing.row, editing.col, value)
                setEditing(null)
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </div>
      </div>
    </div>
  )
}

function ResultCell(props: { cell: Cell | undefined; width: number; colIndex: number; staged: boolean; onEdit?: () => void }) {
  const { cell, width, colIndex, staged, onEdit } = props
  const value = cell === undefined ? null : cell
  const number = typeof value === 'number'
  const { text } = cellSummary(value)
  return (
    <div
      role="gridcell"
      aria-colindex={colIndex}
      className={`grid-cell${number ? ' cell-number' : ''}${staged ? ' cell-changed' : ''}`}
      style={{ width }}
      title={text}
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
