import { describe, expect, it } from 'vitest'
import { channelNames } from './channel-names'
import { contract } from './index'

// index.ts proves the same at compile time; this also catches a name listed twice, which types cannot see.
describe('channel names', () => {
  it('are exactly the contract channels, each once', () => {
    expect(new Set(channelNames).size).toBe(channelNames.length)
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort())
  })
})
