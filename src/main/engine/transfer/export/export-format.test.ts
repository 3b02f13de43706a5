import { describe, expect, it } from 'vitest'
import { parseText } from '../csv/csv-reader'
import { csvHeader, csvLines, escapeFormula, exportValue, jsonLines, plainCell } from './export-format'
import { column } from '../test-columns'

const text = column('t', 'text', 'TEXT')
const int = column('n', 'integer', 'bigint')
const bin = column('b', 'binary', 'bytea')

describe('CSV out', () => {
  it('writes NULL as an empty field and the empty string as "" (and reads back the same)', async () => {
    const csv = csvLines(
      [
        [null, ''],
        ['', null],
      ],
      [text, text],
      { delimiter: ',', spreadsheetSafe: false },
    )
    expect(csv).toBe(',""\r\n"",\r\n')
    expect(await parseText(csv, { delimiter: ',', quote: '"', skipEmptyLines: true })).toEqual([
      [null, ''],
      ['', null],
    ])
  })

  it('quotes per RFC 4180: delimiter, quote, CR and LF', () => {
    const csv = csvLines([['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', 'plain']], [text, text, text, text, text], {
      delimiter: ',',
      spreadsheetSafe: false,
    })
    expect(csv).toBe('"a,b","say ""hi""","line\nbreak","cr\rhere",plain\r\n')
  })

  it('uses the chosen delimiter and writes the header', () => {
    expect(csvHeader([text, int], ';')).toBe('t;n\r\n')
    expect(csvLines([['x;y', 5]], [text, int], { delimiter: ';', spreadsheetSafe: false })).toBe('"x;y";5\r\n')
  })

  it('escapes formula-looking text only when asked, never numbers', () => {
    const row = ['=SUM(A1)', '-5', '+1', '@cmd', 'safe']
    const cols = [text, text, text, text, text]
    expect(csvLines([row], cols, { delimiter: ',', spreadsheetSafe: false })).toBe('=SUM(A1),-5,+1,@cmd,safe\r\n')
    expect(csvLines([row], cols, { delimiter: ',', spreadsheetSafe: true })).toBe("'=SUM(A1),'-5,'+1,'@cmd,safe\r\n")
    expect(csvLines([['-5']], [int], { delimiter: ',', spreadsheetSafe: true })).toBe('-5\r\n')
    expect(escapeFormula('\tx')).toBe("'\tx")
  })
})

describe('values', () => {
  it('keeps big integers as text and exports binary whole as base64', () => {
    expect(exportValue('9007199254740993', int)).toBe('9007199254740993')
    expect(exportValue('42', int)).toBe(42)
    const big = Buffer.alloc(100_000, 7)
    expect(exportValue(big, bin)).toBe(big.toString('base64'))
    expect(plainCell({ base64: 'AAE=', bytes: 2, truncated: false })).toBe('AAE=')
  })

  it('writes JSON Lines, one object per row, exact numbers only', () => {
    expect(
      jsonLines([[1, '9007199254740993', null, true]], [int, column('big', 'integer', 'bigint'), text, column('f', 'boolean', 'boolean')]),
    ).toBe('{"n":1,"big":"9007199254740993","t":null,"f":true}\n')
  })
})
