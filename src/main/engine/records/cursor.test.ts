import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor'
import { resolveSortKeys } from './keyset'
import { target } from './test-fixtures'

const keys = resolveSortKeys(target('sqlite'), [{ column: 'name', direction: 'asc' }])
const fingerprint = queryFingerprint('t', keys, [], undefined)

describe('cursor', () => {
  it('round-trips the position: NULLs, text, and numbers by their round-trip spelling (Infinity too)', () => {
    const position = { kind: 'key' as const, values: [null, '9007199254740993', { n: '0.10000000149011612' }, { n: '-Infinity' }] }
    expect(decodeCursor(encodeCursor(position, fingerprint), fingerprint)).toEqual(position)
    expect(decodeCursor(encodeCursor({ kind: 'offset', offset: 200 }, fingerprint), fingerprint)).toEqual({ kind: 'offset', offset: 200 })
  })

  it('refuses a tampered cursor', () => {
    const token = encodeCursor({ kind: 'key', values: ['b', { n: '7' }] }, fingerprint)
    const [body, signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ q: fingerprint, p: { kind: 'key', values: ['z', { n: '7' }] } })).toString('base64url')
    for (const bad of [`${forged}.${signature}`, `${body}.x${signature.slice(1)}`, 'garbage', '', `${body}`, `${token}.more`]) {
      expect(() => decodeCursor(bad, fingerprint)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'cursor' }))
    }
  })

  it('refuses a cursor from another query', () => {
    const token = encodeCursor({ kind: 'key', values: ['b', { n: '7' }] }, fingerprint)
    const other = queryFingerprint('t', keys, [{ column: 'name', op: 'eq', value: 'x' }], undefined)
    expect(() => decodeCursor(token, other)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('different query') }),
    )
  })
})
