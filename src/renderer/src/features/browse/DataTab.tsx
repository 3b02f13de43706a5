import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { cellOf, isBinaryCell } from '../../../../shared/cells'
import type { CopyFrom, ForeignKey, Sort, TableInfo } from '../../../../shared/contract'
import { gridKey, useBrowserStore, type GridQuery } from '../../stores/browser'
import { rowCount } from '../../stores/row-window'
import { editableValues, useEditorStore } from '../../stores/editor'
import { forgetColumns, rememberedOrder, rememberedWidths, rememberOrder, rememberWidths } from '../../stores/column-widths'
import { labelsId, useLabelsStore, type KnownLabels } from '../../stores/fk-labels'
import { useWorkspaceStore } from '../../stores/workspace'
import { useFormStore } from '../../stores/forms'
import { openRecordForm } from '../edit/open-form'
import { useActiveSession } from '../../stores/session'
import { BulkActions } from '../edit/BulkActions'
import { GridTransferActions } from '../transfer/GridTransferActions'
import { PendingEdits } from '../edit/PendingEdits'
import { countChanges, emptyStaged, keyOf, stageCell, stageDelete, stageInsert, type EditValue, type RowId } from '../edit/staging/model'
import { useLeaveGuards } from '../edit/useLeaveGuards'
import { DataGrid, type CellPos, type EditingCell, type GridRow } from './DataGrid'
import { FilterBar } from './FilterBar'
import { GridOverlay, GridStatus } from './GridStatus'
import { GridToolbar } from './GridToolbar'
import { clampWidth } from './grid-layout'
import { moveColumn, orderColumns } from './column-order'
import { gridRows, rowOf, rowSpan } from './grid-rows'
import { GoToRow } from './GoToRow'
import { copyRange, parseTsv, planPaste, rangeOf, rangeSize, toHtml, toTsv } from './grid-clipboard'
import { useGridClipboard } from './useGridClipboard'
import { equalityFilters, openTable, valuesOf } from './navigation'
import { useGridShortcuts } from './useGridShortcuts'
import { useSelection } from './useSelection'
import { ValueViewer, type ViewedValue } from './ValueViewer'

const NOTHING_STAGED = emptyStaged('')
const NO_WIDTHS: Record<string, number> = {}
const NO_ORDER: string[] = []

/** The next sort after a click on a column's header: asc → desc → none (Shift keeps the others). */
function nextSort(sort: Sort[], column: string, additive: boolean): Sort[] {
  const current = sort.find((s) => s.column === column)
  const others = additive ? sort.filter((s) => s.column !== column) : []
  if (!current) return [...others, { column, direction: 'asc' }]
  if (current.direction === 'desc') return others
  return additive ? sort.map((s) => (s.column === column ? { column, direction: 'desc' } : s)) : [{ column, direction: 'desc' }]
}

/** The Data tab: filters and search, row actions, the grid, and the pending changes with their dialogs. */
export function DataTab({ sessionId, info: table, hidden }: { sessionId: string; info: TableInfo; hidden: boolean }) {
  const session = useActiveSession()
  const key = gridKey(sessionId, table.name)
  const grid = useBrowserStore((state) => (state.grid?.key === key ? state.grid : null))
  const widths = useBrowserStore((state) => state.widths[key]) ?? NO_WIDTHS
  // The table as the grid shows it: its columns in the order the person put them in. Everything
  // below counts columns in this order (cells are found by name, so the order is only on screen).
  const order = useBrowserStore((state) => state.orders[key]) ?? NO_ORDER
  const info = useMemo(() => (order.length === 0 ? table : { ...table, columns: orderColumns(table.columns, order) }), [table, order])
  const { openGrid, setQuery, ensureRows, reload, retry, setWidth, loadTables } = useBrowserStore.getState()
  const editor = useEditorStore()
  // Until the table view has claimed the editor for this table, nothing staged is ours.
  const staged = editor.scope === key ? editor.staged : NOTHING_STAGED
  const gridRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const [active, setActive] = useState<CellPos>({ row: 0, col: 1 })
  /** Where Shift+arrows or Shift+click began a range of cells (null: the range is the active cell). */
  const [anchor, setAnchor] = useState<CellPos | null>(null)
  const [editing, setEditing] = useState<EditingCell | null>(null)
  const [viewed, setViewed] = useState<ViewedValue | null>(null)
  const [goingTo, setGoingTo] = useState(false)
  const [shown, setShown] = useState<{ first: number; last: number } | null>(null)
  const count = countChanges(staged)
  const editable = Boolean(session && !session.readOnly && info.kind === 'table' && info.primaryKey.length > 0)

  useEffect(() => openGrid(sessionId, info.name), [openGrid, sessionId, info.name])

  // Column widths and order are remembered per saved connection and table.
  const savedId = useWorkspaceStore((state) => state.savedIds[sessionId] ?? null)
  useEffect(() => {
    if (!savedId) return
    useBrowserStore.getState().restoreWidths(sessionId, table.name, rememberedWidths(savedId, table.name))
    useBrowserStore.getState().restoreOrder(sessionId, table.name, rememberedOrder(savedId, table.name))
  }, [savedId, sessionId, table.name])
  const changeWidth = (column: string, width: number) => {
    setWidth(sessionId, info.name, column, clampWidth(width))
    if (savedId) rememberWidths(savedId, info.name, useBrowserStore.getState().widths[key] ?? {})
  }
  const changeOrder = (column: string, to: number) => {
    const next = moveColumn(
      info.columns.map((c) => c.name),
      column,
      to,
    )
    useBrowserStore.getState().setOrder(sessionId, info.name, next)
    if (savedId) rememberOrder(savedId, info.name, next)
  }
  const resetColumns = () => {
    useBrowserStore.getState().resetColumns(sessionId, info.name)
    if (savedId) forgetColumns(savedId, info.name)
  }

  // Readable foreign keys: one records.labels call per foreign key for the ids each page brings.
  const known = useLabelsStore((state) => state.known)
  useEffect(() => {
    if (grid?.rows.length) void useLabelsStore.getState().load(sessionId, info.name, info.foreignKeys, grid.rows)
  }, [grid?.rows, sessionId, info])
  const fkLabels = useMemo(() => {
    const map = new Map<string, KnownLabels>()
    for (const fk of info.foreignKeys) {
      const labels = known[labelsId(sessionId, info.name, fk)]
      if (fk.columns.length === 1 && labels) map.set(fk.columns[0], labels)
    }
    return map
  }, [known, sessionId, info])

  // Every row of the selection has a place in the grid (the scrollbar spans the table); the ones in
  // memory are a window of it (row-window.ts), with the new rows on top.
  const inMemory = useMemo(() => gridRows(grid?.rows ?? [], staged, info, grid?.start ?? 0), [grid?.rows, grid?.start, staged, info])
  const newCount = inMemory.length - (grid?.rows.length ?? 0)
  const loadedCount = grid?.loaded ? rowCount(grid, grid.total) : 0
  const rows = useMemo(() => rowSpan(inMemory, newCount, grid?.start ?? 0, loadedCount), [inMemory, newCount, grid?.start, loadedCount])
  const { selected, select, clear } = useSelection(rows)
  const activeRow = rowOf(rows, active.row)
  const shownActive = useMemo(
    () => ({ row: Math.min(active.row, rows.length - 1), col: active.col }),
    [active.row, active.col, rows.length],
  )

  const onViewport = useCallback(
    (first: number, last: number, visible: { first: number; last: number } | null) => {
      setShown(visible)
      void ensureRows(Math.max(0, first - newCount), last - newCount)
    },
    [ensureRows, newCount],
  )

  const describeRow = (rowId: RowId): string => {
    const index = rows.indexOf(rowId)
    const row = rowOf(rows, index)
    if (!row) return 'a row that is no longer loaded'
    if (row.status === 'new') return `new row ${index + 1}`
    return info.primaryKey.length > 0
      ? `${info.name} ${info.primaryKey.map((c) => `${c} = ${String(row.seen[c])}`).join(', ')}`
      : `row ${index + 1}`
  }

  // --- staging -----------------------------------------------------------------------------
  const seen = (row: GridRow) => ({ rowId: row.rowId, key: keyOf(info.primaryKey, row.seen), row: row.seen })
  const current = () => useEditorStore.getState().staged

  const stage = (rowIndex: number, column: string, value: EditValue) => {
    const row = rowOf(rows, rowIndex)
    if (row && editable) editor.apply(stageCell(current(), seen(row), column, value))
  }

  const insertRow = (values: Record<string, EditValue> = {}, copyFrom?: CopyFrom) => {
    editor.apply(stageInsert(current(), values, copyFrom).staged)
    setActive({ row: 0, col: Math.max(1, info.columns.findIndex((c) => !c.autoIncrement) + 1) })
    gridRef.current?.focus()
  }

  const duplicateRow = () => {
    if (!activeRow) return
    const values = editableValues(activeRow.row)
    // A copy gets its own key: generated columns are left to the database.
    for (const column of info.columns) if (column.autoIncrement) delete values[column.name]
    // Binary values may be held only cut short (read cap): the database copies them from the row
    // itself (INSERT … SELECT), which needs the row saved and a key to find it by.
    const binary = info.columns.filter((c) => !c.autoIncrement && isBinaryCell(cellOf(activeRow.seen, c.name) ?? null)).map((c) => c.name)
    const copyable = binary.length > 0 && activeRow.status !== 'new' && info.primaryKey.length > 0
    insertRow(values, copyable ? { key: keyOf(info.primaryKey, activeRow.seen), columns: binary } : undefined)
  }

  const deleteRows = () => {
    const targets = selected.size > 0 ? rows.items.filter((row) => selected.has(row.rowId)) : activeRow ? [activeRow] : []
    if (targets.length === 0) return
    editor.apply(stageDelete(current(), targets.map(seen)))
    clear()
    gridRef.current?.focus()
  }

  // --- copy and paste like a spreadsheet -----------------------------------------------------
  const range = anchor ? rangeOf(anchor, active) : null
  useGridClipboard(gridRef, {
    copy: () => {
      // A range of cells; else the selected rows (Ctrl+A: every loaded row), every column; else the active cell.
      const chosen = selected.size > 0 && !range ? rows.items.filter((row) => selected.has(row.rowId)) : null
      const { matrix, header } = chosen
        ? copyRange(chosen, info.columns, { top: 0, bottom: chosen.length - 1, left: 1, right: info.columns.length })
        : active.row >= 0 && active.col >= 1
          ? copyRange(rows, info.columns, range ?? rangeOf(null, active))
          : { matrix: [], header: [] }
      return matrix.length === 0 ? null : { text: toTsv(matrix), html: toHtml(matrix, header) }
    },
    paste: (text) => {
      if (!editable) return
      const at = range ?? rangeOf(null, active)
      const plan = planPaste({ rows, columns: info.columns, editable }, at, parseTsv(text))
      let next = current()
      for (const update of plan.updates) {
        const row = rowOf(rows, update.row)
        if (row) next = stageCell(next, seen(row), update.column, update.value)
      }
      const inserted: string[] = []
      for (const values of plan.inserts) {
        const result = stageInsert(next, values)
        next = result.staged
        inserted.push(result.rowId)
      }
      editor.apply(next)
      // Values that did not parse are marked on their cells, as a refused commit would mark them.
      const errors = plan.errors.flatMap((e) => {
        const rowId = 'row' in e.at ? rowOf(rows, e.at.row)?.rowId : inserted[e.at.insert]
        return rowId ? [{ rowId, column: e.column, message: e.message }] : []
      })
      useEditorStore.getState().markCells(errors)
      if (rangeSize(at) > 1 || plan.inserts.length > 0) setAnchor(null)
    },
  })

  const commit = useCallback(async () => {
    setEditing(null)
    return useEditorStore.getState().commit(sessionId, info)
  }, [sessionId, info])

  // --- anything that would drop staged edits asks first ---------------------------------------
  const { settle, prompt } = useLeaveGuards(count, commit)

  const changeQuery = async (next: GridQuery, action: string) => {
    if (!grid || JSON.stringify(next) === JSON.stringify(grid.query)) return
    if (!(await settle(action))) return
    setQuery(next)
    clear()
    setAnchor(null)
    setEditing(null)
    setActive((pos) => ({ row: Math.min(pos.row, 0), col: pos.col }))
  }

  useGridShortcuts({
    onCommit: () => void (countChanges(current()) > 0 && commit()),
    onUndo: () => useEditorStore.getState().undo(),
    onRedo: () => useEditorStore.getState().redo(),
    onFind: () => searchRef.current?.focus(),
    onGoTo: () => setGoingTo(true),
  })

  // After choosing a table (in the sidebar or the tab strip) the keyboard lands in the grid once its
  // rows are there; focus anywhere else (a filter being typed, the Back button) is left alone.
  const focusedOnce = useRef(false)
  useEffect(() => {
    if (focusedOnce.current || !grid?.loaded || hidden) return
    focusedOnce.current = true
    const at = document.activeElement
    const chosen =
      !at ||
      at === document.body ||
      at.closest('.workspace-sidebar') !== null ||
      (at.getAttribute('role') === 'tab' && at.closest('.tab-strip') !== null)
    if (chosen) gridRef.current?.focus({ preventScroll: true })
  }, [grid?.loaded, hidden])

  // A record form saved something: show it.
  const savedAt = useFormStore((state) => state.savedAt)
  const seenSavedAt = useRef(savedAt)
  useEffect(() => {
    if (savedAt === seenSavedAt.current) return
    seenSavedAt.current = savedAt
    useLabelsStore.getState().forget(sessionId)
    void reload()
    void loadTables(sessionId)
  }, [savedAt, reload, loadTables, sessionId])

  // Errors and conflicts ask the grid to show a cell (only a new request moves it, not new rows).
  const focus = editor.focus
  useEffect(() => {
    if (!focus) return
    const index = rows.indexOf(focus.rowId)
    if (index < 0) return
    const col = Math.max(1, focus.column ? info.columns.findIndex((c) => c.name === focus.column) + 1 : 1)
    setActive({ row: index, col })
    if (focus.edit) setEditing({ row: index, col })
    else gridRef.current?.focus()
    // Only a new request (its seq) moves the grid, not new rows or columns arriving.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.seq])

  const follow = (rowIndex: number, fk: ForeignKey) => {
    const values = valuesOf(rowOf(rows, rowIndex)?.row ?? {}, fk.columns)
    if (values.length > 0 && values.every((v) => v !== null))
      void openTable(sessionId, fk.referencedTable, equalityFilters(fk.referencedColumns, values))
  }

  const referencedBy = (fk: ForeignKey) => {
    if (activeRow) void openTable(sessionId, fk.table, equalityFilters(fk.columns, valuesOf(activeRow.seen, fk.referencedColumns)))
  }

  const openForm = (rowIndex: number) => {
    const row = rowOf(rows, rowIndex)
    if (row) void openRecordForm(info.name, keyOf(info.primaryKey, row.seen))
  }

  const query = grid?.query
  const exactTotal = grid?.total?.exact ? Number(grid.total.value) : null
  const newRows = rows.newCount

  return (
    <div className="data-tab" hidden={hidden}>
      <FilterBar
        columns={info.columns}
        filters={query?.filters ?? []}
        search={query?.search ?? ''}
        searchRef={searchRef}
        onApply={(filters, search) => query && void changeQuery({ ...query, filters, search }, 'filter the rows')}
      />
      <GridToolbar
        info={info}
        editable={editable}
        hasRow={Boolean(activeRow)}
        rowSaved={Boolean(activeRow && activeRow.status !== 'new' && activeRow.status !== 'deleted')}
        selectedCount={selected.size}
        onInsert={() => insertRow()}
        onDuplicate={duplicateRow}
        onDelete={deleteRows}
        onNewRecord={() => void openRecordForm(info.name, null)}
        onReferencedBy={referencedBy}
        onResetColumns={resetColumns}
        columnsChanged={order.length > 0 || widths !== NO_WIDTHS}
        onReload={() =>
          void settle('reload the rows').then((ok) => {
            if (!ok) return
            useLabelsStore.getState().forget(sessionId)
            return reload()
          })
        }
        bulk={
          editable && query ? (
            <BulkActions
              sessionId={sessionId}
              table={info.name}
              filters={query.filters}
              {...(query.search ? { search: query.search } : {})}
              onDone={() => {
                void reload()
                void loadTables(sessionId)
              }}
            />
          ) : null
        }
        transfer={
          <GridTransferActions
            sessionId={sessionId}
            table={info.name}
            query={query ?? null}
            copyCount={selected.size > 0 ? selected.size : activeRow ? 1 : 0}
            rowsToCopy={() =>
              (selected.size > 0 ? rows.items.filter((row) => selected.has(row.rowId)) : activeRow ? [activeRow] : []).map((row) => row.row)
            }
          />
        }
      />
      {!editable && <ReadOnlyNote info={info} readOnlySession={Boolean(session?.readOnly)} />}
      <div className="grid-frame">
        <DataGrid
          gridRef={gridRef}
          info={info}
          rows={rows}
          total={exactTotal === null ? null : exactTotal + newRows}
          editable={editable}
          sort={query?.sort ?? []}
          onSort={(column, additive) =>
            query && void changeQuery({ ...query, sort: nextSort(query.sort, column, additive) }, 'sort the rows')
          }
          widths={widths}
          onWidth={changeWidth}
          onMoveColumn={changeOrder}
          active={shownActive}
          onActive={(pos) => {
            setAnchor(null)
            setActive(pos)
          }}
          onExtend={(pos) => {
            setAnchor((start) => start ?? active)
            setActive(pos)
          }}
          range={range && rangeSize(range) > 1 ? range : null}
          selected={selected}
          onSelect={select}
          editing={editing}
          onEditing={setEditing}
          onStage={stage}
          onView={(rowIndex, name) => {
            const row = rowOf(rows, rowIndex)
            const column = info.columns.find((c) => c.name === name)
            if (row && column) setViewed({ column, value: cellOf(row.row, name) ?? null, where: describeRow(row.rowId) })
          }}
          onFollow={follow}
          fkLabels={fkLabels}
          onOpenForm={info.model && editable ? openForm : null}
          cellErrors={editor.cellErrors}
          loading={grid?.loading ?? true}
          onViewport={onViewport}
        />
        <GridOverlay grid={grid} empty={rows.length === 0} />
      </div>
      <GridStatus
        grid={grid}
        shown={
          shown && rows.length > 0
            ? { first: Math.max(1, shown.first - newRows + 1), last: Math.min(shown.last, rows.length - 1) - newRows + 1, of: loadedCount }
            : null
        }
        committed={editor.committed?.count ?? null}
        onRetry={() => void retry()}
      />
      <GoToRow
        open={goingTo}
        rowCount={loadedCount}
        onClose={() => setGoingTo(false)}
        onGo={(n) => {
          setGoingTo(false)
          setActive((pos) => ({ row: newRows + n - 1, col: Math.max(1, pos.col) }))
          gridRef.current?.focus()
        }}
      />
      <PendingEdits sessionId={sessionId} info={info} describeRow={describeRow} onCommit={commit} />
      <ValueViewer viewed={viewed} onClose={() => setViewed(null)} />
      {prompt}
    </div>
  )
}

function ReadOnlyNote({ info, readOnlySession }: { info: TableInfo; readOnlySession: boolean }) {
  const reason = readOnlySession
    ? 'This connection is read-only.'
    : info.kind === 'view'
      ? 'This is a view: its rows are read-only here.'
      : 'This table has no primary key, so a row cannot be told apart for sure: its rows are read-only here.'
  return <p className="note note-warning grid-note">{reason}</p>
}
