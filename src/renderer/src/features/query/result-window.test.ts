import { describe, expect, it } from 'vitest'
import { applyFetched, windowSummary, type ResultWindow } from './result-window'

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => [from + i])
const open = (from: number, n: number): ResultWindow => ({
  rows: rows(from, n),
  firstRow: from,
  rowsRead: from + n,
  open: true,
  total: null,
})

describe('the console’s window of result rows', () => {
  it('appends pages and drops the oldest beyond the bound', () => {
    const first = applyFetched(open(0, 6), { rows: rows(6, 3), firstRow: 6, rowsRead: 9, done: false }, 8)
    expect(first.dropped).toBe(1)
    expect(first.window.firstRow).toBe(1)
    expect(first.window.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(first.window.open).toBe(true)
  })

  it('"fetch all" replaces the window with the last rows and knows the total', () => {
    const { window, dropped } = applyFetched(open(0, 5), { rows: rows(90, 10), firstRow: 90, rowsRead: 100, done: true }, 8)
    expect(dropped).toBe(5)
    expect(window.rows.map((r) => r[0])).toEqual([92, 93, 94, 95, 96, 97, 98, 99])
    expect(window.firstRow).toBe(92)
    expect([window.open, window.total]).toEqual([false, 100])
    expect(windowSummary(window)).toBe('Rows 93–100 of 100')
  })

  it('says how much is read while the statement is open', () => {
    expect(windowSummary(open(0, 1000))).toBe('Rows 1–1,000 of 1,000+ read so far')
    expect(windowSummary({ rows: [], firstRow: 0, rowsRead: 0, open: false, total: 0 })).toBe('No rows')
  })
})
