import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'
import { rawAll } from './records-fixtures'

/**
 * Pages and counts are read on a pooled driver connection past Sequelize's query path
 * (direct-select.ts): values must be placed exactly, a refusal must still come back as
 * Sequelize's error (QUERY_FAILED with the database's own words), and the connection must go back
 * to the pool each time.
 */
describeDialects('records: reads past Sequelize', (t) => {
  let sessionId = ''
  beforeAll(async () => {
    await rawAll(t, [
      'CREATE TABLE oars (id INTEGER PRIMARY KEY, side VARCHAR(20), length INTEGER)',
      "INSERT INTO oars (id, side, length) VALUES (1, 'port', 300), (2, 'starboard', 310), (3, 'p''?$1 \\\\ x', 320)",
      'CREATE TABLE hulls (id INTEGER PRIMARY KEY)',
      'INSERT INTO hulls (id) VALUES (1), (2)',
      'CREATE TABLE rudders (id INTEGER PRIMARY KEY, blade VARCHAR(20), note VARCHAR(20))',
      "INSERT INTO rudders (id, blade, note) VALUES (1, 'wide', 'n1'), (2, 'narrow', 'n2')",
    ])
    sessionId = await t.open()
  })

  it('places values holding quotes, ?, $1 and a backslash exactly', async () => {
    const stored = (await t.call('records.get', { sessionId, table: 'oars', key: { id: 3 } })).side
    expect(String(stored)).toMatch(/^p'\?\$1 \\+ x$/)
    const page = await t.call('records.page', { sessionId, table: 'oars', filters: [{ column: 'side', op: 'eq', value: stored }] })
    expect(page.rows.map((r) => r.id)).toEqual([3])
    const count = await t.call('records.count', {
      sessionId,
      table: 'oars',
      filters: [{ column: 'side', op: 'contains', value: "p'?$1" }],
      exact: true,
    })
    expect(count).toEqual({ value: 1, exact: true })
  })

  it('answers QUERY_FAILED with the database words when the table went away behind the cached schema, and keeps its connections', async () => {
    const first = await t.call('records.page', { sessionId, table: 'oars', sort: [{ column: 'length', direction: 'desc' }] })
    expect(first.rows.map((r) => r.id)).toEqual([3, 2, 1])
    await t.raw('DROP TABLE oars')
    // More refusals than the session's pool has connections: each one must have been given back.
    for (let i = 0; i < 7; i++) {
      const answer = await t.result('records.page', { sessionId, table: 'oars' })
      expect(answer.ok).toBe(false)
      if (!answer.ok) {
        expect(answer.error.code).toBe('QUERY_FAILED')
        expect(answer.error.message).toMatch(/oars/)
      }
    }
    expect(await t.call('records.count', { sessionId, table: 'hulls', filters: [], exact: true })).toEqual({ value: 2, exact: true })
  })

  // SQLite reads a double-quoted name it cannot resolve as a string literal: a column dropped behind
  // the cached schema would come back as its own name in every row, or a row found by key would
  // carry that text. Every dialect must refuse instead, and read the new shape once refreshed.
  it('refuses, never invents values, when a column went away behind the cached schema', async () => {
    const before = await t.call('records.page', { sessionId, table: 'rudders' })
    expect(before.rows.map((r) => r.blade)).toEqual(['wide', 'narrow'])
    await t.raw('ALTER TABLE rudders DROP COLUMN blade')
    for (const answer of [
      await t.result('records.page', { sessionId, table: 'rudders' }),
      await t.result('records.get', { sessionId, table: 'rudders', key: { id: 1 } }),
    ]) {
      expect(answer.ok, JSON.stringify(answer)).toBe(false)
      if (!answer.ok) expect(answer.error.message).toMatch(/blade/)
    }
  })
})
