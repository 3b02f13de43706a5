/**
 * An editable console result is read exactly as the table grid reads it (same codec, same column
 * types): its cells are the `original` values of a console edit's conflict check, so any difference
 * from what records reads is a false CONFLICT (MySQL FLOAT read as the server's 6-digit text,
 * BOOLEAN as 1 where the grid reads true) or a value shown with lost digits.
 */
import { beforeAll, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import type { Operation, StatementResult } from '../../src/shared/contract'
import type { Row } from '../../src/shared/values'
import { describeDialects } from './harness'

type EditValue = null | boolean | number | string

/** A table of every kind of column the dialect has, and two rows of awkward values. */
const SETUP: Record<Dialect, string[]> = {
  mysql: [
    `CREATE TABLE qv_wide (
       id INT PRIMARY KEY, label VARCHAR(40), f FLOAT, f2 FLOAT, r DOUBLE, flag BOOLEAN, d DECIMAL(30,10), big BIGINT,
       day DATE, at DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME(3), yr YEAR, bin VARBINARY(16), blb BLOB, doc JSON,
       mood ENUM('happy','sad'), tags SET('a','b','c'), bits BIT(5), uni VARCHAR(40) CHARACTER SET utf8mb4
     ) DEFAULT CHARSET=utf8mb4`,
    `INSERT INTO qv_wide VALUES
       (1, 'one', 0.1, 3.14159274, 0.30000000000000004, TRUE, 12345678901234567890.0123456789, 9007199254740993,
        '2024-02-29', '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.123', '-12:34:56.789', 2024, 0xDEADBEEF00, 0x00FF,
        '{"a": [1, 2.5, "x"], "b": null}', 'sad', 'a,c', b'10101', 'héllo ✓ 😀'),
       (2, 'two', 1000.002, -0.000123, -1e300, FALSE, -0.0000000001, -9223372036854775808,
        '0001-01-01', '9999-12-31 23:59:59.999999', '1970-01-01 00:00:01.000', '838:59:59.000', 1901, '', '', '[]', 'happy', '', b'0', '')`,
  ],
  postgres: [
    `CREATE TYPE qv_mood AS ENUM ('happy', 'sad')`,
    `CREATE TABLE qv_wide (
       id INTEGER PRIMARY KEY, label VARCHAR(40), f REAL, f2 REAL, r DOUBLE PRECISION, flag BOOLEAN, d NUMERIC(30,10), big BIGINT,
       day DATE, at TIMESTAMP(6), ts TIMESTAMPTZ(3), tm TIME(3), bin BYTEA, doc JSON, docb JSONB, mood qv_mood, uni TEXT,
       iv INTERVAL, arr INTEGER[], u UUID, ch CHAR(5), m MONEY
     )`,
    `INSERT INTO qv_wide VALUES
       (1, 'one', 0.1, 3.14159274, 0.30000000000000004, TRUE, 12345678901234567890.0123456789, 9007199254740993,
        '2024-02-29', '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.123+02', '12:34:56.789', '\\xdeadbeef00',
        '{"a": [1, 2.5, "x"],  "b": null}', '{"a": [1, 2.5, "x"], "b": null}', 'sad', 'héllo ✓ 😀',
        '1 year 2 mons 3 days 04:05:06.789', '{1,NULL,3}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'ab', 12.34),
       (2, 'two', 1000.002, -0.000123, -1e300, FALSE, -0.0000000001, -9223372036854775808,
        '0001-01-01', 'infinity', '1970-01-01 00:00:01+00', '24:00:00', '\\x', '[]', '{}', 'happy', '',
        '-1 days', '{}', '00000000-0000-0000-0000-000000000000', '42', -1)`,
  ],
  sqlite: [
    `CREATE TABLE qv_wide (
       id INTEGER PRIMARY KEY, label TEXT, f FLOAT, f2 REAL, r DOUBLE, flag BOOLEAN, d DECIMAL(30,10), big BIGINT,
       day DATE, at DATETIME, ts TIMESTAMP, tm TIME, bin BLOB, doc JSON, uni TEXT, word STRING, anything
     )`,
    `INSERT INTO qv_wide VALUES
       (1, 'one', 0.1, 3.14159274, 0.30000000000000004, 1, 12345.0123456789, 9007199254740993,
        '2024-02-29', '2024-02-29 13:14:15.123456', '2024-02-29T13:14:15.123Z', '12:34:56.789', x'deadbeef00',
        '{"a": [1, 2.5, "x"], "b": null}', 'héllo ✓ 😀', 42, x'00'),
       (2, 'two', 1000.002, -0.000123, -1e300, 0, -0.0000000001, -9223372036854775808,
        '0001-01-01', '9999-12-31 23:59:59', 0, '24:00:00', x'', '[]', '', '007', 'text')`,
  ],
}

/** The rows as the plain driver reads them, with every float's exact value spelled out (a lossy write would show). */
const RAW_READ: Record<Dialect, string> = {
  mysql: 'SELECT *, CAST(f AS DOUBLE) AS f_exact, CAST(f2 AS DOUBLE) AS f2_exact, HEX(bin) AS bin_hex FROM qv_wide ORDER BY id',
  postgres: `SELECT *, f::float8::text AS f_exact, f2::float8::text AS f2_exact, r::text AS r_exact, d::text AS d_exact FROM qv_wide ORDER BY id`,
  sqlite: 'SELECT *, typeof(big) AS big_type, CAST(big AS TEXT) AS big_text, quote(f) AS f_exact FROM qv_wide ORDER BY id',
}

let runCounter = 0

describeDialects('query console: editable results read exactly as the grid reads them', (t) => {
  let sessionId = ''
  const selectAll = async (): Promise<StatementResult> => {
    const run = await t.call('query.run', { sessionId, runId: `values-${++runCounter}`, sql: 'SELECT * FROM qv_wide ORDER BY id' })
    expect(run.statements[0].error).toBeUndefined()
    return run.statements[0]
  }
  /** A result row as the renderer's useResultEdits builds it: the table columns the result shows, in order. */
  const rowOf = (result: StatementResult, index: number): Row =>
    Object.fromEntries((result.editable?.columns ?? []).map((name, i) => [name, result.rows[index][i]]))
  /**
   * What the renderer's Commit sends for these cell edits (useResultEdits → the grid's staging model,
   * stageCell + toOperations): the key, each edited column's cell as seen as `original`, the new values.
   */
  const stagedOperations = (result: StatementResult, index: number, edits: Record<string, EditValue>): Operation[] => {
    const editable = result.editable!
    const row = rowOf(result, index)
    const key = Object.fromEntries(editable.keyColumns.map((name) => [name, row[name]]))
    const original = Object.fromEntries(Object.keys(edits).map((name) => [name, row[name]]))
    return [{ kind: 'update', table: editable.table, key, original, values: edits }]
  }
  const gridRows = async (): Promise<Row[]> => (await t.call('records.page', { sessionId, table: 'qv_wide', pageSize: 10 })).rows

  beforeAll(async () => {
    sessionId = await t.open()
    for (const sql of SETUP[t.dialect]) await t.raw(sql)
  })

  it('shows every cell of an editable result as the table grid reads it', async () => {
    const result = await selectAll()
    expect(result.editable?.table).toBe('qv_wide')
    const grid = await gridRows()
    expect([rowOf(result, 0), rowOf(result, 1)]).toEqual(grid)
    // The digits typed, not the server's six (MySQL prints FLOAT 3.14159274 as 3.14159).
    expect(rowOf(result, 0).f2).toBe(t.dialect === 'sqlite' ? 3.14159274 : '3.1415927')
    expect(rowOf(result, 0).flag).toBe(true)
  })

  it('commits a text cell edit with every other column left exactly as it was', async () => {
    const before = await t.raw(RAW_READ[t.dialect])
    const result = await selectAll()
    const operations = stagedOperations(result, 0, { label: 'edited ✓' })
    await t.call('records.batch', { sessionId, operations })
    const after = (await t.raw(RAW_READ[t.dialect])) as Array<Record<string, unknown>>
    expect(after[0].label).toBe('edited ✓')
    expect(after).toEqual((before as Array<Record<string, unknown>>).map((row, i) => (i === 0 ? { ...row, label: 'edited ✓' } : row)))
  })

  it('commits edits of the float and boolean cells themselves with no false conflict', async () => {
    const result = await selectAll()
    for (const index of [0, 1]) {
      const seen = rowOf(result, index)
      const edits: Record<string, EditValue> = { flag: !seen.flag, f2: 2.5, label: `row ${index}` }
      const answer = await t.result('records.batch', { sessionId, operations: stagedOperations(result, index, edits) })
      expect(answer).toMatchObject({ ok: true })
    }
    const grid = await gridRows()
    expect(grid.map((row) => [row.flag, row.f2, row.label])).toEqual([
      [false, 2.5, 'row 0'],
      [true, 2.5, 'row 1'],
    ])
  })

  it('still finds nothing changed when the whole row read in the console is the conflict check', async () => {
    const result = await selectAll()
    for (const index of [0, 1]) {
      const seen = rowOf(result, index)
      const operations: Operation[] = [
        { kind: 'update', table: 'qv_wide', key: { id: seen.id }, original: seen, values: { label: `whole ${index}` } },
      ]
      expect(await t.result('records.batch', { sessionId, operations })).toMatchObject({ ok: true })
    }
  })

  it('reads the pages fetched after the first window as the grid does too, by a composite key', async () => {
    const float = t.dialect === 'postgres' ? 'REAL' : 'FLOAT'
    await t.raw(`CREATE TABLE qv_pair (k BOOLEAN NOT NULL, n INTEGER NOT NULL, f ${float}, PRIMARY KEY (k, n))`)
    const values = Array.from({ length: 6 }, (_, i) => `(${i % 2 === 0 ? 'TRUE' : 'FALSE'}, ${i}, ${i}.3)`)
    await t.raw(
      `INSERT INTO qv_pair VALUES ${values.join(', ')}`.replace(/TRUE|FALSE/g, (b) =>
        t.dialect === 'sqlite' ? (b === 'TRUE' ? '1' : '0') : b,
      ),
    )
    const run = await t.call('query.run', {
      sessionId,
      runId: `values-${++runCounter}`,
      sql: 'SELECT f, n, k FROM qv_pair ORDER BY n',
      rowLimit: 2,
    })
    const [result] = run.statements
    expect(result.editable).toEqual({ table: 'qv_pair', keyColumns: ['k', 'n'], columns: ['f', 'n', 'k'] })
    expect(result.resultId).toBeDefined()
    const fetched = await t.call('query.fetch', { sessionId, resultId: result.resultId!, count: 10, all: false })
    const grid = (await t.call('records.page', { sessionId, table: 'qv_pair', pageSize: 10, sort: [{ column: 'n', direction: 'asc' }] }))
      .rows
    expect([...result.rows, ...fetched.rows]).toEqual(grid.map((row) => [row.f, row.n, row.k]))
    expect(fetched.rows[0]).toEqual([t.dialect === 'sqlite' ? 2.3 : '2.3', 2, true])
    const seen = fetched.rows[1]
    const answer = await t.result('records.batch', {
      sessionId,
      operations: [
        { kind: 'update', table: 'qv_pair', key: { k: seen[2], n: seen[1] }, original: { f: seen[0], k: seen[2] }, values: { f: 9.5 } },
      ],
    })
    expect(answer).toMatchObject({ ok: true })
  })
})
