import { z } from 'zod'
import type { ExplainPlan } from '../explain-plan'
import { channel, sessionIdSchema, sessionInput } from './define'
import { QUERY_TEXT_LIMIT, QUERY_TIMEOUT_MAX_SECONDS } from './query'

/**
 * auto: every statement commits on its own (pooled connections). manual: the tab holds a connection
 * of its own and what it runs stays in one transaction until Commit or Rollback.
 */
export type TransactionMode = 'auto' | 'manual'

/** One Query tab of a connection: its text and settings (kept in the data folder) and whether it holds an open transaction. */
export interface ConsoleTab {
  id: string
  title: string
  text: string
  /** Statements are stopped by the database after this many seconds; null: no limit. */
  timeoutSeconds: number | null
  mode: TransactionMode
  /** A transaction is open on the tab's own connection (manual mode): closing the tab rolls it back. */
  transactionOpen: boolean
}

/** A query kept under a name, per connection. */
export interface SavedQuery {
  id: string
  name: string
  sql: string
  /** ISO time it was saved or last changed. */
  savedAt: string
}

const tabIdSchema = z.string().min(1).max(64)
const tabInput = z.object({ sessionId: sessionIdSchema, tabId: tabIdSchema })
const savedName = z.string().trim().min(1, 'A saved query needs a name').max(200)

export const queryTabUpdateInput = z.object({
  sessionId: sessionIdSchema,
  tabId: tabIdSchema,
  text: z.string().max(QUERY_TEXT_LIMIT).optional(),
  title: z.string().trim().min(1).max(100).optional(),
  timeoutSeconds: z.number().int().min(1).max(QUERY_TIMEOUT_MAX_SECONDS).nullable().optional(),
  mode: z.enum(['auto', 'manual']).optional(),
})

export const queryTransactionInput = z.object({
  sessionId: sessionIdSchema,
  tabId: tabIdSchema,
  action: z.enum(['begin', 'commit', 'rollback']),
})

export const queryExplainInput = z.object({
  sessionId: sessionIdSchema,
  /** The Query tab asking: in manual mode its own connection, so the plan sees its transaction. */
  tabId: tabIdSchema.optional(),
  sql: z.string().min(1).max(QUERY_TEXT_LIMIT),
  /** As for query.run: the (first) statement the range touches; absent: the text's first statement. */
  range: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }).optional(),
})

export const consoleChannels = {
  /** This connection's Query tabs (oldest first), as kept in the data folder. */
  'query.tabs': channel<ConsoleTab[]>()(sessionInput),
  /** Opens a new, empty Query tab ("Query N"). */
  'query.newTab': channel<ConsoleTab>()(sessionInput),
  /** Changes a tab's text, title, timeout or transaction mode. Leaving manual mode with a transaction open rolls it back. */
  'query.updateTab': channel<ConsoleTab>()(queryTabUpdateInput),
  /** Forgets a tab and its text; an open transaction on it is rolled back first (the page asks before). */
  'query.closeTab': channel<{ closed: boolean; rolledBack: boolean }>()(tabInput),
  /** Begin / Commit / Rollback on the tab's own connection (manual mode). */
  'query.transaction': channel<ConsoleTab>()(queryTransactionInput),
  /** The tabs of this session holding an open transaction (asked before the session closes). */
  'query.openTransactions': channel<ConsoleTab[]>()(sessionInput),
  'query.savedList': channel<SavedQuery[]>()(sessionInput),
  'query.save': channel<SavedQuery>()(z.object({ sessionId: sessionIdSchema, name: savedName, sql: z.string().max(QUERY_TEXT_LIMIT) })),
  'query.renameSaved': channel<SavedQuery>()(z.object({ sessionId: sessionIdSchema, id: tabIdSchema, name: savedName })),
  'query.deleteSaved': channel<{ deleted: boolean }>()(z.object({ sessionId: sessionIdSchema, id: tabIdSchema })),
  /** The dialect's EXPLAIN of one statement (planned, not run), as one tree whatever the dialect. */
  'query.explain': channel<ExplainPlan>()(queryExplainInput),
}
