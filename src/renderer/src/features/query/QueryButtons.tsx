import { useEffect, useState } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { useWorkspaceStore } from '../../stores/workspace'
import { preloadQuery } from '../workspace/lazy-panels'
import { openNewQuery, openQuery, syncQueryTabs } from './query-tabs'

/** The header's way into the console: the Query tab (the first one, or a new one) and "New query" (Ctrl/Cmd+T). */
export function QueryButtons({ sessionId }: { sessionId: string }) {
  const onQuery = useWorkspaceStore((state) => state.view.kind === 'query')
  const [failure, setFailure] = useState<unknown>(null)

  // The session's Query tabs, as the data folder has them, join its strip.
  useEffect(() => {
    syncQueryTabs(sessionId).catch(setFailure)
  }, [sessionId])

  const act = (action: (sessionId: string) => Promise<void>) => () => {
    setFailure(null)
    action(sessionId).catch(setFailure)
  }
  return (
    <>
      <Button onClick={act(openQuery)} onPointerEnter={preloadQuery} onFocus={preloadQuery} aria-pressed={onQuery}>
        Query
      </Button>
      <Button onClick={act(openNewQuery)} onPointerEnter={preloadQuery} onFocus={preloadQuery} title="New query tab (Ctrl/Cmd+T)">
        New query
      </Button>
      {failure !== null && <ErrorNote error={failure} />}
    </>
  )
}
