import { useEffect, useState } from 'react'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { describeError } from '../../components/ErrorNote'
import { useActiveSession, useSessionStore } from '../../stores/session'
import { useWorkspaceStore } from '../../stores/workspace'
import { TableSidebar } from '../browse/TableSidebar'
import { TableView } from '../browse/TableView'
import { RecordFormHost } from '../edit/RecordFormHost'
import { LazyPanel, MigrationsPanel, preloadMigrations, preloadQuery, preloadTransfer, QueryPanel, TransferPanel } from './lazy-panels'

/** One open session: its tables on the left, the chosen table, migrations or transfer on the right. */
export function Workspace() {
  const session = useActiveSession()
  const { sessions, origins, lost, activate, close, markAlive } = useSessionStore()
  const { view, navigate, reset } = useWorkspaceStore()
  const [reconnecting, setReconnecting] = useState<string | null>(null)

  useEffect(() => reset(), [session?.sessionId, reset])
  if (!session) return null
  const origin = origins[session.sessionId]
  const name = origin?.kind === 'saved' ? origin.connection.name : (origin?.name ?? session.display)
  const color = origin?.kind === 'saved' ? origin.connection.color : null
  const lostMessage = lost[session.sessionId]

  const reconnect = async () => {
    setReconnecting(null)
    try {
      await api.call('schema.tables', { sessionId: session.sessionId })
      markAlive(session.sessionId)
    } catch (error) {
      setReconnecting(describeError(error).message)
    }
  }

  const leave = async (sessionId: string | null) => {
    if (await navigate({ kind: 'welcome' })) activate(sessionId)
  }

  return (
    <div className="workspace">
      <header className="workspace-header">
        {color && <span className="color-dot" style={{ background: color }} aria-hidden />}
        <strong>{name}</strong>
        <span className="badge" title={session.display}>
          {session.dialect} · {session.serverVersion}
        </span>
        {session.readOnly && <span className="badge">read-only</span>}
        {sessions.length > 1 && (
          <select aria-label="Open sessions" value={session.sessionId} onChange={(e) => void leave(e.target.value)}>
            {sessions.map((s) => (
              <option key={s.sessionId} value={s.sessionId}>
                {origins[s.sessionId]?.kind === 'saved' ? (origins[s.sessionId] as { connection: { name: string } }).connection.name : s.display}
              </option>
            ))}
          </select>
        )}
        <span className="grow" />
        <Button onClick={() => void navigate({ kind: 'query' })} onPointerEnter={preloadQuery} onFocus={preloadQuery} aria-pressed={view.kind === 'query'}>
          Query
        </Button>
        <Button
          onClick={() => void navigate({ kind: 'migrations' })}
          onPointerEnter={preloadMigrations}
          onFocus={preloadMigrations}
          aria-pressed={view.kind === 'migrations'}
        >
          Migrations
        </Button>
        <Button
          onClick={() => void navigate({ kind: 'transfer', table: view.kind === 'table' ? view.table : null })}
          onPointerEnter={preloadTransfer}
          onFocus={preloadTransfer}
          aria-pressed={view.kind === 'transfer'}
        >
          Import / Export
        </Button>
        <Button onClick={() => void leave(null)}>Connections</Button>
        <Button
          onClick={async () => {
            if (await navigate({ kind: 'welcome' })) await close(session.sessionId)
          }}
        >
          Disconnect
        </Button>
      </header>
      {lostMessage && (
        <div className="workspace-banner note note-warning row" role="alert">
          <span className="grow">
            <strong>Connection lost.</strong> {lostMessage} Nothing you typed is lost.
            {reconnecting && <span className="muted"> Still no answer: {reconnecting}</span>}
          </span>
          <Button variant="primary" onClick={() => void reconnect()}>
            Reconnect
          </Button>
        </div>
      )}
      <nav className="workspace-sidebar" aria-label="Tables">
        <TableSidebar sessionId={session.sessionId} />
      </nav>
      <main className="workspace-main">
        {view.kind === 'table' && <TableView key={`${session.sessionId}:${view.table}`} sessionId={session.sessionId} table={view.table} tab={view.tab} />}
        {view.kind === 'migrations' && (
          <LazyPanel label="Migrations">
            <MigrationsPanel sessionId={session.sessionId} />
          </LazyPanel>
        )}
        {view.kind === 'transfer' && (
          <LazyPanel label="Import / Export">
            <TransferPanel sessionId={session.sessionId} table={view.table} />
          </LazyPanel>
        )}
        {view.kind === 'query' && (
          <LazyPanel label="Query">
            <QueryPanel key={session.sessionId} session={session} />
          </LazyPanel>
        )}
        {view.kind === 'welcome' && (
          <div style={{ padding: 24 }} className="muted">
            Choose a table on the left to browse its rows.
          </div>
        )}
      </main>
      <RecordFormHost />
    </div>
  )
}
