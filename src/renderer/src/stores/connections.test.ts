import { answer, callsTo, deferred, resetTransport } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SavedConnection, SavedConnectionList, SessionInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { useConnectionsStore } from './connections'
import { useSessionStore } from './session'

const saved = (id: string, change: Partial<SavedConnection> = {}): SavedConnection => ({
  id,
  name: id,
  url: `sqlite:${id}.db`,
  dialect: 'sqlite',
  color: null,
  readOnly: false,
  source: 'saved',
  password: 'none',
  ssh: null,
  sslPassword: 'none',
  ...change,
})
const list = (...connections: SavedConnection[]): SavedConnectionList => ({
  connections,
  warnings: [],
  passwordProtection: 'kept in memory',
})
const state = () => useConnectionsStore.getState()

beforeEach(() => {
  resetTransport()
  useConnectionsStore.setState({ connections: [], warnings: [], passwordProtection: '', status: 'idle', loadError: null })
  useSessionStore.setState({ sessions: [], activeId: null, origins: {}, lost: {} })
})

describe('connections store', () => {
  it('loads the list; a reload keeps showing the old one instead of "Loading…"', async () => {
    answer('connections.list', () => list(saved('a')))
    const first = state().load()
    expect(state().status).toBe('loading')
    await first
    expect(state()).toMatchObject({ status: 'ready', connections: [saved('a')], passwordProtection: 'kept in memory' })
    const later = deferred<SavedConnectionList>()
    answer('connections.list', () => later.promise)
    const second = state().load()
    expect(state()).toMatchObject({ status: 'ready', connections: [saved('a')] })
    later.resolve(list(saved('a'), saved('b')))
    await second
    expect(state().connections.map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('a list that cannot be read is a failure to show', async () => {
    answer('connections.list', () => {
      throw new AppError({ code: 'INTERNAL', message: 'broken' })
    })
    await state().load()
    expect(state()).toMatchObject({ status: 'failed', loadError: { code: 'INTERNAL' } })
  })

  it('save, duplicate and delete each read the list again', async () => {
    answer('connections.list', () => list(saved('a')))
    answer('connections.save', () => saved('a'))
    answer('connections.duplicate', () => saved('a2'))
    answer('connections.delete', () => ({ deleted: true }))
    expect(await state().save({ name: 'a', url: 'sqlite:a.db' })).toEqual(saved('a'))
    expect(await state().duplicate('a')).toEqual(saved('a2'))
    await state().remove('a')
    expect(callsTo('connections.list')).toHaveLength(3)
    expect(callsTo('connections.delete')).toEqual([{ id: 'a' }])
  })

  it('opening a connection makes its session the active one, remembered with where it came from', async () => {
    const info: SessionInfo = {
      sessionId: 's1',
      dialect: 'sqlite',
      database: 'a',
      serverVersion: '3',
      display: 'a',
      openedAt: '',
      readOnly: true,
    }
    answer('connections.open', () => info)
    await state().open(saved('a', { readOnly: true, color: '#ff0000' }), 'secret')
    expect(callsTo('connections.open')).toEqual([{ id: 'a', password: 'secret' }])
    expect(useSessionStore.getState()).toMatchObject({
      activeId: 's1',
      origins: { s1: { kind: 'saved', connection: { id: 'a', name: 'a', color: '#ff0000', readOnly: true } } },
    })
    // Without a password typed, none is sent: the engine uses the one it keeps.
    await state().open(saved('a'))
    expect(callsTo('connections.open')[1]).toEqual({ id: 'a' })
    // The TLS client key's passphrase typed for this time goes with the call, apart from the password.
    await state().open(saved('a'), undefined, undefined, 'key phrase')
    expect(callsTo('connections.open')[2]).toEqual({ id: 'a', sslPassword: 'key phrase' })
  })
})
