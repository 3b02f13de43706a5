import type { Dialect } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import type { QueryError } from '../../../shared/contract'
import type { Session } from '../connection/sessions'
import type { Engine } from '../engine'
import { openRunner } from './open-runner'
import type { ConsoleRunner } from './runner'

/**
 * The connections Query tabs hold in manual transaction mode: one of the tab's own per tab, never
 * from the session's pool (so the grid never runs inside a tab's transaction, and a tab left open
 * never starves the pool). Closing the tab, leaving manual mode or closing the session rolls back
 * what is open and closes the connection.
 */
export interface TabConnection {
  readonly runner: ConsoleRunner
  transactionOpen: boolean
}

const held = new WeakMap<Engine, Map<string, Map<string, TabConnection>>>()
const tabsOf = (engine: Engine, sessionId: string): Map<string, TabConnection> => {
  let sessions = held.get(engine)
  if (!sessions) held.set(engine, (sessions = new Map<string, Map<string, TabConnection>>()))
  let tabs = sessions.get(sessionId)
  if (!tabs) sessions.set(sessionId, (tabs = new Map<string, TabConnection>()))
  return tabs
}

const BEGIN: Record<Dialect, string> = { postgres: 'BEGIN', mysql: 'START TRANSACTION', sqlite: 'BEGIN' }

export const lostTransactionMessage =
  'The connection was lost while a transaction was open: the database rolled the transaction back, so nothing it changed was kept.'

/** The error a statement gets when the tab's connection died under it. */
export function lostConnectionError(hadTransaction: boolean): QueryError {
  return {
    code: 'CONNECTION_LOST',
    message: hadTransaction ? lostTransactionMessage : 'The connection was lost.',
    hint: 'Run again: the tab opens a new connection.',
  }
}

/** The tab's connection, opened on first use. A dead one is dropped; if it had a transaction open, that is reported. */
export async function tabConnection(engine: Engine, session: Session, tabId: string): Promise<TabConnection> {
  const tabs = tabsOf(engine, session.id)
  const existing = tabs.get(tabId)
  if (existing && existing.runner.alive()) return existing
  if (existing) {
    tabs.delete(tabId)
    await existing.runner.release()
    if (existing.transactionOpen)
      throw new AppError({ code: 'CONNECTION_LOST', message: lostTransactionMessage, hint: 'Run again: the tab opens a new connection.' })
  }
  const runner = await openRunner(session, engine.baseDir, { dedicated: true })
  if (session.readOnly) await runner.enforceReadOnly()
  const connection: TabConnection = { runner, transactionOpen: false }
  tabs.set(tabId, connection)
  return connection
}

export const heldConnection = (engine: Engine, sessionId: string, tabId: string): TabConnection | undefined =>
  tabsOf(engine, sessionId).get(tabId)

/** Begin, Commit or Rollback on the tab's own connection; answers whether a transaction is open after it. */
export async function transactionStep(
  engine: Engine,
  session: Session,
  tabId: string,
  action: 'begin' | 'commit' | 'rollback',
): Promise<boolean> {
  const connection = action === 'begin' ? await tabConnection(engine, session, tabId) : heldConnection(engine, session.id, tabId)
  if (!connection) return false // nothing held, nothing open: Commit and Rollback have nothing to do
  if (!connection.runner.alive()) {
    await releaseTab(engine, session.id, tabId)
    if (connection.transactionOpen) throw new AppError({ code: 'CONNECTION_LOST', message: lostTransactionMessage })
    return false
  }
  if (action === 'begin' && connection.transactionOpen) return true
  if (action !== 'begin' && !connection.transactionOpen) return false
  try {
    await connection.runner.run(action === 'begin' ? BEGIN[session.config.dialect] : action.toUpperCase(), 1)
  } catch (error) {
    if (!connection.runner.alive()) {
      const hadTransaction = connection.transactionOpen
      await releaseTab(engine, session.id, tabId)
      throw new AppError(lostConnectionError(hadTransaction))
    }
    throw new AppError({ code: 'QUERY_FAILED', message: engine.scrubPasswords(String((error as Error).message ?? error)) })
  }
  connection.transactionOpen = action === 'begin'
  return connection.transactionOpen
}

/** Follows what the tab's own statements do to the transaction (BEGIN, COMMIT, ROLLBACK typed in the text). */
export function noteStatement(connection: TabConnection, sql: string): void {
  const words = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '').toUpperCase()
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(words)) connection.transactionOpen = true
  else if (/^(COMMIT|END)\b/.test(words) || (/^ROLLBACK\b/.test(words) && !/^ROLLBACK\s+(WORK\s+)?TO\b/.test(words)))
    connection.transactionOpen = false
}

/** Closes the tab's connection, rolling back an open transaction first; answers whether one was rolled back. */
export async function releaseTab(engine: Engine, sessionId: string, tabId: string): Promise<boolean> {
  const tabs = tabsOf(engine, sessionId)
  const connection = tabs.get(tabId)
  if (!connection) return false
  tabs.delete(tabId)
  const rolledBack = connection.transactionOpen && connection.runner.alive()
  // Closing the connection rolls back too; ROLLBACK first says so plainly, and a failure changes nothing.
  if (rolledBack) await connection.runner.run('ROLLBACK', 1).catch(() => undefined)
  await connection.runner.release()
  return rolledBack
}

/** Every tab connection of a session, before the session itself closes. */
export async function releaseSessionTabs(engine: Engine, sessionId: string): Promise<void> {
  const tabs = [...tabsOf(engine, sessionId).keys()]
  await Promise.allSettled(tabs.map((tabId) => releaseTab(engine, sessionId, tabId)))
  held.get(engine)?.delete(sessionId)
}

/** The ids of the session's tabs with a transaction open. */
export const openTransactionTabs = (engine: Engine, sessionId: string): string[] =>
  [...tabsOf(engine, sessionId)].filter(([, c]) => c.transactionOpen).map(([id]) => id)
