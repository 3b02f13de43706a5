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
  stepHistory,
  type TabStrip,
  type TabView,
} from './tab-strip'

export type { TabView } from './tab-strip'

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

/** Called with the view before and after a change, once the leave guard agreed. */
export type Prepare = (before: WorkspaceView, after: WorkspaceView) => void

interface WorkspaceState {
  /** The session the workspace shows; each session has its own strip of tabs. */
  sessionId: string | null
  strips: Record<string, TabStrip>
  /** The saved connection each session came from, whose tab layout is remembered. */
  savedIds: Record<string, string>
  view: WorkspaceView
  leaveGuard: LeaveGuard | null
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
  cycle(delta: 1 | -1): Promise<boolean>
  /** Replaces the active tab's view without asking or a history step (Data ↔ Structure). */
  setView(view: TabView): void
  setLeaveGuard(guard: LeaveGuard | null): void
  reset(): void
}

let nextTabId = 0
const newId = () => `tab-${++nextTabId}`

const viewOf = (strip: TabStrip | undefined): WorkspaceView =>
  strip ? (activeTab(strip)?.view ?? { kind: 'welcome' }) : { kind: 'welcome' }

export const useWorkspaceStore = create<WorkspaceState>((set, get) => {
  const strip = (): TabStrip => {
    const { sessionId, strips } = get()
    return (sessionId && strips[sessionId]) || EMPTY_STRIP
  }

  /** Puts the session's new strip in place, derives the view, and remembers the layout. */
  const apply = (next: TabStrip, extra: Partial<WorkspaceState> = {}) => {
    const { sessionId, savedIds, memory } = get()
    if (!sessionId) return
    set((state) => ({ strips: { ...state.strips, [sessionId]: next }, view: viewOf(next), ...extra }))
    const savedId = savedIds[sessionId]
    if (savedId) memory.write(savedId, saveStrip(next))
  }

  /** Runs `change` once the current view agrees to be left (its guard is then dropped). */
  const guarded = async (change: (current: TabStrip) => TabStrip | null, prepare?: Prepare): Promise<boolean> => {
    const guard = get().leaveGuard
    if (guard && !(await guard())) return false
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
      return guarded((strip) => followInTab(strip, view, current, newId()), prepare)
    },

    async step(direction, current, prepare) {
      if (!canStep(strip(), direction)) return false
      return guarded((strip) => stepHistory(strip, direction, current), prepare)
    },

    async activate(tabId) {
      if (strip().activeId === tabId) return true
      return guarded((current) => activateTab(current, tabId))
    },

    async closeTab(tabId) {
      // Only the active tab can hold staged edits, so only closing it asks.
      if (strip().activeId !== tabId) {
        apply(closeTab(strip(), tabId))
        return true
      }
      return guarded((current) => closeTab(current, tabId))
    },

    async cycle(delta) {
      if (strip().tabs.length < 2) return false
      return guarded((current) => cycleTab(current, delta))
    },

    setView(view) {
      apply(setActiveView(strip(), view))
    },

    setLeaveGuard(guard) {
      set({ leaveGuard: guard })
    },

    reset() {
      set({ sessionId: null, strips: {}, savedIds: {}, view: { kind: 'welcome' }, leaveGuard: null })
    },
  }
})
