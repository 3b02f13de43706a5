import { create } from 'zustand'
import {
  activateTab,
  activeTab,
  canStep,
  closeTab,
  cycleTab,
  EMPTY_STRIP,
  followInTab,
  openTab,
  restoreStrip,
  saveStrip,
  setActiveView,
  setTabView,
  stepHistory,
  type TabStrip,
  type TabView,
  type WorkspaceTab,
} from './tab-strip'

export type { FormView, TabView } from './tab-strip'

/** What the main area of the workspace shows: the active tab's view, or the welcome note when no tab is open. */
export type WorkspaceView = { kind: 'welcome' } | TabView

/** Asked before the view changes; answers false to stay (e.g. the user keeps unsaved edits). */
export type LeaveGuard = () => Promise<boolean>

/**
 * Where tab layouts are kept between runs: the renderer's own storage, per saved connection. Only
 * views (table names, panel kinds) go there, never rows, filter values or credentials.
 */
export interface TabMemory {
  read(connectionId: string): unknown
  write(connectionId: string, saved: unknown): void
}

const STORAGE_PREFIX = 'rowboat.tabs.v1.'
export const localTabMemory: TabMemory = {
  read(connectionId) {
    try {
      const text = globalThis.localStorage?.getItem(STORAGE_PREFIX + connectionId)
      return text ? (JSON.parse(text) as unknown) : null
    } catch {
      return null // storage disabled or a hand-edited value: start with no tabs
    }
  },
  write(connectionId, saved) {
    try {
      globalThis.localStorage?.setItem(STORAGE_PREFIX + connectionId, JSON.stringify(saved))
    } catch {
      // Full or disabled storage only costs the restored layout.
    }
  },
}

/** Asked before a tab of its kind closes (e.g. a Query tab with an open transaction); answers false to keep it. */
export type CloseHook = (sessionId: string, view: TabView) => Promise<boolean>

/** Called with the view before and after a change, once the leave guard agreed. */
export type Prepare = (before: WorkspaceView, after: WorkspaceView) => void

interface WorkspaceState {
  /** The session the workspace shows; each session has its own strip of tabs. */
  sessionId: string | null
  strips: Record<string, TabStrip>
  /** The saved connection each session came from, whose tab layout is remembered. */
  savedIds: Record<string, string>
  view: WorkspaceView
  /** The active view's guard, asked before it goes away in any way (a grid's staged edits live only while it shows). */
  leaveGuard: LeaveGuard | null
  /**
   * Guards of tabs whose panel stays mounted in the background (a record form keeps what was typed
   * while another tab shows): asked only before that tab's own view is replaced or the tab closes.
   */
  tabGuards: Record<string, LeaveGuard>
  memory: TabMemory
  /** Shows a session's tabs; the first time, restores its saved connection's layout. */
  attach(sessionId: string | null, savedConnectionId: string | null): void
  /** Opens `view` in its tab (or a new one) after the current view agrees to be left. 'welcome' only asks. */
  navigate(view: WorkspaceView): Promise<boolean>
  /**
   * Follows a link in the active tab, `current` going on its Back list. `prepare` runs once the way
   * is clear, just before the new view is set (so the grid's query is in place when it renders).
   */
  follow(view: TabView, current: TabView | null, prepare?: Prepare): Promise<boolean>
  /** Back (-1) / Forward (+1) in the active tab; answers false when there is nowhere to go or the user stays. */
  step(direction: -1 | 1, current: TabView | null, prepare?: Prepare): Promise<boolean>
  activate(tabId: string): Promise<boolean>
  closeTab(tabId: string): Promise<boolean>
  /**
   * Before the shown session's panels all go (its workspace is left for the connection screen, or
   * the session is closed): each tab that guards itself is shown and asked in turn. False: the user stays.
   */
  settleTabs(): Promise<boolean>
  cycle(delta: 1 | -1): Promise<boolean>
  /** Replaces the active tab's view without asking or a history step (Data ↔ Structure). */
  setView(view: TabView): void
  /** Replaces one tab's view (of any session) without asking or a history step: a form's record created or renamed. */
  updateTab(tabId: string, view: TabView): void
  /** Changes a session's strip without asking (tabs the engine keeps, e.g. Query tabs restored from the data folder). */
  updateStrip(sessionId: string, change: (strip: TabStrip) => TabStrip): void
  closeHooks: Partial<Record<TabView['kind'], CloseHook>>
  setCloseHook(kind: TabView['kind'], hook: CloseHook): void
  setLeaveGuard(guard: LeaveGuard | null): void
  setTabGuard(tabId: string, guard: LeaveGuard | null): void
  reset(): void
}

let nextTabId = 0
const newId = () => `tab-${++nextTabId}`
export const newTabId = newId

const viewOf = (strip: TabStrip | undefined): WorkspaceView =>
  strip ? (activeTab(strip)?.view ?? { kind: 'welcome' }) : { kind: 'welcome' }

export const useWorkspaceStore = create<WorkspaceState>((set, get) => {
  const strip = (): TabStrip => {
    const { sessionId, strips } = get()
    return (sessionId && strips[sessionId]) || EMPTY_STRIP
  }

  /** Puts a session's new strip in place (the shown one by default), derives the view, and remembers the layout. */
  const apply = (next: TabStrip, extra: Partial<WorkspaceState> = {}, sessionId = get().sessionId) => {
    const { savedIds, memory } = get()
    if (!sessionId) return
    const shown = sessionId === get().sessionId
    set((state) => ({ strips: { ...state.strips, [sessionId]: next }, ...(shown ? { view: viewOf(next) } : {}), ...extra }))
    const savedId = savedIds[sessionId]
    if (savedId) memory.write(savedId, saveStrip(next))
  }

  /** Asks the guard of the tab whose own view is about to be replaced or closed (when it has one). */
  const askTab = async (tabId: string | null | undefined): Promise<boolean> => {
    const guard = tabId ? get().tabGuards[tabId] : undefined
    return guard ? guard() : true
  }

  /**
   * Runs `change` once the current view agrees to be left (its guard is then dropped) and, when the
   * change replaces a tab's own view, that tab's guard too.
   */
  const guarded = async (
    change: (current: TabStrip) => TabStrip | null,
    prepare?: Prepare,
    replacing?: string | null,
  ): Promise<boolean> => {
    const guard = get().leaveGuard
    if (guard && !(await guard())) return false
    if (!(await askTab(replacing))) return false
    const next = change(strip())
    if (!next) {
      set({ leaveGuard: null })
      return true
    }
    prepare?.(get().view, viewOf(next))
    apply(next, { leaveGuard: null })
    return true
  }

  return {
    sessionId: null,
    strips: {},
    savedIds: {},
    view: { kind: 'welcome' },
    leaveGuard: null,
    tabGuards: {},
    memory: localTabMemory,

    attach(sessionId, savedConnectionId) {
      if (!sessionId) return set({ sessionId: null, view: { kind: 'welcome' }, leaveGuard: null })
      const { strips, memory } = get()
      const existing = strips[sessionId]
      const restored = existing ?? (savedConnectionId ? restoreStrip(memory.read(savedConnectionId), newId) : EMPTY_STRIP)
      set((state) => ({
        sessionId,
        strips: { ...state.strips, [sessionId]: restored },
        savedIds: savedConnectionId ? { ...state.savedIds, [sessionId]: savedConnectionId } : state.savedIds,
        view: viewOf(restored),
        leaveGuard: null,
      }))
    },

    navigate(view) {
      return guarded((current) => (view.kind === 'welcome' ? null : openTab(current, view, newId())))
    },

    follow(view, current, prepare) {
      return guarded((strip) => followInTab(strip, view, current, newId()), prepare, strip().activeId)
    },

    async step(direction, current, prepare) {
      if (!canStep(strip(), direction)) return false
      return guarded((strip) => stepHistory(strip, direction, current), prepare, strip().activeId)
    },

    async activate(tabId) {
      if (strip().activeId === tabId) return true
      return guarded((current) => activateTab(current, tabId))
    },

    async closeTab(tabId) {
      const { sessionId, closeHooks } = get()
      const tab = strip().tabs.find((t) => t.id === tabId)
      // A background tab with a guard (a form with unsaved changes) is shown first, so its question
      // is asked where its changes can be seen.
      if (tab && strip().activeId !== tabId && get().tabGuards[tabId]) {
        if (!(await get().activate(tabId))) return false
      }
      // Otherwise only the active tab can hold staged edits, so only closing it asks.
      const active = strip().activeId === tabId
      if (active) {
        const guard = get().leaveGuard
        if (guard && !(await guard())) return false
        if (!(await askTab(tabId))) return false
      }
      // The hook acts (the engine forgets a Query tab's text), so it comes last, once nothing keeps the tab.
      const hook = tab && closeHooks[tab.view.kind]
      if (sessionId && tab && hook && !(await hook(sessionId, tab.view))) return false
      apply(closeTab(strip(), tabId), active ? { leaveGuard: null } : {})
      return true
    },

    async settleTabs() {
      for (const tab of strip().tabs) {
        const guard = get().tabGuards[tab.id]
        if (!guard) continue
        if (!(await get().activate(tab.id))) return false
        if (!(await guard())) return false
      }
      return true
    },

    async cycle(delta) {
      if (strip().tabs.length < 2) return false
      return guarded((current) => cycleTab(current, delta))
    },

    setView(view) {
      apply(setActiveView(strip(), view))
    },

    updateTab(tabId, view) {
      const { strips } = get()
      const sessionId = Object.keys(strips).find((id) => strips[id].tabs.some((t) => t.id === tabId))
      if (sessionId) apply(setTabView(get().strips[sessionId], tabId, view), {}, sessionId)
    },

    updateStrip(sessionId, change) {
      apply(change(get().strips[sessionId] ?? EMPTY_STRIP), {}, sessionId)
    },

    closeHooks: {},
    setCloseHook(kind, hook) {
      set((state) => ({ closeHooks: { ...state.closeHooks, [kind]: hook } }))
    },

    setLeaveGuard(guard) {
      set({ leaveGuard: guard })
    },

    setTabGuard(tabId, guard) {
      set((state) => {
        const tabGuards = { ...state.tabGuards }
        if (guard) tabGuards[tabId] = guard
        else delete tabGuards[tabId]
        return { tabGuards }
      })
    },

    reset() {
      set({ sessionId: null, strips: {}, savedIds: {}, view: { kind: 'welcome' }, leaveGuard: null, tabGuards: {} })
    },
  }
})

/** The tab with this id, in whichever session's strip holds it. */
export function findTab(tabId: string, state: Pick<WorkspaceState, 'strips'> = useWorkspaceStore.getState()): WorkspaceTab | undefined {
  for (const strip of Object.values(state.strips)) {
    const tab = strip.tabs.find((t) => t.id === tabId)
    if (tab) return tab
  }
  return undefined
}

/** A session's tabs that guard unsaved work (record forms with changes not saved). */
export interface UnsavedTabs {
  sessionId: string
  tabs: WorkspaceTab[]
}

/**
 * The open sessions other than `except` that hold tabs with unsaved work, in `sessionIds` order:
 * what going to the connection screen would drop without asking, since only the session on screen
 * is asked tab by tab.
 */
export function unsavedElsewhere(
  sessionIds: readonly string[],
  except: string | null,
  state: Pick<WorkspaceState, 'strips' | 'tabGuards'> = useWorkspaceStore.getState(),
): UnsavedTabs[] {
  return sessionIds
    .filter((id) => id !== except)
    .map((sessionId) => ({ sessionId, tabs: (state.strips[sessionId]?.tabs ?? []).filter((tab) => tab.id in state.tabGuards) }))
    .filter((entry) => entry.tabs.length > 0)
}
