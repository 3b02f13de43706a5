import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sqlite3 from 'sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { sqliteCsvExtensionIn } from '../../../host/bundled-files'
import type { CsvWriteOptions } from './export-format'
import { csvLineFormatter } from './fast-format'
import { csvLineCall } from './sqlite-csv'

/**
 * rowboat_csv_line (native/sqlite-csv/csv_line.c) against the codec's own CSV formatter, on
 * generated rows: every storage class, the boundaries of SQLite's integers and of the reals it may
 * spell, text made of every character CSV, formulas and UTF-8 care about, in every column kind the
 * export gives it and with delimiters that are a letter of true/false, a digit's character, not
 * ASCII or a tab. Where the function writes a line it must be the codec's, byte for byte; where
 * it answers NULL the export formats the page in JavaScript, so the common cells must not be NULL.
 * transfer-export-exact.test.ts checks whole exports through both SQLite routes.
 */
const EXTENSION = sqliteCsvExtensionIn(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..'))
const DELIMITERS = [',', ';', '\t', '|', 'e', 'a', '.', '0', '-', '§', '€', ' ']
const KINDS: ColumnKind[] = ['text', 'integer', 'decimal', 'float', 'boolean', 'binary', 'datetime', 'other']
const TEXT_PIECES = [
  'a',
  'Z',
  ' ',
  ',',
  ';',
  '"',
  '\r',
  '\n',
  '\t',
  '=',
  '+',
  '-',
  '@',
  '.',
  '0',
  '9',
  'e',
  '§',
  '€',
  'ü',
  '🚣',
  '\u2028',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFF1C',
  "'",
  '\\',
  '|',
  '\u0000',
]
const INTEGERS = [
  '0',
  '1',
  '-1',
  '2',
  '42',
  '-42',
  '9007199254740991',
  '9007199254740993',
  '-9007199254740993',
  '9223372036854775807',
  '-9223372036854775808',
]
const REALS = [
  0.1,
  0.5,
  -2.5,
  1e-4,
  9.999e-5,
  0.00010000000000000002,
  1e15,
  999999999999999.9,
  999999999999999,
  123456789012345.6,
  0.30000000000000004,
  1 / 3,
  Math.PI,
  5,
  1e21,
  1e-7,
  2.2250738585072014e-308,
  5e-324,
  1.7976931348623157e308,
  16777216,
  3.4e38,
]

interface Cell {
  sql: string
  param: unknown
  /** The value as the export's array path hands it to the codec's formatter. */
  driver: unknown
}

/** A small deterministic generator (mulberry32), so a failure names a row that can be run again. */
function generator(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomCell(random: () => number): Cell {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const choice = random()
  if (choice < 0.1) return { sql: 'NULL', param: undefined, driver: null }
  if (choice < 0.3) {
    const text = random() < 0.3 ? pick(INTEGERS) : String(Math.floor((random() - 0.5) * 2 ** (1 + random() * 52)))
    return { sql: 'CAST(? AS INTEGER)', param: text, driver: Number.isSafeInteger(Number(text)) ? Number(text) : text }
  }
  if (choice < 0.55) {
    // A known boundary, or a double of any magnitude, most with few significant digits (the cells SQLite can spell).
    const value =
      random() < 0.3
        ? pick(REALS) * (random() < 0.5 ? -1 : 1)
        : Number(((random() - 0.5) * 10 ** Math.floor(random() * 24 - 8)).toPrecision(1 + Math.floor(random() * 17)))
    return { sql: 'CAST(? AS REAL)', param: value, driver: value }
  }
  if (choice < 0.95) {
    const length = random() < 0.1 ? 0 : 1 + Math.floor(random() * 8)
    let text = ''
    for (let i = 0; i < length; i++) text += random() < 0.6 ? 'abcdefgh'[Math.floor(random() * 8)] : pick(TEXT_PIECES)
    return { sql: 'CAST(? AS TEXT)', param: text, driver: text }
  }
  return { sql: '?', param: Buffer.from([0x68, 0x69]), driver: new Uint8Array([0x68, 0x69]) }
}

describe('rowboat_csv_line: the SQLite extension writes the codec’s CSV lines', () => {
  let db: sqlite3.Database

  beforeAll(async () => {
    db = new sqlite3.Database(':memory:')
    await new Promise<void>((resolve, reject) =>
      db.loadExtension(EXTENSION, (error) =>
        error ? reject(new Error(`${EXTENSION} did not load (${error.message}); build it: npm run build:native`)) : resolve(),
      ),
    )
  })
  afterAll(() => new Promise<void>((resolve) => db.close(() => resolve())))

  const lineOf = (sql: string, params: unknown[]) =>
    new Promise<string | null>((resolve, reject) =>
      db.get<{ line: string | null }>(`SELECT ${sql} AS line`, params, (error, row) => (error ? reject(error) : resolve(row.line))),
    )

  it('equals the codec on generated rows, in every column kind, delimiter and spreadsheet-safe setting', async () => {
    const random = generator(20261205)
    let written = 0
    let rows = 0
    for (let n = 0; n < 4000; n++) {
      const width = 1 + Math.floor(random() * 5)
      const cells = Array.from({ length: width }, () => randomCell(random))
      const columns = cells.map((_, i) => ({ name: `c${i}`, kind: KINDS[Math.floor(random() * KINDS.length)] }) as ColumnInfo)
      const options: CsvWriteOptions = { delimiter: DELIMITERS[n % DELIMITERS.length], spreadsheetSafe: random() < 0.3 }
      const sql = csvLineCall(
        cells.map((cell, i) => ({ q: cell.sql, column: columns[i] })),
        options,
      )
      const line = await lineOf(
        sql,
        cells.filter((cell) => cell.sql !== 'NULL').map((cell) => cell.param),
      )
      rows++
      if (line === null) continue
      written++
      const expected = csvLineFormatter(columns, options)(cells.map((cell) => cell.driver)).slice(0, -2)
      expect({ line, row: n }).toEqual({ line: expected, row: n })
    }
    // Most generated rows hold a cell only the codec spells (a blob, a 17-digit real, a formula): a fair share must still be written here.
    expect(written).toBeGreaterThan(rows / 5)
  })

  it('writes the common cells itself: text, integers, reals of up to 15 digits, booleans 0/1, NULL', async () => {
    const text = (kind: ColumnKind) => ({ name: 'x', kind }) as ColumnInfo
    const line = csvLineCall(
      [
        { q: "'plain'", column: text('text') },
        { q: '\'say "hi", then go\'', column: text('text') },
        { q: '-9223372036854775808', column: text('integer') },
        { q: '0.1', column: text('float') },
        { q: '123456.789', column: text('decimal') },
        { q: '1', column: text('boolean') },
        { q: '0', column: text('boolean') },
        { q: 'NULL', column: text('datetime') },
        { q: "''", column: text('text') },
        { q: "'2026-12-05 10:00:00'", column: text('datetime') },
      ],
      { delimiter: ',', spreadsheetSafe: false },
    )
    expect(await lineOf(line, [])).toBe(
      'plain,"say ""hi"", then go",-9223372036854775808,0.1,123456.789,true,false,,"",2026-12-05 10:00:00',
    )
  })

  it('leaves to the codec what only it spells: blobs, -0, reals needing 16 or more digits or an exponent, formulas when spreadsheet-safe', async () => {
    const column = (kind: ColumnKind) => ({ name: 'x', kind }) as ColumnInfo
    const one = (q: string, kind: ColumnKind, spreadsheetSafe = false) =>
      lineOf(csvLineCall([{ q, column: column(kind) }], { delimiter: ',', spreadsheetSafe }), [])
    for (const q of ["X'6869'", '-0.0', '0.30000000000000004', '1e21', '1e-7', '1e15']) expect(await one(q, 'text'), q).toBeNull()
    expect(await one("'=SUM(A1)'", 'text', true)).toBeNull()
    expect(await one("'=SUM(A1)'", 'text', false)).toBe('=SUM(A1)')
    expect(await one('-5', 'text', true)).toBeNull()
    expect(await one('-5', 'integer', true)).toBe('-5')
    expect(await one('2', 'boolean')).toBeNull()
    expect(await one("'true'", 'boolean')).toBeNull()
    expect(await one('3', 'float')).toBeNull()
  })

  it('refuses a call whose kinds do not match its values, with a message', async () => {
    await expect(lineOf("rowboat_csv_line(',', 'tt', 1)", [])).rejects.toThrow(/one kind per value/)
  })
})
