/**
 * Manual transactions in a Query tab, on every dialect: the tab's own connection (never the
 * grid's), Begin / Commit / Rollback, statements typed in the text, closing the tab or the session
 * with a transaction open, and a connection lost mid-transaction reported as rolled back.
 */
import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'

let counter = 0
const runId = () => `tx-run-${++counter}`

describeDialects('console transactions', (t) => {
  let sessionId = ''
  const count = async () => Number(((await t.raw('SELECT count(*) AS n FROM tx_items')) as Array<{ n: unknown }>)[0].n)
  const manualTab = async (session = sessionId) => {
    const tab = await t.call('query.newTab', { sessionId: session })
    return t.call('query.updateTab', { sessionId: session, tabId: tab.id, mode: 'manual' })
  }
  const run = (tabId: string, sql: string, session = sessionId) => t.call('query.run', { sessionId: session, runId: runId(), tabId, sql })

  beforeAll(async () => {
    sessionId = await t.open()
    await t.raw('CREATE TABLE tx_items (id INTEGER PRIMARY KEY, label VARCHAR(40))')
  })

  it('a run in manual mode opens a transaction on the tab’s own connection; Rollback undoes it, Commit keeps it', async () => {
    const tab = await manualTab()
    expect(tab).toMatchObject({ mode: 'manual', transactionOpen: false })
    const inserted = await run(tab.id, "INSERT INTO tx_items VALUES (1, 'one')")
    expect(inserted.statements[0].affectedRows).toBe(1)
    expect((await t.call('query.tabs', { sessionId })).find((x) => x.id === tab.id)?.transactionOpen).toBe(true)
    expect((await t.call('query.openTransactions', { sessionId })).map((x) => x.id)).toEqual([tab.id])
    // The tab sees its row; the grid (the session's pool) does not.
    expect((await run(tab.id, 'SELECT count(*) AS n FROM tx_items')).statements[0].rows).toEqual([[1]])
    if (t.dialect !== 'sqlite') expect((await t.call('records.page', { sessionId, table: 'tx_items' })).rows).toEqual([])
    expect(await t.call('query.transaction', { sessionId, tabId: tab.id, action: 'rollback' })).toMatchObject({ transactionOpen: false })
    expect(await count()).toBe(0)

    expect(await t.call('query.transaction', { sessionId, tabId: tab.id, action: 'begin' })).toMatchObject({ transactionOpen: true })
    await run(tab.id, "INSERT INTO tx_items VALUES (2, 'two')")
    expect(await t.call('query.transaction', { sessionId, tabId: tab.id, action: 'commit' })).toMatchObject({ transactionOpen: false })
    expect(await count()).toBe(1)
    // Commit with nothing open does nothing.
    expect(await t.call('query.transaction', { sessionId, tabId: tab.id, action: 'commit' })).toMatchObject({ transactionOpen: false })
    await t.call('query.closeTab', { sessionId, tabId: tab.id })
  })

  it('follows BEGIN, COMMIT and ROLLBACK typed in the text', async () => {
    const tab = await manualTab()
    const begin = t.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN'
    await run(tab.id, `${begin};\nINSERT INTO tx_items VALUES (3, 'three');\nROLLBACK`)
    expect((await t.call('query.tabs', { sessionId })).find((x) => x.id === tab.id)?.transactionOpen).toBe(false)
    expect(await count()).toBe(1)
    await run(tab.id, "INSERT INTO tx_items VALUES (4, 'four');\nCOMMIT")
    expect((await t.call('query.tabs', { sessionId })).find((x) => x.id === tab.id)?.transactionOpen).toBe(false)
    expect(await count()).toBe(2)
    await t.call('query.closeTab', { sessionId, tabId: tab.id })
  })

  it('closing the tab, leaving manual mode or closing the session rolls back what is open', async () => {
    const tab = await manualTab()
    await run(tab.id, "INSERT INTO tx_items VALUES (10, 'closed tab')")
    expect(await t.call('query.closeTab', { sessionId, tabId: tab.id })).toEqual({ closed: true, rolledBack: true })
    expect(await count()).toBe(2)

    const other = await manualTab()
    await run(other.id, "INSERT INTO tx_items VALUES (11, 'to auto')")
    expect(await t.call('query.updateTab', { sessionId, tabId: other.id, mode: 'auto' })).toMatchObject({
      mode: 'auto',
      transactionOpen: false,
    })
    expect(await count()).toBe(2)
    // Back in auto-commit, statements commit one by one.
    await run(other.id, "INSERT INTO tx_items VALUES (12, 'auto')")
    expect(await count()).toBe(3)
    await t.call('query.closeTab', { sessionId, tabId: other.id })

    const session = await t.open()
    const third = await manualTab(session)
    await run(third.id, "INSERT INTO tx_items VALUES (13, 'closed session')", session)
    expect(await t.call('sessions.close', { sessionId: session })).toEqual({ closed: true })
    expect(await count()).toBe(3)
  })

  it.skipIf(t.dialect === 'sqlite')('a connection lost mid-transaction is reported as rolled back, and the tab goes on', async () => {
    const tab = await manualTab()
    const idQuery = t.dialect === 'postgres' ? 'SELECT pg_backend_pid() AS id' : 'SELECT CONNECTION_ID() AS id'
    const id = Number((await run(tab.id, `INSERT INTO tx_items VALUES (20, 'lost');\n${idQuery}`)).statements[1].rows[0][0])
    await t.raw(t.dialect === 'postgres' ? `SELECT pg_terminate_backend(${id})` : `KILL ${id}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = await t.result('query.run', { sessionId, runId: runId(), tabId: tab.id, sql: 'SELECT 1 AS one' })
    // Reported either by the run (the statement met the dead connection) or before it (the driver already knew).
    const error = after.ok ? after.value.statements[0].error : after.error
    expect(error?.code).toBe('CONNECTION_LOST')
    expect(error?.message).toMatch(/rolled the transaction back/)
    expect(await count()).toBe(3)
    // The next run opens a new connection (and a new transaction).
    expect((await run(tab.id, 'SELECT 2 AS two')).statements[0].rows).toEqual([[2]])
    await t.call('query.closeTab', { sessionId, tabId: tab.id })
  })
})
