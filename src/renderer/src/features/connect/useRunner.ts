import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConnectionTestResult, CreatedDatabase } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'

export type Action = 'test' | 'connect' | 'create'

/** What the result area under the form shows. */
export type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; action: Action; timeoutMs: number }
  | { kind: 'tested'; result: ConnectionTestResult; created?: CreatedDatabase }
  | { kind: 'failed'; action: Action; error: unknown; created?: CreatedDatabase }
  | { kind: 'cancelled'; action: Action }

/** Beyond the engine's own limit: only reached if the engine itself stops answering. */
const GRACE_MS = 5000

/**
 * Runs one test/connect/create at a time. Cancelling cannot stop the engine mid-handshake, so it
 * stops waiting instead: a late answer finds a newer run id and is dropped (the task is told via
 * `isCurrent`, so it can undo a side effect such as an opened session).
 */
export function useRunner() {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const runId = useRef(0)
  /** The action in progress, read by cancel without going through a state updater. */
  const running = useRef<Action | null>(null)

  // Leaving the screen counts as cancelling: nothing should land on an unmounted form.
  useEffect(() => () => void runId.current++, [])

  const run = useCallback(async (action: Action, timeoutMs: number, task: (isCurrent: () => boolean) => Promise<Outcome>) => {
    const id = ++runId.current
    const isCurrent = () => runId.current === id
    running.current = action
    setOutcome({ kind: 'busy', action, timeoutMs })
    let timer: ReturnType<typeof setTimeout> | undefined
    const guard = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => {
        const seconds = Math.round((timeoutMs + GRACE_MS) / 1000)
        const error = new AppError({
          code: 'TIMEOUT',
          message: `Rowboat did not answer within ${seconds} seconds.`,
          hint: 'Try again; if it keeps happening, restart Rowboat.',
        })
        resolve({ kind: 'failed', action, error })
      }, timeoutMs + GRACE_MS)
    })
    const work = task(isCurrent).catch((error: unknown): Outcome => ({ kind: 'failed', action, error }))
    const next = await Promise.race([work, guard])
    clearTimeout(timer)
    if (!isCurrent()) return
    runId.current++ // a guard timeout also retires the run, so its late answer is ignored
    running.current = null
    setOutcome(next)
  }, [])

  const cancel = useCallback(() => {
    const action = running.current
    if (action === null) return
    runId.current++
    running.current = null
    setOutcome({ kind: 'cancelled', action })
  }, [])

  const clear = useCallback(() => setOutcome({ kind: 'idle' }), [])

  return { outcome, run, cancel, clear, busy: outcome.kind === 'busy' }
}
