import { useEffect, useId, useState } from 'react'
import type { ServerDatabase, SessionInfo } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { ThemeToggle } from '../../components/ThemeToggle'
import { useSessionStore } from '../../stores/session'
import './connect.css'

type Listing = { kind: 'loading' } | { kind: 'listed'; databases: ServerDatabase[] } | { kind: 'failed'; error: unknown }

/**
 * A server-level session (a MySQL URL without a database, as PyMySQL reads it): the server's
 * databases, the user's own first; choosing one opens it as a session of its own, which replaces
 * this one and shows its tables.
 */
export function ServerDatabases({ session }: { session: SessionInfo }) {
  const headingId = useId()
  const { origins, adopt, close, activate } = useSessionStore()
  const [listing, setListing] = useState<Listing>({ kind: 'loading' })
  const [opening, setOpening] = useState<string | null>(null)
  const [openError, setOpenError] = useState<unknown>(null)

  useEffect(() => {
    let current = true
    api
      .call('sessions.databases', { sessionId: session.sessionId })
      .then((databases) => current && setListing({ kind: 'listed', databases }))
      .catch((error: unknown) => current && setListing({ kind: 'failed', error }))
    return () => {
      current = false
    }
  }, [session.sessionId])

  const open = async (database: string) => {
    if (opening) return
    setOpening(database)
    setOpenError(null)
    try {
      const info = await api.call('sessions.useDatabase', { sessionId: session.sessionId, database })
      const origin = origins[session.sessionId]
      adopt(info, origin?.kind === 'saved' ? origin : { kind: 'url', name: `${origin?.name ?? session.display} · ${database}` })
      // The engine closed the server-level session when it opened the database.
      useSessionStore.setState((state) => ({ sessions: state.sessions.filter((s) => s.sessionId !== session.sessionId) }))
    } catch (error) {
      setOpenError(error)
    } finally {
      setOpening(null)
    }
  }

  const own = listing.kind === 'listed' ? listing.databases.filter((d) => !d.system) : []
  const system = listing.kind === 'listed' ? listing.databases.filter((d) => d.system) : []
  const list = (databases: ServerDatabase[], label: string) => (
    <ul className="server-databases" aria-label={label}>
      {databases.map((d) => (
        <li key={d.name}>
          <Button onClick={() => void open(d.name)} aria-busy={opening === d.name || undefined}>
            {d.name}
          </Button>
        </li>
      ))}
    </ul>
  )
  return (
    <div className="connect-screen">
      <header className="connect-header">
        <h1 id={headingId}>Choose a database</h1>
        <span className="muted mono" title={session.display}>
          {session.display}
        </span>
        <span className="grow" />
        <ThemeToggle />
        <Button onClick={() => activate(null)}>Connections</Button>
        <Button onClick={() => void close(session.sessionId)}>Disconnect</Button>
      </header>
      <main className="connect-main server-databases-main" aria-labelledby={headingId}>
        <p>
          The connection string names no database, so Rowboat is connected to the server itself. Choose the database to browse; the
          connection string <code>…/name</code> opens one directly.
        </p>
        {listing.kind === 'loading' && <p className="muted">Listing the databases…</p>}
        {listing.kind === 'failed' && <ErrorNote error={listing.error} title="Could not list the databases" />}
        {listing.kind === 'listed' && (
          <>
            {own.length > 0 ? list(own, 'Databases') : <p className="muted">This account sees no database of its own.</p>}
            {system.length > 0 && (
              <details>
                <summary>The server’s own databases ({system.length})</summary>
                {list(system, 'System databases')}
              </details>
            )}
          </>
        )}
        {opening && (
          <p role="status" className="muted">
            Opening {opening}…
          </p>
        )}
        {openError !== null && <ErrorNote error={openError} title="Could not open that database" />}
      </main>
    </div>
  )
}
