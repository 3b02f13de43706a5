/**
 * Scaled scrolling: the grid's scrollbar stands for every row of the table, however many.
 *
 * A browser cannot make an element taller than about 33.5 million px (Chromium), which at 30 px a
 * row is ~1.1 million rows. Past MAX_SCROLL_HEIGHT the scrolled canvas stays that tall and the
 * scrollbar is read proportionally: the thumb at 50% is the middle row of the table. Wheel and keys
 * move the rows by exactly their own pixels (the thumb follows by a fraction of a pixel), so reading
 * down a table row by row stays row-accurate; only a move the browser made by itself (the thumb
 * dragged, the track clicked, scrollTop set) is mapped proportionally.
 *
 * Positions here are in "content pixels": row i spans [i × rowHeight, (i + 1) × rowHeight). The
 * position is the content pixel at the top of the rows' viewport (under the sticky header).
 * Plain functions of plain values, so the mapping is tested without a DOM.
 */

/**
 * The tallest scrolled canvas the grid makes. Well under Chromium's limit, and small enough that
 * every row's pixel offset is an exact float32 integer (transforms are composited in float32).
 */
export const MAX_SCROLL_HEIGHT = 15_000_000

export interface ScrollSpace {
  /** The height every row would take: rowCount × rowHeight. */
  content: number
  /** The height of the scrolled canvas under the header: the content, capped. */
  height: number
  /** The height of the rows' viewport (the scroller's client height less the sticky header). */
  viewport: number
  rowHeight: number
}

export interface ScrollState {
  /** Content pixel at the top of the viewport. */
  position: number
  /** The scroller's scrollTop that goes with it (what the grid wrote, or what the browser reported). */
  scrollTop: number
}

export const TOP: ScrollState = { position: 0, scrollTop: 0 }

export function scrollSpace(rowCount: number, rowHeight: number, viewport: number, cap = MAX_SCROLL_HEIGHT): ScrollSpace {
  const content = Math.max(0, rowCount) * rowHeight
  return { content, height: Math.min(content, cap), viewport: Math.max(0, viewport), rowHeight }
}

/** Whether the scrollbar is read proportionally (the content is taller than the canvas). */
export const isScaled = (space: ScrollSpace): boolean => space.content > space.height

const maxPosition = (space: ScrollSpace): number => Math.max(0, space.content - space.viewport)
const maxScrollTop = (space: ScrollSpace): number => Math.max(0, space.height - space.viewport)
const clamp = (value: number, max: number): number => Math.max(0, Math.min(value, max))

/** The content position a scrollTop stands for: itself, or its proportion of the table. */
export function positionAt(scrollTop: number, space: ScrollSpace): number {
  const top = clamp(scrollTop, maxScrollTop(space))
  if (!isScaled(space)) return top
  const range = maxScrollTop(space)
  return range === 0 ? 0 : (top / range) * maxPosition(space)
}

/** The scrollTop that puts the thumb where a content position is (inverse of positionAt). */
export function scrollTopAt(position: number, space: ScrollSpace): number {
  const at = clamp(position, maxPosition(space))
  if (!isScaled(space)) return at
  const range = maxPosition(space)
  return range === 0 ? 0 : (at / range) * maxScrollTop(space)
}

/** A state at a content position (clamped to the table), with the thumb placed for it. */
export function scrolledTo(position: number, space: ScrollSpace): ScrollState {
  const at = clamp(position, maxPosition(space))
  return { position: at, scrollTop: scrollTopAt(at, space) }
}

/** Moved by `delta` content pixels (wheel, keys): row-accurate, the thumb follows. */
export const scrolledBy = (state: ScrollState, delta: number, space: ScrollSpace): ScrollState => scrolledTo(state.position + delta, space)

/**
 * The browser reports a scrollTop. The one the grid wrote itself (within rounding to device pixels)
 * keeps the exact position it was written for; any other (a drag of the thumb, a click on the track)
 * is read proportionally.
 */
export function onScrolled(state: ScrollState, scrollTop: number, space: ScrollSpace): ScrollState {
  if (!isScaled(space)) return { position: clamp(scrollTop, maxPosition(space)), scrollTop }
  if (Math.abs(scrollTop - state.scrollTop) < 1) return state
  return { position: positionAt(scrollTop, space), scrollTop }
}

/** The least move that shows row `index` whole (none when it is). */
export function revealRow(state: ScrollState, index: number, space: ScrollSpace): ScrollState {
  const top = index * space.rowHeight
  const bottom = top + space.rowHeight
  if (top < state.position) return scrolledTo(top, space)
  if (bottom > state.position + space.viewport) return scrolledTo(bottom - space.viewport, space)
  return state
}

export interface RowsInView {
  /** Rows a person sees (partly or whole); last < first when there are none. */
  shownFirst: number
  shownLast: number
  /** Rows drawn: the shown ones and `overscan` more on each side. */
  first: number
  last: number
}

export function rowsInView(position: number, space: ScrollSpace, rowCount: number, overscan: number): RowsInView {
  if (rowCount <= 0 || space.rowHeight <= 0) return { shownFirst: 0, shownLast: -1, first: 0, last: -1 }
  const shownFirst = Math.min(rowCount - 1, Math.max(0, Math.floor(position / space.rowHeight)))
  const shownLast = Math.min(rowCount - 1, Math.max(shownFirst, Math.ceil((position + space.viewport) / space.rowHeight) - 1))
  return {
    shownFirst,
    shownLast,
    first: Math.max(0, shownFirst - overscan),
    last: Math.min(rowCount - 1, shownLast + overscan),
  }
}

/** Pixels a wheel event moves by, whatever unit it counts in (lines, pages). */
export function wheelPixels(delta: number, deltaMode: number, lineHeight: number, pageHeight: number): number {
  if (deltaMode === 1) return delta * lineHeight
  if (deltaMode === 2) return delta * pageHeight
  return delta
}
