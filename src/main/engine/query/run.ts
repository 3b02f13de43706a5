import { performance } from 'node:perf_hooks'
import {
  QUERY_WINDOW_ROWS,
  type QueryHistoryEntry,
  type QueryRun,
  type QueryRunInput,
  type StatementResult,
} from '../../../shared/contract'
import type { Session } from '../connection/sessions'
import type { Engine } from '../engine'
import { statementError } from './errors'
import { resultEditability, type Editability } from './editability'
import { exactReader } from './exact-rows'
import { keepOpen } from './open-results'
import { openRunner } from './open-runner'
import type { ConsoleRunner, RowSource } from './runner'
import { splitStatements, statementsInRange } from './split'
import { lostConnectionError, noteStatement, type TabConnection } from './tab-connections'

interface ActiveRun {
  sessionId: string
  cancelled: boolean
  runner: ConsoleRunner | null
  /** A statement is in flight on the runner's connection (only then is cancelling it safe). */
  busy: boolean
}

/** Runs in flight, per engine, by run id (chosen by the caller so it can cancel before the answer). */
const activeRuns = new WeakMap<Engine, Map<string, ActiveRun>>()
const runsOf = (engine: Engine): Map<string, ActiveRun> => {
  let runs = activeRuns.get(engine)
  if (!runs) activeRuns.set(engine, (runs = new Map<string, ActiveRun>()))
  return runs
}

type RunInput = Required<Pick<QueryRunInput, 'sessionId' | 'runId' | 'sql' | 'rowLimit'>> & Pick<QueryRunInput, 'range' | 'timeoutSeconds'>

/**
 * Runs the statements of the text (or of the range) one by one on one connection and stops at the
 * first failure or at a cancel. Each statement's outcome is a value; only failing to reach the
 * database at all throws (for inSession to diagnose). `held` is a Query tab's own connection
 * (manual transaction mode), used and kept; otherwise the pool lends one for the run.
 */
export async function runQuery(
  engine: Engine,
  session: Session,
  input: RunInput,
  record: (entries: QueryHistoryEntry[]) => void,
  held?: TabConnection,
): Promise<QueryRun> {
  const started = performance.now()
  const dialect = session.config.dialect
  const all = splitStatements(input.sql, dialect)
  const chosen = input.range ? statementsInRange(all, input.range) : all
  const runs = runsOf(engine)
  if (runs.has(input.runId)) throw new Error(`run id ${input.runId} is already in use`)
  const active: ActiveRun = { sessionId: session.id, cancelled: false, runner: null, busy: false }
  runs.set(input.runId, active)
  const results: StatementResult[] = []
  const history: QueryHistoryEntry[] = []
  try {
    active.runner = held?.runner ?? (await openRunner(session, engine.baseDir))
    const runner = active.runner
    /** The last result was kept open, and the runner with it. */
    let kept = false
    try {
      for (const statement of chosen) {
        if (active.cancelled) break
        if (session.readOnly) await runner.enforceReadOnly()
        const at = new Date().toISOString()
        const t0 = performance.now()
        let result: StatementResult
        active.busy = true
        try {
          await runner.setStatementTimeout(input.timeoutSeconds ?? null)
          const output = await runner.run(statement.sql, input.rowLimit)
          if (held) noteStatement(held, statement.sql)
          const { returnsRows, more, columns, rows, moreRows, affectedRows, notices } = output
          // Decided before the connection is lent on or kept open; the tab's own transaction would hide uncommitted rows from the write path.
          let editability: Editability | Record<string, never> = !returnsRows
            ? {}
            : held?.transactionOpen
              ? { readOnly: "The tab's transaction is open: commit or roll it back to edit rows here." }
              : await resultEditability(session, statement.sql, columns, output.origins)
          const rest = { columns, rows, moreRows, affectedRows, notices }
          // An editable result shows its rows as the grid reads them: they are what an edit's conflict check compares (exact-rows.ts).
          const exact = 'editable' in editability ? exactReader(session, editability.editable) : undefined
          if (exact) {
            try {
              rest.rows = await exact(rows)
            } catch (error) {
              editability = { readOnly: `Its rows could not be read again as the table grid reads them (${messageOf(error)}).` }
            }
          }
          let totalRows: number | null = returnsRows ? rest.rows.length : null
          let resultId: string | undefined
          // A tab's own connection stays the tab's (its transaction goes on): its results are read through, not kept open.
          // Not inside a transaction the run left open: it is rolled back (and said so) when the run ends, not when the result closes.
          if (more && statement === chosen.at(-1) && !active.cancelled && !held && !runner.transactionOpen?.()) {
            // The last statement stays open where it stopped: query.fetch reads on, on this connection.
            resultId = `${input.runId}:${all.indexOf(statement)}`
            const rowsRead = rest.rows.length
            const exactRows = 'editable' in editability ? exact : undefined
            await keepOpen(engine, resultId, { sessionId: session.id, dialect, statement, source: more, runner, rowsRead, exactRows })
            kept = true
            totalRows = null
          } else if (more) {
            // A later statement needs the connection: read the rest through, counting, keeping nothing.
            totalRows = rest.rows.length + (await countRest(more))
          }
          result = {
            ...(resultId ? { resultId } : {}),
            totalRows,
            index: all.indexOf(statement),
            sql: statement.sql,
            start: statement.start,
            end: statement.end,
            outcome: returnsRows ? 'rows' : 'done',
            ...rest,
            ...editability,
            durationMs: 0,
          }
        } catch (error) {
          let queryError = statementError(error, dialect, statement, input.sql, (text) => engine.scrubPasswords(text))
          if (queryError.code === 'TIMEOUT') {
            queryError.message = `Timed out after ${input.timeoutSeconds ?? '?'} s: the database stopped the statement.`
            queryError.hint = "Raise the tab's timeout, or clear it, to let the statement run longer."
          }
          if (held && !runner.alive()) {
            queryError = { ...lostConnectionError(held.transactionOpen), position: statement.start }
            held.transactionOpen = false
          }
          const outcome = queryError.code === 'CANCELLED' || active.cancelled ? 'cancelled' : 'error'
          if (outcome === 'cancelled') queryError.code = 'CANCELLED'
          result = {
            index: all.indexOf(statement),
            sql: statement.sql,
            start: statement.start,
            end: statement.end,
            outcome,
            columns: [],
            rows: [],
            moreRows: false,
            totalRows: null,
            affectedRows: null,
            durationMs: 0,
            notices: [],
            error: queryError,
          }
        } finally {
          active.busy = false
        }
        result.durationMs = Math.round((performance.now() - t0) * 10) / 10
        results.push(result)
        history.push({
          sql: engine.scrubPasswords(statement.sql),
          at,
          durationMs: result.durationMs,
          outcome: result.outcome,
          rows: result.outcome === 'rows' ? (result.totalRows ?? result.rows.length) : result.affectedRows,
          ...(result.error ? { error: result.error.message } : {}),
        })
        if (result.outcome === 'error' || result.outcome === 'cancelled') break
      }
      // This tab gives the connection back after the run: a transaction the run left open is rolled back, and said so.
      if (!kept && !held && (await runner.rollBackLeftOpen?.().catch(() => false))) results.at(-1)?.notices.push(TRANSACTION_ROLLED_BACK)
    } finally {
      if (!kept && !held) await runner.release()
    }
  } finally {
    runs.delete(input.runId)
    record(history)
  }
  return {
    runId: input.runId,
    statements: results,
    skipped: chosen.length - results.length,
    cancelled: active.cancelled,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  }
}

const TRANSACTION_ROLLED_BACK =
  'This run began a transaction and did not end it, so Rowboat rolled it back: in auto-commit mode a tab gives its connection back after each run. ' +
  'To keep a transaction open across runs, switch the tab to manual commit.'

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Reads a statement's remaining rows to the end and counts them. */
async function countRest(more: RowSource): Promise<number> {
  let count = 0
  for (;;) {
    const page = await more.next(QUERY_WINDOW_ROWS)
    count += page.rows.length
    if (page.done) return count
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Stops a run: no further statement starts, and the one in flight is cancelled in the database.
 * The cancel is repeated while the statement is still running (it may not have reached the server
 * when the first one arrived), for up to two seconds.
 */
export async function cancelQuery(engine: Engine, sessionId: string, runId: string): Promise<boolean> {
  const active = runsOf(engine).get(runId)
  if (!active || active.sessionId !== sessionId) return false
  active.cancelled = true
  for (let attempt = 0; attempt < 10 && active.busy && active.runner; attempt++) {
    await active.runner.cancel()
    await sleep(200)
  }
  return true
}
