import { describe, expect, it } from 'vitest'
import { channelNames, contract } from '../shared/contract'
import { buildApi } from './build-api'

describe('preload API', () => {
  it('exposes exactly the contract channels, as functions', () => {
    const api = buildApi(async () => undefined)
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort())
    for (const name of channelNames) expect(typeof api[name]).toBe('function')
    expect(api).not.toHaveProperty('ipcRenderer')
    expect(api).not.toHaveProperty('process')
  })

  it('forwards each call to the channel of the same name', async () => {
    const calls: Array<[string, unknown]> = []
    const api = buildApi(async (channel, input) => {
      calls.push([channel, input])
      return { ok: true, value: null }
    })
    await api['schema.tables']({ sessionId: 's1' })
    expect(calls).toEqual([['schema.tables', { sessionId: 's1' }]])
  })
})
