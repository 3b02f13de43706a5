/**
 * The very first start (README: `npm start` opens the sample database): a new data folder makes
 * the sample, and the window opens on it without a click. Only that first load: a reload, and any
 * later launch on the same folder, show the connect screen; so does a folder that already has saved
 * connections. Each test runs a host of its own (the shared fixture's host has used its offer).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { expect, test, type Page } from '@playwright/test'
import { startHost, type BrowserHost } from './fixtures'
import { ConnectPage } from './pages/connect-page'

/** What the page's own app.startup call answered (waited for, so "nothing opened" is not a race). */
async function startupAnswer(page: Page, load: () => Promise<unknown>): Promise<unknown> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/app.startup')), load()])
  return response.json()
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
}

test.describe('first start', () => {
  let dataDir = ''
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rowboat-first-'))
  })
  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  test('a new data folder opens the sample at once; a reload and the next launch show the connect screen', async ({ page }) => {
    let run: { host: BrowserHost; child: ChildProcess } | null = await startHost(dataDir)
    try {
      expect(await startupAnswer(page, () => page.goto(run!.host.url))).toEqual({ ok: true, value: { open: 'sample' } })
      const tables = page.getByRole('navigation', { name: 'Tables' })
      for (const name of ['notes', 'posts', 'users']) await expect(tables.getByRole('button', { name, exact: true })).toBeVisible()
      await expect(page.locator('.workspace-header')).toContainText('Sample database')

      // The offer was for that first load only.
      expect(await startupAnswer(page, () => page.reload())).toEqual({ ok: true, value: { open: null } })
      const connect = new ConnectPage(page)
      await expect(connect.item('Sample database')).toBeVisible()
      await expect(tables).toBeHidden()
      await stop(run.child)

      // The next launch on the same folder: the sample is there already, so the connect screen.
      run = await startHost(dataDir)
      expect(await startupAnswer(page, () => page.goto(run!.host.url))).toEqual({ ok: true, value: { open: null } })
      await expect(connect.item('Sample database')).toBeVisible()
      await expect(tables).toBeHidden()
    } finally {
      if (run) await stop(run.child)
    }
  })

  test('a folder with saved connections (and no sample yet) shows the connect screen', async ({ page }) => {
    writeFileSync(
      join(dataDir, 'connections.json'),
      JSON.stringify({
        version: 1,
        connections: [{ id: 'c1', name: 'My app', url: `sqlite:${join(dataDir, 'app.sqlite')}`, color: null, readOnly: false }],
      }),
      { mode: 0o600 },
    )
    const run = await startHost(dataDir)
    try {
      expect(await startupAnswer(page, () => page.goto(run.host.url))).toEqual({ ok: true, value: { open: null } })
      const connect = new ConnectPage(page)
      await expect(connect.item('My app')).toBeVisible()
      await expect(connect.item('Sample database')).toBeVisible()
      await expect(page.getByRole('navigation', { name: 'Tables' })).toBeHidden()
    } finally {
      await stop(run.child)
    }
  })
})
