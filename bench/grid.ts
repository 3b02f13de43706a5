/**
 * `npm run bench -- grid [--rows 1000000] [--runs 5] [--scroll 5] [--only sqlite,mysql,postgres]`
 *
 * The grid in Chromium (Debian's, /usr/bin/chromium, driven by Playwright) on the built browser
 * host (`node out/main/serve.js`; run `npm run build` first), on a generated table of `--rows` rows
 * per database (the transfer bench's users-like rows, loaded by each database's own bulk tool):
 *
 * - click → rows painted: a click on the table in the sidebar until its first row is drawn with
 *   its data and a frame has gone by (another table is opened between runs);
 * - `--scroll` seconds of continuous wheel scrolling forward (trusted wheel events of 120 px every
 *   ~16 ms, as a mouse wheel held down): frames per second, long tasks (> 50 ms, their count and
 *   total), frames with a placeholder row drawn, and how often the viewport moved backward (the
 *   first row shown, and scrollTop, sampled every frame; must be 0);
 * - jump → rows painted: scrollTop set to a fraction of the scrollbar (as a drag of the thumb sets
 *   it) until the row at that position is drawn with its data and a frame has gone by (target 300 ms);
 * - memory: the renderer's JS heap after a forced GC and the host's RSS, after opening the table,
 *   after the scroll, and after a tour of the table (a jump to every tenth of it, each followed by
 *   a second of scrolling): flat when the window of rows is bounded.
 *
 * In-page code is passed as strings: the bench bundle's helpers must not leak into the page.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright'
import type { Dialect } from '../src/shared/connection-types'
import { DDL, createDatabase, generateCsv, type Database } from './lib/transfer-fixtures'
import { flagValue, onlyDialects } from './lib/args'

/** The checkout: the bench runner starts each bench there. */
const ROOT = process.cwd()
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TABLE = 'bench_users'
const OTHER = 'bench_other'

interface Options {
  rows: number
  runs: number
  scroll: number
  only: Dialect[]
}

function options(): Options {
  return {
    rows: Number(flagValue('--rows') ?? 1_000_000),
    runs: Number(flagValue('--runs') ?? 5),
    scroll: Number(flagValue('--scroll') ?? 5),
    only: onlyDialects(),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const range = (values: number[], digits = 0) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`

// --- the host ------------------------------------------------------------------------------

interface Host {
  child: ChildProcess
  url: string
  origin: string
  token: string
}

async function startHost(dataDir: string): Promise<Host> {
  const serve = join(ROOT, 'out/main/serve.js')
  if (!existsSync(serve)) throw new Error(`${serve} is missing: run \`npm run build\` first.`)
  const child = spawn(process.execPath, [serve, '--data-dir', dataDir], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser host did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Rowboat is running at (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`The browser host exited (${code}):\n${output}`)))
  })
  const parsed = new URL(url)
  return { child, url, origin: parsed.origin, token: parsed.hash.replace('#token=', '') }
}

async function callHost(host: Host, channel: string, input: unknown): Promise<void> {
  const response = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const result = (await response.json()) as { ok: boolean; error?: { message: string } }
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.message}`)
}

/** The host's resident memory (Linux /proc). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : NaN
}

// --- in the page ---------------------------------------------------------------------------

/** Shared helpers, defined once on window.__bench. */
const PAGE_HELPERS = `(() => {
  const grid = () => document.querySelector('[role="grid"]')
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
  const shownFirst = () => {
    const el = Array.from(document.querySelectorAll('span')).find((s) => /^rows [\\d,]+–/.test(s.textContent || ''))
    const m = el && /^rows ([\\d,]+)–/.exec(el.textContent)
    return m ? Number(m[1].replace(/,/g, '')) : -1
  }
  /** The row at a 1-based position, drawn with its data (not a placeholder). */
  const painted = (position) => {
    const row = grid() && grid().querySelector('[role="row"][aria-rowindex="' + (position + 1) + '"]')
    return Boolean(row && !row.hasAttribute('aria-busy') && row.querySelector('[role="gridcell"][aria-colindex="2"]'))
  }
  const until = async (check, timeout = 30000) => {
    const start = performance.now()
    while (!check()) {
      if (performance.now() - start > timeout) {
        const g = grid()
        const placeholders = g ? g.querySelectorAll('[role="row"][aria-busy]').length : -1
        throw new Error('timed out waiting in the page: ' + check.toString() + ' (first row shown ' + shownFirst() + ', painted ' + painted(shownFirst()) + ', placeholder rows drawn ' + placeholders + ', scrollTop ' + (g && g.scrollTop) + ' of ' + (g && g.scrollHeight) + '; status: ' + Array.from(document.querySelectorAll('.grid-status, .grid-error')).map((e) => e.textContent).join(' | ') + ')')
      }
      await new Promise((r) => requestAnimationFrame(r))
    }
  }
  window.__bench = { grid, frame, shownFirst, painted, until }
})()`

/** Clicks a table in the sidebar; answers ms until its first row is painted. */
const CLICK_TABLE = (table: string) => `(async () => {
  const b = window.__bench
  const button = Array.from(document.querySelectorAll('nav[aria-label="Tables"] button.sidebar-table')).find((el) => (el.querySelector('.sidebar-name') || {}).textContent === ${JSON.stringify(table)})
  if (!button) throw new Error('no table button ${table}')
  const start = performance.now()
  button.click()
  await b.until(() => document.querySelector('h1') && document.querySelector('h1').textContent === ${JSON.stringify(table)} && b.painted(1))
  await b.frame()
  return performance.now() - start
})()`

/**
 * Sets scrollTop to a fraction of the scrollbar; answers ms until the row there is painted, and how
 * much of it the records.page requests took (the browser's resource timing).
 */
const JUMP = (fraction: number) => `(async () => {
  const b = window.__bench
  const g = b.grid()
  // A wheel event just sent may not be drawn yet: its late render would pass for the jump's, and the
  // row waited for would be one the jump has already scrolled away from (never painted).
  await b.frame()
  await b.frame()
  const before = b.shownFirst()
  const start = performance.now()
  g.scrollTop = (g.scrollHeight - g.clientHeight) * ${fraction}
  await b.until(() => b.shownFirst() !== before)
  // The row painted is the one shown at the top once the viewport settles there.
  await b.until(() => b.painted(b.shownFirst()))
  const target = b.shownFirst()
  await b.frame()
  const end = performance.now()
  const pages = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/records.page') && e.startTime >= start && e.startTime <= end)
  return { ms: end - start, requestMs: pages.reduce((sum, e) => sum + e.duration, 0), requests: pages.length, row: target }
})()`

/** Starts sampling every frame: frames, long tasks, placeholders drawn, the viewport's moves. */
const START_SAMPLING = `(() => {
  const b = window.__bench
  const s = { frames: 0, longTasks: [], placeholderFrames: 0, backFirst: 0, backTop: 0, first: b.shownFirst(), top: b.grid().scrollTop, firstAtStart: b.shownFirst(), stop: false, start: performance.now() }
  s.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) s.longTasks.push(e.duration) })
  s.observer.observe({ type: 'longtask' })
  const tick = () => {
    if (s.stop) return
    s.frames++
    const first = b.shownFirst()
    const top = b.grid().scrollTop
    if (first < s.first) s.backFirst++
    if (top < s.top) s.backTop++
    s.first = first
    s.top = top
    if (b.grid().querySelector('.row-placeholder')) s.placeholderFrames++
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  window.__sampling = s
})()`

const STOP_SAMPLING = `(() => {
  const s = window.__sampling
  s.stop = true
  s.observer.disconnect()
  const seconds = (performance.now() - s.start) / 1000
  return { fps: s.frames / seconds, longTasks: s.longTasks.length, longTaskMs: s.longTasks.reduce((a, b) => a + b, 0), placeholderFrames: s.placeholderFrames, frames: s.frames, backFirst: s.backFirst, backTop: s.backTop, rowsScrolled: s.first - s.firstAtStart }
})()`

interface ScrollFigures {
  fps: number
  longTasks: number
  longTaskMs: number
  placeholderFrames: number
  frames: number
  backFirst: number
  backTop: number
  rowsScrolled: number
}

/** Wheel events of 120 px every ~16 ms for `seconds`, over the grid. */
async function wheelFor(page: Page, seconds: number): Promise<void> {
  const box = await page.getByRole('grid').boundingBox()
  if (!box) throw new Error('no grid on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) {
    const started = Date.now()
    await page.mouse.wheel(0, 120)
    const left = 16 - (Date.now() - started)
    if (left > 0) await new Promise((r) => setTimeout(r, left))
  }
}

async function jsHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize
}

// --- one database --------------------------------------------------------------------------

interface DialectFigures {
  dialect: Dialect
  click: number[]
  scroll: ScrollFigures[]
  jumps: number[]
  /** Of each jump, the time its records.page requests took. */
  jumpRequests: number[]
  memory: Array<{ when: string; heap: number; rss: number }>
}

async function benchDialect(dialect: Dialect, csv: string, opts: Options, dir: string): Promise<DialectFigures> {
  const db: Database = await createDatabase(dialect, dir)
  const dataDir = mkdtempSync(join(tmpdir(), 'rowboat-bench-grid-'))
  let host: Host | null = null
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  })
  try {
    await db.sql(DDL[dialect])
    await db.native(csv)
    await db.sql(`CREATE TABLE ${OTHER} (id INTEGER PRIMARY KEY, label VARCHAR(40))`)
    await db.sql(`INSERT INTO ${OTHER} (id, label) VALUES (1, 'one'), (2, 'two')`)
    if (dialect === 'postgres') await db.sql(`VACUUM ANALYZE ${TABLE}`)
    if (dialect === 'mysql') await db.sql(`ANALYZE TABLE ${TABLE}`)

    host = await startHost(dataDir)
    // A new data folder is a first start, which opens the sample at once: the offer is taken first.
    await callHost(host, 'app.startup', {})
    await callHost(host, 'connections.save', { name: `bench ${dialect}`, url: db.url })
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[page] ${message.text()}`)
    })
    page.on('pageerror', (error) => console.error(`[page] ${String(error)}`))
    await page.goto(host.url)
    await page
      .getByRole('listitem')
      .filter({ hasText: `bench ${dialect}` })
      .first()
      .getByRole('button', { name: 'Connect' })
      .click()
    await page.getByRole('navigation', { name: 'Tables' }).waitFor()
    for (const table of [TABLE, OTHER]) await page.getByRole('button', { name: table, exact: true }).waitFor()
    await page.evaluate(PAGE_HELPERS)

    const figures: DialectFigures = { dialect, click: [], scroll: [], jumps: [], jumpRequests: [], memory: [] }
    const memory = async (when: string) => figures.memory.push({ when, heap: await jsHeap(page), rss: rssOf(host!.child.pid!) })

    // Click → rows painted; another table between runs, so each click reads the table afresh.
    for (let run = 0; run < opts.runs; run++) {
      await page.evaluate(CLICK_TABLE(OTHER))
      figures.click.push(await page.evaluate<number>(CLICK_TABLE(TABLE)))
    }
    // The exact count arrives in the background: the status says "of N rows" without ≈.
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`of ${opts.rows.toLocaleString('en-US')} rows`) })
      .waitFor({ timeout: 120_000 })
    await memory('table open')

    // Continuous forward scrolling from the top.
    await page.evaluate(START_SAMPLING)
    await wheelFor(page, opts.scroll)
    figures.scroll.push(await page.evaluate<ScrollFigures>(STOP_SAMPLING))
    await memory(`after ${opts.scroll} s of scrolling`)

    // Jumps to fractions of the scrollbar, far from each other (each needs a fetch).
    const fractions = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6]
    for (let run = 0; run < Math.max(opts.runs, 5); run++) {
      const { ms, requestMs } = await page.evaluate<{ ms: number; requestMs: number }>(JUMP(fractions[run % fractions.length]))
      figures.jumps.push(ms)
      figures.jumpRequests.push(requestMs)
    }

    // A tour: every tenth of the table, a second of scrolling at each.
    for (let tenth = 0; tenth < 10; tenth++) {
      await page.evaluate(JUMP(tenth / 10 + 0.05))
      await page.evaluate(START_SAMPLING)
      await wheelFor(page, 1)
      figures.scroll.push(await page.evaluate<ScrollFigures>(STOP_SAMPLING))
    }
    await memory('after a tour of the table (10 jumps + 10 s of scrolling)')
    return figures
  } finally {
    await browser.close()
    host?.child.kill()
    rmSync(dataDir, { recursive: true, force: true })
    await db.drop()
  }
}

function report(f: DialectFigures, opts: Options): void {
  const first = f.scroll[0]
  const all = f.scroll
  console.log(`\n${f.dialect} (${opts.rows.toLocaleString('en')} rows)`)
  console.log(`  click → rows painted            ${range(f.click)} ms  (median, range of ${f.click.length})`)
  console.log(`  jump → rows painted             ${range(f.jumps)} ms  (target 300 ms; ${f.jumps.length} jumps)`)
  console.log(`    of which records.page         ${range(f.jumpRequests)} ms  (the OFFSET read, over HTTP)`)
  console.log(
    `  ${opts.scroll} s of wheel scrolling         ${first.fps.toFixed(0)} fps, ${first.longTasks} long tasks (${first.longTaskMs.toFixed(0)} ms), ` +
      `${first.rowsScrolled.toLocaleString('en')} rows, placeholders drawn in ${first.placeholderFrames} of ${first.frames} frames`,
  )
  console.log(
    `  all scrolling (${all.length} spells)       fps ${range(
      all.map((s) => s.fps),
      0,
    )}, long tasks ${all.reduce((a, s) => a + s.longTasks, 0)}, ` +
      `viewport backward: first row ${all.reduce((a, s) => a + s.backFirst, 0)} times, scrollTop ${all.reduce((a, s) => a + s.backTop, 0)} times (must be 0)`,
  )
  for (const m of f.memory) console.log(`  memory ${m.when.padEnd(58)} JS heap ${mb(m.heap)}, host RSS ${mb(m.rss)}`)
}

async function main(): Promise<void> {
  const opts = options()
  if (!existsSync(CHROMIUM))
    throw new Error(`The grid bench needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`)
  console.log(
    `Rowboat grid bench: ${opts.rows.toLocaleString('en')} rows, ${opts.runs} runs, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  )
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-bench-'))
  try {
    const csv = join(dir, 'users.csv')
    await generateCsv(csv, opts.rows)
    for (const dialect of opts.only) report(await benchDialect(dialect, csv, opts, dir), opts)
    console.log(
      `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
