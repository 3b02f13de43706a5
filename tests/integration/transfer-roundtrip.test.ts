import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import { describeDialects, type DialectContext } from './harness'
import { tableText, transfer, readGrant, writeGrant } from './transfer-support'

/**
 * Export a table of awkward values to CSV, import the file into an empty copy, and compare the
 * two tables cell by cell through the plain driver. SQLite keeps the decimal column as TEXT: it
 * refuses exact decimals in NUMERIC columns (PRECISION_LOSS) rather than round them.
 */
const DDL: Record<Dialect, (name: string) => string> = {
  sqlite: (n) =>
    `CREATE TABLE ${n} (id INTEGER PRIMARY KEY, label TEXT, note VARCHAR(200), big INTEGER, amount TEXT, ratio REAL, flag BOOLEAN, happened DATETIME, day DATE, data BLOB)`,
  mysql: (n) =>
    `CREATE TABLE ${n} (id INT PRIMARY KEY, label TEXT, note VARCHAR(200), big BIGINT, amount DECIMAL(30,10), ratio DOUBLE, flag TINYINT(1), happened DATETIME(6), day DATE, data LONGBLOB) CHARACTER SET utf8mb4`,
  postgres: (n) =>
    `CREATE TABLE ${n} (id INTEGER PRIMARY KEY, label TEXT, note VARCHAR(200), big BIGINT, amount NUMERIC(30,10), ratio DOUBLE PRECISION, flag BOOLEAN, happened TIMESTAMP(6), day DATE, data BYTEA)`,
}
const COLUMNS = ['id', 'label', 'note', 'big', 'amount', 'ratio', 'flag', 'happened', 'day', 'data']

const BIG_BLOB = randomBytes(100_000)
type Value = string | number | boolean | null | Buffer
const ROWS: Value[][] = [
  [
    1,
    'He said "hi", then left',
    'comma, inside',
    '9007199254740993',
    '12345678901234567890.0123456789',
    0.1,
    true,
    '2024-02-29 23:59:59.123456',
    '2024-02-29',
    Buffer.from([0, 1, 255]),
  ],
  [
    2,
    'line1\nline2\r\nline3',
    '',
    '-9223372036854775808',
    '-0.0000000001',
    -1.5e-300,
    false,
    '1999-12-31 00:00:00.000001',
    '1999-12-31',
    Buffer.alloc(0),
  ],
  [3, null, null, null, null, null, null, null, null, null],
  [4, '😀 emoji 🎉 and ünïcödé', '=1+1', '0', '0.0000000000', 12345.678, true, '2000-01-01 00:00:00.000000', '2000-01-01', BIG_BLOB],
  [
    5,
    "it's 'quoted' \\ backslash,\ttab",
    '  spaced  ',
    '9223372036854775807',
    '99999999999999999999.9999999999',
    -0,
    false,
    '2038-01-19 03:14:07.999999',
    '2038-01-19',
    Buffer.from('\r\n,"', 'utf8'),
  ],
]

function literal(value: Value, dialect: Dialect): string {
  if (value === null) return 'NULL'
  if (Buffer.isBuffer(value)) return dialect === 'postgres' ? `'\\x${value.toString('hex')}'::bytea` : `X'${value.toString('hex')}'`
  if (typeof value === 'boolean') return dialect === 'postgres' ? String(value) : value ? '1' : '0'
  if (typeof value === 'number') return String(value)
  const escaped = value.replace(/'/g, "''")
  return dialect === 'mysql' ? `'${escaped.replace(/\\/g, '\\\\')}'` : `'${escaped}'`
}

async function seed(t: DialectContext): Promise<void> {
  await t.raw(DDL[t.dialect]('tricky'))
  await t.raw(DDL[t.dialect]('tricky_copy'))
  await t.raw(
    `INSERT INTO tricky (${COLUMNS.join(', ')}) VALUES ${ROWS.map((r) => `(${r.map((v) => literal(v, t.dialect)).join(', ')})`).join(', ')}`,
  )
}

describeDialects('transfer round trip', (t) => {
  let sessionId = ''
  beforeAll(async () => {
    await seed(t)
    sessionId = await t.open()
  })

  it('exports to CSV and imports into an empty copy, cell for cell', async () => {
    const path = join(t.dir, 'tricky.csv')
    const exported = await transfer(t, 'transfer.export', {
      sessionId,
      table: 'tricky',
      format: { kind: 'csv' },
      destination: writeGrant(t, path),
      jobId: 'rt-export',
    })
    expect(exported.rows).toBe(5)
    const csv = readFileSync(path, 'utf8')
    // NULL is an empty field, the empty string is "" (row 2's note and data; row 3 is all NULL).
    expect(csv.split('\r\n')[0]).toBe(COLUMNS.join(','))
    expect(csv).toContain('\r\n3,,,,,,,,,\r\n')
    expect(csv).toContain(',"",')

    const imported = await transfer(t, 'transfer.import', {
      sessionId,
      table: 'tricky_copy',
      source: readGrant(t, path),
      jobId: 'rt-import',
    })
    expect(imported).toMatchObject({ outcome: 'committed', rows: 5, inserted: 5, failed: 0, issueCount: 0 })

    const original = await tableText(t, 'tricky', COLUMNS, ['data'])
    const copy = await tableText(t, 'tricky_copy', COLUMNS, ['data'])
    expect(copy).toEqual(original)
    // And the copy holds the values themselves, not just the same mistakes.
    expect(copy[0]).toMatchObject({ big: '9007199254740993', data: '0001ff', label: 'He said "hi", then left' })
    expect(copy[1]).toMatchObject({ note: '', label: 'line1\nline2\r\nline3', big: '-9223372036854775808', data: '' })
    expect(copy[2]).toEqual(Object.fromEntries(COLUMNS.map((c) => [c, c === 'id' ? '3' : null])))
    expect(copy[3].label).toBe('😀 emoji 🎉 and ünïcödé')
    expect(copy[3].data).toBe(BIG_BLOB.toString('hex'))
    expect(copy[0].amount).toMatch(/^12345678901234567890\.0123456789$/)
    expect(copy[0].happened).toMatch(/^2024-02-29 23:59:59\.123456/)
  })

  it('exports JSON Lines with exact numbers and whole binary', async () => {
    const path = join(t.dir, 'tricky.jsonl')
    await transfer(t, 'transfer.export', {
      sessionId,
      table: 'tricky',
      format: { kind: 'jsonl' },
      destination: writeGrant(t, path),
      jobId: 'rt-jsonl',
    })
    const lines = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatchObject({
      id: 1,
      big: '9007199254740993',
      flag: true,
      day: '2024-02-29',
      data: Buffer.from([0, 1, 255]).toString('base64'),
    })
    expect(lines[2]).toMatchObject({ label: null, data: null })
    expect(lines[3].data).toBe(BIG_BLOB.toString('base64'))
  })

  it('escapes formula-looking cells only when asked (spreadsheet-safe)', async () => {
    const path = join(t.dir, 'safe.csv')
    await transfer(t, 'transfer.export', {
      sessionId,
      table: 'tricky',
      columns: ['id', 'note'],
      format: { kind: 'csv', spreadsheetSafe: true, delimiter: ';' },
      destination: writeGrant(t, path),
      jobId: 'rt-safe',
    })
    expect(readFileSync(path, 'utf8')).toContain("\r\n4;'=1+1\r\n")
  })

  it('copies rows as INSERT statements the database reads back to the same values', async () => {
    const cells = ROWS.map((row) =>
      Object.fromEntries(
        COLUMNS.map((c, i) => {
          const v = row[i] ?? null
          if (Buffer.isBuffer(v)) {
            // The grid holds big binary cut at 64 KiB; copy reads it again whole by key.
            const cut = v.length > 65_536
            return [c, { base64: (cut ? v.subarray(0, 65_536) : v).toString('base64'), bytes: v.length, truncated: cut }]
          }
          return [c, v]
        }),
      ),
    )
    const { text, rows } = await transfer(t, 'transfer.copyRows', { sessionId, table: 'tricky', rows: cells, format: 'sql' })
    expect(rows).toBe(5)
    const statements = text.trimEnd().split(';\n')
    expect(statements).toHaveLength(5)
    await t.raw('DELETE FROM tricky_copy')
    for (const statement of statements) await t.raw(statement.replace(/INSERT INTO (["`])tricky\1/, 'INSERT INTO tricky_copy'))
    expect(await tableText(t, 'tricky_copy', COLUMNS, ['data'])).toEqual(await tableText(t, 'tricky', COLUMNS, ['data']))
  })

  it('copies rows as CSV and JSON', async () => {
    const row = { id: 1, label: 'a,"b"', note: '', big: '9007199254740993', amount: null }
    const csv = await transfer(t, 'transfer.copyRows', {
      sessionId,
      table: 'tricky',
      rows: [row],
      columns: ['id', 'label', 'note', 'big', 'amount'],
      format: 'csv',
    })
    expect(csv.text).toBe('id,label,note,big,amount\r\n1,"a,""b""","",9007199254740993,\r\n')
    const json = await transfer(t, 'transfer.copyRows', { sessionId, table: 'tricky', rows: [row], columns: ['id', 'big'], format: 'json' })
    expect(JSON.parse(json.text)).toEqual([{ id: 1, big: '9007199254740993' }])
  })
})
