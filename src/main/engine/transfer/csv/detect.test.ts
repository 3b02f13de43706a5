import { describe, expect, it } from 'vitest'
import { detectDelimiter, detectEncoding, detectFormat, detectHeader, detectQuote } from './detect'

describe('detectEncoding', () => {
  it('tells UTF-8, UTF-8 with BOM and Latin-1 apart', () => {
    expect(detectEncoding(Buffer.from('name\ncafé 😀\n', 'utf8'))).toBe('utf8')
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name\ncafé\n')]))).toBe('utf8-bom')
    expect(detectEncoding(Buffer.from('name\ncaf\xe9\n', 'latin1'))).toBe('latin1')
    expect(detectEncoding(Buffer.from('plain ascii\n'))).toBe('utf8')
  })

  it('does not mistake a character cut at the end of the sample for Latin-1', () => {
    const text = Buffer.from('a,b\n1,😀', 'utf8')
    expect(detectEncoding(text.subarray(0, text.length - 2))).toBe('utf8')
  })

  it('refuses UTF-16 with a hint', () => {
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toThrow(/UTF-16/)
  })
})

describe('detectQuote', () => {
  it('prefers the double quote, takes single quotes only when fields use them', () => {
    expect(detectQuote('a,"b,c"\n')).toBe('"')
    expect(detectQuote("id,name\n1,'Smith, J'\n2,'Doe, A'\n")).toBe("'")
    expect(detectQuote("id,name\n1,O'Brien\n")).toBe('"')
  })
})

describe('detectDelimiter', () => {
  it.each([
    [',', 'id,name,city\n1,Ann,Paris\n2,Bob,Rome\n'],
    [';', 'id;name;price\n1;Ann;1,50\n2;Bob;2,75\n'],
    ['\t', 'id\tname\tnote\n1\tAnn\ta, b, c\n2\tBob\td, e\n'],
    ['|', 'id|name\n1|Ann\n2|Bob\n'],
  ])('finds %j', async (delimiter, text) => {
    expect(await detectDelimiter(text, '"', true)).toBe(delimiter)
  })

  it('ignores delimiters inside quoted fields', async () => {
    const text = 'a;b\n"x,y,z";1\n"p,q,r";2\n'
    expect(await detectDelimiter(text, '"', true)).toBe(';')
  })

  it('falls back to a comma for a single column', async () => {
    expect(await detectDelimiter('name\nAnn\nBob\n', '"', true)).toBe(',')
  })
})

describe('detectHeader', () => {
  it('sees a header when a value names a table column (ignoring case and underscores)', () => {
    expect(
      detectHeader(
        [
          ['ID', 'UserName'],
          ['1', 'ann'],
        ],
        ['id', 'user_name'],
      ),
    ).toBe(true)
  })

  it('sees a header of names above numbers', () => {
    expect(
      detectHeader(
        [
          ['code', 'amount'],
          ['1', '2.5'],
          ['2', '3'],
        ],
        [],
      ),
    ).toBe(true)
  })

  it('sees no header when the first row is data like the rest', () => {
    expect(
      detectHeader(
        [
          ['1', 'ann'],
          ['2', 'bob'],
        ],
        ['id', 'name'],
      ),
    ).toBe(false)
    expect(
      detectHeader(
        [
          ['ann', ''],
          ['bob', 'x'],
        ],
        [],
      ),
    ).toBe(false)
  })
})

describe('detectFormat', () => {
  it('applies overrides on top of detection', async () => {
    const sample = Buffer.from('id;name\n1;Ann\n')
    const { detected, format } = await detectFormat(sample, true, ['id', 'name'], { header: false, encoding: 'latin1' })
    expect(detected).toEqual({ delimiter: ';', quote: '"', header: true, encoding: 'utf8' })
    expect(format).toEqual({ delimiter: ';', quote: '"', header: false, encoding: 'latin1' })
  })
})
