import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import { cellOf, type Row } from '../../src/shared/values'
import { describeDialects } from './harness'
import { rawAll, readAll } from './records-fixtures'
import { transfer, writeGrant } from './transfer-support'

/**
 * Columns named like Object.prototype members (design.md §4: rows are safe for any column name).
 * mysql2 refuses `__proto__` as a result field name, pg and sqlite3 drop it while building rows,
 * zod's record drops it from input, and `row[name] = v` on a plain object sets the prototype.
 */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const
const TABLE = 'proto_rows'
const ROWS = 10

const q = (dialect: Dialect, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)

/** Row i's value in column c: sorts like i (zero-padded), differs per column. */
const valueOf = (i: number, c: number) => `r${String(i).padStart(2, '0')}-${c}`

/** A row object built the way JSON.parse builds one: every name an own property. */
function ownRow(entries: Array<[string, string | number | null]>): Row {
  return Object.fromEntries(entries)
}

const expectedRow = (i: number): Row => ownRow([['id', i], ...NAMES.map((name, c): [string, string] => [name, valueOf(i, c)])])

/** Compares own properties only (toEqual on objects holding `__proto__` is not to be trusted). */
function ownEntries(row: Row | null | undefined): Array<[string, unknown]> {
  if (!row) return []
  return Object.keys(row).map((name) => [name, Object.getOwnPropertyDescriptor(row, name)?.value])
}

describeDialects('records and transfer with columns named like Object.prototype members', (t) => {
  let sessionId = ''

  beforeAll(async () => {
    const columns = NAMES.map((name) => `${q(t.dialect, name)} VARCHAR(40)`).join(', ')
    const values = Array.from({ length: ROWS }, (_, n) => {
      const i = n + 1
      return `(${i}, ${NAMES.map((_, c) => `'${valueOf(i, c)}'`).join(', ')})`
    })
    await rawAll(t, [
      `CREATE TABLE ${TABLE} (id INTEGER PRIMARY KEY, ${columns})`,
      `INSERT INTO ${TABLE} (id, ${NAMES.map((n) => q(t.dialect, n)).join(', ')}) VALUES ${values.join(', ')}`,
    ])
    sessionId = await t.open()
  })

  /** A column's value in the database, read with the plain driver under a harmless alias. */
  const stored = async (id: number, name: string): Promise<unknown> => {
    const rows = (await t.raw(`SELECT ${q(t.dialect, name)} AS v FROM ${TABLE} WHERE id = ${id}`)) as Array<{ v: unknown }>
    return rows[0]?.v
  }
  const count = async () => (await t.call('records.count', { sessionId, table: TABLE })).value
  const get = (id: number) => t.call('records.get', { sessionId, table: TABLE, key: { id } })

  it('describes every column', async () => {
    const info = await t.call('schema.describe', { sessionId, table: TABLE })
    expect(info.columns.map((c) => c.name)).toEqual(['id', ...NAMES])
  })

  it('pages rows holding every column as an own property', async () => {
    const page = await t.call('records.page', { sessionId, table: TABLE, pageSize: 3, sort: [], filters: [] })
    expect(page.columns).toEqual(['id', ...NAMES])
    expect(page.rows.map(ownEntries)).toEqual([1, 2, 3].map((i) => ownEntries(expectedRow(i))))
    for (const row of page.rows) expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
  })

  it('pages sorted by __proto__ across pages: every row once, in order', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const { rows, pages } = await readAll(t, sessionId, TABLE, { sort: [{ column: '__proto__', direction }], pageSize: 3 })
      expect(pages).toBe(4)
      const ids = Array.from({ length: ROWS }, (_, n) => n + 1)
      expect(rows.map((r) => r.id)).toEqual(direction === 'asc' ? ids : ids.reverse())
      expect(rows.map(ownEntries)).toEqual(rows.map((r) => ownEntries(expectedRow(Number(r.id)))))
    }
  })

  it('pages sorted by constructor and filtered on __proto__', async () => {
    const { rows } = await readAll(t, sessionId, TABLE, {
      sort: [{ column: 'constructor', direction: 'desc' }],
      filters: [{ column: '__proto__', op: 'gte', value: valueOf(7, 0) }],
      pageSize: 2,
    })
    expect(rows.map((r) => r.id)).toEqual([10, 9, 8, 7])
    const eq = await t.call('records.page', {
      sessionId,
      table: TABLE,
      pageSize: 5,
      sort: [],
      filters: [{ column: '__proto__', op: 'eq', value: valueOf(4, 0) }],
    })
    expect(eq.rows.map(ownEntries)).toEqual([ownEntries(expectedRow(4))])
  })

  it('updates __proto__ and constructor: the database really changes', async () => {
    const seen = await get(1)
    expect(ownEntries(seen)).toEqual(ownEntries(expectedRow(1)))
    const values = ownRow([
      ['__proto__', 'new proto'],
      ['constructor', 'new ctor'],
    ])
    const updated = await t.call('records.update', { sessionId, table: TABLE, key: { id: 1 }, original: seen, values })
    expect(Object.getOwnPropertyDescriptor(updated, '__proto__')?.value).toBe('new proto')
    expect(updated.constructor).toBe('new ctor')
    expect(await stored(1, '__proto__')).toBe('new proto')
    expect(await stored(1, 'constructor')).toBe('new ctor')
  })

  it('sees a change behind the app in __proto__ as a CONFLICT, naming the column', async () => {
    const seen = await get(2)
    await t.raw(`UPDATE ${TABLE} SET ${q(t.dialect, '__proto__')} = 'theirs' WHERE id = 2`)
    const answer = await t.result('records.update', {
      sessionId,
      table: TABLE,
      key: { id: 2 },
      original: seen,
      values: ownRow([['valueOf', 'mine']]),
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: '__proto__' } })
    expect(await stored(2, 'valueOf')).toBe(valueOf(2, 4))
  })

  it('inserts and deletes rows with every column', async () => {
    const values = ownRow([['id', 50], ...NAMES.map((name, c): [string, string] => [name, `new-${c}`])])
    const inserted = await t.call('records.insert', { sessionId, table: TABLE, values })
    expect(ownEntries(inserted)).toEqual(ownEntries(values))
    for (const [c, name] of NAMES.entries()) expect(await stored(50, name)).toBe(`new-${c}`)
    const deleted = await t.call('records.delete', { sessionId, table: TABLE, key: { id: 50 }, original: inserted })
    expect(deleted).toEqual({ deleted: 1 })
    expect(await stored(50, 'id')).toBeUndefined()
  })

  it('runs a batch that inserts, updates and deletes through those columns', async () => {
    const before = await count()
    const seen3 = await get(3)
    const seen4 = await get(4)
    const results = await t.call('records.batch', {
      sessionId,
      operations: [
        {
          kind: 'insert',
          table: TABLE,
          values: ownRow([
            ['id', 60],
            ['__proto__', 'batch proto'],
            ['hasOwnProperty', 'batch own'],
          ]),
        },
        {
          kind: 'update',
          table: TABLE,
          key: { id: 3 },
          original: { ...ownRow([]), ['__proto__']: cellOf(seen3, '__proto__') ?? null },
          values: ownRow([['__proto__', 'batch edit']]),
        },
        { kind: 'delete', table: TABLE, key: { id: 4 }, original: seen4 },
      ],
    })
    expect(results.map((r) => r.kind)).toEqual(['insert', 'update', 'delete'])
    expect(await stored(60, '__proto__')).toBe('batch proto')
    expect(await stored(60, 'hasOwnProperty')).toBe('batch own')
    expect(await stored(3, '__proto__')).toBe('batch edit')
    expect(await stored(4, 'id')).toBeUndefined()
    expect(await count()).toBe(before)
  })

  it('bulk-updates __proto__ on the rows a filter on constructor selects', async () => {
    const { affected } = await t.call('records.bulkUpdate', {
      sessionId,
      table: TABLE,
      filters: [{ column: 'constructor', op: 'gte', value: valueOf(8, 1) }],
      values: ownRow([['__proto__', 'bulk']]),
    })
    expect(affected).toBe(3)
    for (const id of [8, 9, 10]) expect(await stored(id, '__proto__')).toBe('bulk')
    expect(await stored(7, '__proto__')).toBe(valueOf(7, 0))
  })

  it('exports every column to CSV and JSON Lines', async () => {
    const dir = join(t.dir, 'proto-exports')
    mkdirSync(dir, { recursive: true })
    // Rows 5 to 7 are as the table started (earlier tests changed 1 to 4 and 8 to 10).
    const filters = [
      { column: 'id', op: 'gte' as const, value: 5 },
      { column: 'id', op: 'lte' as const, value: 7 },
    ]
    const sort = [{ column: '__proto__', direction: 'asc' as const }]
    const csvPath = join(dir, 'rows.csv')
    await transfer(t, 'transfer.export', {
      sessionId,
      table: TABLE,
      filters,
      sort,
      format: { kind: 'csv' },
      destination: writeGrant(t, csvPath),
      jobId: 'proto-csv',
    })
    const lines = readFileSync(csvPath, 'utf8').split('\r\n')
    expect(lines[0]).toBe(['id', ...NAMES].join(','))
    expect(lines[1]).toBe([5, ...NAMES.map((_, c) => valueOf(5, c))].join(','))

    const jsonPath = join(dir, 'rows.jsonl')
    await transfer(t, 'transfer.export', {
      sessionId,
      table: TABLE,
      filters,
      sort,
      format: { kind: 'jsonl' },
      destination: writeGrant(t, jsonPath),
      jobId: 'proto-jsonl',
    })
    const objects = readFileSync(jsonPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Row)
    expect(objects).toHaveLength(3)
    expect(ownEntries(objects[0])).toEqual(ownEntries(expectedRow(5)))
  })

  it('pages an export sorted by __proto__ past its first page', async () => {
    await t.raw(`CREATE TABLE proto_many (id INTEGER PRIMARY KEY, ${q(t.dialect, '__proto__')} VARCHAR(20))`)
    const values = Array.from({ length: 4500 }, (_, i) => `(${i + 1}, 'v${String(4500 - i).padStart(5, '0')}')`)
    await t.raw(`INSERT INTO proto_many (id, ${q(t.dialect, '__proto__')}) VALUES ${values.join(', ')}`)
    const path = join(t.dir, 'proto-many.jsonl')
    const result = await transfer(t, 'transfer.export', {
      sessionId,
      table: 'proto_many',
      sort: [{ column: '__proto__', direction: 'asc' }],
      format: { kind: 'jsonl' },
      destination: writeGrant(t, path),
      jobId: 'proto-many',
    })
    expect(result.rows).toBe(4500)
    const ids = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: number }).id)
    expect(ids).toEqual(Array.from({ length: 4500 }, (_, i) => 4500 - i))
  })

  it('copies rows with every column (JSON, CSV and SQL)', async () => {
    const row = await get(6)
    const json = await t.call('transfer.copyRows', { sessionId, table: TABLE, rows: [row], format: 'json' })
    const copied = JSON.parse(json.text) as Row[]
    expect(ownEntries(copied[0])).toEqual(ownEntries(expectedRow(6)))
    const csv = await t.call('transfer.copyRows', { sessionId, table: TABLE, rows: [row], format: 'csv', header: true })
    expect(csv.text).toBe(`${['id', ...NAMES].join(',')}\r\n${[6, ...NAMES.map((_, c) => valueOf(6, c))].join(',')}\r\n`)
    const sql = await t.call('transfer.copyRows', { sessionId, table: TABLE, rows: [row], format: 'sql' })
    expect(sql.text).toContain(`'${valueOf(6, 0)}'`)
  })
})
