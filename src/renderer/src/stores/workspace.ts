import { create } from 'zustand'

/** What the main area of the workspace shows. */
export type WorkspaceView =
  | { kind: 'welcome' }
  | { kind: 'table'; table: string; tab: 'data' | 'structure' }
  | { kind: 'migrations' }
  | { kind: 'transfer'; table: string | null }
  | { kind: 'query' }

/** Asked before the view changes; answers false to stay (e.g. the user keeps unsaved edits). */
export type LeaveGuard = () => Promise<boolean>

interface WorkspaceState {
  view: WorkspaceView
  leaveGuard: LeaveGuard | null
  /** Changes the view after the current one agrees to be left. */
  navigate(view: WorkspaceView): Promise<boolean>
  setLeaveGuard(guard: LeaveGuard | null): void
  reset(): void
}

export const useWorkspaceStore = create<WorkspaceState>((set, get) => ({
  view: { kind: 'welcome' },
  leaveGuard: null,
  async navigate(view) {
    const guard = get().leaveGuard
    if (guard && !(await guard())) return false
    set({ view, leaveGuard: null })
    return true
  },
  setLeaveGuard(guard) {
    set({ leaveGuard: guard })
  },
  reset() {
    set({ view: { kind: 'welcome' }, leaveGuard: null })
  },
}))
