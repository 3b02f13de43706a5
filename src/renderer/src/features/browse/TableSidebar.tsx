import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react'
import type { RowCount, TableSummary } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { useBrowserStore } from '../../stores/browser'
import { useMigrationsStore } from '../../stores/migrations'
import { useWorkspaceStore } from '../../stores/workspace'
import './browse.css'

const exactFormat = new Intl.NumberFormat()
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })

/** "1,234" when exact, "≈ 1.2K" for the engine's estimate. */
export function formatCount(count: RowCount, compact = true): string {
  const value = Number(count.value)
  const text = compact && value >= 10_000 ? compactFormat.format(value) : exactFormat.format(value)
  return count.exact ? text : `≈ ${text}`
}

function describeCount(table: TableSummary): string {
  const value = exactFormat.format(Number(table.rowCount.value))
  const rows = `${table.rowCount.exact ? '' : 'about '}${value} ${Number(table.rowCount.value) === 1 ? 'row' : 'rows'}`
  const parts = [table.kind === 'view' ? 'view' : null, table.model ? `${table.model} model` : null, rows]
  return parts.filter(Boolean).join(', ')
}

/** The session's tables, filterable; each is a button named by the table, its count described beside it. */
export function TableSidebar({ sessionId }: { sessionId: string }) {
  const list = useBrowserStore((state) => state.lists[sessionId])
  const loadTables = useBrowserStore((state) => state.loadTables)
  const view = useWorkspaceStore((state) => state.view)
  const navigate = useWorkspaceStore((state) => state.navigate)
  const [filter, setFilter] = useState('')
  const filterId = useId()

  // A migration run adds and drops tables: reload after each one.
  const lastMigrationRun = useMigrationsStore((state) => state.lastRunAt)
  useEffect(() => {
    void loadTables(sessionId)
  }, [sessionId, loadTables, lastMigrationRun])

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    return (list?.tables ?? []).filter((t) => t.name.toLowerCase().includes(needle))
  }, [list?.tables, filter])

  const openTable = (table: string) => void navigate({ kind: 'table', table, tab: 'data' })
  const current = view.kind === 'table' ? view.table : null

  // Up and down move between the tables, as in any list.
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button.sidebar-table'))
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }

  return (
    <div className="sidebar">
      <div className="sidebar-head">
        <label htmlFor={filterId} className="sr-only">
          Filter tables
        </label>
        <input
          id={filterId}
          type="search"
          placeholder="Filter tables"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && shown[0]) openTable(shown[0].name)
          }}
        />
        <Button
          variant="ghost"
          small
          onClick={() => void loadTables(sessionId)}
          aria-label="Refresh tables"
          title="Refresh tables and counts"
          disabled={list?.loading}
        >
          {list?.loading ? <Spinner label="Loading tables" /> : '↻'}
        </Button>
      </div>
      {list?.error != null && <ErrorNote error={list.error} title="Could not list the tables" />}
      {list?.tables === null && list.loading && (
        <p className="muted sidebar-empty">
          <Spinner label="Loading tables" /> Loading tables…
        </p>
      )}
      {list?.tables && list.tables.length === 0 && <p className="muted sidebar-empty">This database has no tables yet.</p>}
      {list?.tables && list.tables.length > 0 && shown.length === 0 && <p className="muted sidebar-empty">No table matches “{filter}”.</p>}
      <ul className="sidebar-list" onKeyDown={onListKey}>
        {shown.map((table, index) => {
          // Ids by position: a table name may hold spaces, which aria-describedby would split.
          const countId = `${filterId}-count-${index}`
          return (
            <li key={table.name}>
              <button
                type="button"
                className="sidebar-table"
                aria-current={current === table.name ? 'page' : undefined}
                aria-describedby={countId}
                onClick={() => openTable(table.name)}
              >
                <span className="sidebar-name">{table.name}</span>
                {table.model && (
                  <span className="sidebar-model" aria-hidden title={`The app's ${table.model} model`}>
                    model
                  </span>
                )}
                {table.kind === 'view' && (
                  <span className="sidebar-model" aria-hidden>
                    view
                  </span>
                )}
                <span className="sidebar-count" aria-hidden title={table.rowCount.exact ? 'exact count' : 'the database’s estimate'}>
                  {formatCount(table.rowCount)}
                </span>
                <span id={countId} hidden>
                  {describeCount(table)}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
