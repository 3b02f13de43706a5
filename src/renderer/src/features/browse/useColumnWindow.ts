import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useLayoutEffect, type RefObject } from 'react'

/**
 * The columns drawn: those in the scroller's view (and three either side), right of the sticky row
 * selector, measured again when a width changes. `leading` is the width of the columns left of them,
 * which a spacer takes. The table grid and the console's result grid both scroll sideways by it.
 */
export function useColumnWindow(
  scrollerRef: RefObject<HTMLElement | null>,
  widths: number[],
  selectorWidth: number,
): { virtualColumns: VirtualItem[]; leading: number } {
  const virtualizer = useVirtualizer({
    horizontal: true,
    count: widths.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (index) => widths[index] ?? 120,
    overscan: 3,
    scrollMargin: selectorWidth,
  })
  useLayoutEffect(() => virtualizer.measure(), [widths, virtualizer])
  const virtualColumns = virtualizer.getVirtualItems()
  return { virtualColumns, leading: (virtualColumns[0]?.start ?? selectorWidth) - selectorWidth }
}
