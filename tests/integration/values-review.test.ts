import { beforeAll, expect, it } from 'vitest'
import type { Operation } from '../../src/shared/contract'
import { describeDialects } from './harness'
import { rawAll } from './records-fixtures'

/**
 * Where the database itself rounds, the write succeeds; the Review (records.preview) must say which
 * values will be stored differently from what was typed, before Commit (design.md §3).
 */
describeDialects('values: the Review shows what the database will store differently', (t) => {
  let sessionId = ''
  const table = 'rounding'

  beforeAll(async () => {
    const types =
      t.dialect === 'mysql'
        ? { dec: 'DECIMAL(10,2)', dt: 'DATETIME', dbl: 'DOUBLE', ts: 'DATETIME(6)' }
        : t.dialect === 'postgres'
          ? { dec: 'NUMERIC(10,2)', dt: 'TIMESTAMP(0)', dbl: 'DOUBLE PRECISION', ts: 'TIMESTAMP' }
          : { dec: 'DECIMAL(10,2)', dt: 'DATETIME', dbl: 'REAL', ts: 'DATETIME' }
    await rawAll(t, [
      `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, amount ${types.dec}, dt ${types.dt}, dbl ${types.dbl}, ts ${types.ts}, note VARCHAR(20))`,
      `INSERT INTO ${table} (id, note) VALUES (1, 'a')`,
    ])
    sessionId = await t.open()
  })

  const preview = (operations: Operation[]) => t.call('records.preview', { sessionId, operations })

  it(`names each rounded value with what will be stored (${t.dialect})`, async () => {
    // (SQLite refuses a double it would round, PRECISION_LOSS, before any Review.)
    const values = {
      amount: '0.995',
      dt: '2024-01-01 10:00:00.123456',
      ...(t.dialect === 'sqlite' ? {} : { dbl: '3.14159265358979323846' }),
      ts: '2024-01-01 10:00:00+02:00',
      note: 'b',
    }
    const answer = await preview([{ kind: 'update', table, key: { id: 1 }, original: {}, values }])
    const found = Object.fromEntries(answer.differences.map((d) => [d.column, d.stored]))
    if (t.dialect === 'sqlite') {
      // SQLite has no scale and keeps the typed text of dates (in the column's form): nothing rounds.
      expect(found).toEqual({})
    } else {
      expect(found).toMatchObject({ amount: '1.00', dt: '2024-01-01 10:00:00', dbl: '3.141592653589793' })
      expect(found.ts).toMatch(/^2024-01-01 (10|08):00:00(\.0+)?$/)
      expect(answer.differences.every((d) => d.operationIndex === 0 && d.table === table)).toBe(true)
    }
    expect(answer.differences.find((d) => d.column === 'amount')?.typed ?? '0.995').toBe('0.995')
    // Rolled back: nothing was written.
    expect(await t.call('records.get', { sessionId, table, key: { id: 1 } })).toMatchObject({ note: 'a', amount: null })
  })

  it(`says nothing when every value is stored as typed (${t.dialect})`, async () => {
    const values = { amount: '1.5', dt: '2024-01-01', dbl: '0.1', ts: '2024-01-01 10:00:00.5', note: 'c' }
    const answer = await preview([{ kind: 'insert', table, values: { id: 2, ...values } }])
    expect(answer.differences).toEqual([])
  })
})
