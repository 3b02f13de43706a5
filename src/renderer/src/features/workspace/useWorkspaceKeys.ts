import { useEffect } from 'react'
import { useWorkspaceStore } from '../../stores/workspace'
import { stepBack } from '../browse/navigation'
import { openNewQuery } from '../query/query-tabs'
import { isTextEntry, workspaceKey } from './workspace-keys'

/**
 * The workspace's own keys and buttons: tabs (close, cycle), Back/Forward (Alt+←/→, the mouse's
 * back and forward buttons), and the browser's Back button, which must step back in the tab rather
 * than leave the app: the page keeps one history entry of its own above the app's first one and
 * turns each popstate into a Back in the active tab.
 */
export function useWorkspaceKeys(onShortcuts: () => void): void {
  useEffect(() => {
    const store = () => useWorkspaceStore.getState()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return
      const action = workspaceKey(event, isTextEntry(event.target))
      if (!action) return
      event.preventDefault()
      if (action === 'close') {
        const { sessionId, strips } = store()
        const active = sessionId ? strips[sessionId]?.activeId : null
        if (active) void store().closeTab(active)
      } else if (action === 'next' || action === 'previous') void store().cycle(action === 'next' ? 1 : -1)
      else if (action === 'back' || action === 'forward') void stepBack(action === 'back' ? -1 : 1)
      else if (action === 'shortcuts') onShortcuts()
      else if (action === 'newQuery') {
        const { sessionId } = store()
        if (sessionId) void openNewQuery(sessionId).catch(() => undefined)
      }
    }

    // Mouse buttons 3 and 4 are back and forward. Handled here (Electron does nothing with them);
    // in a browser the default navigation is cancelled, and a popstate that still follows is ignored.
    let mouseStepAt = 0
    const onMouseUp = (event: MouseEvent) => {
      if (event.button !== 3 && event.button !== 4) return
      event.preventDefault()
      mouseStepAt = Date.now()
      void stepBack(event.button === 3 ? -1 : 1)
    }

    const arm = () => history.pushState({ rowboat: 'workspace' }, '')
    const onPopState = () => {
      arm()
      if (Date.now() - mouseStepAt > 500) void stepBack(-1)
    }
    // Once per page: a workspace shown again (another session) finds its entry already there.
    if ((history.state as { rowboat?: string } | null)?.rowboat !== 'workspace') arm()
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('mouseup', onMouseUp)
    window.addEventListener('popstate', onPopState)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('mouseup', onMouseUp)
      window.removeEventListener('popstate', onPopState)
    }
  }, [onShortcuts])
}
