import type { Filter } from '../../../../shared/contract'
import { cellOf, type Cell, type Row } from '../../../../shared/cells'
import { EMPTY_QUERY, gridKey, useBrowserStore, type GridQuery } from '../../stores/browser'
import { useSessionStore } from '../../stores/session'
import { useWorkspaceStore } from '../../stores/workspace'

/**
 * Opens a table's data, optionally filtered (a foreign-key link, a "referenced by" list). The
 * workspace asks the current view first (pending edits), so the preset is undone when it says no.
 */
export async function openTable(sessionId: string, table: string, filters: Filter[] | null): Promise<boolean> {
  const browser = useBrowserStore.getState()
  const key = gridKey(sessionId, table)
  const before = browser.queries[key]
  const query: GridQuery | null = filters ? { ...EMPTY_QUERY, filters } : null
  const view = useWorkspaceStore.getState().view
  if (view.kind === 'table' && view.table === table && useSessionStore.getState().activeId === sessionId) {
    // Same table (a self-reference): the view stays, only its query changes, after the same question.
    const guard = useWorkspaceStore.getState().leaveGuard
    if (guard && !(await guard())) return false
    if (view.tab !== 'data') useWorkspaceStore.setState({ view: { ...view, tab: 'data' } })
    if (query) useBrowserStore.getState().setQuery(query)
    return true
  }
  if (query) browser.presetQuery(sessionId, table, query)
  const moved = await useWorkspaceStore.getState().navigate({ kind: 'table', table, tab: 'data' })
  if (!moved && query) useBrowserStore.getState().presetQuery(sessionId, table, before ?? EMPTY_QUERY)
  return moved
}

/** Filters that select the rows whose `columns` hold `values` (one per column). */
export function equalityFilters(columns: string[], values: Cell[]): Filter[] {
  return columns.map((column, index) => {
    const value = values[index] ?? null
    return value === null ? { column, op: 'isNull' } : { column, op: 'eq', value }
  })
}

export function valuesOf(row: Row, columns: string[]): Cell[] {
  return columns.map((column) => cellOf(row, column) ?? null)
}
