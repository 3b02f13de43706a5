import { describe, expect, it } from 'vitest'
import { csvError, csvParser, parseText } from './csv-reader'

const read = (text: string, delimiter = ',') => parseText(text, { delimiter, quote: '"', skipEmptyLines: true })

describe('csv reading', () => {
  it('reads an unquoted empty field as NULL and a quoted one as the empty string', async () => {
    expect(await read('a,,"",b\n')).toEqual([['a', null, '', 'b']])
    expect(await read(',\n')).toEqual([[null, null]])
  })

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', async () => {
    expect(await read('"x, y","say ""hi""","line 1\nline 2\r\nline 3"\n')).toEqual([['x, y', 'say "hi"', 'line 1\nline 2\r\nline 3']])
  })

  it('reads CRLF files and drops a UTF-8 BOM', async () => {
    expect(await read('\uFEFFid,name\r\n1,Ann\r\n')).toEqual([
      ['id', 'name'],
      ['1', 'Ann'],
    ])
  })

  it('keeps rows of a different width (they are reported later, not guessed at)', async () => {
    expect(await read('a,b\n1\n1,2,3\n')).toEqual([['a', 'b'], ['1'], ['1', '2', '3']])
  })

  it('uses the light cast context (the hook still sees whether a field was quoted)', () => {
    const parser = csvParser({ delimiter: ',', quote: '"', skipEmptyLines: false })
    const api = (parser as unknown as { api: { __infoField: () => unknown } }).api
    expect(Object.keys(api.__infoField() as object)).toEqual(['quoting'])
  })

  it('explains a quote that is never closed, with its line', async () => {
    const error = await read('a,b\n1,"open\n').catch((e: unknown) => e)
    expect(csvError(error)?.message).toMatch(/never closed/)
    expect(csvError(new Error('other'))).toBeNull()
  })
})
