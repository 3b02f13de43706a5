import { useCallback, useEffect, useState } from 'react'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { describeError } from '../../components/ErrorNote'
import { ThemeToggle } from '../../components/ThemeToggle'
import { serverLabel } from '../../../../shared/server-label'
import { useActiveSession, useSessionStore } from '../../stores/session'
import { useWorkspaceStore, type TabView, type WorkspaceView } from '../../stores/workspace'
import { ConfirmHost } from '../../components/ConfirmHost'
import { TableSidebar } from '../browse/TableSidebar'
import { QueryButtons } from '../query/QueryButtons'
import { confirmSessionClose } from '../query/query-tabs'
import { panelOf, titleOf } from './panels'
import { OpenConnections } from './OpenConnections'
import { SessionPanels } from './SessionPanels'
import { ShortcutsSheet } from './ShortcutsSheet'
import { TabStrip } from './TabStrip'
import { useUnloadWarning, useUnsavedElsewhere } from './UnsavedElsewhere'
import { useWorkspaceKeys } from './useWorkspaceKeys'

/** The panels the header opens, each in its own tab (Import / Export starts on the table on screen); Query tabs have QueryButtons. */
const HEADER_PANELS = ['migrations', 'transfer'] as const
const headerView = (kind: (typeof HEADER_PANELS)[number], view: WorkspaceView): TabView =>
  kind === 'transfer' ? { kind, table: view.kind === 'table' ? view.table : null } : { kind }

/** One open session: its tables on the left, its tabs (tables, query, migrations, transfer) on the right. */
export function Workspace() {
  const session = useActiveSession()
  const { sessions, origins, lost, activate, close, markAlive } = useSessionStore()
  const { view, navigate, attach, settleTabs, sessionId: shownId } = useWorkspaceStore()
  const [reconnecting, setReconnecting] = useState<string | null>(null)
  const [showShortcuts, setShowShortcuts] = useState(false)
  useWorkspaceKeys(useCallback(() => setShowShortcuts(true), []))
  useUnloadWarning()
  const elsewhere = useUnsavedElsewhere(session?.sessionId ?? '')

  // Each session keeps its own tabs; a saved connection's layout comes back when it is opened again.
  const origin = session ? origins[session.sessionId] : undefined
  const savedId = origin?.kind === 'saved' ? origin.connection.id : null
  useEffect(() => attach(session?.sessionId ?? null, savedId), [session?.sessionId, savedId, attach])
  if (!session) return null
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

  const savedIdOf = (sessionId: string) => {
    const from = origins[sessionId]
    return from?.kind === 'saved' ? from.connection.id : null
  }

  /**
   * To another open connection: this one's tabs (and forms) wait. To the connection screen, which
   * drops every session's panels: the other connections' unsaved forms are named first (stay, show
   * one, or discard), then this one's forms are settled tab by tab.
   */
  const leave = async (sessionId: string | null) => {
    if (sessionId === null) {
      const choice = await elsewhere.ask()
      if (choice === 'stay') return
      if (choice !== 'discard') return show(choice.show.sessionId, choice.show.tabId)
      if (!(await settleTabs())) return
    }
    if (await navigate({ kind: 'welcome' })) activate(sessionId)
  }

  /** Another connection's tab on screen (its strip attached before the session shows, so the tab is active at once). */
  const show = async (sessionId: string, tabId: string) => {
    if (!(await navigate({ kind: 'welcome' }))) return
    attach(sessionId, savedIdOf(sessionId))
    await useWorkspaceStore.getState().activate(tabId)
    activate(sessionId)
  }

  return (
    <div className="workspace">
      <header className="workspace-header">
        {color && <span className="color-dot" style={{ background: color }} aria-hidden />}
        <strong>{name}</strong>
        <span className="badge" title={session.display}>
          {serverLabel(session.dialect, session.serverVersion)}
        </span>
        {session.readOnly && <span className="badge">read-only</span>}
        <span className="grow" />
        <QueryButtons sessionId={session.sessionId} />
        {HEADER_PANELS.map((kind) => (
          <Button
            key={kind}
            onClick={() => void navigate(headerView(kind, view))}
            onPointerEnter={panelOf(kind).preload}
            onFocus={panelOf(kind).preload}
            aria-pressed={view.kind === kind}
          >
            {titleOf(headerView(kind, view))}
          </Button>
        ))}
        <ThemeToggle />
        <Button variant="ghost" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setShowShortcuts(true)}>
          ?
        </Button>
        <Button onClick={() => void leave(null)}>Connections</Button>
        <Button
          onClick={() => {
            void (async () => {
              if (!(await confirmSessionClose(session.sessionId))) return
              if ((await settleTabs()) && (await navigate({ kind: 'welcome' }))) await close(session.sessionId)
            })()
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
      <div className="workspace-sidebar">
        <OpenConnections current={session.sessionId} onSwitch={(id) => void leave(id)} />
        <nav aria-label="Tables">
          <TableSidebar sessionId={session.sessionId} />
        </nav>
      </div>
      <main className="workspace-main">
        <TabStrip />
        <div className="workspace-panel">
          {sessions.map((s) => (
            <SessionPanels key={s.sessionId} session={s} shown={s.sessionId === session.sessionId && shownId === session.sessionId} />
          ))}
        </div>
      </main>
      {elsewhere.prompt}
      <ConfirmHost />
      <ShortcutsSheet open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </div>
  )
}
