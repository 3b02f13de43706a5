/**
 * `npm run bench -- browse [--rows 1000000] [--runs 7] [--walk 100] [--only sqlite,mysql,postgres]`
 *
 * Browsing a generated table (the transfer bench's users-like rows, loaded by each database's own
 * bulk tool) through the engine as the app calls it (the router: input checks, cursors, value
 * codec), beside the raw driver running the very same SQL in the same process: the statements the
 * engine sent are captured from Sequelize and replayed with mysql2 / pg / sqlite3 directly (their
 * default settings). Each figure is the median of alternating runs, with its range.
 *
 * Operations: first page by key (100 rows), first page sorted by an unindexed timestamp column,
 * an OFFSET jump to 90 % of the table, the last page read backward (Ctrl+End), and a keyset walk
 * of `--walk` pages of 300 rows from the top.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import { createApi } from '../src/main/api'
import type { ChannelName, InputOf, OutputOf, PageInput } from '../src/shared/contract'
import type { Dialect } from '../src/shared/connection-types'
import { elapsedMs } from './lib/timing'
import { DDL, createDatabase, generateCsv } from './lib/transfer-fixtures'

interface Options {
  rows: number
  runs: number
  walk: number
  only: Dialect[]
}

function options(): Options {
  const args = process.argv.slice(2)
  const value = (flag: string) => {
    const i = args.indexOf(flag)
    return i >= 0 ? args[i + 1] : undefined
  }
  return {
    rows: Number(value('--rows') ?? 1_000_000),
    runs: Number(value('--runs') ?? 7),
    walk: Number(value('--walk') ?? 100),
    only: (value('--only')?.split(',') as Dialect[] | undefined) ?? ['sqlite', 'mysql', 'postgres'],
  }
}

interface Statement {
  sql: string
  bind: unknown[] | undefined
}

/** Runs captured statements with the plain driver, as an application using it directly would. */
interface RawDriver {
  run(statement: Statement): Promise<unknown[]>
  close(): Promise<void>
}

async function rawDriver(dialect: Dialect, url: string): Promise<RawDriver> {
  if (dialect === 'mysql') {
    const conn = await mysql.createConnection({ uri: url })
    return { run: async (s) => (await conn.query(s.sql, s.bind))[0] as unknown[], close: () => conn.end() }
  }
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return { run: async (s) => (await client.query(s.sql, s.bind)).rows, close: () => client.end() }
  }
  const db = new sqlite3.Database(url.replace(/^sqlite:/, ''))
  return {
    run: (s) =>
      new Promise((resolve, reject) =>
        db.all(s.sql, s.bind ?? [], (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
      ),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

interface Figure {
  dialect: Dialect
  op: string
  rowboat: number[]
  raw: number[]
  statements: number
}

async function benchDialect(dialect: Dialect, csv: string, opts: Options, dir: string): Promise<Figure[]> {
  const db = await createDatabase(dialect, dir)
  const api = createApi({ baseDir: dir, dataDir: join(dir, `data-${dialect}`), log: (m) => console.error(m) })
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const answer = await api.router.invoke(channel, input)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`)
    return answer.value as OutputOf<C>
  }
  let raw: RawDriver | null = null
  try {
    await db.sql(DDL[dialect])
    const loading = await elapsedMs(() => db.native(csv))
    if (dialect === 'postgres') await db.sql('VACUUM ANALYZE bench_users')
    if (dialect === 'mysql') await db.sql('ANALYZE TABLE bench_users')
    console.log(`${dialect}: ${opts.rows.toLocaleString('en')} rows loaded by the native tool in ${(loading / 1000).toFixed(1)} s`)
    const { sessionId } = await call('sessions.open', { url: db.url })
    raw = await rawDriver(dialect, db.url)

    // Every statement the session's Sequelize sends, as the driver receives it (Sequelize logs
    // "Executing (conn): SQL; p1, p2" with its options, bind included, before running it).
    const session = api.engine.sessions.get(sessionId)
    const captured: Statement[] = []
    // `options` is public in Sequelize but missing from its typings.
    const settings = (session.sequelize as unknown as { options: { logging?: unknown } }).options
    const tap = settings.logging
    settings.logging = (message: string, options?: { bind?: unknown[] }) => {
      const body = message.replace(/^Executing \([^)]*\): /, '')
      const cut = body.indexOf('; ')
      const sql = options?.bind?.length && cut >= 0 ? body.slice(0, cut) : body
      captured.push({ sql, bind: options?.bind })
      if (typeof tap === 'function') (tap as (m: string, o?: unknown) => void)(message, options)
    }

    const page = (input: Partial<PageInput>) => call('records.page', { sessionId, table: 'bench_users', pageSize: 100, ...input })
    // Warm the schema cache and both connections: the figures are of browsing, not of opening.
    await page({})
    await raw.run({ sql: 'SELECT 1', bind: undefined })

    const ops: Array<[string, () => Promise<unknown>]> = [
      ['first page by key', () => page({})],
      ['first page sorted by an unindexed timestamp', () => page({ sort: [{ column: 'created_at', direction: 'desc' }] })],
      [`offset jump to row ${Math.round(opts.rows * 0.9).toLocaleString('en')}`, () => page({ offset: Math.round(opts.rows * 0.9) })],
      ['last page (sort reversed)', () => page({ fromEnd: true, pageSize: 300 })],
      [
        `keyset walk, ${opts.walk} pages of 300`,
        async () => {
          let cursor: string | null | undefined = undefined
          for (let i = 0; i < opts.walk; i++) {
            const answer: OutputOf<'records.page'> = await page({ pageSize: 300, ...(cursor ? { cursor } : {}) })
            cursor = answer.nextCursor
            if (!cursor) break
          }
        },
      ],
    ]

    const figures: Figure[] = []
    for (const [op, work] of ops) {
      // The statements of one run of the operation (reads of the schema are cached by then).
      captured.length = 0
      await work()
      const statements = captured.filter((s) => /bench_users/.test(s.sql) && /^\s*SELECT/i.test(s.sql)).slice()
      const replay = async () => {
        for (const statement of statements) await raw!.run(statement)
      }
      const figure: Figure = { dialect, op, rowboat: [], raw: [], statements: statements.length }
      for (let i = 0; i < opts.runs; i++) {
        // Alternating, so drift in the machine's load falls on both sides.
        figure.rowboat.push(await elapsedMs(work))
        figure.raw.push(await elapsedMs(replay))
      }
      figures.push(figure)
      console.log(
        `${dialect}: ${op}: Rowboat ${median(figure.rowboat).toFixed(1)} ms, raw ${median(figure.raw).toFixed(1)} ms (${figure.statements} statements)`,
      )
    }
    await call('sessions.close', { sessionId })
    return figures
  } finally {
    await raw?.close().catch(() => undefined)
    await api.engine.shutdown()
    await db.drop().catch((error: unknown) => console.error(`could not drop the ${dialect} bench database:`, error))
  }
}

function report(figures: Figure[]): void {
  const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`
  console.log('\n| database | operation | Rowboat ms (median, range) | raw driver ms (median, range) | Rowboat ÷ raw | Rowboat − raw |')
  console.log('|---|---|---|---|---|---|')
  for (const f of figures) {
    const r = median(f.rowboat)
    const d = median(f.raw)
    console.log(
      `| ${f.dialect} | ${f.op} | ${r.toFixed(1)} (${range(f.rowboat)}) | ${d.toFixed(1)} (${range(f.raw)}) | ${(r / d).toFixed(2)}× | ${(r - d).toFixed(1)} ms |`,
    )
  }
}

async function main(): Promise<void> {
  const opts = options()
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-bench-'))
  try {
    console.log(
      `Rowboat browse bench: ${opts.rows.toLocaleString('en')} rows, ${opts.runs} runs, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')}`,
    )
    const csv = join(dir, 'users.csv')
    await generateCsv(csv, opts.rows)
    const figures: Figure[] = []
    for (const dialect of opts.only) figures.push(...(await benchDialect(dialect, csv, opts, dir)))
    report(figures)
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
