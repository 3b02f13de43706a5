import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { consoleRunner, only, slowStatement } from './console-support'
import { describeDialects } from './harness'

describeDialects('query console', (t) => {
  let sessionId = ''
  const { run, nextRunId } = consoleRunner(t, () => sessionId, 'run')
  const bigint = t.dialect === 'postgres' ? 'bigint' : t.dialect === 'mysql' ? 'BIGINT' : 'INTEGER'
  const blob = t.dialect === 'postgres' ? 'bytea' : 'BLOB'
  const dec = t.dialect === 'sqlite' ? 'TEXT' : 'DECIMAL(30,10)'

  beforeAll(async () => {
    sessionId = await t.open()
    await run(`CREATE TABLE qc_items (id ${bigint} PRIMARY KEY, amount ${dec}, ratio DOUBLE PRECISION, data ${blob}, label VARCHAR(20))`)
  })

  it('runs a script statement by statement, with DML counts and exact values', async () => {
    const hex = t.dialect === 'postgres' ? "'\\x00ff10'::bytea" : "X'00FF10'"
    const result = await run(
      `INSERT INTO qc_items VALUES (9223372036854775807, '12345678901234567890.0000000001', 0.1, ${hex}, '007');\n` +
        `INSERT INTO qc_items VALUES (2, '1.5', -2.5e-300, NULL, 'x;y');\n` +
        `UPDATE qc_items SET label = 'z' WHERE id = 2;\n` +
        `SELECT id, amount, ratio, data, label FROM qc_items ORDER BY id`,
    )
    expect(result.statements.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'rows'])
    expect(result.statements.map((s) => s.affectedRows)).toEqual([1, 1, 1, null])
    const select = result.statements[3]
    expect(select.columns.map((c) => c.name)).toEqual(['id', 'amount', 'ratio', 'data', 'label'])
    const amount = t.dialect === 'sqlite' ? '12345678901234567890.0000000001' : '12345678901234567890.0000000001'
    expect(select.rows).toEqual([
      [2, t.dialect === 'sqlite' ? '1.5' : '1.5000000000', -2.5e-300, null, 'z'],
      ['9223372036854775807', amount, 0.1, { base64: 'AP8Q', bytes: 3, truncated: false }, '007'],
    ])
    expect(select.start.line).toBe(4)
    expect(select.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('keeps repeated column names and answers an empty result with its columns', async () => {
    const result = only(await run('SELECT 1 AS a, 2 AS a'))
    expect(result.rows).toEqual([[1, 2]])
    expect(result.columns).toHaveLength(2)
    const empty = only(await run('SELECT id, label FROM qc_items WHERE 1 = 0'))
    expect(empty.outcome).toBe('rows')
    expect(empty.columns.map((c) => c.name)).toEqual(['id', 'label'])
    expect(empty.rows).toEqual([])
  })

  it('runs only the statement under the cursor, or those a selection touches', async () => {
    const text = 'SELECT 1 AS one;\nSELECT 2 AS two;\nSELECT 3 AS three'
    expect(only(await run(text, { range: { from: 20, to: 20 } })).rows).toEqual([[2]])
    const both = await run(text, { range: { from: 3, to: 20 } })
    expect(both.statements.map((s) => s.rows)).toEqual([[[1]], [[2]]])
  })

  it('caps rows at the limit and says more exist', async () => {
    const series =
      t.dialect === 'postgres'
        ? 'SELECT g FROM generate_series(1, 5000) AS g'
        : t.dialect === 'mysql'
          ? 'WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 5000) SELECT g FROM s'
          : 'WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 5000) SELECT g FROM s'
    const result = only(await run(series, { rowLimit: 100 }))
    expect(result.rows).toHaveLength(100)
    expect(result.rows[99]).toEqual([100])
    expect(result.moreRows).toBe(true)
  })

  it('stops at the first error, naming the statement and the position', async () => {
    const result = await run('SELECT 1;\nSELECT *\n  FROM qc_no_such_table;\nSELECT 3')
    expect(result.statements).toHaveLength(2)
    expect(result.skipped).toBe(1)
    const failed = result.statements[1]
    expect(failed.outcome).toBe('error')
    expect(failed.error?.code).toBe('TABLE_NOT_FOUND')
    expect(failed.index).toBe(1)
    // PostgreSQL points at the table name; MySQL and SQLite at the statement's line.
    if (t.dialect === 'postgres') expect(failed.error?.position).toMatchObject({ line: 3, column: 8 })
    else expect(failed.error?.position?.line).toBeGreaterThanOrEqual(2)
    const syntax = only(await run('SELECT 1;\nSELEC 2'.split(';\n')[1]))
    expect(syntax.error?.code).toBe('QUERY_FAILED')
  })

  it('cancels a long statement in the database, and the session still works', async () => {
    const slow = slowStatement(t.dialect)
    const runId = nextRunId()
    const started = Date.now()
    const pending = run(`${slow};\nSELECT 2`, { runId })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await t.call('query.cancel', { sessionId, runId })).toEqual({ cancelled: true })
    const result = await pending
    expect(Date.now() - started).toBeLessThan(5000)
    expect(result.cancelled).toBe(true)
    // MySQL's SLEEP answers 1 when killed instead of failing; either way the run stops there.
    expect(result.statements).toHaveLength(1)
    if (t.dialect !== 'mysql') expect(result.statements[0].outcome).toBe('cancelled')
    expect(result.skipped).toBe(1)
    expect(only(await run('SELECT 5 AS five')).rows).toEqual([[5]])
    expect(await t.call('query.cancel', { sessionId, runId })).toEqual({ cancelled: false })
  })

  it('a read-only session is refused writes by the database itself', async () => {
    const saved = await t.call('connections.save', { name: 'console read-only', url: t.url, readOnly: true })
    const readOnly = await t.call('connections.open', { id: saved.id })
    for (const sql of [
      "INSERT INTO qc_items (id, label) VALUES (99, 'no')",
      "UPDATE qc_items SET label = 'no'",
      'DELETE FROM qc_items',
      'DROP TABLE qc_items',
    ]) {
      const result = await t.call('query.run', { sessionId: readOnly.sessionId, runId: nextRunId(), sql })
      const statement = result.statements[0]
      expect(statement.outcome, sql).toBe('error')
      expect(statement.error?.code, sql).toBe('PERMISSION_DENIED')
      expect(statement.error?.driverCode, sql).toBeTruthy() // the database's own refusal
    }
    // A statement cannot lift it for the next one: the mode is set again before each.
    const lift =
      t.dialect === 'postgres'
        ? 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'
        : t.dialect === 'mysql'
          ? 'SET SESSION TRANSACTION READ WRITE'
          : 'PRAGMA query_only = OFF'
    const lifted = await t.call('query.run', { sessionId: readOnly.sessionId, runId: nextRunId(), sql: `${lift};\nDELETE FROM qc_items` })
    expect(lifted.statements.at(-1)?.error?.code).toBe('PERMISSION_DENIED')
    expect(only(await run('SELECT count(*) AS n FROM qc_items')).rows).toEqual([[2]])
    // Reading still works.
    const read = await t.call('query.run', { sessionId: readOnly.sessionId, runId: nextRunId(), sql: 'SELECT count(*) AS n FROM qc_items' })
    expect(read.statements[0].rows).toEqual([[2]])
  })

  it('keeps history and the tabs in the data folder (0600), newest first, searchable', async () => {
    await run('SELECT 42 AS history_marker')
    const history = await t.call('query.history', { sessionId, search: 'history_marker' })
    expect(history[0]).toMatchObject({ sql: 'SELECT 42 AS history_marker', outcome: 'rows', rows: 1 })
    const tab = await t.call('query.newTab', { sessionId })
    await t.call('query.updateTab', { sessionId, tabId: tab.id, text: 'SELECT kept' })
    expect((await t.call('query.tabs', { sessionId })).find((kept) => kept.id === tab.id)?.text).toBe('SELECT kept')
    const dir = join(t.dir, 'console')
    for (const name of readdirSync(dir)) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, name), 'utf8')).not.toMatch(/password/i)
    }
  })

  it('lists tables and columns for completion', async () => {
    const schema = await t.call('query.schema', { sessionId })
    expect(schema.find((table) => table.name === 'qc_items')?.columns).toEqual(['id', 'amount', 'ratio', 'data', 'label'])
  })
})
