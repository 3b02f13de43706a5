import { create } from 'zustand'

/** A yes/no question the page asks before something it cannot undo (ConfirmHost shows it). */
export interface ConfirmRequest {
  title: string
  message: string
  /** The label of the button that goes ahead, saying what it does ("Roll back and close"). */
  confirm: string
  /** The label of the button that keeps things as they are. */
  keep: string
}

interface ConfirmState {
  request: ConfirmRequest | null
  resolve: ((yes: boolean) => void) | null
  /** Answers true when the person goes ahead; a question asked while another is open answers that one "no". */
  ask(request: ConfirmRequest): Promise<boolean>
  answer(yes: boolean): void
}

export const useConfirmStore = create<ConfirmState>((set, get) => ({
  request: null,
  resolve: null,
  ask(request) {
    get().resolve?.(false)
    return new Promise<boolean>((resolve) => set({ request, resolve }))
  },
  answer(yes) {
    get().resolve?.(yes)
    set({ request: null, resolve: null })
  },
}))

export const confirmAction = (request: ConfirmRequest): Promise<boolean> => useConfirmStore.getState().ask(request)
