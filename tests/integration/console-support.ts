/** What the console's integration suites share: query.run with a fresh run id, one statement's result, a slow statement. */
import { expect } from 'vitest'
import type { InputOf, QueryRun, StatementResult } from '../../src/shared/contract'
import type { Dialect } from '../../src/shared/connection-types'
import type { DialectContext } from './harness'

/**
 * query.run on the suite's session (read when called: a beforeAll opens it), each run with an id of
 * its own, `${prefix}-1`, `${prefix}-2`…; `extra` adds to the input (a range, a row limit, a tab, a
 * run id the test cancels by).
 */
export function consoleRunner(t: DialectContext, sessionId: () => string, prefix: string) {
  let counter = 0
  const nextRunId = () => `${prefix}-${++counter}`
  const run = (sql: string, extra: Partial<Omit<InputOf<'query.run'>, 'sql'>> = {}): Promise<QueryRun> =>
    t.call('query.run', { sessionId: sessionId(), runId: nextRunId(), sql, ...extra })
  return { run, nextRunId }
}

/** The one statement of a run (a run of more fails the test). */
export function only(run: QueryRun): StatementResult {
  expect(run.statements).toHaveLength(1)
  return run.statements[0]
}

/** A statement that runs about 30 s unless stopped: a sleep on a server, an endless recursive count on SQLite. */
export function slowStatement(dialect: Dialect): string {
  if (dialect === 'postgres') return 'SELECT pg_sleep(30)'
  if (dialect === 'mysql') return 'SELECT SLEEP(30)'
  return 'WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r'
}
