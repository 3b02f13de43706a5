/**
 * The SQL console on every dialect: type a query, run the statement under the cursor with the
 * keyboard and see its rows with exact values; run all; an error names its line; the text is still
 * there after a reload; completion offers the session's tables and columns; a slow statement is
 * cancelled by Esc and by the Cancel button, and the session runs the next one.
 */
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, test } from './fixtures'
import { QueryPage } from './pages/query-page'

/** A statement that runs for 30 s or more unless it is cancelled. */
function slowStatement(dialect: Dialect): string {
  if (dialect === 'postgres') return 'SELECT pg_sleep(30)'
  if (dialect === 'mysql') return 'SELECT SLEEP(30)'
  return 'WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r'
}

for (const dialect of dialects()) {
  test.describe(`console on ${dialect}`, () => {
    test('completion offers tables and columns; a slow statement is cancelled by Esc and by Cancel; the session goes on', async ({
      app: page,
      host,
    }) => {
      const { drop } = await openSeeded(page, host, dialect, `Console cancel ${dialect}`)
      try {
        const query = new QueryPage(page)
        await query.open()
        await query.type('SELECT users.id FROM use')
        const options = page.getByRole('listbox').getByRole('option')
        // CodeMirror takes no Enter in the first 75 ms a list is open (its interactionDelay): a person is slower.
        const accept = async () => {
          await page.waitForTimeout(250)
          await page.keyboard.press('Enter')
        }
        await expect(options.filter({ hasText: /^users/ }).first()).toBeVisible()
        await accept()
        await query.editor().pressSequentially(' WHERE users.usern')
        await expect(options.filter({ hasText: /^username/ }).first()).toBeVisible()
        await accept()
        await query.editor().pressSequentially(" = 'no one'")
        await expect(query.editor()).toHaveText("SELECT users.id FROM users WHERE users.username = 'no one'")
        await query.runCurrent()
        await expect(query.results().first().getByRole('status')).toContainText('0 rows')

        for (const how of ['Esc', 'the Cancel button'] as const) {
          await query.type(slowStatement(dialect))
          const started = Date.now()
          await query.runCurrent()
          const cancel = page.getByRole('button', { name: 'Cancel', exact: true })
          await expect(cancel).toBeVisible()
          await page.waitForTimeout(500) // the statement is at work in the database
          if (how === 'Esc') await page.keyboard.press('Escape')
          else await cancel.click()
          await expect(query.results().first().getByRole('alert'), how).toContainText('Cancelled')
          await expect(query.results().first().getByRole('status')).toContainText('Cancelled')
          expect(Date.now() - started, `cancelled by ${how} well before the statement's 30 s`).toBeLessThan(20_000)
        }
        // The session is still usable.
        await query.type('SELECT 41 + 1 AS answer')
        await query.runCurrent()
        expect(await query.rows(0)).toEqual(['42'])
      } finally {
        await drop()
      }
    })

    test('type, run with the keyboard, see exact rows; run all; errors; text kept', async ({ app: page, host }) => {
      const { drop } = await openSeeded(page, host, dialect, `Console ${dialect}`)
      try {
        const query = new QueryPage(page)
        await query.open()
        await query.type("SELECT 9007199254740993 AS big, 'a;b' AS text_value;\nSELECT 2 AS two")
        // The cursor is at the end, in the second statement.
        await query.runCurrent()
        await expect(query.results()).toHaveCount(1)
        expect(await query.rows(0)).toEqual(['2'])
        await query.runAll()
        await expect(query.results()).toHaveCount(2)
        expect(await query.rows(0)).toEqual(['9007199254740993 | a;b'])
        await expect(query.results().nth(0).getByRole('status')).toContainText('1 row')

        await query.type('SELECT count(*) AS n FROM users;\nSELECT * FROM no_such_table')
        await query.runAll()
        await expect(query.results()).toHaveCount(2)
        await expect(query.results().nth(1).getByRole('alert')).toContainText('line 2')

        // The text survives a reload (kept in the data folder through the API).
        await page.waitForTimeout(800)
        await page.reload()
        await page
          .getByRole('listitem')
          .filter({ hasText: `Console ${dialect}` })
          .first()
          .getByRole('button', { name: 'Connect' })
          .click()
        await query.open()
        await expect(query.editor()).toContainText('no_such_table')
      } finally {
        await drop()
      }
    })

    test('a History entry opens into the editor with the keyboard and runs again', async ({ app: page, host }) => {
      const { drop } = await openSeeded(page, host, dialect, `History ${dialect}`)
      try {
        const query = new QueryPage(page)
        const entry = 'SELECT 40 + 2 AS answer'
        await query.open()
        await query.type(entry)
        await query.runCurrent()
        expect(await query.rows(0)).toEqual(['42'])

        // Something else in the editor, cursor at its end: the entry goes in on a new line after it.
        await query.type('SELECT 7 AS other')
        await query.openHistory()
        await query.openHistoryEntry(entry)
        await expect(query.editor().locator('.cm-line')).toHaveText(['SELECT 7 AS other', entry])
        // The editor has the focus again, with the cursor after the entry.
        await page.keyboard.type(';')
        await expect(query.editor().locator('.cm-line')).toHaveText(['SELECT 7 AS other', `${entry};`])

        // Run again runs the entry itself, whatever the editor holds.
        await query.type('SELECT 7 AS other')
        await query.runHistoryEntryAgain(entry)
        await expect(query.results()).toHaveCount(1)
        await expect(query.results().nth(0).locator('.query-result-sql')).toHaveText(entry)
        expect(await query.rows(0)).toEqual(['42'])
      } finally {
        await drop()
      }
    })
  })
}
