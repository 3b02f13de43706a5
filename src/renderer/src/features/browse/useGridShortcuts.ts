import { useEffect, useRef } from 'react'
import { isTextEntry } from '../workspace/workspace-keys'

export interface GridShortcuts {
  onCommit(): void
  onUndo(): void
  onRedo(): void
  onFind(): void
  onGoTo(): void
}

/**
 * Ctrl/Cmd+S commits, Ctrl/Cmd+Z undoes the last staged change and Ctrl/Cmd+Shift+Z or Ctrl+Y
 * redoes it (a text field keeps its own undo and redo),
 * Ctrl/Cmd+F goes to the search, Ctrl/Cmd+G asks for a row number to go to. Not while a dialog is open: the keys are the dialog's then.
 */
export function useGridShortcuts(handlers: GridShortcuts): void {
  const latest = useRef(handlers)
  latest.current = handlers
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 's') event.preventDefault() // never the browser's "save page", dialog or not
      if (document.querySelector('dialog[open]')) return
      if (key === 's') latest.current.onCommit()
      else if (key === 'f') {
        event.preventDefault()
        latest.current.onFind()
      } else if (key === 'g') {
        event.preventDefault()
        latest.current.onGoTo()
      } else if (key === 'z' && !event.shiftKey && !isTextEntry(event.target)) {
        event.preventDefault()
        latest.current.onUndo()
      } else if (((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) && !isTextEntry(event.target)) {
        event.preventDefault()
        latest.current.onRedo()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
