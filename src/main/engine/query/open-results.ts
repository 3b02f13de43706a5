import type { QueryFetched } from '../../../shared/contract'
import { QUERY_WINDOW_ROWS } from '../../../shared/contract'
import type { Dialect } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import type { Cell } from '../../../shared/values'
import type { Engine } from '../engine'
import { statementError } from './errors'
import type { ConsoleRunner, RowSource } from './runner'
import type { SplitStatement } from './split'

/** Open results per session: each holds a pooled connection, so an older one is let go for a newer one. */
export const OPEN_RESULTS_PER_SESSION = 2
/** An open result nobody reads for this long is let go (its connection goes back to the pool). */
export const OPEN_RESULT_IDLE_MS = 10 * 60_000
/** Rows read per step while reading to the end ("Fetch all"). */
const DRAIN_PAGE = 2000

interface OpenResult {
  sessionId: string
  dialect: Dialect
  statement: SplitStatement
  source: RowSource
  runner: ConsoleRunner
  rowsRead: number
  /** An editable result's rows read again as the grid reads them (exact-rows.ts); each page fetched goes through it. */
  exactRows?: ((rows: Cell[][]) => Promise<Cell[][]>) | undefined
  /** Fetches run one after another; close waits for the one in flight (after asking it to stop). */
  queue: Promise<unknown>
  closing: boolean
  /** A fetch is reading: closing then cancels the statement in the database rather than wait for it. */
  busy: boolean
  idle: ReturnType<typeof setTimeout> | null
}

const openResults = new WeakMap<Engine, Map<string, OpenResult>>()
const resultsOf = (engine: Engine): Map<string, OpenResult> => {
  let results = openResults.get(engine)
  if (!results) openResults.set(engine, (results = new Map<string, OpenResult>()))
  return results
}

/**
 * Keeps a statement with unread rows open for query.fetch: the runner (its connection) now belongs
 * to the result and is released when the result ends or is closed.
 */
export async function keepOpen(
  engine: Engine,
  resultId: string,
  open: Pick<OpenResult, 'sessionId' | 'dialect' | 'statement' | 'source' | 'runner' | 'rowsRead' | 'exactRows'>,
): Promise<void> {
  const results = resultsOf(engine)
  const ofSession = [...results.entries()].filter(([, r]) => r.sessionId === open.sessionId)
  for (const [id] of ofSession.slice(0, Math.max(0, ofSession.length - OPEN_RESULTS_PER_SESSION + 1))) await closeResult(engine, id)
  const result: OpenResult = { ...open, queue: Promise.resolve(), closing: false, busy: false, idle: null }
  results.set(resultId, result)
  touch(engine, resultId, result)
}

function touch(engine: Engine, resultId: string, result: OpenResult): void {
  if (result.idle) clearTimeout(result.idle)
  result.idle = setTimeout(() => void closeResult(engine, resultId), OPEN_RESULT_IDLE_MS)
  result.idle.unref?.()
}

function notOpen(): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    message: 'That result is no longer open: it was read to the end, closed, or left unread for 10 minutes.',
    hint: 'Run the statement again to read its rows.',
  })
}

/** Reads on in an open result: a page, or (with `all`) to the end keeping only the last QUERY_WINDOW_ROWS rows. */
export async function fetchResult(
  engine: Engine,
  input: { sessionId: string; resultId: string; count: number; all: boolean },
): Promise<QueryFetched> {
  const results = resultsOf(engine)
  const result = results.get(input.resultId)
  if (!result || result.sessionId !== input.sessionId || result.closing) throw notOpen()
  const work = result.queue.then(async () => {
    result.busy = true
    try {
      const fetched = await readOn(result, input.count, input.all)
      return result.exactRows ? { ...fetched, rows: await result.exactRows(fetched.rows) } : fetched
    } finally {
      result.busy = false
    }
  })
  result.queue = work.catch(() => undefined)
  try {
    const fetched = await work
    if (fetched.done) await closeResult(engine, input.resultId)
    else touch(engine, input.resultId, result)
    return fetched
  } catch (error) {
    await closeResult(engine, input.resultId)
    if (error instanceof AppError) throw error
    const failure = statementError(error, result.dialect, result.statement, result.statement.sql, (text) => engine.scrubPasswords(text))
    throw new AppError({ code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) })
  }
}

async function readOn(result: OpenResult, count: number, all: boolean): Promise<QueryFetched> {
  if (result.closing) throw notOpen()
  if (!all) {
    const page = await result.source.next(count)
    const firstRow = result.rowsRead
    result.rowsRead += page.rows.length
    return { rows: page.rows, firstRow, rowsRead: result.rowsRead, done: page.done }
  }
  // Only the last window is kept: chunks are dropped from the front as new ones arrive.
  let kept: Cell[][][] = []
  let keptRows = 0
  const keep = (rows: Cell[][]): void => {
    result.rowsRead += rows.length
    kept.push(rows)
    keptRows += rows.length
    while (kept.length > 1 && keptRows - kept[0].length >= QUERY_WINDOW_ROWS) keptRows -= kept.shift()!.length
  }
  if (result.source.readAll) await result.source.readAll(keep)
  else
    for (;;) {
      if (result.closing) throw notOpen()
      const page = await result.source.next(DRAIN_PAGE)
      keep(page.rows)
      if (page.done) break
    }
  let rows = kept.flat()
  if (rows.length > QUERY_WINDOW_ROWS) rows = rows.slice(rows.length - QUERY_WINDOW_ROWS)
  kept = []
  return { rows, firstRow: result.rowsRead - rows.length, rowsRead: result.rowsRead, done: true }
}

/** Lets a result go: stops its statement in the database and gives its connection back. */
export async function closeResult(engine: Engine, resultId: string, sessionId?: string): Promise<boolean> {
  const results = resultsOf(engine)
  const result = results.get(resultId)
  if (!result || (sessionId !== undefined && result.sessionId !== sessionId)) return false
  results.delete(resultId)
  result.closing = true
  if (result.idle) clearTimeout(result.idle)
  if (result.busy) await result.runner.cancel().catch(() => undefined)
  await result.queue
  try {
    await result.source.close()
  } finally {
    await result.runner.release()
  }
  return true
}

/** Lets every open result of a session go (before the session closes). */
export async function closeResultsOf(engine: Engine, sessionId: string): Promise<void> {
  const ids = [...resultsOf(engine).entries()].filter(([, r]) => r.sessionId === sessionId).map(([id]) => id)
  await Promise.allSettled(ids.map((id) => closeResult(engine, id)))
}

export async function closeAllResults(engine: Engine): Promise<void> {
  await Promise.allSettled([...resultsOf(engine).keys()].map((id) => closeResult(engine, id)))
}
