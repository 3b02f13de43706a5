/** The workspace-wide keys, as a pure function of the key event (tested in workspace-keys.test.ts). */

export type WorkspaceAction = 'close' | 'next' | 'previous' | 'back' | 'forward' | 'shortcuts' | 'newQuery'

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/**
 * Ctrl/Cmd+W closes the tab and Ctrl+Tab / Ctrl+Shift+Tab cycle (a browser keeps those for its own
 * tabs, so Alt+W and Ctrl+PageDown/PageUp do the same there); Alt+←/→ step back and forward (not in
 * a text field, where they move the caret); `?` opens the shortcuts sheet (not while typing);
 * Ctrl/Cmd+T opens a new Query tab (Alt+T in a browser, which keeps Ctrl+T for its own tabs).
 */
export function workspaceKey(event: KeyLike, inText: boolean): WorkspaceAction | null {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  if (key === 'w' && ((mod && !event.altKey) || (event.altKey && !mod)) && !event.shiftKey) return 'close'
  if (key === 't' && ((mod && !event.altKey) || (event.altKey && !mod)) && !event.shiftKey) return 'newQuery'
  if (event.ctrlKey && key === 'Tab') return event.shiftKey ? 'previous' : 'next'
  if (mod && !event.altKey && key === 'PageDown') return 'next'
  if (mod && !event.altKey && key === 'PageUp') return 'previous'
  if (event.altKey && !mod && !event.shiftKey && !inText && key === 'ArrowLeft') return 'back'
  if (event.altKey && !mod && !event.shiftKey && !inText && key === 'ArrowRight') return 'forward'
  if (key === '?' && !mod && !event.altKey && !inText) return 'shortcuts'
  return null
}

export const isTextEntry = (target: EventTarget | null): boolean =>
  typeof HTMLElement !== 'undefined' &&
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type)))
