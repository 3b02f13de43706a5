/**
 * `npm run bench -- console [--rows 1000000] [--runs 3] [--only sqlite,mysql,postgres]`
 *
 * A generated `--rows`-row SELECT (generate_series, a cross join of digits, a recursive CTE: no
 * table to load) through the SQL console as the app calls it (the router: query.run answers the
 * first page of 1,000 rows, then query.fetch with `all` reads to the end keeping the last 10,000),
 * beside the raw driver streaming the very same SQL in the same process (pg 'row' events, mysql2
 * 'result' events, sqlite3 `each`), rows dropped as they come. Figures: time to the first 1,000
 * rows, total time, their ratios, and the process's peak RSS during each side's runs. Medians of
 * alternating runs, with their range. Servers from TEST_MYSQL_URL / TEST_PG_URL (local defaults).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import { createApi } from '../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../src/shared/contract'
import type { Dialect } from '../src/shared/connection-types'
import { MYSQL_URL, PG_URL } from './lib/transfer-fixtures'
import { flagValue, onlyDialects } from './lib/args'

const PAGE = 1000

interface Options {
  rows: number
  runs: number
  only: Dialect[]
}

function options(): Options {
  return {
    rows: Number(flagValue('--rows') ?? 1_000_000),
    runs: Number(flagValue('--runs') ?? 3),
    only: onlyDialects(),
  }
}

function series(dialect: Dialect, n: number): string {
  if (dialect === 'postgres') return `SELECT g, 'row ' || g AS label FROM generate_series(1, ${n}) AS g`
  if (dialect === 'mysql') {
    const digits = Array.from({ length: 10 }, (_, d) => (d === 0 ? 'SELECT 0 AS d' : `SELECT ${d}`)).join(' UNION ALL ')
    const places = Math.ceil(Math.log10(n))
    const tables = Array.from({ length: places }, (_, i) => `(${digits}) AS p${i}`).join(' CROSS JOIN ')
    const sum = Array.from({ length: places }, (_, i) => `p${i}.d * ${10 ** i}`).join(' + ')
    return `SELECT g, CONCAT('row ', g) AS label FROM (SELECT ${sum} + 1 AS g FROM ${tables}) AS s WHERE g <= ${n}`
  }
  return `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n}) SELECT g, 'row ' || g AS label FROM s`
}

interface Figures {
  firstMs: number
  totalMs: number
  rows: number
  rssMb: number
}

const now = () => Number(process.hrtime.bigint()) / 1e6

/** The process's peak RSS (MB) during a piece of work, sampled every 10 ms. */
async function withRss(work: () => Promise<Omit<Figures, 'rssMb'>>): Promise<Figures> {
  global.gc?.()
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10)
  try {
    const figures = await work()
    peak = Math.max(peak, process.memoryUsage.rss())
    return { ...figures, rssMb: peak / 1e6 }
  } finally {
    clearInterval(timer)
  }
}

type Call = <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>

let runCounter = 0
async function throughConsole(call: Call, sessionId: string, sql: string): Promise<Omit<Figures, 'rssMb'>> {
  const started = now()
  const run = await call('query.run', { sessionId, runId: `bench-${++runCounter}`, sql, rowLimit: PAGE })
  const firstMs = now() - started
  const result = run.statements[0]
  if (!result || result.outcome !== 'rows') throw new Error(`the console did not answer rows: ${JSON.stringify(result?.error)}`)
  let rows = result.rows.length
  if (result.resultId) rows = (await call('query.fetch', { sessionId, resultId: result.resultId, all: true })).rowsRead
  return { firstMs, totalMs: now() - started, rows }
}

/** The raw driver streaming the same SQL, every row dropped as it comes; "first" is the PAGE-th row. */
function rawStream(dialect: Dialect, url: string, sql: string): Promise<Omit<Figures, 'rssMb'>> {
  return new Promise((resolve, reject) => {
    const started = now()
    let rows = 0
    let firstMs = 0
    const row = () => {
      if (++rows === PAGE) firstMs = now() - started
    }
    const done = (close: () => void) => {
      close()
      resolve({ firstMs: firstMs || now() - started, totalMs: now() - started, rows })
    }
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: url })
      client.connect().then(() => {
        const query = new pg.Query({ text: sql, rowMode: 'array' } as pg.QueryConfig)
        query.on('row', row)
        query.on('error', reject)
        query.on('end', () => done(() => void client.end()))
        client.query(query)
      }, reject)
    } else if (dialect === 'mysql') {
      const conn = mysql.createConnection({ uri: url, rowsAsArray: true })
      conn
        .query(sql)
        .on('result', row)
        .on('error', reject)
        .on('end', () => done(() => conn.end()))
    } else {
      const db = new sqlite3.Database(url.replace(/^sqlite:/, ''))
      db.each(sql, [], row, (error: Error | null) => (error ? reject(error) : done(() => db.close())))
    }
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`

async function main(): Promise<void> {
  const opts = options()
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-bench-console-'))
  console.log(
    `console bench: ${opts.rows.toLocaleString('en')} rows, ${opts.runs} runs; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`,
  )
  const api = createApi({ baseDir: dir, log: () => undefined })
  const call: Call = async (channel, input) => {
    const answer = await api.router.invoke(channel, input)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`)
    return answer.value as never
  }
  const table: string[] = []
  try {
    for (const dialect of opts.only) {
      let url = dialect === 'postgres' ? PG_URL : dialect === 'mysql' ? MYSQL_URL : ''
      if (dialect === 'sqlite') {
        const file = join(dir, 'bench.sqlite')
        writeFileSync(file, '')
        url = `sqlite:${file}`
      }
      const { sessionId } = await call('sessions.open', { url })
      const sql = series(dialect, opts.rows)
      const consoleRuns: Figures[] = []
      const rawRuns: Figures[] = []
      for (let i = 0; i < opts.runs; i++) {
        // Alternating, so load on the machine falls on both sides alike.
        rawRuns.push(await withRss(() => rawStream(dialect, url, sql)))
        consoleRuns.push(await withRss(() => throughConsole(call, sessionId, sql)))
        for (const r of [rawRuns.at(-1)!, consoleRuns.at(-1)!])
          if (r.rows !== opts.rows) throw new Error(`${dialect}: ${r.rows} rows read, ${opts.rows} expected`)
      }
      await call('sessions.close', { sessionId })
      const first = consoleRuns.map((r, i) => r.firstMs / rawRuns[i].firstMs)
      const total = consoleRuns.map((r, i) => r.totalMs / rawRuns[i].totalMs)
      const line = [
        dialect,
        `first ${PAGE} rows: console ${median(consoleRuns.map((r) => r.firstMs)).toFixed(0)} ms (${range(consoleRuns.map((r) => r.firstMs))}), raw ${median(rawRuns.map((r) => r.firstMs)).toFixed(0)} ms (${range(rawRuns.map((r) => r.firstMs))}), ratio ${median(first).toFixed(1)}× (${range(first, 1)})`,
        `all rows: console ${(median(consoleRuns.map((r) => r.totalMs)) / 1000).toFixed(2)} s (${range(
          consoleRuns.map((r) => r.totalMs / 1000),
          2,
        )}), raw ${(median(rawRuns.map((r) => r.totalMs)) / 1000).toFixed(2)} s (${range(
          rawRuns.map((r) => r.totalMs / 1000),
          2,
        )}), ratio ${median(total).toFixed(2)}× (${range(total, 2)})`,
        `peak RSS: console ${median(consoleRuns.map((r) => r.rssMb)).toFixed(0)} MB (${range(consoleRuns.map((r) => r.rssMb))}), raw ${median(rawRuns.map((r) => r.rssMb)).toFixed(0)} MB (${range(rawRuns.map((r) => r.rssMb))})`,
      ].join('\n  ')
      console.log(line)
      table.push(line)
    }
  } finally {
    await api.engine.shutdown()
    await api.log.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
