import { useEffect, useRef, type RefObject } from 'react'

export interface GridClipboard {
  /** What Ctrl/Cmd+C copies now, or null to leave the key to the browser. */
  copy(): { text: string; html: string } | null
  paste(text: string): void
}

/**
 * Ctrl/Cmd+C and Ctrl/Cmd+V while the grid itself has the keyboard (not its cell editor): the copy
 * event gets tab-separated text and an HTML table; the paste event's text goes to the grid. The
 * clipboard events are used (not the keys) so the browser's own permission rules apply and no
 * clipboard read is ever asked for.
 */
export function useGridClipboard(gridRef: RefObject<HTMLDivElement | null>, handlers: GridClipboard): void {
  const latest = useRef(handlers)
  latest.current = handlers
  useEffect(() => {
    const inGrid = () => gridRef.current !== null && document.activeElement === gridRef.current && !document.querySelector('dialog[open]')
    const onCopy = (event: ClipboardEvent) => {
      if (!inGrid() || !event.clipboardData) return
      const copied = latest.current.copy()
      if (!copied) return
      event.preventDefault()
      event.clipboardData.setData('text/plain', copied.text)
      event.clipboardData.setData('text/html', copied.html)
    }
    const onPaste = (event: ClipboardEvent) => {
      if (!inGrid() || !event.clipboardData) return
      const text = event.clipboardData.getData('text/plain')
      if (!text) return
      event.preventDefault()
      latest.current.paste(text)
    }
    document.addEventListener('copy', onCopy)
    document.addEventListener('paste', onPaste)
    return () => {
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('paste', onPaste)
    }
  }, [gridRef])
}
