import type { Filter, Sort } from '../../../shared/contract'
import type { Row } from '../../../shared/cells'

/**
 * The workspace's tabs as pure data: one strip per session, each tab with its own back/forward
 * history. The zustand store (workspace.ts) only asks the leave guard and applies these functions.
 */

/** A table's sort, filters and search as a tab remembers them (so Back restores the filtered rows). */
export interface TabQuery {
  sort: Sort[]
  filters: Filter[]
  search: string
}

/** What one tab shows. A new panel kind is one more member here and one entry in workspace/panels.tsx. */
export type TabView =
  | { kind: 'table'; table: string; tab: 'data' | 'structure'; query?: TabQuery }
  | { kind: 'migrations' }
  | { kind: 'transfer'; table: string | null }
  /** A Query tab: its text and settings are the engine's (query.tabs), kept in the data folder under `tabId`. */
  | { kind: 'query'; tabId: string; title: string }
  | FormView

/**
 * A record's form: the row of `table` with primary key `key`, or a record not yet created (key null).
 * `draft` names one opening of a form (each "New user" is its own tab, and a record it creates stays
 * in that tab); `label` is what the form calls the record once loaded (e.g. "User: alice").
 */
export interface FormView {
  kind: 'form'
  table: string
  key: Row | null
  draft?: string
  label?: string
}

export type TabKind = TabView['kind']

export interface WorkspaceTab {
  id: string
  view: TabView
  /** Views this tab showed before (last = the one Back returns to). */
  back: TabView[]
  /** Views Back left (last = the one Forward returns to). */
  forward: TabView[]
}

export interface TabStrip {
  tabs: WorkspaceTab[]
  activeId: string | null
}

export const EMPTY_STRIP: TabStrip = { tabs: [], activeId: null }
/** Each tab's history is bounded: a long session of following keys must not grow without end. */
export const HISTORY_LIMIT = 50

/** Two views with the same identity are the same tab: one tab per table, one per Query tab, one per other panel. */
export function tabIdentity(view: TabView): string {
  if (view.kind === 'table') return `table:${view.table}`
  if (view.kind === 'form') return `form:${view.table}:${view.key ? keyText(view.key) : `new:${view.draft ?? ''}`}`
  if (view.kind === 'query') return `query:${view.tabId}`
  return view.kind
}

/** A key as text that does not depend on the order its columns were listed in. */
const keyText = (key: Row): string => JSON.stringify(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** The same panel on the same thing, whatever it is called or how it was reached (e.g. one record's form). */
export const sameView = (a: TabView, b: TabView): boolean => tabIdentity(a) === tabIdentity(b)

export function activeTab(strip: TabStrip): WorkspaceTab | null {
  return strip.tabs.find((t) => t.id === strip.activeId) ?? null
}

const replaceTab = (strip: TabStrip, tab: WorkspaceTab): TabStrip => ({
  ...strip,
  tabs: strip.tabs.map((t) => (t.id === tab.id ? tab : t)),
})

/**
 * Shows `view`: the tab that already shows it becomes active (taking the new view, e.g. another
 * Import/Export table), or a new tab opens right after the active one.
 */
export function openTab(strip: TabStrip, view: TabView, newId: string): TabStrip {
  const existing = strip.tabs.find((t) => tabIdentity(t.view) === tabIdentity(view))
  if (existing) return { ...replaceTab(strip, { ...existing, view: mergeView(existing.view, view) }), activeId: existing.id }
  const tab: WorkspaceTab = { id: newId, view, back: [], forward: [] }
  const at = strip.tabs.findIndex((t) => t.id === strip.activeId)
  const tabs = [...strip.tabs]
  tabs.splice(at < 0 ? tabs.length : at + 1, 0, tab)
  return { tabs, activeId: newId }
}

/**
 * Opening a table again from the sidebar keeps the tab's sub-view (Structure) unless asked otherwise;
 * opening a record's form again keeps the tab as it is (its name, its draft).
 */
function mergeView(before: TabView, next: TabView): TabView {
  if (before.kind === 'form') return before
  if (before.kind === 'table' && next.kind === 'table' && next.query === undefined)
    return { ...next, tab: before.tab, ...(before.query ? { query: before.query } : {}) }
  return next
}

/**
 * Follows a link inside the active tab (a foreign key, "Referenced by"): the current view goes on
 * the tab's Back list, Forward is cleared. With no tab yet, opens one.
 */
export function followInTab(strip: TabStrip, view: TabView, current: TabView | null, newId: string): TabStrip {
  const tab = activeTab(strip)
  if (!tab) return openTab(strip, view, newId)
  const back = [...tab.back, current ?? tab.view].slice(-HISTORY_LIMIT)
  return replaceTab(strip, { ...tab, view, back, forward: [] })
}

/** Changes what the active tab shows without a history step (Data ↔ Structure, a query typed in place). */
export function setActiveView(strip: TabStrip, view: TabView): TabStrip {
  const tab = activeTab(strip)
  return tab ? replaceTab(strip, { ...tab, view }) : strip
}

/** Changes what one tab shows without a history step, active or not (a form's record created, its name loaded). */
export function setTabView(strip: TabStrip, id: string, view: TabView): TabStrip {
  const tab = strip.tabs.find((t) => t.id === id)
  return tab ? replaceTab(strip, { ...tab, view }) : strip
}

/** Back (-1) or Forward (+1) in the active tab; `current` is the view as it stands now (its query). */
export function stepHistory(strip: TabStrip, direction: -1 | 1, current: TabView | null): TabStrip {
  const tab = activeTab(strip)
  if (!tab) return strip
  const from = direction < 0 ? tab.back : tab.forward
  const target = from.at(-1)
  if (!target) return strip
  const here = current ?? tab.view
  const rest = from.slice(0, -1)
  const next: WorkspaceTab =
    direction < 0
      ? { ...tab, view: target, back: rest, forward: [...tab.forward, here] }
      : { ...tab, view: target, forward: rest, back: [...tab.back, here] }
  return replaceTab(strip, next)
}

export function canStep(strip: TabStrip, direction: -1 | 1): boolean {
  const tab = activeTab(strip)
  return Boolean(tab && (direction < 0 ? tab.back : tab.forward).length > 0)
}

/** Closes a tab; when it was active, its right neighbour (or else the left one) becomes active. */
export function closeTab(strip: TabStrip, id: string): TabStrip {
  const index = strip.tabs.findIndex((t) => t.id === id)
  if (index < 0) return strip
  const tabs = strip.tabs.filter((t) => t.id !== id)
  if (strip.activeId !== id) return { ...strip, tabs }
  return { tabs, activeId: (tabs[index] ?? tabs[index - 1])?.id ?? null }
}

export function activateTab(strip: TabStrip, id: string): TabStrip {
  return strip.tabs.some((t) => t.id === id) ? { ...strip, activeId: id } : strip
}

/** Ctrl+Tab (+1) / Ctrl+Shift+Tab (-1), wrapping around. */
export function cycleTab(strip: TabStrip, delta: 1 | -1): TabStrip {
  if (strip.tabs.length === 0) return strip
  const index = strip.tabs.findIndex((t) => t.id === strip.activeId)
  const next = strip.tabs[(index + delta + strip.tabs.length) % strip.tabs.length]
  return { ...strip, activeId: next.id }
}

/**
 * What is kept between runs: the views of the tabs and which one was active — no history, no rows,
 * no filter values (they may hold data the user would not expect written down), no secrets. A form
 * tab keeps its record's primary key (to load the row again), not its label or anything typed; a
 * form of a record not yet created has nothing to load and is not kept.
 */
export interface SavedTabs {
  views: TabView[]
  active: number
}

export function saveStrip(strip: TabStrip): SavedTabs {
  const kept = strip.tabs.flatMap((t) => {
    const view = savedView(t.view)
    return view ? [{ id: t.id, view }] : []
  })
  return { views: kept.map((t) => t.view), active: kept.findIndex((t) => t.id === strip.activeId) }
}

function savedView(view: TabView): TabView | null {
  if (view.kind === 'table') return { kind: 'table', table: view.table, tab: view.tab }
  if (view.kind === 'form') return view.key && isPlainKey(view.key) ? { kind: 'form', table: view.table, key: view.key } : null
  return view
}

/** A key of plain values (a binary key is not written down). */
const isPlainKey = (key: unknown): key is Row =>
  typeof key === 'object' &&
  key !== null &&
  !Array.isArray(key) &&
  Object.keys(key).length > 0 &&
  Object.values(key).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))

/** Reads what saveStrip kept; anything malformed (an older version, a hand edit) is dropped, never trusted. */
export function restoreStrip(saved: unknown, newId: () => string): TabStrip {
  if (typeof saved !== 'object' || saved === null) return EMPTY_STRIP
  const { views, active } = saved as { views?: unknown; active?: unknown }
  if (!Array.isArray(views)) return EMPTY_STRIP
  const tabs = views.filter(isTabView).map((view): WorkspaceTab => ({
    id: newId(),
    view: savedView(view) ?? view,
    back: [],
    forward: [],
  }))
  const index = typeof active === 'number' && Number.isInteger(active) ? active : 0
  return { tabs, activeId: (tabs[index] ?? tabs[0])?.id ?? null }
}

function isTabView(value: unknown): value is TabView {
  if (typeof value !== 'object' || value === null) return false
  const view = value as Record<string, unknown>
  switch (view.kind) {
    case 'table':
      return typeof view.table === 'string' && (view.tab === 'data' || view.tab === 'structure')
    case 'transfer':
      return view.table === null || typeof view.table === 'string'
    case 'form':
      return typeof view.table === 'string' && isPlainKey(view.key)
    case 'query':
      return typeof view.tabId === 'string' && typeof view.title === 'string'
    case 'migrations':
      return true
    default:
      return false
  }
}
