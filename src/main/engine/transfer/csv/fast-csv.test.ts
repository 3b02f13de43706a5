import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import { csvError, parseText, type CsvReadOptions, type CsvRecord } from './csv-reader'
import { ChunkedCsvReader, csvParseNewline } from './fast-csv'

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function readInChunks(text: string, options: Omit<CsvReadOptions, 'to'>, cuts: number[]): Promise<CsvRecord[]> {
  const reader = new ChunkedCsvReader(options)
  const chars = Array.from(text) // cut between characters, as decoded file chunks are
  const records: CsvRecord[] = []
  let from = 0
  for (const cut of [...cuts, chars.length]) {
    records.push(...(await reader.push(chars.slice(from, cut).join(''), false)))
    from = cut
  }
  records.push(...(await reader.push('', true)))
  return records
}

async function outcome(work: () => Promise<CsvRecord[]> | CsvRecord[]): Promise<{ records: CsvRecord[] } | { failed: string }> {
  try {
    return { records: await work() }
  } catch (error) {
    // The reader reports csv-parse's errors as the engine does everywhere (csvError).
    const reported = csvError(error) ?? error
    return { failed: reported instanceof AppError ? reported.message.replace(/ at line \d+/, '') : String(error) }
  }
}

const PIECES = ['', 'a', 'b c', ',', ';', '\t', '|', '"', "'", '""', '\n', '\r\n', ' ', 'é', '🚣', 'x"y', '=1', 'null', '0.10']

function generate(next: () => number, malformed: boolean) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const delimiter = pick([',', ',', ';', '\t', '|'])
  const quote = pick(['"', '"', "'"])
  const newline = pick(['\n', '\r\n'])
  const width = 1 + Math.floor(next() * 4)
  const rows: string[] = []
  const count = Math.floor(next() * 25)
  for (let r = 0; r < count; r++) {
    const fields: string[] = []
    const rowWidth = next() < 0.1 ? 1 + Math.floor(next() * 5) : width
    for (let f = 0; f < rowWidth; f++) {
      if (next() < 0.15) {
        fields.push('') // NULL
        continue
      }
      let value = ''
      const parts = Math.floor(next() * 4)
      for (let p = 0; p < parts; p++) value += pick(PIECES)
      const needsQuotes =
        value === '' || value.includes(delimiter) || value.includes(quote) || /[\r\n]/.test(value) || value.startsWith(' ')
      fields.push(needsQuotes || next() < 0.2 ? `${quote}${value.split(quote).join(quote + quote)}${quote}` : value)
    }
    rows.push(fields.join(delimiter))
  }
  if (next() < 0.2) rows.push('') // a blank line
  let text = (next() < 0.1 ? '\ufeff' : '') + rows.join(newline) + (next() < 0.6 ? newline : '')
  if (malformed && text.length > 0) {
    const chars = Array.from(text) // between characters: a decoded file has no half characters
    const at = (chars[0] === '\ufeff' ? 1 : 0) + Math.floor(next() * chars.length) // a BOM stays first
    text = chars.slice(0, at).join('') + pick([quote, `${quote} `, ` ${quote}`, `${quote}x`, newline, '\r']) + chars.slice(at).join('')
  }
  const skipEmptyLines = width > 1
  const cuts = Array.from({ length: Math.floor(next() * 5) }, () => Math.floor(next() * Array.from(text).length)).sort((a, b) => a - b)
  return { text, options: { delimiter, quote, skipEmptyLines }, cuts }
}

describe('the chunked CSV reader (Papa Parse where it agrees, csv-parse elsewhere)', () => {
  /** Generates `count` files from `seed` and reads each both ways; a failure names the file to replay. */
  async function agreeOn(count: number, seed: number, damaged: boolean): Promise<void> {
    const next = random(seed)
    for (let i = 0; i < count; i++) {
      const { text, options, cuts } = generate(next, damaged)
      const expected = await outcome(() => parseText(text, options))
      const actual = await outcome(() => readInChunks(text, options, cuts))
      expect(actual, JSON.stringify({ i, text, options, cuts })).toEqual(expected)
    }
  }

  // 3,000 files each: about a second alone, but far past vitest's 5 s default on a shared two-core machine.
  const FUZZ_TIMEOUT = 60_000

  it('reads 3,000 generated files exactly as csv-parse does, however they are cut into chunks', { timeout: FUZZ_TIMEOUT }, async () => {
    await agreeOn(3000, 20261121, false)
  })

  it('and damaged files too: the same records, or the same refusal', { timeout: FUZZ_TIMEOUT }, async () => {
    await agreeOn(3000, 7, true)
  })

  it('tells NULL from the empty string', async () => {
    const options = { delimiter: ',', quote: '"', skipEmptyLines: true }
    expect(await readInChunks('1,,x\n2,"",y\n', options, [3])).toEqual([
      ['1', null, 'x'],
      ['2', '', 'y'],
    ])
  })
})

// The chunked reader learns the line break from csv-parse's internals (csvParseNewline): these
// fail the day an upgrade moves them, instead of imports silently going slow or wrong.
describe("csv-parse's line break, as the chunked reader reads it", () => {
  const options: CsvReadOptions = { delimiter: ',', quote: '"', skipEmptyLines: false }
  it.each([
    ['a,b\n1,2\n', '\n'],
    ['a,b\r\n1,2\r\n', '\r\n'],
    ['a,b\r1,2\r', '\r'],
    ['"x\ny",b\r\n1,2', '\r\n'],
  ] as const)('%j breaks lines with %j', (text, newline) => {
    expect(csvParseNewline(text, options)).toBe(newline)
  })

  it('is not known before the text holds one', () => {
    expect(csvParseNewline('a,b', options)).toBeNull()
    expect(csvParseNewline('a,b\r', options)).toBeNull()
  })
})
