import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import { inSession } from '../../src/main/engine/in-session'
import { runExport, type ExportPath, type ExportRequest } from '../../src/main/engine/transfer/export/export'
import { describeDialects } from './harness'
import { FAMILIES, familyStatements } from './paging-exact'
import { rawAll } from './records-fixtures'
import { roundTripSetup } from './values-roundtrip'

/**
 * The export's fast paths (PostgreSQL COPY, driver arrays and per-column formatters) against the
 * reference path (row objects through the grid's codec, csv-stringify), byte for byte: every type
 * family's boundary values (the round-trip and paging fixtures), a table of several pages with
 * the characters CSV and floats care about, a table without a primary key, in CSV with several
 * delimiters and options and in JSON Lines, with filters, search, sort and chosen columns.
 */
type Format = ExportRequest['format']
const FORMATS: Array<{ name: string; format: Format }> = [
  { name: 'csv', format: { kind: 'csv', delimiter: ',', header: true, spreadsheetSafe: false } },
  { name: 'csv ; safe', format: { kind: 'csv', delimiter: ';', header: false, spreadsheetSafe: true } },
  { name: 'tsv', format: { kind: 'csv', delimiter: '\t', header: true, spreadsheetSafe: false } },
  { name: 'csv .', format: { kind: 'csv', delimiter: '.', header: true, spreadsheetSafe: false } },
  { name: 'jsonl', format: { kind: 'jsonl' } },
]

const BULK_ROWS = 12_001
const TEXTS = [
  'plain',
  '',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\r\nlf',
  '=1+1',
  '-5',
  ' padded ',
  'ünï 🚣',
  '"',
  ',',
  '.',
  '\\.',
  '0.5',
  '42',
  '\uFF1DSUM(A1)',
  '@x',
]
const DOUBLES = [
  '0.1',
  '-0.0',
  '1e-7',
  '1.5e-7',
  '123456789012345680000',
  '1e21',
  '5e-324',
  '1.7976931348623157e308',
  '0.30000000000000004',
  '-2.5',
  '100',
  '16777216',
  ...['1e-5', '-1.5e-6', '1e-4', '1.25e-8', '1e15', '1.5e16', '-9.999e20', '123456789012345', '2e-310'],
  // 16 significant digits, 15 just below an exponent, the smallest plain %g: SQLite's own CSV spelling (sqlite-csv.ts) must step aside or agree.
  ...['0.7999999999999999', '999999999999999.9', '0.0001', '123.45', '0.00009999999999999999'],
]
const REALS = ['0.5', '1e-5', '16777216', '3.4e38', '1.5e-7', '-0.0', '0.1', '1e-40', '-2.5e10', '1e7', '123456.7', '4.2']

function bulkStatements(dialect: Dialect): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const real = dialect === 'mysql' ? 'FLOAT' : 'REAL'
  const double = dialect === 'mysql' ? 'DOUBLE' : dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'
  const stamp = dialect === 'mysql' ? 'DATETIME(6)' : dialect === 'postgres' ? 'TIMESTAMP(6)' : 'DATETIME'
  const bool = dialect === 'mysql' ? 'BOOLEAN' : 'BOOLEAN'
  const literal = (text: string) => {
    const escaped = text.replace(/'/g, "''")
    return dialect === 'mysql' ? `'${escaped.replace(/\\/g, '\\\\')}'` : `'${escaped}'`
  }
  const statements = [
    `CREATE TABLE bulk (id BIGINT PRIMARY KEY, ${q('label')} VARCHAR(40), note TEXT, d ${double}, r ${real}, flag ${bool}, at ${stamp}, big BIGINT)`,
  ]
  for (let from = 1; from <= BULK_ROWS; from += 1000) {
    const rows: string[] = []
    for (let i = from; i < Math.min(from + 1000, BULK_ROWS + 1); i++) {
      const text = TEXTS[i % TEXTS.length]
      const note = i % 7 === 0 ? 'NULL' : literal(`${text} ${i}`)
      const d = i % 11 === 0 ? 'NULL' : DOUBLES[i % DOUBLES.length] === '-0.0' && dialect === 'mysql' ? '0' : DOUBLES[i % DOUBLES.length]
      const real = REALS[i % REALS.length]
      const r = i % 13 === 0 ? 'NULL' : real === '-0.0' && dialect === 'mysql' ? '0' : real
      const flag = i % 5 === 0 ? 'NULL' : i % 2 === 0 ? (dialect === 'postgres' ? 'true' : '1') : dialect === 'postgres' ? 'false' : '0'
      const at = `'2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000000).padStart(6, '0')}'`
      rows.push(`(${i}, ${literal(text)}, ${note}, ${d}, ${r}, ${flag}, ${at}, ${9007199254740993n + BigInt(i) * 1000003n})`)
    }
    statements.push(`INSERT INTO bulk (id, ${q('label')}, note, d, r, flag, at, big) VALUES ${rows.join(', ')}`)
  }
  // Only plain doubles and integers: pages SQLite spells entirely itself (sqlite-csv.ts), none handed back to the array path.
  statements.push(`CREATE TABLE plain (id INTEGER PRIMARY KEY, d ${double}, n INTEGER)`)
  const plainDoubles = ['0.5', '123.45', '0', '-2.5', '100000000000000', '0.0001', '100', '-0.001', '99999.99', '0.30000000000001']
  statements.push(
    `INSERT INTO plain (id, d, n) VALUES ${Array.from({ length: 7000 }, (_, i) => `(${i + 1}, ${plainDoubles[i % plainDoubles.length]}, ${i % 9 === 0 ? 'NULL' : i - 3500})`).join(', ')}`,
  )
  statements.push('CREATE TABLE nopk (a INTEGER, b VARCHAR(20))')
  statements.push(
    `INSERT INTO nopk (a, b) VALUES ${Array.from({ length: 7000 }, (_, i) => `(${i % 50}, ${literal(TEXTS[i % TEXTS.length])})`).join(', ')}`,
  )
  return statements
}

describeDialects('transfer export: fast paths write what the reference path writes', (t) => {
  let sessionId = ''
  let dir = ''
  const tables: string[] = []

  beforeAll(async () => {
    await rawAll(t, roundTripSetup(t.dialect, 'vr'))
    tables.push('vr')
    for (const [index, family] of FAMILIES[t.dialect].entries()) {
      try {
        await rawAll(t, [...(family.setup ?? []), ...familyStatements(t.dialect, family, `f${index}`)])
        tables.push(`f${index}`)
      } catch (error) {
        if (process.env.CI === 'true') throw error
        console.warn(`[rowboat tests] ${family.name} could not be created: ${(error as Error).message}`)
      }
    }
    await rawAll(t, bulkStatements(t.dialect))
    sessionId = await t.open()
    dir = join(t.dir, 'exact')
    mkdirSync(dir)
  }, 120_000)

  let serial = 0
  const exportBoth = async (request: Omit<ExportRequest, 'destination' | 'jobId' | 'sessionId'>): Promise<[string, string]> => {
    const files: string[] = []
    for (const mode of ['reference', 'fast'] as ExportPath[]) {
      const path = join(dir, `${serial++}-${mode}.out`)
      await inSession(t.api.engine, sessionId, (session) =>
        runExport(
          { engine: t.api.engine, session, jobId: `exact-${serial}`, signal: new AbortController().signal },
          { ...request, sessionId, jobId: `exact-${serial}`, destination: { path, replace: false } },
          mode,
        ),
      )
      files.push(readFileSync(path, 'latin1'))
    }
    return [files[0], files[1]]
  }

  /** Equal bytes; on a difference, where the first one is (line and the text around it, readable in the failure). */
  const expectSame = ([reference, fast]: [string, string], what: string) => {
    if (reference === fast) return
    let at = 0
    while (reference[at] === fast[at]) at++
    const line = reference.slice(0, at).split('\n').length
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))
    expect({ what, line, around: around(fast) }, 'the fast path (received) against the reference path (expected)').toEqual({
      what,
      line,
      around: around(reference),
    })
  }

  it('every type family, every format', async () => {
    for (const table of tables) {
      for (const { name, format } of FORMATS) {
        expectSame(await exportBoth({ table, format, filters: [], sort: [] }), `${table} ${name}`)
      }
    }
  }, 120_000)

  it('several pages with quotes, line breaks, floats and NULLs; filters, search, sort and chosen columns', async () => {
    for (const { name, format } of FORMATS) {
      expectSame(await exportBoth({ table: 'bulk', format, filters: [], sort: [] }), `bulk ${name}`)
      expectSame(
        await exportBoth({
          table: 'bulk',
          format,
          filters: [{ column: 'id', op: 'gt', value: 100 }],
          search: 'a',
          sort: [{ column: 'note', direction: 'desc' }],
        }),
        `bulk filtered ${name}`,
      )
      expectSame(await exportBoth({ table: 'bulk', format, filters: [], sort: [], columns: ['d', 'label'] }), `bulk d,label ${name}`)
      expectSame(await exportBoth({ table: 'bulk', format, filters: [], sort: [], columns: ['note'] }), `bulk note ${name}`)
    }
  }, 120_000)

  it('plain doubles and integers only, over two pages', async () => {
    for (const { name, format } of FORMATS) {
      expectSame(await exportBoth({ table: 'plain', format, filters: [], sort: [] }), `plain ${name}`)
    }
  }, 120_000)

  it('a table without a primary key', async () => {
    for (const { name, format } of FORMATS) {
      expectSame(await exportBoth({ table: 'nopk', format, filters: [], sort: [] }), `nopk ${name}`)
    }
  }, 120_000)
})
