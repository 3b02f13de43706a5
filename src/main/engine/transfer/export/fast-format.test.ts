import { describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { column } from '../test-columns'
import { csvLines, exportValue, jsonLines } from './export-format'
import { csvLineFormatter, jsonLineFormatter } from './fast-format'

const KINDS: ColumnKind[] = ['text', 'integer', 'decimal', 'float', 'boolean', 'date', 'time', 'datetime', 'json', 'binary', 'other']
const TYPES: Partial<Record<ColumnKind, string>> = { float: 'real', binary: 'bytea', boolean: 'boolean' }

/** Driver values of every shape the three drivers hand over, with the characters CSV cares about. */
const RAW: unknown[] = [
  null,
  undefined,
  '',
  'plain',
  'a,b',
  'a;b',
  'say "hi"',
  'line\nbreak',
  'cr\rhere',
  '\t',
  '=SUM(A1)',
  '-5',
  '+1',
  '@x',
  '\uFF1Dx',
  '0',
  '1',
  '42',
  '007',
  '-0',
  '9007199254740993',
  '0.1',
  '16777216',
  '1.6777216e+07',
  'NaN',
  'Infinity',
  'ü 🚣',
  '\u0000',
  0,
  1,
  -0,
  42,
  -5,
  0.1,
  1e21,
  5e-324,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  10n,
  9007199254740993n,
  Buffer.from([0, 255, 44]),
  new Uint8Array([34, 10]),
  new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)),
  { a: 1 },
]

const columnsFor = (kind: ColumnKind): ColumnInfo => column(`c_${kind}`, kind, TYPES[kind] ?? kind)

describe('the fast export formatter writes what the reference path writes', () => {
  for (const delimiter of [',', ';', '\t', '|', '-', '1', 'é']) {
    for (const spreadsheetSafe of [false, true]) {
      it(`CSV, delimiter ${JSON.stringify(delimiter)}${spreadsheetSafe ? ', spreadsheet-safe' : ''}`, () => {
        const options = { delimiter, spreadsheetSafe }
        for (const kind of KINDS) {
          const col = columnsFor(kind)
          const columns = [col, column('t', 'text', 'text'), col]
          const line = csvLineFormatter(columns, options)
          for (const raw of RAW) {
            const values = [raw, raw, raw]
            const expected = csvLines([values.map((v, i) => exportValue(v, columns[i]))], columns, options)
            expect(line(values), `${kind} ${String(raw)}`).toBe(expected)
          }
        }
      })
    }
  }

  it('JSON Lines, including integer-like and repeated column names and __proto__', () => {
    for (const kind of KINDS) {
      const columns = [columnsFor(kind), column('2', 'text', 'text'), column('__proto__', kind, TYPES[kind] ?? kind), columnsFor(kind)]
      const line = jsonLineFormatter(columns)
      for (const raw of RAW) {
        const values = [raw, 'x', raw, typeof raw === 'string' ? `${raw}!` : raw]
        const expected = jsonLines([values.map((v, i) => exportValue(v, columns[i]))], columns)
        expect(line(values), `${kind} ${String(raw)}`).toBe(expected)
      }
    }
  })
})
