import { describe, expect, it } from 'vitest'
import { editableValues } from './editor'

describe('editableValues (Duplicate row)', () => {
  it('copies columns named like Object.prototype members, and leaves binary out', () => {
    const row = JSON.parse(
      '{"id": 1, "__proto__": "p", "constructor": "c", "blob": {"base64": "AA==", "bytes": 1, "truncated": false}}',
    ) as Parameters<typeof editableValues>[0]
    const values = editableValues(row)
    expect(Object.keys(values)).toEqual(['id', '__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe('p')
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype)
  })
})
