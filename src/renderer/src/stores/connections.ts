import { create } from 'zustand'
import type { InputOf, SavedConnection, SessionInfo } from '../../../shared/contract'
import { api } from '../api'
import { useSessionStore } from './session'

/**
 * The saved connections on the start screen (the sample database and DATABASE_URL first), with
 * the list's warnings. Passwords never come back from the engine, so none is held here.
 */
export interface ConnectionsState {
  connections: SavedConnection[]
  warnings: string[]
  /** How a remembered password is protected on this host, in words for the user. */
  passwordProtection: string
  status: 'idle' | 'loading' | 'ready' | 'failed'
  loadError: unknown
  load(): Promise<void>
  save(input: InputOf<'connections.save'>): Promise<SavedConnection>
  update(input: InputOf<'connections.update'>): Promise<SavedConnection>
  remove(id: string): Promise<void>
  duplicate(id: string): Promise<SavedConnection>
  /** Opens a session from a saved connection and makes it the active one. */
  /** `sshSecret`: the SSH key passphrase or password for this time, when none is known. */
  /** Opens it; the secrets are for this time only (typed because none is known, or the known one was refused). */
  open(connection: SavedConnection, password?: string, sshSecret?: string, sslPassword?: string): Promise<SessionInfo>
}

export const useConnectionsStore = create<ConnectionsState>((set, get) => ({
  connections: [],
  warnings: [],
  passwordProtection: '',
  status: 'idle',
  loadError: null,
  async load() {
    // Keep showing the old list while reloading: a flicker to "Loading…" after every save is noise.
    set({ status: get().status === 'ready' ? 'ready' : 'loading', loadError: null })
    try {
      const list = await api.call('connections.list', {})
      set({ connections: list.connections, warnings: list.warnings, passwordProtection: list.passwordProtection, status: 'ready' })
    } catch (error) {
      set({ status: 'failed', loadError: error })
    }
  },
  async save(input) {
    const saved = await api.call('connections.save', input)
    await get().load()
    return saved
  },
  async update(input) {
    const saved = await api.call('connections.update', input)
    await get().load()
    return saved
  },
  async remove(id) {
    await api.call('connections.delete', { id })
    await get().load()
  },
  async duplicate(id) {
    const copy = await api.call('connections.duplicate', { id })
    await get().load()
    return copy
  },
  async open(connection, password, sshSecret, sslPassword) {
    const info = await api.call('connections.open', {
      id: connection.id,
      ...(password === undefined ? {} : { password }),
      ...(sshSecret === undefined ? {} : { sshSecret }),
      ...(sslPassword === undefined ? {} : { sslPassword }),
    })
    const { id, name, color, readOnly } = connection
    useSessionStore.getState().adopt(info, { kind: 'saved', connection: { id, name, color, readOnly } })
    return info
  },
}))
