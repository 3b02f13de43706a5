import type { VirtualItem } from '@tanstack/react-virtual'
import { memo, type MouseEvent } from 'react'
import type { ColumnInfo, ForeignKey } from '../../../../shared/contract'
import { cellOf, isBinaryCell, type Cell } from '../../../../shared/cells'
import { labelKey, type KnownLabels } from '../../stores/fk-labels'
import { cellSummary } from '../edit/staging/values'
import type { CellPos, GridRow } from './DataGrid'
import { mayBeCut } from './grid-layout'

/** What a row can ask of the grid; one stable object for all rows (see DataGrid). */
export interface RowActions {
  mouseDown(event: MouseEvent, pos: CellPos): void
  doubleClick(pos: CellPos, column: ColumnInfo): void
  toggle(index: number): void
  view(index: number, column: string): void
  follow(index: number, key: ForeignKey): void
  openForm(index: number): void
}

export const cellDomId = (gridId: string, row: number, col: number): string => `${gridId}-r${row}-c${col}`

interface GridRowViewProps {
  gridId: string
  gridRow: GridRow
  index: number
  top: number
  width: number
  selectorWidth: number
  leading: number
  columns: ColumnInfo[]
  columnWidths: number[]
  virtualColumns: VirtualItem[]
  /** The active column when the active cell is in this row. */
  activeCol: number | null
  selected: boolean
  foreignKeys: Map<string, ForeignKey>
  fkLabels: ReadonlyMap<string, KnownLabels>
  /** The columns of the copy/paste range in this row, as left * 10000 + right (a number keeps the row's memo cheap), or null. */
  rangeCols: number | null
  /** Commit errors by `rowId \0 column` (column empty for the row as a whole). */
  errors: Map<string, string>
  withForm: boolean
  actions: RowActions
}

const STATUS_MARK = { loaded: '', new: '+', edited: '•', deleted: '−' } as const
const STATUS_LABEL = { loaded: '', new: 'new row', edited: 'edited', deleted: 'to be deleted' } as const
const NUMERIC = new Set(['integer', 'decimal', 'float'])

/** One row of the grid: the selector cell (checkbox, state, form button), then the visible columns. */
export const GridRowView = memo(function GridRowView(props: GridRowViewProps) {
  const { gridId, gridRow, index, columns, columnWidths, activeCol, selected, actions } = props
  const statusLabel = STATUS_LABEL[gridRow.status]
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row row-${gridRow.status}${selected ? ' row-selected' : ''}${index % 2 ? ' row-odd' : ''}`}
      style={{ transform: `translateY(${props.top}px)`, width: props.width }}
    >
      <div
        id={cellDomId(gridId, index, 0)}
        role="gridcell"
        aria-colindex={1}
        className={`grid-cell grid-selector${activeCol === 0 ? ' cell-active' : ''}`}
        style={{ width: props.selectorWidth }}
        onMouseDown={(e) => actions.mouseDown(e, { row: index, col: 0 })}
      >
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select row ${index + 1}`}
          onChange={() => actions.toggle(index)}
        />
        <span className="grid-mark" aria-hidden>
          {STATUS_MARK[gridRow.status]}
        </span>
        {statusLabel && <span className="sr-only">{statusLabel}</span>}
        {props.withForm && (gridRow.status === 'loaded' || gridRow.status === 'edited') && (
          <button
            type="button"
            tabIndex={-1}
            className="cell-button"
            aria-label="Open in form"
            title="Open in form"
            onClick={() => actions.openForm(index)}
          >
            ✎
          </button>
        )}
      </div>
      {props.leading > 0 && <div className="grid-spacer" style={{ width: props.leading }} />}
      {props.virtualColumns.map((virtualColumn) => {
        const column = columns[virtualColumn.index]
        if (!column) return null
        const col = virtualColumn.index + 1
        const error =
          props.errors.get(`${gridRow.rowId}\u0000${column.name}`) ?? (col === 1 ? props.errors.get(`${gridRow.rowId}\u0000`) : undefined)
        const classes = ['grid-cell']
        if (gridRow.changed.has(column.name)) classes.push('cell-changed')
        if (error) classes.push('cell-error')
        if (activeCol === col) classes.push('cell-active')
        if (props.rangeCols !== null && col >= Math.floor(props.rangeCols / 10_000) && col <= props.rangeCols % 10_000)
          classes.push('cell-in-range')
        // Numbers sit right; one too wide for its column ends in an ellipsis and shows in full on hover.
        const number = NUMERIC.has(column.kind) ? cellOf(gridRow.row, column.name) : undefined
        const numberText = typeof number === 'number' || typeof number === 'string' ? String(number) : null
        if (NUMERIC.has(column.kind)) classes.push('cell-number')
        return (
          <div
            key={column.name}
            id={cellDomId(gridId, index, col)}
            role="gridcell"
            aria-colindex={col + 1}
            aria-invalid={error ? true : undefined}
            title={error ?? (numberText !== null && mayBeCut(numberText, columnWidths[virtualColumn.index] ?? 0) ? numberText : undefined)}
            className={classes.join(' ')}
            style={{ width: columnWidths[virtualColumn.index] }}
            onMouseDown={(e) => actions.mouseDown(e, { row: index, col })}
            onDoubleClick={() => actions.doubleClick({ row: index, col }, column)}
          >
            <CellContent
              value={cellOf(gridRow.row, column.name)}
              unset={gridRow.status === 'new' && !Object.hasOwn(gridRow.row, column.name)}
              column={column}
              foreignKey={props.foreignKeys.get(column.name)}
              labels={props.fkLabels.get(column.name)}
              onView={() => actions.view(index, column.name)}
              onFollow={(key) => actions.follow(index, key)}
            />
          </div>
        )
      })}
    </div>
  )
})

function CellContent(props: {
  value: Cell | undefined
  unset: boolean
  column: ColumnInfo
  foreignKey: ForeignKey | undefined
  labels: KnownLabels | undefined
  onView(): void
  onFollow(key: ForeignKey): void
}) {
  const { value, unset, column, foreignKey } = props
  if (unset || value === undefined) return <span className="cell-default">DEFAULT</span>
  if (value === null) return <span className="cell-null">NULL</span>
  const { text, long } = cellSummary(value)
  // Readable foreign keys: the referenced row's label (e.g. its username) inside the link that opens it.
  const label = foreignKey && props.labels?.column ? props.labels.byKey[labelKey(value)] : undefined
  return (
    <>
      <span className={`cell-text${isBinaryCell(value) ? ' cell-binary' : ''}${typeof value === 'boolean' ? ' cell-bool' : ''}`}>
        {text}
      </span>
      {long && (
        <button
          type="button"
          tabIndex={-1}
          className="cell-button"
          aria-label={`View the whole ${column.name} value`}
          onClick={props.onView}
        >
          ⤢
        </button>
      )}
      {foreignKey && (
        <button
          type="button"
          tabIndex={-1}
          className="cell-button cell-link"
          aria-label={`Open ${foreignKey.referencedTable} where ${foreignKey.referencedColumns.join(', ')} = ${text}`}
          title={`${label ? `${label} — ` : ''}open the ${foreignKey.referencedTable} row (Alt+Enter)`}
          onClick={() => props.onFollow(foreignKey)}
        >
          {label && <span className="cell-fk-label">{label}</span>}↗
        </button>
      )}
    </>
  )
}
