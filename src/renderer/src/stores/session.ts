import { create } from 'zustand'
import type { SavedConnection, SessionInfo } from '../../../shared/contract'
import { api } from '../api'
import { subscribe } from '../events'

/** The open database sessions and which one the workspace shows. */
export interface SessionState {
  sessions: SessionInfo[]
  activeId: string | null
  /** Where each session came from, so Reconnect can open it again. */
  origins: Record<string, SessionOrigin>
  /** Sessions whose connection dropped, with the message to show. */
  lost: Record<string, string>
  adopt(info: SessionInfo, origin: SessionOrigin): void
  activate(sessionId: string | null): void
  close(sessionId: string): Promise<void>
  markLost(sessionId: string, message: string): void
  /** Clears the banner after a call on the session worked again. */
  markAlive(sessionId: string): void
}

export type SessionOrigin =
  { kind: 'saved'; connection: Pick<SavedConnection, 'id' | 'name' | 'color' | 'readOnly'> } | { kind: 'url'; name: string }

export const useSessionStore = create<SessionState>((set, get) => ({
  sessions: [],
  activeId: null,
  origins: {},
  lost: {},
  adopt(info, origin) {
    set((state) => ({
      sessions: [...state.sessions.filter((s) => s.sessionId !== info.sessionId), info],
      origins: { ...state.origins, [info.sessionId]: origin },
      activeId: info.sessionId,
    }))
  },
  activate(sessionId) {
    set({ activeId: sessionId })
  },
  async close(sessionId) {
    await api.call('sessions.close', { sessionId }).catch(() => undefined)
    const remaining = get().sessions.filter((s) => s.sessionId !== sessionId)
    set((state) => ({
      sessions: remaining,
      activeId: state.activeId === sessionId ? (remaining.at(-1)?.sessionId ?? null) : state.activeId,
    }))
  },
  markLost(sessionId, message) {
    set((state) => ({ lost: { ...state.lost, [sessionId]: message } }))
  },
  markAlive(sessionId) {
    if (!(sessionId in get().lost)) return
    set((state) => {
      const lost = { ...state.lost }
      delete lost[sessionId]
      return { lost }
    })
  },
}))

subscribe('sessions.lost', ({ sessionId, message }) => useSessionStore.getState().markLost(sessionId, message))

export const useActiveSession = (): SessionInfo | null =>
  useSessionStore((state) => state.sessions.find((s) => s.sessionId === state.activeId) ?? null)
