import { create } from 'zustand'
import type { Row } from '../../../shared/cells'

/** Which record a form edits: a row of the app's users, posts or notes (key null = a new record). */
export interface FormTarget {
  sessionId: string
  table: string
  key: Row | null
}

export interface FormState {
  /** The form on screen, or null when none is open. */
  current: FormTarget | null
  /** Forms this one was opened from (a user's post opened from the user form), to go back to. */
  trail: FormTarget[]
  /** Bumped on every open, so opening the same record again starts from a fresh load. */
  openCount: number
  /** Time of the last successful save or delete: grids watch it and reload. */
  savedAt: number
  openForm(target: FormTarget): void
  /** Opens another form from inside the current one, keeping the way back. */
  openNested(target: FormTarget): void
  back(): void
  close(): void
  /** A new record was created: the open form now edits it (without reloading). */
  setCurrentKey(key: Row): void
  markSaved(): void
}

export const useFormStore = create<FormState>((set, get) => ({
  current: null,
  trail: [],
  openCount: 0,
  savedAt: 0,
  openForm(target) {
    set((state) => ({ current: target, trail: [], openCount: state.openCount + 1 }))
  },
  openNested(target) {
    const { current } = get()
    set((state) => ({ current: target, trail: current ? [...state.trail, current] : state.trail, openCount: state.openCount + 1 }))
  },
  back() {
    const trail = get().trail
    const previous = trail.at(-1)
    if (!previous) return get().close()
    set((state) => ({ current: previous, trail: trail.slice(0, -1), openCount: state.openCount + 1 }))
  },
  close() {
    set({ current: null, trail: [] })
  },
  setCurrentKey(key) {
    set((state) => (state.current ? { current: { ...state.current, key } } : {}))
  },
  markSaved() {
    // Strictly increasing even when two saves land in the same millisecond.
    set((state) => ({ savedAt: Math.max(Date.now(), state.savedAt + 1) }))
  },
}))
