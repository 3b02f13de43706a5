import { beforeEach, describe, expect, it } from 'vitest'
import { useFormStore } from './forms'

const state = () => useFormStore.getState()

beforeEach(() => useFormStore.setState({ savedAt: 0 }))

describe('form store', () => {
  it('savedAt always moves forward, even for two saves in the same millisecond', () => {
    state().markSaved()
    const first = state().savedAt
    state().markSaved()
    expect(state().savedAt).toBeGreaterThan(first)
  })
})
