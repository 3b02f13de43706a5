import { answer, callsTo, emit, resetTransport } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { useSessionStore, type SessionOrigin } from './session'

const info = (sessionId: string): SessionInfo => ({
  sessionId,
  dialect: 'sqlite',
  database: 'db',
  serverVersion: '3',
  display: sessionId,
  openedAt: '2026-01-01T00:00:00Z',
  readOnly: false,
})
const origin: SessionOrigin = { kind: 'url', name: 'x' }
const state = () => useSessionStore.getState()

beforeEach(() => {
  resetTransport()
  answer('sessions.close', () => ({ closed: true }))
  useSessionStore.setState({ sessions: [], activeId: null, origins: {}, lost: {} })
})

describe('session store', () => {
  it('an opened session becomes the active one; opening it again does not list it twice', () => {
    state().adopt(info('a'), origin)
    state().adopt(info('b'), { kind: 'saved', connection: { id: 'c1', name: 'prod', color: null, readOnly: true } })
    state().adopt(info('a'), origin)
    expect(state().sessions.map((s) => s.sessionId)).toEqual(['b', 'a'])
    expect(state().activeId).toBe('a')
    expect(state().origins.b).toMatchObject({ kind: 'saved', connection: { name: 'prod' } })
  })

  it('closing the active session shows the last one left; closing another keeps the active one', async () => {
    for (const id of ['a', 'b', 'c']) state().adopt(info(id), origin)
    state().activate('b')
    await state().close('c')
    expect(state().activeId).toBe('b')
    await state().close('b')
    expect(state().activeId).toBe('a')
    await state().close('a')
    expect(state().activeId).toBeNull()
    expect(callsTo('sessions.close')).toEqual([{ sessionId: 'c' }, { sessionId: 'b' }, { sessionId: 'a' }])
  })

  it('a session whose close fails (its connection is gone) still leaves the list', async () => {
    answer('sessions.close', () => {
      throw new AppError({ code: 'SESSION_NOT_FOUND', message: 'gone' })
    })
    state().adopt(info('a'), origin)
    await state().close('a')
    expect(state().sessions).toEqual([])
  })

  it('a lost connection is marked from the engine event, and cleared when a call works again', () => {
    state().adopt(info('a'), origin)
    emit('sessions.lost', { sessionId: 'a', message: 'The server went away.' })
    expect(state().lost).toEqual({ a: 'The server went away.' })
    const before = state()
    state().markAlive('b')
    expect(state()).toBe(before)
    state().markAlive('a')
    expect(state().lost).toEqual({})
  })
})
