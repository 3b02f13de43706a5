import { useEffect, useState } from 'react'
import type { SavedConnection } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { ThemeToggle } from '../../components/ThemeToggle'
import { useConnectionsStore } from '../../stores/connections'
import { useSessionStore, type SessionOrigin } from '../../stores/session'
import { ConnectionForm } from './ConnectionForm'
import { ConnectionList } from './ConnectionList'
import { useOpenAtStart } from './useOpenAtStart'
import './connect.css'

/** Which connection the form edits; `nonce` remounts the form only when the user picks another one. */
interface Selection {
  editing: SavedConnection | null
  nonce: number
}

function originName(origin: SessionOrigin | undefined): string | undefined {
  return origin?.kind === 'saved' ? origin.connection.name : origin?.name
}

/** The start screen: saved connections on the left, the connection form on the right. */
export function ConnectScreen() {
  const load = useConnectionsStore((s) => s.load)
  const { sessions, origins, activate } = useSessionStore()
  const [selection, setSelection] = useState<Selection>({ editing: null, nonce: 0 })
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => {
    void load()
  }, [load])
  useOpenAtStart(setAnnouncement)

  const pick = (editing: SavedConnection | null) => setSelection((s) => ({ editing, nonce: s.nonce + 1 }))

  return (
    <div className="connect-screen">
      <header className="connect-header">
        <svg className="connect-logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden>
          <path d="M4 19h24l-4 7H8z" fill="var(--accent)" />
          <path d="M15 4v13H6z" fill="currentColor" opacity="0.75" />
          <path d="M17 7l8 10h-8z" fill="currentColor" opacity="0.45" />
        </svg>
        <h1>Rowboat</h1>
        <span className="muted">Open a database to browse and edit its rows.</span>
        <span className="grow" />
        <ThemeToggle />
        {sessions.map((s) => (
          <Button key={s.sessionId} small onClick={() => activate(s.sessionId)}>
            Back to {originName(origins[s.sessionId]) ?? s.display}
          </Button>
        ))}
      </header>
      <div className="connect-body">
        <div className="connect-side">
          <ConnectionList
            onEdit={pick}
            onDeleted={(id) => {
              if (selection.editing?.id === id) pick(null)
            }}
            announce={setAnnouncement}
          />
          <p role="status" className="muted connect-announce">
            {announcement}
          </p>
        </div>
        <main className="connect-main">
          <ConnectionForm
            key={selection.nonce}
            editing={selection.editing}
            onSaved={(saved) => setSelection((s) => ({ ...s, editing: saved }))}
            onNew={() => pick(null)}
          />
        </main>
      </div>
    </div>
  )
}
