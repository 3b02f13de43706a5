import { describe, expect, it } from 'vitest'
import { column, gridRow } from './grid-test-rows'
import { copyRange, inRange, parseTsv, planPaste, rangeOf, toHtml, toTsv } from './grid-clipboard'

// Columns 1…4: id, name (text, at most 10), score (integer, NOT NULL), picture (binary).
const columns = [column('id', 'integer', false), column('name', 'text'), column('score', 'integer', false), column('picture', 'binary')]
const rows = [
  gridRow(1, { id: 1, name: 'ann', score: 5, picture: null }),
  gridRow(2, { id: 2, name: 'a\tb "c"', score: 7, picture: null }),
  gridRow(3, { id: 3, name: null, score: 1, picture: null }, 'deleted'),
]

describe('grid clipboard', () => {
  it('spans the rectangle between the anchor and the active cell, never the selector or the header', () => {
    expect(rangeOf({ row: 2, col: 3 }, { row: 0, col: 1 })).toEqual({ top: 0, bottom: 2, left: 1, right: 3 })
    expect(rangeOf(null, { row: 1, col: 2 })).toEqual({ top: 1, bottom: 1, left: 2, right: 2 })
    expect(rangeOf({ row: -1, col: 0 }, { row: 1, col: 2 })).toEqual({ top: 0, bottom: 1, left: 1, right: 2 })
    expect(inRange(rangeOf({ row: 0, col: 1 }, { row: 1, col: 2 }), 1, 2)).toBe(true)
    expect(inRange(rangeOf({ row: 0, col: 1 }, { row: 1, col: 2 }), 1, 3)).toBe(false)
  })

  it('copies a range as tab-separated text, quoting what a spreadsheet would, NULL as nothing; and as an HTML table', () => {
    const { matrix, header } = copyRange(rows, columns, { top: 0, bottom: 2, left: 1, right: 2 })
    expect(matrix).toEqual([
      ['1', 'ann'],
      ['2', 'a\tb "c"'],
      ['3', ''],
    ])
    expect(toTsv(matrix)).toBe('1\tann\n2\t"a\tb ""c"""\n3\t')
    expect(toHtml([['<b>&']], header)).toBe(
      '<table><thead><tr><th>id</th><th>name</th></tr></thead><tbody><tr><td>&lt;b&gt;&amp;</td></tr></tbody></table>',
    )
  })

  it('reads back what it wrote and what spreadsheets write (CRLF, a final line break, quoted line breaks)', () => {
    const matrix = [
      ['1', 'a\tb "c"', 'two\nlines'],
      ['', 'x', ''],
    ]
    expect(parseTsv(toTsv(matrix))).toEqual(matrix)
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseTsv('5')).toEqual([['5']])
    // A quote inside a field (not at its start) is just a character.
    expect(parseTsv('say "hi"\tx')).toEqual([['say "hi"', 'x']])
  })

  it('stages pasted text from the range’s top-left cell, parsed as typing would, and reports what did not parse', () => {
    const plan = planPaste({ rows, columns, editable: true }, rangeOf(null, { row: 0, col: 2 }), [
      ['bob', '9'],
      ['far too long a name', 'x'],
    ])
    expect(plan.updates).toEqual([
      { row: 0, column: 'name', value: 'bob' },
      { row: 0, column: 'score', value: 9 },
    ])
    expect(plan.errors).toEqual([
      { at: { row: 1 }, column: 'name', message: expect.stringMatching(/^At most 10 characters/) },
      { at: { row: 1 }, column: 'score', message: 'Enter a whole number, e.g. 42.' },
    ])
  })

  it('makes new rows past the end, leaves binary columns, deleted rows and cells past the last column alone', () => {
    const plan = planPaste({ rows, columns, editable: true }, rangeOf(null, { row: 1, col: 3 }), [
      ['1', 'AA==', 'extra'],
      ['2', '', ''],
      ['3', '', ''],
      ['', '', ''],
    ])
    expect(plan.updates).toEqual([{ row: 1, column: 'score', value: 1 }])
    expect(plan.inserts).toEqual([{ score: 3 }, {}])
    // An empty field in a NOT NULL integer column is checked like typing nothing there.
    expect(plan.errors).toEqual([{ at: { insert: 1 }, column: 'score', message: 'Enter a whole number, e.g. 42.' }])
    // picture ×4 (binary), the column past the end ×4, the deleted row's score: 9 cells.
    expect(plan.skipped).toBe(9)
  })

  it('one value pasted over a range fills it; a read-only grid takes nothing', () => {
    const plan = planPaste({ rows, columns, editable: true }, rangeOf({ row: 0, col: 2 }, { row: 1, col: 3 }), [['8']])
    expect(plan.updates).toEqual([
      { row: 0, column: 'name', value: '8' },
      { row: 0, column: 'score', value: 8 },
      { row: 1, column: 'name', value: '8' },
      { row: 1, column: 'score', value: 8 },
    ])
    expect(planPaste({ rows, columns, editable: false }, rangeOf(null, { row: 0, col: 2 }), [['x']])).toEqual({
      updates: [],
      inserts: [],
      errors: [],
      skipped: 0,
    })
  })
})
