/**
 * `npm run bench -- browse [--rows 1000000] [--runs 7] [--walk 100] [--only sqlite,mysql,postgres] [--cpu-prof DIR] [--show-statements]`
 *
 * Browsing a generated table (the transfer bench's users-like rows, loaded by each database's own
 * bulk tool) through the engine as the app calls it (the router: input checks, cursors, value
 * codec; no HTTP), beside the raw driver running the very same SQL in the same process: the
 * statements the engine handed its driver are captured at the driver (driver-tap.ts) and replayed
 * through a plain connection of that driver with its default settings. Each figure is the median
 * of alternating runs (three times `--runs` for an operation under 50 ms), with its range, and the
 * process's CPU time of each side.
 *
 * Operations (the issue's list): the table list; opening a table (schema, first page and the
 * instant count); the first page by key; the first page sorted by an unindexed column; a keyset
 * page at 90 % of the table; an OFFSET jump there; the last page (Ctrl+End); a filtered page and
 * its exact count; a walk of `--walk` pages of 300 from the top, and the keyset walk to 90 %.
 * Then the HTTP host's overhead for the same calls, and the process's peak RSS while browsing.
 * `--cpu-prof DIR` writes a CPU profile of Rowboat's side of the walk to 90 %.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import { createApi } from '../src/main/api'
import { startHttpHost } from '../src/main/host/browser/server'
import type { ChannelName, InputOf, OutputOf, PageInput } from '../src/shared/contract'
import type { Dialect } from '../src/shared/connection-types'
import { tapDriver, type DriverTap, type Statement } from './lib/driver-tap'
import { profiled } from './lib/profile'
import { DDL, createDatabase, generateCsv } from './lib/transfer-fixtures'
import { flagValue, hasFlag, onlyDialects } from './lib/args'

interface Options {
  rows: number
  runs: number
  walk: number
  only: Dialect[]
  /** Where to write a CPU profile of Rowboat's side of the walk to 90 % (one file per database). */
  cpuProf: string | undefined
  /** Print each operation's statements as the driver received them. */
  showStatements: boolean
}

/** Operations whose first run took less than this get three times the runs (their medians are the noisiest). */
const QUICK_OP_MS = 50

function options(): Options {
  return {
    rows: Number(flagValue('--rows') ?? 1_000_000),
    runs: Number(flagValue('--runs') ?? 7),
    walk: Number(flagValue('--walk') ?? 100),
    only: onlyDialects(),
    cpuProf: flagValue('--cpu-prof'),
    showStatements: hasFlag('--show-statements'),
  }
}

/** Runs captured statements with a plain connection of the driver, as an application using it directly would. */
interface RawDriver {
  run(statement: Statement): Promise<unknown>
  close(): Promise<void>
}

async function rawDriver(dialect: Dialect, url: string): Promise<RawDriver> {
  if (dialect === 'mysql') {
    const conn = await mysql.createConnection({ uri: url })
    return {
      run: async (s) => (s.method === 'execute' ? conn.execute(s.sql, s.values as never) : conn.query(s.sql, s.values as never)),
      close: () => conn.end(),
    }
  }
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return { run: (s) => client.query(s.sql, s.values as unknown[] | undefined), close: () => client.end() }
  }
  const db = new sqlite3.Database(url.replace(/^sqlite:/, ''))
  return {
    run: (s) =>
      new Promise((resolve, reject) =>
        db.all(s.sql, (s.values ?? []) as never, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
      ),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Wall-clock and process CPU time (user + system) of `work`, in milliseconds. */
async function measured(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  await work()
  const wall = Number(process.hrtime.bigint() - started) / 1e6
  const used = process.cpuUsage(cpu)
  return { wall, cpu: (used.user + used.system) / 1000 }
}

interface Figure {
  dialect: Dialect
  op: string
  rowboat: number[]
  raw: number[]
  rowboatCpu: number[]
  rawCpu: number[]
  statements: number
  /** The issue's bound for this operation: `ratio`× raw plus `plusMs`. */
  bound: { ratio: number; plusMs: number }
}

interface HttpFigure {
  dialect: Dialect
  op: string
  http: number[]
  router: number[]
}

interface DialectResult {
  figures: Figure[]
  http: HttpFigure[]
  rss: { before: number; peak: number }
}

/** Samples the process's resident memory while browsing (RSS includes the raw driver's side). */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 20)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss())
    },
  }
}

async function benchDialect(dialect: Dialect, csv: string, opts: Options, dir: string, tap: DriverTap): Promise<DialectResult> {
  const db = await createDatabase(dialect, dir)
  const api = createApi({ baseDir: dir, dataDir: join(dir, `data-${dialect}`), log: (m) => console.error(m) })
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const answer = await api.router.invoke(channel, input)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`)
    return answer.value as OutputOf<C>
  }
  let raw: RawDriver | null = null
  let host: Awaited<ReturnType<typeof startHttpHost>> | null = null
  try {
    await db.sql(DDL[dialect])
    const loading = await measured(() => db.native(csv))
    if (dialect === 'postgres') await db.sql('VACUUM ANALYZE bench_users')
    if (dialect === 'mysql') await db.sql('ANALYZE TABLE bench_users')
    console.log(`${dialect}: ${opts.rows.toLocaleString('en')} rows loaded by the native tool in ${(loading.wall / 1000).toFixed(1)} s`)
    const { sessionId } = await call('sessions.open', { url: db.url })
    raw = await rawDriver(dialect, db.url)
    const session = api.engine.sessions.get(sessionId)

    const table = 'bench_users'
    const deep = Math.round(opts.rows * 0.9)
    const deepLabel = deep.toLocaleString('en')
    const page = (input: Partial<PageInput>) => call('records.page', { sessionId, table, pageSize: 100, ...input })
    const filters: PageInput['filters'] = [{ column: 'bio', op: 'contains', value: 'HELLO' }]
    const walk = async (pages: number) => {
      let cursor: string | null | undefined = undefined
      for (let i = 0; i < pages; i++) {
        const answer: OutputOf<'records.page'> = await page({ pageSize: 300, ...(cursor ? { cursor } : {}) })
        cursor = answer.nextCursor
        if (!cursor) break
      }
    }
    // Warm the schema cache and both connections: the figures are of browsing, not of connecting.
    await page({})
    await raw.run({ method: dialect === 'sqlite' ? 'all' : 'query', sql: 'SELECT 1', values: undefined })
    // A cursor just after row 90 % (as the grid holds after an offset jump there).
    const deepCursor = (await page({ offset: deep - 100, pageSize: 100 })).nextCursor
    if (!deepCursor) throw new Error('no cursor at 90 % of the table')

    const single = { ratio: 1.2, plusMs: 2 }
    const ops: Array<[string, () => Promise<unknown>, Figure['bound']]> = [
      ['table list', () => call('schema.tables', { sessionId }), single],
      [
        'open (schema, first page, instant count)',
        async () => {
          session.tableCache.clear()
          await call('schema.describe', { sessionId, table })
          await Promise.all([page({}), call('records.count', { sessionId, table, filters: [], exact: false })])
        },
        single,
      ],
      ['first page by key', () => page({}), single],
      ['first page sorted by an unindexed column', () => page({ sort: [{ column: 'created_at', direction: 'desc' }] }), single],
      [`keyset page at row ${deepLabel}`, () => page({ cursor: deepCursor }), single],
      [`offset jump to row ${deepLabel}`, () => page({ offset: deep }), single],
      ['last page (sort reversed)', () => page({ fromEnd: true, pageSize: 300 }), single],
      ['filtered page (bio contains "HELLO")', () => page({ filters }), single],
      ['filtered count (exact)', () => call('records.count', { sessionId, table, filters, exact: true }), single],
      // Every page is a browse op: 1.2× raw + 2 ms each.
      [
        `walk of the first ${(opts.walk * 300).toLocaleString('en')} rows (pages of 300)`,
        () => walk(opts.walk),
        { ratio: 1.2, plusMs: 2 * opts.walk },
      ],
      [`keyset walk to row ${deepLabel} (pages of 300)`, () => walk(Math.ceil(deep / 300)), { ratio: 1.5, plusMs: 0 }],
    ]

    const rssBefore = process.memoryUsage.rss()
    const rss = rssSampler()
    const figures: Figure[] = []
    for (const [op, work, bound] of ops) {
      // The statements of one run of the operation, as the driver received them.
      tap.statements.length = 0
      const captureStarted = process.hrtime.bigint()
      tap.capturing = true
      try {
        await work()
      } finally {
        tap.capturing = false
      }
      const captured = Number(process.hrtime.bigint() - captureStarted) / 1e6
      const statements = tap.statements.splice(0)
      if (opts.showStatements) for (const s of statements) console.log(`   ${s.method} ${s.sql.slice(0, 100).replace(/\s+/g, ' ')}`)
      const replay = async () => {
        for (const statement of statements) await raw!.run(statement)
      }
      const figure: Figure = { dialect, op, rowboat: [], raw: [], rowboatCpu: [], rawCpu: [], statements: statements.length, bound }
      // A few milliseconds move with anything else the machine does: ops that quick get three times the runs.
      const runs = captured < QUICK_OP_MS ? opts.runs * 3 : opts.runs
      for (let i = 0; i < runs; i++) {
        // Alternating, so drift in the machine's load falls on both sides.
        const ours = await measured(work)
        const theirs = await measured(replay)
        figure.rowboat.push(ours.wall)
        figure.rowboatCpu.push(ours.cpu)
        figure.raw.push(theirs.wall)
        figure.rawCpu.push(theirs.cpu)
      }
      figures.push(figure)
      console.log(
        `${dialect}: ${op}: Rowboat ${median(figure.rowboat).toFixed(1)} ms, raw ${median(figure.raw).toFixed(1)} ms (${figure.statements} statements)`,
      )
      if (opts.cpuProf && op.startsWith('keyset walk')) {
        const file = join(opts.cpuProf, `browse-walk-${dialect}.cpuprofile`)
        await profiled(file, work)
        console.log(`${dialect}: CPU profile of Rowboat's walk written to ${file}`)
      }
    }

    // The browser host's HTTP path (the renderer's fetch: JSON body, token, Host checks, JSON
    // answer) beside the in-process router, for the same calls.
    host = await startHttpHost({ router: api.router, staticDir: dir })
    const endpoint = `http://127.0.0.1:${host.port}/api/`
    const headers = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }
    const overHttp = async (channel: ChannelName, input: unknown) => {
      const response = await fetch(endpoint + channel, { method: 'POST', headers, body: JSON.stringify(input) })
      const answer = (await response.json()) as { ok: boolean }
      if (!answer.ok) throw new Error(`${channel} over HTTP failed`)
    }
    const httpOps: Array<[string, ChannelName, unknown]> = [
      ['first page by key (100 rows)', 'records.page', { sessionId, table, pageSize: 100 }],
      [`keyset page of 300 at row ${deepLabel}`, 'records.page', { sessionId, table, pageSize: 300, cursor: deepCursor }],
    ]
    const http: HttpFigure[] = []
    for (const [op, channel, input] of httpOps) {
      await overHttp(channel, input)
      const figure: HttpFigure = { dialect, op, http: [], router: [] }
      for (let i = 0; i < Math.max(opts.runs, 7) * 5; i++) {
        figure.http.push((await measured(() => overHttp(channel, input))).wall)
        figure.router.push((await measured(() => api.router.invoke(channel, input))).wall)
      }
      http.push(figure)
    }
    const peak = rss.stop()
    await call('sessions.close', { sessionId })
    return { figures, http, rss: { before: rssBefore, peak } }
  } finally {
    await host?.close().catch(() => undefined)
    await raw?.close().catch(() => undefined)
    await api.engine.shutdown()
    await api.log.close()
    await db.drop().catch((error: unknown) => console.error(`could not drop the ${dialect} bench database:`, error))
  }
}

function report(results: DialectResult[]): void {
  const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`
  console.log(
    '\n| database | operation | Rowboat ms (median, range) | raw driver ms (median, range) | Rowboat ÷ raw | Rowboat − raw | Node CPU ms Rowboat / raw | within the bound |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const f of results.flatMap((r) => r.figures)) {
    const r = median(f.rowboat)
    const d = median(f.raw)
    const bound = `${f.bound.ratio}× raw${f.bound.plusMs ? ` + ${f.bound.plusMs} ms` : ''}`
    const within = r <= f.bound.ratio * d + f.bound.plusMs ? 'yes' : 'NO'
    console.log(
      `| ${f.dialect} | ${f.op} | ${r.toFixed(1)} (${range(f.rowboat)}) | ${d.toFixed(1)} (${range(f.raw)}) | ${(r / d).toFixed(2)}× | ${(r - d).toFixed(1)} ms | ${median(f.rowboatCpu).toFixed(1)} / ${median(f.rawCpu).toFixed(1)} | ${within} (${bound}) |`,
    )
  }
  console.log('\n| database | call | HTTP host ms (median, range) | in-process router ms (median, range) | HTTP overhead |')
  console.log('|---|---|---|---|---|')
  for (const f of results.flatMap((r) => r.http)) {
    console.log(
      `| ${f.dialect} | ${f.op} | ${median(f.http).toFixed(2)} (${range(f.http)}) | ${median(f.router).toFixed(2)} (${range(f.router)}) | ${(median(f.http) - median(f.router)).toFixed(2)} ms |`,
    )
  }
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
  console.log('\n| database | RSS before browsing | peak RSS while browsing |')
  console.log('|---|---|---|')
  results.forEach((r) => console.log(`| ${r.figures[0]?.dialect} | ${mb(r.rss.before)} | ${mb(r.rss.peak)} |`))
}

async function main(): Promise<void> {
  const opts = options()
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-bench-'))
  try {
    console.log(
      `Rowboat browse bench: ${opts.rows.toLocaleString('en')} rows, ${opts.runs} runs (${opts.runs * 3} for ops under ${QUICK_OP_MS} ms), ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')}`,
    )
    const csv = join(dir, 'users.csv')
    await generateCsv(csv, opts.rows)
    const results: DialectResult[] = []
    for (const dialect of opts.only) results.push(await benchDialect(dialect, csv, opts, dir, tapDriver(dialect)))
    report(results)
    console.log(
      `load average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')} (a shared machine inflates every figure, the raw driver's too)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
