import { create } from 'zustand'
import type { Row } from '../../../shared/cells'

/** Which record a form edits: a row of the app's users, posts or notes (key null = a new record). */
export interface FormTarget {
  sessionId: string
  table: string
  key: Row | null
}

/**
 * What record forms share with the rest of the workspace. The forms themselves are tabs (a `form`
 * view in stores/tab-strip.ts); this only tells grids that a form wrote something.
 */
export interface FormState {
  /** Time of the last successful save or delete: grids watch it and reload. */
  savedAt: number
  markSaved(): void
}

export const useFormStore = create<FormState>((set) => ({
  savedAt: 0,
  markSaved() {
    // Strictly increasing even when two saves land in the same millisecond.
    set((state) => ({ savedAt: Math.max(Date.now(), state.savedAt + 1) }))
  },
}))
