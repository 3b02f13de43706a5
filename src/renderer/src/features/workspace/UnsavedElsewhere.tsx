import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { useSessionStore } from '../../stores/session'
import { unsavedElsewhere, useWorkspaceStore, type UnsavedTabs } from '../../stores/workspace'
import { sessionName } from './OpenConnections'
import { titleOf } from './panels'
import { Dialog } from '../../components/Dialog'

/** What the user chose: stay where they are, show the first unsaved tab, or let it all go. */
export type ElsewhereChoice = 'stay' | 'discard' | { show: { sessionId: string; tabId: string } }

/**
 * Before the connection screen replaces the workspace (every session's panels go with it), the
 * unsaved forms of the connections not on screen are named and the user chooses: stay, show the
 * first one, or discard them. The session on screen is asked tab by tab as before.
 */
export function useUnsavedElsewhere(current: string): { ask(): Promise<ElsewhereChoice>; prompt: ReactNode } {
  const [pending, setPending] = useState<UnsavedTabs[] | null>(null)
  const answer = useRef<((choice: ElsewhereChoice) => void) | null>(null)
  const origins = useSessionStore((state) => state.origins)
  const sessions = useSessionStore((state) => state.sessions)

  const reply = (choice: ElsewhereChoice) => {
    answer.current?.(choice)
    answer.current = null
    setPending(null)
  }

  const ask = (): Promise<ElsewhereChoice> => {
    const found = unsavedElsewhere(
      useSessionStore.getState().sessions.map((s) => s.sessionId),
      current,
    )
    if (found.length === 0) return Promise.resolve('discard')
    return new Promise((resolve) => {
      answer.current?.('stay')
      answer.current = resolve
      setPending(found)
    })
  }

  const first = pending?.[0]
  const nameOf = (sessionId: string) =>
    sessionName(origins[sessionId], sessions.find((s) => s.sessionId === sessionId)?.display ?? sessionId)
  const prompt = (
    <Dialog
      open={pending !== null}
      title="Unsaved changes in another connection"
      onClose={() => reply('stay')}
      footer={
        <>
          <Button onClick={() => reply('stay')}>Stay</Button>
          <Button onClick={() => first && reply({ show: { sessionId: first.sessionId, tabId: first.tabs[0].id } })}>Show it</Button>
          <Button variant="danger-solid" onClick={() => reply('discard')}>
            Discard and continue
          </Button>
        </>
      }
    >
      <p>Leaving for the connection screen closes the forms of every open connection. These have changes that are not saved:</p>
      <ul>
        {pending?.map((entry) => (
          <li key={entry.sessionId}>
            <strong>{nameOf(entry.sessionId)}</strong>: {entry.tabs.map((tab) => titleOf(tab.view)).join(', ')}
          </li>
        ))}
      </ul>
    </Dialog>
  )
  return { ask, prompt }
}

/** The browser asks before the page is closed or reloaded while any connection's form has unsaved changes. */
export function useUnloadWarning(): void {
  const unsaved = useWorkspaceStore((state) => Object.keys(state.tabGuards).length > 0)
  useEffect(() => {
    if (!unsaved) return
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', beforeUnload)
    return () => window.removeEventListener('beforeunload', beforeUnload)
  }, [unsaved])
}
