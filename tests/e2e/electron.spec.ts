import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { electronBinary } from './electron-binary'

const binary = electronBinary()

test.describe('Electron window', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed on this machine (npx install-electron fetches it); the browser-host specs cover the same UI.",
  )

  test('the first launch opens the sample database; after Disconnect the list has it', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'rowboat-electron-'))
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve(__dirname, '../..')],
      env: { ...process.env, ROWBOAT_DATA_DIR: userData },
    })
    try {
      const window = await app.firstWindow()
      // The sandboxed preload exposes exactly the API, nothing of Node.
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
      expect(await window.evaluate(() => typeof (window as unknown as { rowboat?: unknown }).rowboat)).toBe('object')
      // A new data folder is a first start: the sample opens without a click.
      await expect(window.getByRole('navigation', { name: 'Tables' }).getByText('users', { exact: true })).toBeVisible()
      await window.getByRole('button', { name: 'Disconnect' }).click()
      const sample = window.getByRole('listitem').filter({ hasText: 'Sample database' })
      await expect(sample).toBeVisible()
      await sample.getByRole('button', { name: 'Connect' }).click()
      await expect(window.getByRole('navigation', { name: 'Tables' }).getByText('users', { exact: true })).toBeVisible()
    } finally {
      await app.close()
      rmSync(userData, { recursive: true, force: true })
    }
  })
})
