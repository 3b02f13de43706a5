import type { VirtualItem } from '@tanstack/react-virtual'
import { useRef, useState, type MouseEvent, type PointerEvent } from 'react'
import type { ColumnInfo, ForeignKey, Sort } from '../../../../shared/contract'
import type { CellPos } from './DataGrid'
import { columnDescription, HEADER_HEIGHT, typeHint } from './grid-layout'

interface GridHeaderProps {
  gridId: string
  selectorWidth: number
  columns: ColumnInfo[]
  columnWidths: number[]
  virtualColumns: VirtualItem[]
  leading: number
  width: number
  sort: Sort[]
  active: CellPos
  foreignKeys: Map<string, ForeignKey>
  allSelected: boolean
  onSelectAll(): void
  onSort(column: string, additive: boolean): void
  onWidth(column: string, width: number): void
  onMoveColumn(column: string, to: number): void
  onMouseDown(event: MouseEvent, pos: CellPos): void
}

/** How far a header must be dragged before it moves rather than sorts. */
const DRAG_THRESHOLD = 6

/**
 * Where a header dropped at `x` goes: before the first drawn column whose middle is right of `x`
 * (or after the last one), as an index among the columns once the dragged one is taken out.
 */
function dropIndex(row: Element, x: number, names: readonly string[], dragged: string): { to: number; before: string | null } {
  const cells = [...row.querySelectorAll<HTMLElement>('[data-column]')]
  const target = cells.find((cell) => {
    const rect = cell.getBoundingClientRect()
    return x < rect.left + rect.width / 2
  })
  const before = target?.dataset.column ?? null
  const at = before === null ? names.indexOf(cells.at(-1)?.dataset.column ?? '') + 1 : names.indexOf(before)
  const from = names.indexOf(dragged)
  return { to: at > from ? at - 1 : at, before }
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const

/** The sticky header row: a sort button per column (asc → desc → none) and a drag handle to resize. */
export function GridHeader(props: GridHeaderProps) {
  const { gridId, columns, columnWidths, virtualColumns, leading, sort, active } = props
  // While a header is dragged: the column it would land before (null: after the last one drawn).
  const [dropAt, setDropAt] = useState<{ before: string | null } | null>(null)
  const dragged = useRef(false)

  /** A header dragged sideways moves its column (the keyboard's way is Alt+Shift+←/→). */
  const startDrag = (event: PointerEvent<HTMLDivElement>, column: ColumnInfo) => {
    if (event.button !== 0) return
    const row = event.currentTarget.parentElement
    if (!row) return
    const names = columns.map((c) => c.name)
    const startX = event.clientX
    let to: number | null = null
    dragged.current = false
    const onMove = (move: globalThis.PointerEvent) => {
      if (!dragged.current && Math.abs(move.clientX - startX) < DRAG_THRESHOLD) return
      dragged.current = true
      const drop = dropIndex(row, move.clientX, names, column.name)
      to = drop.to
      setDropAt({ before: drop.before })
    }
    const onUp = () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
      setDropAt(null)
      if (dragged.current && to !== null && to !== names.indexOf(column.name)) props.onMoveColumn(column.name, to)
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
  }

  const startResize = (event: PointerEvent<HTMLSpanElement>, column: ColumnInfo, width: number) => {
    event.preventDefault()
    event.stopPropagation()
    const handle = event.currentTarget
    handle.setPointerCapture(event.pointerId)
    const startX = event.clientX
    const onMove = (move: globalThis.PointerEvent) => props.onWidth(column.name, width + move.clientX - startX)
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove)
      handle.removeEventListener('pointerup', onUp)
      handle.removeEventListener('pointercancel', onUp)
    }
    handle.addEventListener('pointermove', onMove)
    handle.addEventListener('pointerup', onUp)
    handle.addEventListener('pointercancel', onUp)
  }

  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-header-row" style={{ width: props.width, height: HEADER_HEIGHT }}>
        <div
          id={`${gridId}-h0`}
          role="columnheader"
          aria-colindex={1}
          className={`grid-cell grid-selector grid-header-cell${active.row < 0 && active.col === 0 ? ' cell-active' : ''}`}
          style={{ width: props.selectorWidth }}
          onMouseDown={(e) => props.onMouseDown(e, { row: -1, col: 0 })}
        >
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label="Select all loaded rows"
            checked={props.allSelected}
            onChange={props.onSelectAll}
          />
        </div>
        {leading > 0 && <div className="grid-spacer" style={{ width: leading }} />}
        {virtualColumns.map((virtualColumn) => {
          const column = columns[virtualColumn.index]
          if (!column) return null
          const col = virtualColumn.index + 1
          const width = columnWidths[virtualColumn.index] ?? 120
          const sortIndex = sort.findIndex((s) => s.column === column.name)
          const sorted = sort[sortIndex]
          const foreignKey = props.foreignKeys.get(column.name)
          const last = virtualColumn.index === virtualColumns.at(-1)?.index
          const dropMark = dropAt && (dropAt.before === column.name ? ' drop-before' : dropAt.before === null && last ? ' drop-after' : '')
          return (
            <div
              key={column.name}
              id={`${gridId}-h${col}`}
              role="columnheader"
              aria-colindex={col + 1}
              aria-sort={sorted ? ARIA_SORT[sorted.direction] : 'none'}
              data-column={column.name}
              className={`grid-cell grid-header-cell${active.row < 0 && active.col === col ? ' cell-active' : ''}${dropMark || ''}`}
              style={{ width }}
              onMouseDown={(e) => props.onMouseDown(e, { row: -1, col })}
              onPointerDown={(e) => startDrag(e, column)}
            >
              <button
                type="button"
                tabIndex={-1}
                className="grid-sort"
                // A column the engine cannot page through in order says why, and offers no sort.
                title={`${columnDescription(column, foreignKey)}\n${column.sortRefusal ?? 'Click to sort, Shift+click to add to the sort.'}\nDrag to move the column.`}
                aria-disabled={column.sortRefusal ? true : undefined}
                onClick={(e) => {
                  // The click that ends a drag is not a sort.
                  if (dragged.current) return void (dragged.current = false)
                  if (!column.sortRefusal) props.onSort(column.name, e.shiftKey)
                }}
              >
                <span className="grid-col-name">{column.name}</span>
                <span className="grid-col-meta" aria-hidden>
                  {typeHint(column, Boolean(foreignKey), width, Boolean(sorted))}
                </span>
                <span className="grid-sort-mark" aria-hidden>
                  {sorted ? (sorted.direction === 'asc' ? '▲' : '▼') : ''}
                  {sorted && sort.length > 1 ? sortIndex + 1 : ''}
                </span>
              </button>
              <span
                className="grid-resize"
                aria-hidden
                title="Drag to resize (or Alt+←/→ on the header)"
                onPointerDown={(e) => startResize(e, column, width)}
                onDoubleClick={(e) => {
                  e.stopPropagation()
                  props.onWidth(column.name, Math.max(width, 320))
                }}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}
