/**
 * Query tabs (text kept in the data folder across a restart), the per-tab statement timeout, and
 * saved queries, on every dialect.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createApi } from '../../src/main/api'
import type { ConsoleTab, SessionInfo } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'
import { slowStatement } from './console-support'
import { describeDialects } from './harness'

let counter = 0
const runId = () => `tabs-run-${++counter}`

describeDialects('console tabs', (t) => {
  it('opens several tabs, each with its own text, kept in the data folder across a restart', async () => {
    const sessionId = await t.open()
    const first = await t.call('query.newTab', { sessionId })
    const second = await t.call('query.newTab', { sessionId })
    expect([first.title, second.title]).toEqual(['Query 1', 'Query 2'])
    expect(first.id).not.toBe(second.id)
    await t.call('query.updateTab', { sessionId, tabId: first.id, text: 'SELECT 1 AS first_tab' })
    await t.call('query.updateTab', { sessionId, tabId: second.id, text: 'SELECT 2 AS second_tab', timeoutSeconds: 30 })

    // Another process on the same data folder: what a restart sees.
    const restarted = createApi({ baseDir: t.dir, log: () => undefined })
    try {
      const opened = (await restarted.router.invoke('sessions.open', { url: t.url })) as Result<SessionInfo>
      if (!opened.ok) throw new AppError(opened.error)
      const tabs = (await restarted.router.invoke('query.tabs', { sessionId: opened.value.sessionId })) as Result<ConsoleTab[]>
      if (!tabs.ok) throw new AppError(tabs.error)
      expect(tabs.value.map((tab) => [tab.title, tab.text, tab.timeoutSeconds, tab.mode, tab.transactionOpen])).toEqual([
        ['Query 1', 'SELECT 1 AS first_tab', null, 'auto', false],
        ['Query 2', 'SELECT 2 AS second_tab', 30, 'auto', false],
      ])
    } finally {
      await restarted.engine.shutdown()
      await restarted.log.close()
    }

    expect(await t.call('query.closeTab', { sessionId, tabId: first.id })).toEqual({ closed: true, rolledBack: false })
    expect((await t.call('query.tabs', { sessionId })).map((tab) => tab.id)).toEqual([second.id])
    // The next number follows the highest in use.
    expect((await t.call('query.newTab', { sessionId })).title).toBe('Query 3')
    const missing = await t.result('query.updateTab', { sessionId, tabId: first.id, text: 'x' })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
    await t.call('sessions.close', { sessionId })
  })

  it('stops a statement at the tab timeout, in the database, says so, and the session still works', async () => {
    const sessionId = await t.open()
    const slow = slowStatement(t.dialect)
    const started = Date.now()
    const result = await t.call('query.run', { sessionId, runId: runId(), sql: `${slow};\nSELECT 2`, timeoutSeconds: 1 })
    expect(Date.now() - started).toBeLessThan(6000)
    expect(result.statements).toHaveLength(1)
    const [statement] = result.statements
    expect(statement.outcome).toBe('error')
    expect(statement.error?.code).toBe('TIMEOUT')
    expect(statement.error?.message).toBe('Timed out after 1 s: the database stopped the statement.')
    if (t.dialect !== 'sqlite') expect(statement.error?.driverCode).toBe(t.dialect === 'postgres' ? '57014' : '1969')
    expect(result.skipped).toBe(1)
    expect(result.cancelled).toBe(false)

    // The pooled connection did not keep the limit: a statement longer than it runs on every connection of the pool.
    const longer =
      t.dialect === 'postgres' ? 'SELECT 1 AS slept FROM pg_sleep(1.3)' : t.dialect === 'mysql' ? 'SELECT SLEEP(1.3) = 0 AS slept' : null
    if (longer) {
      const runs = await Promise.all([1, 2, 3].map(() => t.call('query.run', { sessionId, runId: runId(), sql: longer })))
      for (const run of runs) expect(run.statements[0].rows).toEqual([[1]])
    }
    const after = await t.call('query.run', { sessionId, runId: runId(), sql: 'SELECT 5 AS five', timeoutSeconds: 1 })
    expect(after.statements[0].rows).toEqual([[5]])
    await t.call('sessions.close', { sessionId })
  })

  it('keeps saved queries per connection: save, list, open, rename, delete', async () => {
    const sessionId = await t.open()
    const saved = await t.call('query.save', { sessionId, name: 'Active users', sql: 'SELECT 1 AS active' })
    await t.call('query.save', { sessionId, name: 'another', sql: 'SELECT 2' })
    expect((await t.call('query.savedList', { sessionId })).map((q) => [q.name, q.sql])).toEqual([
      ['Active users', 'SELECT 1 AS active'],
      ['another', 'SELECT 2'],
    ])
    // Saving under a name in use (any case) replaces that query's text.
    const replaced = await t.call('query.save', { sessionId, name: 'active USERS', sql: 'SELECT 3 AS active' })
    expect(replaced.id).toBe(saved.id)
    expect((await t.call('query.savedList', { sessionId })).map((q) => q.sql)).toEqual(['SELECT 3 AS active', 'SELECT 2'])

    const renamed = await t.call('query.renameSaved', { sessionId, id: saved.id, name: 'Zebra' })
    expect(renamed.name).toBe('Zebra')
    const clash = await t.result('query.renameSaved', { sessionId, id: saved.id, name: 'ANOTHER' })
    expect(!clash.ok && clash.error.code).toBe('VALIDATION')
    const empty = await t.result('query.save', { sessionId, name: '  ', sql: 'SELECT 1' })
    expect(!empty.ok && empty.error.code).toBe('INVALID_INPUT')

    // Another session of the same connection sees them; they are in the data folder.
    const other = await t.open()
    expect((await t.call('query.savedList', { sessionId: other })).map((q) => q.name)).toEqual(['another', 'Zebra'])
    expect(await t.call('query.deleteSaved', { sessionId: other, id: saved.id })).toEqual({ deleted: true })
    expect(await t.call('query.deleteSaved', { sessionId: other, id: saved.id })).toEqual({ deleted: false })
    expect((await t.call('query.savedList', { sessionId })).map((q) => q.name)).toEqual(['another'])
    const files = readdirSync(join(t.dir, 'console')).map((name) => readFileSync(join(t.dir, 'console', name), 'utf8'))
    expect(files.some((text) => text.includes('"name":"another"'))).toBe(true)
    await t.call('sessions.close', { sessionId })
    await t.call('sessions.close', { sessionId: other })
  })
})
