import type { ReactNode } from 'react'
import type { SessionInfo } from '../../../../shared/contract'
import { tabIdentity, type TabKind, type TabView } from '../../stores/tab-strip'
import { TableView } from '../browse/TableView'
import { formTitle } from '../edit/open-form'
import { RecordFormTab } from '../edit/RecordFormTab'
import { LazyPanel, MigrationsPanel, preloadMigrations, preloadQuery, preloadTransfer, QueryPanel, TransferPanel } from './lazy-panels'

/**
 * Every kind of tab the workspace strip can hold, one entry each: how the tab is named and what it
 * shows. A new panel (another console, a diagram) is one more entry here and one more member of
 * TabView in stores/tab-strip.ts.
 */
export interface PanelKind<K extends TabKind> {
  kind: K
  /** The tab's name in the strip. */
  title(view: Extract<TabView, { kind: K }>): string
  /** Warms the panel's chunk when the pointer or focus reaches something that opens it. */
  preload?: () => void
  /**
   * The panel stays mounted while another tab shows (hidden), so what it holds — a form's typed
   * values — waits for the user. Such a panel guards its own tab (workspace store `setTabGuard`).
   */
  keepAlive?: boolean
  /** Which mount of the panel a view is (default: its tab identity); a new value mounts it afresh. */
  instance?(view: Extract<TabView, { kind: K }>): string
  render(session: SessionInfo, view: Extract<TabView, { kind: K }>, tabId: string): ReactNode
}

type PanelTable = { [K in TabKind]: PanelKind<K> }

export const PANELS: PanelTable = {
  table: {
    kind: 'table',
    title: (view) => view.table,
    render: (session, view) => (
      <TableView key={`${session.sessionId}:${view.table}`} sessionId={session.sessionId} table={view.table} tab={view.tab} />
    ),
  },
  query: {
    kind: 'query',
    title: (view) => view.title,
    preload: preloadQuery,
    // Kept mounted while another tab shows: its results (their open statements, a window of rows),
    // a run still going and result edits staged but not committed wait for the switch back.
    keepAlive: true,
    render: (session, view, stripTabId) => (
      <LazyPanel label="Query">
        <QueryPanel key={`${session.sessionId}:${view.tabId}`} session={session} tabId={view.tabId} stripTabId={stripTabId} />
      </LazyPanel>
    ),
  },
  migrations: {
    kind: 'migrations',
    title: () => 'Migrations',
    preload: preloadMigrations,
    render: (session) => (
      <LazyPanel label="Migrations">
        <MigrationsPanel sessionId={session.sessionId} />
      </LazyPanel>
    ),
  },
  form: {
    kind: 'form',
    title: (view) => view.label ?? formTitle(view.table, view.key, null),
    keepAlive: true,
    // A record created in a "New …" tab stays the same form (its draft), only its key changes.
    instance: (view) => view.draft ?? tabIdentity(view),
    render: (session, view, tabId) => <RecordFormTab sessionId={session.sessionId} tabId={tabId} view={view} />,
  },
  transfer: {
    kind: 'transfer',
    title: () => 'Import / Export',
    preload: preloadTransfer,
    render: (session, view) => (
      <LazyPanel label="Import / Export">
        <TransferPanel sessionId={session.sessionId} table={view.table} />
      </LazyPanel>
    ),
  },
}

export function panelOf<K extends TabKind>(kind: K): PanelKind<K> {
  return PANELS[kind]
}

export const titleOf = (view: TabView): string => panelOf(view.kind).title(view)
export const renderPanel = (session: SessionInfo, view: TabView, tabId: string): ReactNode =>
  panelOf(view.kind).render(session, view, tabId)
export const keepsAlive = (view: TabView): boolean => panelOf(view.kind).keepAlive === true
export const instanceOf = (view: TabView): string => panelOf(view.kind).instance?.(view) ?? tabIdentity(view)
