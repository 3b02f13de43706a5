import type { TabStrip, WorkspaceTab } from './tab-strip'

/** A Query tab as the engine keeps it (query.tabs): the strip shows one tab for each. */
export interface QueryTabRef {
  id: string
  title: string
}

/**
 * Makes the strip's Query tabs match the engine's list, which lives in the data folder and so
 * outlasts the renderer's own storage (another port after a restart is another origin): tabs the
 * engine no longer has go, their titles follow it, and its other tabs join at the end without
 * taking the focus (unless nothing is active).
 */
export function reconcileQueryTabs(strip: TabStrip, tabs: QueryTabRef[], newId: () => string): TabStrip {
  const byId = new Map(tabs.map((t) => [t.id, t]))
  const kept = strip.tabs.flatMap((tab): WorkspaceTab[] => {
    if (tab.view.kind !== 'query') return [tab]
    const known = byId.get(tab.view.tabId)
    return known ? [{ ...tab, view: { ...tab.view, title: known.title } }] : []
  })
  const shown = new Set(kept.flatMap((t) => (t.view.kind === 'query' ? [t.view.tabId] : [])))
  const added = tabs
    .filter((t) => !shown.has(t.id))
    .map((t): WorkspaceTab => ({ id: newId(), view: { kind: 'query', tabId: t.id, title: t.title }, back: [], forward: [] }))
  const all = [...kept, ...added]
  const activeId = all.some((t) => t.id === strip.activeId) ? strip.activeId : (all[0]?.id ?? null)
  return { tabs: all, activeId }
}
