import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { onScrolled, revealRow, scrolledBy, scrollSpace, TOP, wheelPixels, type ScrollSpace, type ScrollState } from './scaled-scroll'

/** A wheel "line" (Firefox-style deltaMode 1) moves this many pixels, as browsers do. */
const WHEEL_LINE = 40

export interface ScaledScroll {
  space: ScrollSpace
  state: ScrollState
  /** Shows row `index` whole with the least move (none when it is in view). */
  reveal(index: number): void
}

/**
 * The grid's vertical scrolling over `rowCount` rows (scaled-scroll.ts): follows the scroller's
 * scroll events and its height, and, when the table is taller than the canvas, takes the wheel so
 * it moves rows by their own pixels rather than by the scaled thumb.
 */
export function useScaledScroll(scrollerRef: RefObject<HTMLElement | null>, rowCount: number, rowHeight: number, headerHeight: number) {
  const [viewport, setViewport] = useState(0)
  const space = useMemo(() => scrollSpace(rowCount, rowHeight, viewport), [rowCount, rowHeight, viewport])
  const [state, setState] = useState<ScrollState>(TOP)
  // Event handlers read the latest values without re-subscribing on every scroll.
  const latest = useRef({ space, state })
  latest.current.space = space

  const apply = useCallback(
    (next: ScrollState) => {
      const element = scrollerRef.current
      latest.current.state = next
      setState(next)
      if (element && Math.abs(element.scrollTop - next.scrollTop) >= 1) element.scrollTop = next.scrollTop
    },
    [scrollerRef],
  )

  // The rows' viewport: the scroller less its sticky header.
  useLayoutEffect(() => {
    const element = scrollerRef.current
    if (!element) return
    const measure = () => setViewport(Math.max(0, element.clientHeight - headerHeight))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [scrollerRef, headerHeight])

  // The table's size or the viewport changed (the exact count arrived, rows went): the same rows stay
  // in view, and the thumb moves to where they now are. After the canvas has its new height.
  const before = useRef(space)
  useLayoutEffect(() => {
    const element = scrollerRef.current
    let now = latest.current.state
    // A scroll the browser made but has not reported yet counts, read in the space it was made in.
    if (element && Math.abs(element.scrollTop - now.scrollTop) >= 1) now = onScrolled(now, element.scrollTop, before.current)
    before.current = space
    apply(scrolledBy(now, 0, space))
  }, [space, apply, scrollerRef])

  useEffect(() => {
    const element = scrollerRef.current
    if (!element) return
    const onScroll = () => {
      const { state: now, space: current } = latest.current
      const next = onScrolled(now, element.scrollTop, current)
      if (next !== now) {
        latest.current.state = next
        setState(next)
      }
    }
    const onWheel = (event: WheelEvent) => {
      const { state: now, space: current } = latest.current
      // Pinch and Ctrl+wheel zoom, and an unscaled table (the browser's own scrolling is exact), are the browser's.
      if (event.ctrlKey || current.content <= current.height) return
      const vertical = event.shiftKey && event.deltaX === 0 ? 0 : wheelPixels(event.deltaY, event.deltaMode, WHEEL_LINE, current.viewport)
      const horizontal = event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX
      event.preventDefault()
      if (horizontal !== 0) element.scrollLeft += wheelPixels(horizontal, event.deltaMode, WHEEL_LINE, element.clientWidth)
      if (vertical !== 0) apply(scrolledBy(now, vertical, current))
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      element.removeEventListener('scroll', onScroll)
      element.removeEventListener('wheel', onWheel)
    }
  }, [scrollerRef, apply])

  const reveal = useCallback(
    (index: number) => {
      const { state: now, space: current } = latest.current
      const next = revealRow(now, index, current)
      if (next !== now) apply(next)
    },
    [apply],
  )

  return { space, state, reveal } satisfies ScaledScroll
}
