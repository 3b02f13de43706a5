import type { Filter } from '../../../../shared/contract'
import { cellOf, type Cell, type Row } from '../../../../shared/cells'
import { EMPTY_QUERY, gridKey, useBrowserStore } from '../../stores/browser'
import { useSessionStore } from '../../stores/session'
import { useWorkspaceStore, type TabView, type WorkspaceView } from '../../stores/workspace'

/**
 * Following links between tables inside a tab, and Back/Forward through them. A table view in a
 * tab's history carries the table's query, so Back shows the rows as they were (filters included).
 */

/** The active view as it stands now, its table's query included; null on the welcome note. */
export function currentView(): TabView | null {
  const { view, sessionId } = useWorkspaceStore.getState()
  if (view.kind === 'welcome') return null
  if (view.kind !== 'table' || !sessionId) return view
  return { ...view, query: useBrowserStore.getState().queries[gridKey(sessionId, view.table)] ?? EMPTY_QUERY }
}

/** Puts the query a view carries in place before the view shows (the same table: its grid reloads). */
const prepareQuery =
  (sessionId: string) =>
  (before: WorkspaceView, after: WorkspaceView): void => {
    if (after.kind !== 'table' || !after.query) return
    const browser = useBrowserStore.getState()
    if (before.kind === 'table' && before.table === after.table && browser.grid?.key === gridKey(sessionId, after.table))
      browser.setQuery(after.query)
    else browser.presetQuery(sessionId, after.table, after.query)
  }

/**
 * Opens a table's data in the active tab, optionally filtered (a foreign-key link, a "referenced
 * by" list), with the way back. The current view is asked first (pending edits).
 */
export async function openTable(sessionId: string, table: string, filters: Filter[] | null): Promise<boolean> {
  if (useSessionStore.getState().activeId !== sessionId) return false
  const view: TabView = { kind: 'table', table, tab: 'data', ...(filters ? { query: { ...EMPTY_QUERY, filters } } : {}) }
  return useWorkspaceStore.getState().follow(view, currentView(), prepareQuery(sessionId))
}

/** Back (-1) or Forward (+1) in the active tab. */
export function stepBack(direction: -1 | 1): Promise<boolean> {
  const sessionId = useWorkspaceStore.getState().sessionId
  if (!sessionId) return Promise.resolve(false)
  return useWorkspaceStore.getState().step(direction, currentView(), prepareQuery(sessionId))
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
