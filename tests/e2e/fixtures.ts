/**
 * End-to-end fixtures: a real browser host (the built app, `node out/main/serve.js`) on a temp
 * data folder, and database targets for every dialect the run has.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { createSequelize } from '../../src/main/engine/connection/connect'
import { closeQuietly } from '../../src/main/engine/connection/deadline'
import { applyPendingMigrations } from '../../src/main/engine/migrator'
import { seedSampleData } from '../../src/main/host/first-start'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import type { Dialect } from '../../src/shared/connection-types'
import { createServerDatabase, rawQuery } from '../support/databases'

export interface BrowserHost {
  url: string
  origin: string
  token: string
  dataDir: string
  /** Lines the host printed, for debugging and for checking nothing secret is logged. */
  output: string[]
}

const ROOT = resolve(__dirname, '../..')

export async function startHost(dataDir: string): Promise<{ host: BrowserHost; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/serve.js'), '--data-dir', dataDir], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  })
  const output: string[] = []
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser host did not start:\n${output.join('')}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString())
      const match = /Rowboat is running at (\S+)/.exec(output.join(''))
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`The browser host exited (${code}):\n${output.join('')}`)))
  })
  const parsed = new URL(url)
  return { child, host: { url, origin: parsed.origin, token: parsed.hash.replace('#token=', ''), dataDir, output } }
}

export interface DialectTarget {
  dialect: Dialect
  /** What the test pastes into the connection form. */
  url: string
  label: string
}

/** A database with the app's migrations and the sample rows, for each dialect this run has. */
export async function seededDatabase(dialect: Dialect, dataDir: string): Promise<{ target: DialectTarget; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const url = `sqlite:${join(dataDir, `seeded-${Date.now()}.sqlite`)}`
    await seed(url, true)
    return { target: { dialect, url, label: 'SQLite' }, drop: async () => undefined }
  }
  const server = serverUrl(dialect)!
  const created = await createServerDatabase(dialect, server)
  await seed(created.url, false)
  return { target: { dialect, url: created.url, label: dialect === 'mysql' ? 'MariaDB' : 'PostgreSQL' }, drop: created.drop }
}

/** An empty database of the dialect (for migration and connection scenarios). */
export async function emptyDatabase(dialect: Exclude<Dialect, 'sqlite'>) {
  return createServerDatabase(dialect, serverUrl(dialect)!)
}

async function seed(url: string, createFile: boolean): Promise<void> {
  const sequelize = createSequelize(parseConnectionUrl(url), { baseDir: '/', createSqliteFile: createFile })
  try {
    await applyPendingMigrations(sequelize)
    await seedSampleData(sequelize)
  } finally {
    await closeQuietly(sequelize)
  }
}

const ENV = { mysql: 'TEST_MYSQL_URL', postgres: 'TEST_PG_URL' } as const
export function serverUrl(dialect: Exclude<Dialect, 'sqlite'>): string | undefined {
  return process.env[ENV[dialect]] || undefined
}

/** The dialects this run covers: SQLite always; servers when their URL is set (under CI they must be). */
export function dialects(): Dialect[] {
  const list: Dialect[] = ['sqlite']
  for (const dialect of ['mysql', 'postgres'] as const) {
    if (serverUrl(dialect)) list.push(dialect)
    else if (process.env.CI === 'true') throw new Error(`${ENV[dialect]} is not set: under CI every dialect must run end to end.`)
    else console.warn(`[rowboat e2e] ${dialect} scenarios skipped: set ${ENV[dialect]} to run them.`)
  }
  return list
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const test = base.extend<{ app: Page; consoleErrors: string[]; needsChromium: void }, { host: BrowserHost }>({
  /** Outside CI, a machine without Chromium skips these tests with the fix; under CI it fails. */
  needsChromium: [
    // Playwright reads a fixture's dependencies from this destructuring: none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
        test.skip(
          true,
          `Chromium is not installed at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
        )
      }
      await use()
    },
    { auto: true },
  ],
  host: [
    // eslint-disable-next-line no-empty-pattern -- no dependencies (see needsChromium)
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rowboat-e2e-'))
      const { host, child } = await startHost(dataDir)
      // A new data folder is a first start, whose window opens the sample at once (first-start.spec.ts
      // covers that). The specs here start on the connect screen, so the one-time offer is taken now.
      await takeStartOffer(host)
      await use(host)
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    await use(errors)
  },
  /** The app opened in the browser, on the connection screen. No console errors allowed, ever. */
  app: async ({ page, host, consoleErrors }, use) => {
    await page.goto(host.url)
    await use(page)
    expect(consoleErrors, 'console errors on this screen').toEqual([])
  },
})

export { expect }

/** The browser host's API, as the app calls it (for setting up and cleaning up): the value, or a thrown error naming the channel. */
export async function hostCall<T>(host: BrowserHost, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } }
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.message}`)
  return result.value as T
}

/** Calls app.startup as the window would on load, so the first-start offer is used up; answers it. */
export async function takeStartOffer(host: BrowserHost): Promise<string | null> {
  return (await hostCall<{ open: string | null }>(host, 'app.startup', {})).open
}

/** Saves a connection through the host's API (as the connect screen would) and answers its id. */
export async function saveConnection(host: BrowserHost, connection: { name: string; url: string; readOnly?: boolean }): Promise<string> {
  return (await hostCall<{ id: string }>(host, 'connections.save', connection)).id
}

/** From the connection list: the named connection's Connect button, then wait for its tables. */
export async function connectFromList(page: Page, name: string): Promise<void> {
  // The saved connection named exactly `name`: the worker's host keeps earlier tests' connections, and
  // "Conflict sqlite" is also part of "Console conflict sqlite" (seen connecting to the wrong one).
  const exactly = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
  const named = page.locator('.conn-item-name').filter({ hasText: exactly })
  await page.getByRole('listitem').filter({ has: named }).first().getByRole('button', { name: 'Connect' }).click()
  await expect(page.getByRole('navigation', { name: 'Tables' })).toBeVisible()
}

/**
 * A seeded database of the dialect, saved and opened through the real connection list. Answers
 * plain-driver SQL on it (to check or change things behind the app's back) and how to drop it.
 */
export async function openSeeded(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const { target, drop } = await seededDatabase(dialect, host.dataDir)
  await saveConnection(host, { name, url: target.url })
  await page.reload()
  await connectFromList(page, name)
  const sql = (query: string) => rawQuery(dialect, target.url, query)
  return { target, sql, drop }
}

/**
 * Saves a README screenshot (docs/screenshots/<name>.png) when UPDATE_SCREENSHOTS=1, so ordinary
 * runs leave the committed pictures alone.
 */
export async function saveReadmeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return
  await page.screenshot({ path: resolve(ROOT, 'docs/screenshots', `${name}.png`) })
}
