import { describe, expect, it } from 'vitest'
import {
  isScaled,
  MAX_SCROLL_HEIGHT,
  onScrolled,
  positionAt,
  revealRow,
  rowsInView,
  scrolledBy,
  scrolledTo,
  scrollSpace,
  scrollTopAt,
  TOP,
  wheelPixels,
} from './scaled-scroll'

const ROW = 30
const VIEW = 600
const tenMillion = scrollSpace(10_000_000, ROW, VIEW)
const small = scrollSpace(3_010, ROW, VIEW)

describe('scaled scrolling: the scrollbar stands for the whole table', () => {
  it('a table that fits is scrolled 1:1', () => {
    expect(isScaled(small)).toBe(false)
    expect(small.height).toBe(3_010 * ROW)
    expect(positionAt(12_345, small)).toBe(12_345)
    expect(scrollTopAt(12_345, small)).toBe(12_345)
    expect(onScrolled(TOP, 900, small)).toEqual({ position: 900, scrollTop: 900 })
  })

  it('a table taller than the canvas: the canvas is capped, the thumb read as a proportion', () => {
    expect(isScaled(tenMillion)).toBe(true)
    expect(tenMillion.height).toBe(MAX_SCROLL_HEIGHT)
    const maxTop = MAX_SCROLL_HEIGHT - VIEW
    // The thumb in the middle: the middle row of the table.
    const middle = rowsInView(positionAt(maxTop / 2, tenMillion), tenMillion, 10_000_000, 0)
    expect(middle.shownFirst).toBeGreaterThanOrEqual(4_999_990)
    expect(middle.shownFirst).toBeLessThanOrEqual(5_000_000)
    // The thumb at the bottom: the last row, whole, at the bottom of the viewport.
    const end = rowsInView(positionAt(maxTop, tenMillion), tenMillion, 10_000_000, 0)
    expect(end.shownLast).toBe(9_999_999)
    expect(positionAt(maxTop, tenMillion)).toBe(10_000_000 * ROW - VIEW)
    expect(positionAt(0, tenMillion)).toBe(0)
    // And back: the thumb goes where a position is.
    expect(scrollTopAt(positionAt(1_234_567, tenMillion), tenMillion)).toBeCloseTo(1_234_567, 6)
  })

  it('a drag of the thumb (a scrollTop the grid did not write) jumps proportionally', () => {
    const state = onScrolled(TOP, 7_500_000, tenMillion)
    expect(state.scrollTop).toBe(7_500_000)
    expect(state.position / (10_000_000 * ROW)).toBeCloseTo(0.5, 3)
  })

  it('the wheel moves rows by their own pixels, the thumb by a fraction, and never backward', () => {
    let state = onScrolled(TOP, 7_500_000, tenMillion)
    const from = state.position
    const positions: number[] = []
    for (let step = 0; step < 100; step++) {
      state = scrolledBy(state, 100, tenMillion)
      positions.push(state.position)
      // The browser reports the scrollTop the grid wrote, rounded to a device pixel: the exact position stays.
      state = onScrolled(state, Math.round(state.scrollTop), tenMillion)
    }
    expect(state.position).toBeCloseTo(from + 100 * 100, 6)
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true)
    const rows = rowsInView(state.position, tenMillion, 10_000_000, 0).shownFirst - rowsInView(from, tenMillion, 10_000_000, 0).shownFirst
    expect(rows).toBeGreaterThanOrEqual(333)
    expect(rows).toBeLessThanOrEqual(334)
  })

  it('the wheel reaches both ends, where the thumb is at its ends too', () => {
    const maxTop = MAX_SCROLL_HEIGHT - VIEW
    const near = scrolledTo(10_000_000 * ROW - VIEW - 50, tenMillion)
    const end = scrolledBy(near, 500, tenMillion)
    expect(end).toEqual({ position: 10_000_000 * ROW - VIEW, scrollTop: maxTop })
    expect(scrolledBy(scrolledTo(40, tenMillion), -500, tenMillion)).toEqual(TOP)
  })

  it('shows a row by the least move (go to row N, keys, Ctrl+End)', () => {
    const state = scrolledTo(450_000 * ROW, tenMillion)
    expect(revealRow(state, 450_005, tenMillion)).toBe(state)
    // Below the viewport: brought to its bottom edge.
    const down = revealRow(state, 450_100, tenMillion)
    expect(down.position).toBe(450_101 * ROW - VIEW)
    expect(rowsInView(down.position, tenMillion, 10_000_000, 0).shownLast).toBe(450_100)
    // Above it: to its top edge.
    expect(revealRow(state, 449_000, tenMillion).position).toBe(449_000 * ROW)
    // The last row.
    const last = revealRow(state, 9_999_999, tenMillion)
    expect(last.scrollTop).toBe(MAX_SCROLL_HEIGHT - VIEW)
    expect(rowsInView(last.position, tenMillion, 10_000_000, 0).shownLast).toBe(9_999_999)
  })

  it('the rows shown and drawn: the viewport and an overscan, within the table', () => {
    expect(rowsInView(450_000 * ROW, tenMillion, 10_000_000, 12)).toEqual({
      shownFirst: 450_000,
      shownLast: 450_019,
      first: 449_988,
      last: 450_031,
    })
    // Half a row scrolled: both partly shown rows count.
    expect(rowsInView(15, small, 3_010, 0)).toMatchObject({ shownFirst: 0, shownLast: 20 })
    expect(rowsInView(0, small, 5, 12)).toEqual({ shownFirst: 0, shownLast: 4, first: 0, last: 4 })
    expect(rowsInView(0, small, 0, 12).last).toBe(-1)
  })

  it('the table growing or shrinking keeps the position and moves the thumb', () => {
    const state = scrolledTo(500_000 * ROW, tenMillion)
    const exact = scrollSpace(10_000_123, ROW, VIEW)
    const kept = scrolledBy(state, 0, exact)
    expect(kept.position).toBe(state.position)
    expect(kept.scrollTop).toBeLessThan(state.scrollTop)
    // Fewer rows than the position: the end.
    expect(scrolledBy(state, 0, small).position).toBe(3_010 * ROW - VIEW)
  })

  it('wheel deltas in lines and pages become pixels', () => {
    expect(wheelPixels(3, 0, 40, 600)).toBe(3)
    expect(wheelPixels(3, 1, 40, 600)).toBe(120)
    expect(wheelPixels(-1, 2, 40, 600)).toBe(-600)
  })
})
