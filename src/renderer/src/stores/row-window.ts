import type { Page, RowCount } from '../../../shared/contract'
import type { Row } from '../../../shared/cells'

/**
 * The grid's rows in memory: one contiguous window of the selection, placed at its position in the
 * whole table, so the scrollbar can stand for every row while memory holds a few thousand.
 * Plain functions of plain values (the store carries them out), so the paging rules are tested
 * without a database or a DOM.
 *
 * - Scrolling near the window extends it: forward by keyset (the cursor after its last row), backward
 *   by OFFSET just before it (there is no backward cursor), dropping rows at the far end beyond
 *   MAX_WINDOW_ROWS.
 * - Anything farther (dragging the thumb, "go to row N") replaces it by an OFFSET read around the
 *   target, and scrolling on from there is keyset again.
 * - The end of the table, when its row count is exact, is read by reversing the sort (never OFFSET
 *   through the whole table).
 */
export interface RowWindow {
  /** Position of rows[0] in the selection's order (0-based). */
  start: number
  rows: Row[]
  /** Keyset continuation after the last row; null at the end, or when rows after it were dropped. */
  nextCursor: string | null
  /** The last row of the window is the last row of the selection. */
  atEnd: boolean
}

export const EMPTY_WINDOW: RowWindow = { start: 0, rows: [], nextCursor: null, atEnd: false }

/** Rows kept in memory at most: pages far from the viewport are dropped (and read again on return). */
export const MAX_WINDOW_ROWS = 3000
/** Rows read on each side of a page extension, and around a jump's target. */
export const WINDOW_PAGE = 300
/** Fetch more when the viewport is this close to an edge of the window. */
export const PREFETCH_ROWS = 40
/** A viewport farther than this from the window jumps (OFFSET) instead of walking pages to it. */
export const NEAR_ROWS = 1500
/** A jump reads this many rows before its target, so a short scroll back needs no request. */
export const JUMP_LEAD = 50

export type WindowFetch =
  /** The keyset page after the window. */
  | { kind: 'next'; limit: number }
  /** Rows by position: just after or before the window, or a new window around a target. */
  | { kind: 'offset'; offset: number; limit: number; place: 'after' | 'before' | 'replace' }
  /** The last rows, by the reversed sort; `total` is the exact row count they end. */
  | { kind: 'end'; limit: number; total: number }

export const windowEnd = (window: RowWindow): number => window.start + window.rows.length

/**
 * How many rows the grid shows: the exact count, or the estimate until then, corrected by what the
 * pages have shown (the window reached the end, or went past the estimate).
 */
export function rowCount(window: RowWindow, total: RowCount | null): number {
  const end = windowEnd(window)
  if (window.atEnd) return end
  const counted = total ? Number(total.value) : 0
  // Not at the end: at least one row more than is loaded (a placeholder that asks for it).
  return Math.max(Number.isFinite(counted) ? counted : 0, end + 1)
}

/** The row at position `index` of the selection, or undefined when it is not in memory. */
export function rowAt(window: RowWindow, index: number): Row | undefined {
  const i = index - window.start
  return i >= 0 && i < window.rows.length ? window.rows[i] : undefined
}

/**
 * What to read so that rows `first…last` (positions in the selection; what is in the viewport) are
 * in memory, or null when they are, or soon will be without asking.
 */
export function planFetch(window: RowWindow, first: number, last: number, total: RowCount | null): WindowFetch | null {
  const count = rowCount(window, total)
  last = Math.min(last, count - 1)
  if (last < 0) return null
  first = Math.max(0, Math.min(first, last))
  const end = windowEnd(window)
  const exactCount = total?.exact ? Number(total.value) : null

  const far = window.rows.length === 0 ? first > 0 : first >= end + NEAR_ROWS || last < window.start - NEAR_ROWS
  if (far) {
    // The end of the table, known exactly: read it backward rather than skipping every row before it.
    if (exactCount !== null && last >= exactCount - JUMP_LEAD && exactCount > WINDOW_PAGE) {
      return { kind: 'end', limit: WINDOW_PAGE, total: exactCount }
    }
    const offset = Math.max(0, first - JUMP_LEAD)
    return { kind: 'offset', offset, limit: WINDOW_PAGE, place: 'replace' }
  }
  if (!window.atEnd && last + PREFETCH_ROWS >= end) {
    return window.nextCursor || end === 0
      ? { kind: 'next', limit: WINDOW_PAGE }
      : { kind: 'offset', offset: end, limit: WINDOW_PAGE, place: 'after' }
  }
  if (window.start > 0 && first - PREFETCH_ROWS < window.start) {
    const offset = Math.max(0, window.start - WINDOW_PAGE)
    return { kind: 'offset', offset, limit: window.start - offset, place: 'before' }
  }
  return null
}

/** The window with a page read for `fetch` in place, trimmed to MAX_WINDOW_ROWS at the far end. */
export function applyPage(window: RowWindow, fetch: WindowFetch, page: Page, max = MAX_WINDOW_ROWS): RowWindow {
  if (fetch.kind === 'end') {
    return { start: Math.max(0, fetch.total - page.rows.length), rows: page.rows, nextCursor: null, atEnd: true }
  }
  if (fetch.kind === 'offset' && fetch.place === 'replace') {
    return { start: fetch.offset, rows: page.rows, nextCursor: page.nextCursor, atEnd: page.nextCursor === null }
  }
  if (fetch.kind === 'offset' && fetch.place === 'before') {
    // Rows deleted meanwhile make the page shorter: it still ends just before the window.
    const rows = [...page.rows, ...window.rows]
    const start = Math.max(0, window.start - page.rows.length)
    if (rows.length <= max) return { ...window, start, rows }
    // Rows after the window's new end are dropped, and with them the cursor past them.
    return { start, rows: rows.slice(0, max), nextCursor: null, atEnd: false }
  }
  const rows = [...window.rows, ...page.rows]
  const dropped = Math.max(0, rows.length - max)
  return {
    start: window.start + dropped,
    rows: dropped > 0 ? rows.slice(dropped) : rows,
    nextCursor: page.nextCursor,
    atEnd: page.nextCursor === null,
  }
}
