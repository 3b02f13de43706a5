import { useCallback, useEffect, type ReactNode } from 'react'
import { useEditorStore } from '../../stores/editor'
import { useWorkspaceStore } from '../../stores/workspace'
import { countChanges } from './staging/model'
import { useLeavePrompt } from './useLeavePrompt'

/**
 * Pending changes are never dropped without asking: `settle(action)` asks before a new query (sort,
 * filter, reload), the workspace's leave guard asks before another view, the window asks before it
 * closes. Answers true when the way is clear (committed or discarded).
 */
export function useLeaveGuards(
  count: number,
  commit: () => Promise<boolean>,
): { settle(action: string): Promise<boolean>; prompt: ReactNode } {
  const { ask, prompt } = useLeavePrompt(count)

  const settle = useCallback(
    async (action: string): Promise<boolean> => {
      if (countChanges(useEditorStore.getState().staged) === 0) return true
      const choice = await ask(action)
      if (choice === 'stay') return false
      if (choice === 'commit') return commit()
      // Not undoable: the rows are about to change under the discarded edits.
      useEditorStore.getState().discard(false)
      return true
    },
    [ask, commit],
  )

  useEffect(() => {
    if (count === 0) return
    const guard = () => settle('leave this table')
    const workspace = useWorkspaceStore.getState()
    workspace.setLeaveGuard(guard)
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', beforeUnload)
    return () => {
      window.removeEventListener('beforeunload', beforeUnload)
      // Only our own guard: navigating already cleared it, and another view may have set its own.
      if (useWorkspaceStore.getState().leaveGuard === guard) useWorkspaceStore.getState().setLeaveGuard(null)
    }
  }, [count, settle])

  return { settle, prompt }
}
