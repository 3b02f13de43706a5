import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
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
type ExportedFiles = Array<{ mode: ExportPath; text: string }>
const FORMATS: Array<{ name: string; format: Format }> = [
  { name: 'csv', format: { kind: 'csv', delimiter: ',', header: true, spreadsheetSafe: false } },
  { name: 'csv ; safe', format: { kind: 'csv', delimiter: ';', header: false, spreadsheetSafe: true } },
  { name: 'tsv', format: { kind: 'csv', delimiter: '\t', header: true, spreadsheetSafe: false } },
  { name: 'csv .', format: { kind: 'csv', delimiter: '.', header: true, spreadsheetSafe: false } },
  // A letter of true and false: the words are quoted like any other field holding the delimiter.
  { name: 'csv e', format: { kind: 'csv', delimiter: 'e', header: true, spreadsheetSafe: false } },
  // Not ASCII: SQLite's CSV takes its other route (sqlite-csv.ts csvLineSql).
  { name: 'csv §', format: { kind: 'csv', delimiter: '§', header: true, spreadsheetSafe: false } },
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
const SPELLED_ROWS = 12_000
/** Text that needs quoting or escaping in one format or another, or that a cheap test could take for plain. */
const SPELLED_TEXTS = [
  '',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\ronly',
  'cr\r\nlf',
  'tab\there',
  'x;y',
  'back\\slash',
  "it's",
  '"',
  'e',
  'true',
  '.',
  '-',
  'ünï 🚣',
  '\u2028sep',
  'bell\u0007',
  ' ',
]
const REALS = ['0.5', '1e-5', '16777216', '3.4e38', '1.5e-7', '-0.0', '0.1', '1e-40', '-2.5e10', '1e7', '123456.7', '4.2']

/**
 * SQLite only: a column without a type holding every storage class SQLite spells (integers, plain
 * reals, 0.0, text plain and not, '', NULL), text in an INTEGER column, and text that is not valid
 * UTF-8 or holds NUL, on the first page, which SQLite writes itself; on the second, text holding
 * a byte SQLite's separated pages use (0xFF); on the third, a BLOB that reads as plain text. The
 * last two pages must go to the array path.
 */
function sqliteMixedStatements(table: string): string[] {
  const values = ['42', '-7', '2.5', '0.0', "'plain'", "'a,b'", "''", 'NULL', '123.45', `'say "x"'`, "'-3'", "'line' || char(10)"]
  const texts = ["'plain text'", "CAST(X'e282' AS TEXT)", "CAST(X'6100' AS TEXT) || 'b'", "'ok ' || char(8364)", "'a\"b'"]
  const rows = Array.from({ length: 12_000 }, (_, i) => {
    const n = i % 29 === 0 ? "'x,y'" : i % 31 === 0 ? "'abc'" : String(i * 3 - 1000)
    const t = i === 7000 ? "CAST(X'61ff62' AS TEXT)" : i % 3 === 0 ? texts[(i / 3) % texts.length] : `'row ${i}'`
    return `(${i + 1}, ${i === 11_000 ? "X'6869'" : values[i % values.length]}, ${n}, ${t})`
  })
  return [
    `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, m, n INTEGER, t TEXT)`,
    `INSERT INTO ${table} (id, m, n, t) VALUES ${rows.join(', ')}`,
  ]
}

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
  const plainDoubles = [
    ...['0.5', '123.45', '0', '-2.5', '100000000000000', '0.0001', '100', '-0.001', '99999.99', '0.30000000000001'],
    // 16 digits whose 15-digit spelling SQLite's text-to-real takes for the same double (sqlite-csv.ts), stored exactly by a division.
    ...['(-5815835578820549 / 10000000000.0)', '(-6492267137984539 / 10000000000000.0)', '(5734200172630529 / 10000000.0)'],
  ]
  statements.push(
    `INSERT INTO plain (id, d, n) VALUES ${Array.from({ length: 7000 }, (_, i) => `(${i + 1}, ${plainDoubles[i % plainDoubles.length]}, ${i % 9 === 0 ? 'NULL' : i - 3500})`).join(', ')}`,
  )
  // Only cells SQLite can spell (text, integers, plain doubles, booleans 0/1, NULL), so its pages are written by SQLite
  // (sqlite-csv.ts): most rows of plain text, which pass its one test per row, among rows holding what needs quoting.
  statements.push(
    `CREATE TABLE spelled (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, note TEXT, flag ${bool}, d ${double}, n BIGINT, at ${stamp})`,
  )
  for (let from = 1; from <= SPELLED_ROWS; from += 1000) {
    const rows: string[] = []
    for (let i = from; i < Math.min(from + 1000, SPELLED_ROWS + 1); i++) {
      const special = i % 50 === 0 ? SPELLED_TEXTS[(i / 50) % SPELLED_TEXTS.length] : null
      const name = special ?? `user_${i}`
      const note = i % 9 === 0 ? 'NULL' : literal(i % 31 === 0 ? SPELLED_TEXTS[i % SPELLED_TEXTS.length] : `Plain note ${i}`)
      const flag = i % 7 === 0 ? 'NULL' : i % 2 === 0 ? (dialect === 'postgres' ? 'true' : '1') : dialect === 'postgres' ? 'false' : '0'
      const d = i % 11 === 0 ? 'NULL' : String(((i * 37) % 100_000) / 100)
      const at =
        i % 13 === 0
          ? 'NULL'
          : `'2024-02-${String((i % 28) + 1).padStart(2, '0')} 08:30:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}'`
      rows.push(`(${i}, ${literal(name)}, ${note}, ${flag}, ${d}, ${i % 17 === 0 ? 'NULL' : i * 1009 - 500_000}, ${at})`)
    }
    statements.push(`INSERT INTO spelled (id, name, note, flag, d, n, at) VALUES ${rows.join(', ')}`)
  }
  if (dialect === 'sqlite') statements.push(...sqliteMixedStatements('mixed'))
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
  // SQLite writes CSV lines by its extension (rowboat_csv_line) or, without it, by SQL expressions: both are held to the reference.
  const fastModes: ExportPath[] = t.dialect === 'sqlite' ? ['fast', 'fast-without-extension'] : ['fast']
  /** The reference path's file, then each fast mode's. */
  const exportBoth = async (
    request: Omit<ExportRequest, 'destination' | 'jobId' | 'sessionId'>,
    session: string = sessionId,
  ): Promise<ExportedFiles> => {
    const files: ExportedFiles = []
    for (const mode of ['reference', ...fastModes] as ExportPath[]) {
      const path = join(dir, `${serial++}-${mode}.out`)
      await inSession(t.api.engine, session, (open) =>
        runExport(
          { engine: t.api.engine, session: open, jobId: `exact-${serial}`, signal: new AbortController().signal },
          { ...request, sessionId: session, jobId: `exact-${serial}`, destination: { path, replace: false } },
          mode,
        ),
      )
      files.push({ mode, text: readFileSync(path, 'latin1') })
    }
    return files
  }

  /** Equal bytes; on a difference, where the first one is (line and the text around it, readable in the failure). */
  const expectSame = ([reference, ...fasts]: ExportedFiles, what: string) => {
    for (const { mode, text: fast } of fasts) {
      if (reference.text === fast) continue
      let at = 0
      while (reference.text[at] === fast[at]) at++
      const line = reference.text.slice(0, at).split('\n').length
      const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))
      expect({ what, mode, line, around: around(fast) }, 'a fast path (received) against the reference path (expected)').toEqual({
        what,
        mode,
        line,
        around: around(reference.text),
      })
    }
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

  it('rows SQLite spells itself among rows that need quoting, over three pages', async () => {
    for (const { name, format } of FORMATS) {
      expectSame(await exportBoth({ table: 'spelled', format, filters: [], sort: [] }), `spelled ${name}`)
      expectSame(
        await exportBoth({
          table: 'spelled',
          format,
          filters: [],
          sort: [{ column: 'name', direction: 'desc' }],
          columns: ['note', 'name', 'flag'],
        }),
        `spelled note,name,flag by name ${name}`,
      )
    }
  }, 120_000)

  it.skipIf(t.dialect !== 'sqlite')(
    'SQLite: every storage class in one column, text in an INTEGER column, text not UTF-8 or holding NUL',
    async () => {
      for (const { name, format } of FORMATS) {
        expectSame(await exportBoth({ table: 'mixed', format, filters: [], sort: [] }), `mixed ${name}`)
      }
    },
    120_000,
  )

  it.skipIf(t.dialect !== 'sqlite')(
    "SQLite: a UTF-16 database (its text is not the file's bytes)",
    async () => {
      const file = join(t.dir, 'utf16.sqlite')
      await sqliteExec(file, [
        "PRAGMA encoding = 'UTF-16le'",
        ...sqliteMixedStatements('mixed16'),
        'CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT, n INTEGER)',
        `INSERT INTO words (id, w, n) VALUES ${Array.from({ length: 6000 }, (_, i) => `(${i + 1}, '${i % 40 === 0 ? 'ünï, 🚣' : `word ${i}`}', ${i})`).join(', ')}`,
      ])
      const utf16 = (await t.call('sessions.open', { url: `sqlite:${file}` })).sessionId
      for (const table of ['mixed16', 'words']) {
        for (const { name, format } of FORMATS) {
          expectSame(await exportBoth({ table, format, filters: [], sort: [] }, utf16), `${table} ${name}`)
        }
      }
    },
    120_000,
  )

  it('a table without a primary key', async () => {
    for (const { name, format } of FORMATS) {
      expectSame(await exportBoth({ table: 'nopk', format, filters: [], sort: [] }), `nopk ${name}`)
    }
  }, 120_000)
})

/** Statements run in order on one connection (an encoding PRAGMA holds only for the connection that creates the file). */
async function sqliteExec(file: string, statements: string[]): Promise<void> {
  const db = new sqlite3.Database(file)
  try {
    for (const sql of statements) await new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())))
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()))
  }
}
