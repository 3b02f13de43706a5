import { describe, expect, it } from 'vitest'
import { formatCount, inflect, plural } from './plural'

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(0, 'change')).toBe('0 changes')
    expect(plural(1, 'change')).toBe('1 change')
    expect(plural(2, 'change')).toBe('2 changes')
    expect(plural(1, 'entry', 'entries')).toBe('1 entry')
    expect(plural(3, 'entry', 'entries')).toBe('3 entries')
  })
  it('writes large counts with separators', () => {
    expect(plural(1234567, 'row')).toBe('1,234,567 rows')
    expect(formatCount(1000)).toBe('1,000')
  })
  it('agrees the verb and the bare noun', () => {
    expect(`${plural(1, 'change')} that ${inflect(1, 'is', 'are')} not saved`).toBe('1 change that is not saved')
    expect(`${plural(4, 'change')} that ${inflect(4, 'is', 'are')} not saved`).toBe('4 changes that are not saved')
    expect(inflect(1, 'row holds', 'rows hold')).toBe('row holds')
    expect(inflect(-1, 'row')).toBe('rows')
  })
})
