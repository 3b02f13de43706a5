import { beforeEach, describe, expect, it } from 'vitest'
import { useFormStore, type FormTarget } from './forms'

const user: FormTarget = { sessionId: 's', table: 'users', key: { id: 1 } }
const post: FormTarget = { sessionId: 's', table: 'posts', key: { id: 7 } }
const note: FormTarget = { sessionId: 's', table: 'notes', key: null }
const state = () => useFormStore.getState()

beforeEach(() => useFormStore.setState({ current: null, trail: [], openCount: 0, savedAt: 0 }))

describe('form store', () => {
  it('opens a form; a nested one keeps the way back; back walks it, then closes', () => {
    state().openForm(user)
    state().openNested(post)
    state().openNested(note)
    expect(state()).toMatchObject({ current: note, trail: [user, post], openCount: 3 })
    state().back()
    expect(state()).toMatchObject({ current: post, trail: [user], openCount: 4 })
    state().back()
    state().back()
    expect(state()).toMatchObject({ current: null, trail: [] })
  })

  it('opening a form from outside forgets the previous trail', () => {
    state().openForm(user)
    state().openNested(post)
    state().openForm(note)
    expect(state()).toMatchObject({ current: note, trail: [] })
  })

  it('a created record becomes the one the form edits', () => {
    state().openForm(note)
    state().setCurrentKey({ id: 12 })
    expect(state().current).toEqual({ ...note, key: { id: 12 } })
    state().close()
    state().setCurrentKey({ id: 13 })
    expect(state().current).toBeNull()
  })

  it('savedAt always moves forward, even for two saves in the same millisecond', () => {
    state().markSaved()
    const first = state().savedAt
    state().markSaved()
    expect(state().savedAt).toBeGreaterThan(first)
  })
})
