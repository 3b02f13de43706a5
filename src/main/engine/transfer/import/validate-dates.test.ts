import { describe, expect, it } from 'vitest'
import { DATETIME, plainDateTime } from './validate-dates'

describe('the quick date-and-time reader', () => {
  it('splits exactly as the regular expression does, or leaves the text to it', () => {
    const samples = [
      '2024-05-01 12:30:00',
      '2024-05-01T12:30:00',
      '2024-05-01t12:30:00.5',
      '2024-05-01 12:30:00.123456',
      '2024-05-01 12:30:00.',
      '2024-05-01 12:30:00.12a',
      '2024-05-01 12:30:00Z',
      '2024-05-01 12:30:00+02:00',
      '2024-05-01 12:30',
      '2024-05-01',
      '2024-5-01 12:30:00',
      '2024-05-01x12:30:00',
      '2024/05/01 12:30:00',
      '2024-05-01 12-30-00',
      '２０２４-05-01 12:30:00',
      '9999-99-99 99:99:99.999',
    ]
    let quick = 0
    for (const text of samples) {
      const fast = plainDateTime(text)
      const slow = DATETIME.exec(text)
      if (fast === null) continue
      quick++
      expect(slow, text).not.toBeNull()
      expect(fast, text).toEqual([...slow!])
    }
    // The usual spellings do take the quick path.
    expect(quick).toBe(5)
  })
})
