/**
 * Big console results are streamed: the first page answers while the statement is still running in
 * the database, later pages go on from where it stopped, "fetch all" reads to the end keeping only
 * the last window, and memory stays bounded throughout (issue 12).
 */
import { beforeAll, expect, it } from 'vitest'
import { QUERY_WINDOW_ROWS, type QueryRun } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { consoleRunner, only } from './console-support'
import { describeDialects } from './harness'

const MILLION = 1_000_000

/** Rows 1…n with a label; MariaDB materialises a recursive CTE before the first row, so it joins digits instead. */
function series(dialect: string, n: number): string {
  if (dialect === 'postgres') return `SELECT g, 'row ' || g AS label FROM generate_series(1, ${n}) AS g`
  if (dialect === 'mysql') {
    const digits =
      'SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9'
    const places = Math.ceil(Math.log10(n))
    const tables = Array.from({ length: places }, (_, i) => `(${digits}) AS p${i}`).join(' CROSS JOIN ')
    const sum = Array.from({ length: places }, (_, i) => `p${i}.d * ${10 ** i}`).join(' + ')
    return `SELECT g, CONCAT('row ', g) AS label FROM (SELECT ${sum} + 1 AS g FROM ${tables}) AS s WHERE g <= ${n} ORDER BY g`
  }
  return `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n}) SELECT g, 'row ' || g AS label FROM s`
}

/** The highest resident set size seen while `work` runs (sampled), minus the one before it. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  try {
    const value = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { value, growthMb: (peak - before) / 1e6 }
  } finally {
    clearInterval(timer)
  }
}

describeDialects('console streaming of big results', (t) => {
  let sessionId = ''
  const runner = consoleRunner(t, () => sessionId, 'stream')
  const run = (sql: string, rowLimit = 1000): Promise<QueryRun> => runner.run(sql, { rowLimit })
  /** Whether the database is still running the statement (another connection looks). */
  const stillRunning = async (marker: string): Promise<boolean> => {
    if (t.dialect === 'postgres')
      return (
        (await t.raw(`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%${marker}%' AND pid <> pg_backend_pid()`))
          .length > 0
      )
    return (await t.raw(`SELECT 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE '%${marker}%' AND ID <> CONNECTION_ID()`)).length > 0
  }

  beforeAll(async () => {
    sessionId = await t.open()
  })

  it('a million-row SELECT: first page while it runs, pages go on where they stopped, fetch all to the end, memory bounded', async () => {
    const { value: first, growthMb } = await rssGrowth(async () => {
      const first = only(await run(`${series(t.dialect, MILLION)} /* stream-a */`))
      expect(first.rows).toHaveLength(1000)
      expect(first.rows[0]).toEqual([1, 'row 1'])
      expect(first.rows[999]).toEqual([1000, 'row 1000'])
      expect(first.moreRows).toBe(true)
      expect(first.totalRows).toBeNull()
      expect(first.resultId).toBeTruthy()
      // Not read to the end: the server is still at it, waiting for us.
      if (t.dialect !== 'sqlite') expect(await stillRunning('stream-a')).toBe(true)

      const next = await t.call('query.fetch', { sessionId, resultId: first.resultId!, count: 500 })
      expect(next.firstRow).toBe(1000)
      expect(next.rows).toHaveLength(500)
      expect(next.rows[0]).toEqual([1001, 'row 1001'])
      expect(next.rowsRead).toBe(1500)
      expect(next.done).toBe(false)

      const rest = await t.call('query.fetch', { sessionId, resultId: first.resultId!, all: true })
      expect(rest.done).toBe(true)
      expect(rest.rowsRead).toBe(MILLION)
      expect(rest.rows).toHaveLength(QUERY_WINDOW_ROWS)
      expect(rest.firstRow).toBe(MILLION - QUERY_WINDOW_ROWS)
      expect(rest.rows.at(-1)).toEqual([MILLION, `row ${MILLION}`])
      return first
    })
    // A million rows held as cells would take several hundred MB; the window stays far below.
    expect(growthMb).toBeLessThan(200)
    // Read to the end, the result is closed and its connection given back.
    const gone = await t.result('query.fetch', { sessionId, resultId: first.resultId!, count: 10 })
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND')
    expect(only(await run('SELECT 5 AS five')).rows).toEqual([[5]])
  }, 180_000)

  it('closing an open result stops the statement in the database; the session goes on', async () => {
    const open = only(await run(`${series(t.dialect, MILLION)} /* stream-b */`, 100))
    expect(open.resultId).toBeTruthy()
    expect(await t.call('query.close', { sessionId, resultId: open.resultId! })).toEqual({ closed: true })
    if (t.dialect !== 'sqlite') expect(await stillRunning('stream-b')).toBe(false)
    expect(await t.call('query.close', { sessionId, resultId: open.resultId! })).toEqual({ closed: false })
    expect(only(await run('SELECT 6 AS six')).rows).toEqual([[6]])
  }, 60_000)

  it('an earlier statement of a script is read through and counted; only the last stays open', async () => {
    const script = await run(`${series(t.dialect, 5000)};\n${series(t.dialect, 3000)}`, 100)
    expect(script.statements.map((s) => [s.rows.length, s.totalRows, s.moreRows, Boolean(s.resultId)])).toEqual([
      [100, 5000, true, false],
      [100, null, true, true],
    ])
    await t.call('query.close', { sessionId, resultId: script.statements[1].resultId! })
    const small = only(await run(series(t.dialect, 10), 100))
    expect([small.totalRows, small.moreRows, small.resultId]).toEqual([10, false, undefined])
  })

  it('holds at most two open results per session: a third lets the oldest go', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(only(await run(series(t.dialect, 5000), 10)).resultId!)
    const oldest = await t.result('query.fetch', { sessionId, resultId: ids[0], count: 10 })
    expect(oldest.ok ? null : oldest.error.code).toBe('NOT_FOUND')
    expect(oldest.ok ? null : oldest.error.hint).toMatch(/Run the statement again/)
    for (const id of ids.slice(1)) {
      const page = await t.call('query.fetch', { sessionId, resultId: id, count: 10 })
      expect(page.rows[0]).toEqual([11, 'row 11'])
      expect(await t.call('query.close', { sessionId, resultId: id })).toEqual({ closed: true })
    }
    await expect(t.call('query.fetch', { sessionId: 'nope', resultId: ids[1], count: 1 })).rejects.toBeInstanceOf(AppError)
  })
})
