import type { ReactNode } from 'react'
import type { SessionInfo } from '../../../../shared/contract'
import type { TabKind, TabView } from '../../stores/tab-strip'
import { TableView } from '../browse/TableView'
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
  render(session: SessionInfo, view: Extract<TabView, { kind: K }>): ReactNode
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
    title: () => 'Query',
    preload: preloadQuery,
    render: (session) => (
      <LazyPanel label="Query">
        <QueryPanel key={session.sessionId} session={session} />
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
export const renderPanel = (session: SessionInfo, view: TabView): ReactNode => panelOf(view.kind).render(session, view)
