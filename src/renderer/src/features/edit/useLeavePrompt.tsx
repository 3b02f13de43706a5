import { useCallback, useRef, useState, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { inflect, plural } from '../../text/plural'

export type LeaveChoice = 'commit' | 'discard' | 'stay'

/** Asks what to do with pending changes; answers a promise, so a caller simply awaits the choice. */
export function useLeavePrompt(count: number): { ask(action: string): Promise<LeaveChoice>; prompt: ReactNode } {
  const [action, setAction] = useState<string | null>(null)
  const resolver = useRef<((choice: LeaveChoice) => void) | null>(null)

  const ask = useCallback((next: string) => {
    resolver.current?.('stay')
    setAction(next)
    return new Promise<LeaveChoice>((resolve) => {
      resolver.current = resolve
    })
  }, [])

  const answer = (choice: LeaveChoice) => {
    resolver.current?.(choice)
    resolver.current = null
    setAction(null)
  }

  const prompt = (
    <Dialog
      open={action !== null}
      onClose={() => answer('stay')}
      title="Unsaved changes"
      label="Unsaved changes"
      footer={
        <>
          <Button onClick={() => answer('stay')}>Keep editing</Button>
          <Button variant="danger" onClick={() => answer('discard')}>
            Discard changes
          </Button>
          <Button variant="primary" onClick={() => answer('commit')}>
            Commit changes
          </Button>
        </>
      }
    >
      <p>
        You have {plural(count, 'pending change')} that {inflect(count, 'is', 'are')} not saved yet.{' '}
        {action ? `To ${action}, commit or discard ${inflect(count, 'it', 'them')} first.` : ''}
      </p>
    </Dialog>
  )
  return { ask, prompt }
}
