import { useEffect, useState } from 'react'
import type { SavedQuery } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { useWorkspaceStore } from '../../stores/workspace'

/**
 * This connection's saved queries: save the tab's text under a name, open one (in a new Query tab
 * named after it), rename, delete. Kept in the data folder by the engine.
 */
export function SavedQueries({ sessionId, currentText }: { sessionId: string; currentText(): string }) {
  const [saved, setSaved] = useState<SavedQuery[] | null>(null)
  const [name, setName] = useState('')
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null)
  const [failure, setFailure] = useState<unknown>(null)

  useEffect(() => {
    api.call('query.savedList', { sessionId }).then(setSaved, setFailure)
  }, [sessionId])

  const act = async (work: () => Promise<unknown>) => {
    setFailure(null)
    try {
      await work()
      setSaved(await api.call('query.savedList', { sessionId }))
    } catch (error) {
      setFailure(error)
    }
  }

  const open = (query: SavedQuery) =>
    act(async () => {
      const tab = await api.call('query.newTab', { sessionId })
      const named = await api.call('query.updateTab', { sessionId, tabId: tab.id, text: query.sql, title: query.name })
      await useWorkspaceStore.getState().navigate({ kind: 'query', tabId: named.id, title: named.title })
    })

  return (
    <section className="query-saved" aria-label="Saved queries">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void act(() => api.call('query.save', { sessionId, name, sql: currentText() })).then(() => setName(''))
        }}
      >
        <input aria-label="Saved query name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" small disabled={name.trim() === ''} title="Save this tab's text under the name (a name in use is replaced)">
          Save query
        </Button>
      </form>
      {failure !== null && <ErrorNote error={failure} />}
      {saved?.length === 0 && <p className="muted">No saved queries for this connection yet.</p>}
      <ul>
        {saved?.map((query) => (
          <li key={query.id} className="query-saved-entry row">
            {renaming?.id === query.id ? (
              <form
                className="row grow"
                onSubmit={(e) => {
                  e.preventDefault()
                  void act(() => api.call('query.renameSaved', { sessionId, id: query.id, name: renaming.name })).then(() =>
                    setRenaming(null),
                  )
                }}
              >
                <input aria-label="New name" value={renaming.name} onChange={(e) => setRenaming({ id: query.id, name: e.target.value })} />
                <Button type="submit" small>
                  Rename
                </Button>
              </form>
            ) : (
              <>
                <strong className="grow">{query.name}</strong>
                <code className="query-result-sql muted" title={query.sql}>
                  {query.sql.length > 80 ? `${query.sql.slice(0, 80)}…` : query.sql}
                </code>
                <Button small onClick={() => void open(query)} aria-label={`Open ${query.name}`}>
                  Open
                </Button>
                <Button small onClick={() => setRenaming({ id: query.id, name: query.name })} aria-label={`Rename ${query.name}`}>
                  Rename
                </Button>
                <Button
                  small
                  variant="danger"
                  onClick={() => void act(() => api.call('query.deleteSaved', { sessionId, id: query.id }))}
                  aria-label={`Delete ${query.name}`}
                >
                  Delete
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
