import { describe, expect, it } from 'vitest'
import type { Page, RowCount } from '../../../shared/contract'
import {
  applyPage,
  EMPTY_WINDOW,
  JUMP_LEAD,
  MAX_WINDOW_ROWS,
  NEAR_ROWS,
  planFetch,
  rowAt,
  rowCount,
  WINDOW_PAGE,
  type RowWindow,
} from './row-window'

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }))
const win = (start: number, n: number, more = true): RowWindow => ({
  start,
  rows: range(start, n),
  nextCursor: more ? `after ${start + n - 1}` : null,
  atEnd: !more,
})
const page = (from: number, n: number, next: string | null = 'c'): Page => ({ columns: ['id'], rows: range(from, n), nextCursor: next })
const exact = (value: number): RowCount => ({ value, exact: true })
const estimate = (value: number): RowCount => ({ value, exact: false })
const million = exact(1_000_000)

describe('row window: how many rows the grid spans', () => {
  it('the count while more rows are there, the estimate until then, and what the pages proved', () => {
    expect(rowCount(win(0, 100), million)).toBe(1_000_000)
    expect(rowCount(win(0, 100), estimate(5000))).toBe(5000)
    // The estimate was low: one row past what is loaded, which asks for the next page.
    expect(rowCount(win(0, 100), estimate(50))).toBe(101)
    // The window reached the end: that is the count, whatever the estimate said.
    expect(rowCount(win(900, 100, false), estimate(1200))).toBe(1000)
    expect(rowCount(EMPTY_WINDOW, null)).toBe(1)
  })

  it('finds a row by its position, or nothing outside the window', () => {
    const w = win(500, 10)
    expect(rowAt(w, 500)).toEqual({ id: 500 })
    expect(rowAt(w, 509)).toEqual({ id: 509 })
    expect(rowAt(w, 499)).toBeUndefined()
    expect(rowAt(w, 510)).toBeUndefined()
  })
})

describe('row window: what to read for a viewport', () => {
  it('nothing while the viewport is well inside the window', () => {
    expect(planFetch(win(0, 400), 100, 120, million)).toBeNull()
    expect(planFetch(win(0, 10, false), 0, 30, exact(10))).toBeNull()
  })

  it('scrolling forward near the end of the window: the next keyset page', () => {
    expect(planFetch(win(0, 100), 50, 70, million)).toEqual({ kind: 'next', limit: WINDOW_PAGE })
    // Past the window, but near it: keyset pages walk there rather than jumping.
    expect(planFetch(win(0, 100), 100 + NEAR_ROWS - 1, 100 + NEAR_ROWS + 20, million)).toEqual({ kind: 'next', limit: WINDOW_PAGE })
  })

  it('forward after the cursor was dropped: by position just after the window', () => {
    const w = { ...win(1000, 300), nextCursor: null }
    expect(planFetch(w, 1280, 1300, million)).toEqual({ kind: 'offset', offset: 1300, limit: WINDOW_PAGE, place: 'after' })
  })

  it('scrolling back near the start of the window: the rows just before it, by position', () => {
    expect(planFetch(win(1000, 300), 1010, 1030, million)).toEqual({ kind: 'offset', offset: 700, limit: 300, place: 'before' })
    expect(planFetch(win(100, 300), 110, 130, million)).toEqual({ kind: 'offset', offset: 0, limit: 100, place: 'before' })
  })

  it('far from the window (the thumb dragged, go to row N): an OFFSET read around the target', () => {
    expect(planFetch(win(0, 400), 500_000, 500_020, million)).toEqual({
      kind: 'offset',
      offset: 500_000 - JUMP_LEAD,
      limit: WINDOW_PAGE,
      place: 'replace',
    })
    expect(planFetch(win(600_000, 400), 10, 30, million)).toEqual({ kind: 'offset', offset: 0, limit: WINDOW_PAGE, place: 'replace' })
  })

  it('the end of a table whose count is exact: read backward, never OFFSET through it', () => {
    expect(planFetch(win(0, 400), 999_980, 999_999, million)).toEqual({ kind: 'end', limit: WINDOW_PAGE, total: 1_000_000 })
    // Only an estimate: where the end is is not known, so the rows there are read by position.
    expect(planFetch(win(0, 400), 999_980, 999_999, estimate(1_000_000))).toMatchObject({ kind: 'offset', place: 'replace' })
  })

  it('an empty selection asks for nothing', () => {
    expect(planFetch({ ...EMPTY_WINDOW, atEnd: true }, 0, 20, exact(0))).toBeNull()
  })
})

describe('row window: pages in place, memory bounded', () => {
  it('a next page extends the window, and the oldest rows go beyond the bound', () => {
    let w = win(0, 100)
    for (let i = 0; i < 20; i++) w = applyPage(w, { kind: 'next', limit: WINDOW_PAGE }, page(w.start + w.rows.length, WINDOW_PAGE))
    expect(w.rows).toHaveLength(MAX_WINDOW_ROWS)
    expect(w.start).toBe(100 + 20 * WINDOW_PAGE - MAX_WINDOW_ROWS)
    // Positions stay true: each row is where the selection has it.
    expect(w.rows.every((row, i) => row.id === w.start + i)).toBe(true)
    expect(w.nextCursor).toBe('c')
  })

  it('the last page ends the window', () => {
    const w = applyPage(win(0, 100), { kind: 'next', limit: WINDOW_PAGE }, page(100, 7, null))
    expect(w).toMatchObject({ start: 0, atEnd: true, nextCursor: null })
    expect(w.rows).toHaveLength(107)
  })

  it('rows before the window go in front; beyond the bound the far end is dropped with its cursor', () => {
    const w = applyPage(win(1000, 300), { kind: 'offset', offset: 700, limit: 300, place: 'before' }, page(700, 300))
    expect(w).toMatchObject({ start: 700, nextCursor: 'after 1299' })
    expect(w.rows.map((r) => r.id)).toEqual(range(700, 600).map((r) => r.id))

    const full = applyPage(win(5000, MAX_WINDOW_ROWS), { kind: 'offset', offset: 4700, limit: 300, place: 'before' }, page(4700, 300))
    expect(full).toMatchObject({ start: 4700, nextCursor: null, atEnd: false })
    expect(full.rows).toHaveLength(MAX_WINDOW_ROWS)
    expect(full.rows.at(-1)).toEqual({ id: 4700 + MAX_WINDOW_ROWS - 1 })
  })

  it('a jump replaces the window and continues by its cursor; the end is placed by the exact count', () => {
    const jumped = applyPage(win(0, 3000), { kind: 'offset', offset: 499_950, limit: 300, place: 'replace' }, page(499_950, 300, 'k'))
    expect(jumped).toMatchObject({ start: 499_950, nextCursor: 'k', atEnd: false })
    expect(jumped.rows).toHaveLength(300)
    const end = applyPage(jumped, { kind: 'end', limit: 300, total: 1_000_000 }, page(999_700, 300, null))
    expect(end).toMatchObject({ start: 999_700, nextCursor: null, atEnd: true })
    expect(rowAt(end, 999_999)).toEqual({ id: 999_999 })
  })
})
