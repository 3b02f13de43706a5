import type { Session } from '../../engine/connection/sessions'
import type { Engine } from '../../engine/engine'
import { inSession } from '../../engine/in-session'
import {
  deleteSaved,
  findTab,
  listSaved,
  listTabs,
  newTab,
  removeTab,
  renameSaved,
  saveQuery,
  updateTab,
  withState,
} from '../../engine/query/console-tabs'
import { explainStatement } from '../../engine/query/explain'
import type { StoredTab } from '../../engine/query/history'
import { heldConnection, openTransactionTabs, releaseTab, transactionStep } from '../../engine/query/tab-connections'
import type { Handlers } from '../router'

/** A tab as the page sees it: what is kept, and whether its own connection holds a transaction open. */
const live = (engine: Engine, sessionId: string, tab: StoredTab) =>
  withState(tab, heldConnection(engine, sessionId, tab.id)?.transactionOpen ?? false)

/** The console's files are per connection, named by its display form (never a password). */
const connectionOf = (engine: Engine, sessionId: string): { session: Session; connection: string } => {
  const session = engine.sessions.get(sessionId)
  return { session, connection: session.info.display }
}

export const consoleHandlers: Pick<
  Handlers,
  | 'query.tabs'
  | 'query.newTab'
  | 'query.updateTab'
  | 'query.closeTab'
  | 'query.transaction'
  | 'query.openTransactions'
  | 'query.savedList'
  | 'query.save'
  | 'query.renameSaved'
  | 'query.deleteSaved'
  | 'query.explain'
> = {
  'query.tabs': async (input, { engine, consoleFiles }) =>
    listTabs(consoleFiles, connectionOf(engine, input.sessionId).connection).map((tab) => live(engine, input.sessionId, tab)),

  'query.newTab': async (input, { engine, consoleFiles }) =>
    live(engine, input.sessionId, newTab(consoleFiles, connectionOf(engine, input.sessionId).connection)),

  'query.updateTab': async (input, { engine, consoleFiles }) => {
    const { connection } = connectionOf(engine, input.sessionId)
    const { sessionId, tabId, ...change } = input
    const before = findTab(consoleFiles, connection, tabId)
    // Back to auto-commit: the tab's own connection (and what it holds open) goes.
    if (before.mode === 'manual' && change.mode === 'auto') await releaseTab(engine, sessionId, tabId)
    return live(engine, sessionId, updateTab(consoleFiles, connection, tabId, change))
  },

  'query.closeTab': async (input, { engine, consoleFiles }) => {
    const { connection } = connectionOf(engine, input.sessionId)
    const rolledBack = await releaseTab(engine, input.sessionId, input.tabId)
    return { closed: removeTab(consoleFiles, connection, input.tabId), rolledBack }
  },

  'query.transaction': (input, { engine, consoleFiles }) =>
    inSession(engine, input.sessionId, async (session) => {
      const tab = findTab(consoleFiles, session.info.display, input.tabId)
      await transactionStep(engine, session, tab.id, input.action)
      return live(engine, session.id, tab)
    }),

  'query.openTransactions': async (input, { engine, consoleFiles }) => {
    const { connection } = connectionOf(engine, input.sessionId)
    const open = new Set(openTransactionTabs(engine, input.sessionId))
    return listTabs(consoleFiles, connection)
      .filter((tab) => open.has(tab.id))
      .map((tab) => live(engine, input.sessionId, tab))
  },

  'query.savedList': async (input, { engine, consoleFiles }) => listSaved(consoleFiles, connectionOf(engine, input.sessionId).connection),

  'query.save': async (input, { engine, consoleFiles }) =>
    // Like the history: a password the engine knows of is masked in what is kept.
    saveQuery(consoleFiles, connectionOf(engine, input.sessionId).connection, input.name, engine.scrubPasswords(input.sql)),

  'query.renameSaved': async (input, { engine, consoleFiles }) =>
    renameSaved(consoleFiles, connectionOf(engine, input.sessionId).connection, input.id, input.name),

  'query.deleteSaved': async (input, { engine, consoleFiles }) => ({
    deleted: deleteSaved(consoleFiles, connectionOf(engine, input.sessionId).connection, input.id),
  }),

  'query.explain': (input, { engine }) =>
    inSession(engine, input.sessionId, (session) =>
      explainStatement(engine, session, input, input.tabId ? heldConnection(engine, session.id, input.tabId) : undefined),
    ),
}
