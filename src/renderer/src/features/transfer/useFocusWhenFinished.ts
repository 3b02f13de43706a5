import { useEffect, useRef } from 'react'

/**
 * A ref for a run's report that takes focus when the run ends: the button that started it (or
 * Cancel) is gone by then, and keyboard and screen-reader users belong at the result.
 * The element needs tabIndex={-1} to take focus.
 */
export function useFocusWhenFinished(running: boolean) {
  const ref = useRef<HTMLElement>(null)
  const wasRunning = useRef(running)
  useEffect(() => {
    if (wasRunning.current && !running) {
      ref.current?.focus({ preventScroll: true })
      ref.current?.scrollIntoView({ block: 'nearest' })
    }
    wasRunning.current = running
  }, [running])
  return ref
}
