import { isUtf8 } from 'node:buffer'
import type { CsvEncoding, CsvFormat } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import { parseText, type CsvRecord } from './csv-reader'
import { normalizeName } from '../import/mapping'
import { completeUtf8Length, decodeSample } from './source'

/** How much of the file detection looks at. */
export const SAMPLE_BYTES = 64 * 1024
/** Records of the sample used to judge a delimiter. */
const SAMPLE_RECORDS = 100

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const

/** UTF-8 with or without a BOM, else Latin-1. UTF-16 is refused (it is rare in CSV, and would parse as noise). */
export function detectEncoding(sample: Buffer): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8-bom'
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: 'The file is UTF-16 encoded; Rowboat reads CSV in UTF-8 or Latin-1.',
      hint: 'Save the file as "CSV UTF-8" and choose it again.',
      field: 'format.encoding',
    })
  }
  // A character cut by the sample's end is not an error: only whole characters are checked.
  return isUtf8(sample.subarray(0, completeUtf8Length(sample))) ? 'utf8' : 'latin1'
}

/** `"` unless the text quotes fields with `'` and never with `"`. */
export function detectQuote(text: string): string {
  if (text.includes('"')) return '"'
  const singleQuoted = text.match(/(^|[,;\t|])'[^'\r\n]*'(?=[,;\t|]|\r?\n|$)/gm)
  return singleQuoted && singleQuoted.length >= 2 ? "'" : '"'
}

/**
 * The candidate that splits the sample's rows most consistently into the most fields, judged by
 * parsing the sample with csv-parse under each candidate (so quoted delimiters do not count).
 */
export async function detectDelimiter(text: string, quote: string, complete: boolean): Promise<string> {
  let best = { delimiter: ',', score: 0 }
  for (const delimiter of DELIMITER_CANDIDATES) {
    const records = await sampleRecords(text, delimiter, quote, complete)
    const score = consistencyScore(records)
    if (score > best.score) best = { delimiter, score }
  }
  return best.delimiter
}

/** Rows of the sample; the last is dropped when the sample stops mid-file (it may be cut). */
export async function sampleRecords(text: string, delimiter: string, quote: string, complete: boolean): Promise<CsvRecord[]> {
  let records: CsvRecord[]
  try {
    records = await parseText(text, { delimiter, quote, skipEmptyLines: true, to: SAMPLE_RECORDS + 1 })
  } catch {
    // The sample may end inside a quoted field: parse up to the last line break instead.
    const cut = text.lastIndexOf('\n')
    if (cut <= 0) return []
    try {
      records = await parseText(text.slice(0, cut + 1), { delimiter, quote, skipEmptyLines: true, to: SAMPLE_RECORDS + 1 })
    } catch {
      return []
    }
  }
  if (!complete && records.length > 1 && records.length <= SAMPLE_RECORDS) records.pop()
  return records.slice(0, SAMPLE_RECORDS)
}

/** Share of rows with the most common field count, times that count (one field scores 0). */
function consistencyScore(records: CsvRecord[]): number {
  if (records.length === 0) return 0
  const counts = new Map<number, number>()
  for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1)
  let modal = 0
  let modalRows = 0
  for (const [fields, rows] of counts) {
    if (rows > modalRows || (rows === modalRows && fields > modal)) {
      modal = fields
      modalRows = rows
    }
  }
  if (modal < 2) return 0
  const share = modalRows / records.length
  // Consistency matters most; among equally consistent splits, more fields wins.
  return share * 1000 + Math.min(modal, 500)
}

/**
 * Whether the first row names the columns: yes when a value matches a column of the table, or
 * when every value is distinct non-numeric text while some column below holds numbers or dates.
 */
export function detectHeader(records: CsvRecord[], tableColumns: readonly string[]): boolean {
  const first = records[0]
  if (!first || first.length === 0) return false
  const known = new Set(tableColumns.map(normalizeName))
  if (first.some((value) => value !== null && known.has(normalizeName(value)))) return true
  const names = first.map((value) => value?.trim() ?? '')
  if (names.some((name) => name === '' || looksLikeData(name))) return false
  if (new Set(names.map(normalizeName)).size !== names.length) return false
  const rest = records.slice(1)
  if (rest.length === 0) return true
  return first.some((_, index) =>
    rest.every((record) => {
      const value = record[index]
      return value === null || value === undefined || looksLikeData(value.trim())
    }),
  )
}

const DATA_LIKE = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|\d{4}-\d{2}-\d{2}([ T][\d:.]+)?([zZ]|[+-]\d{2}(:?\d{2})?)?|true|false)$/i

function looksLikeData(value: string): boolean {
  return value === '' || DATA_LIKE.test(value)
}

/** Everything detection decides, from the first bytes of the source. */
export async function detectFormat(
  sample: Buffer,
  complete: boolean,
  tableColumns: readonly string[],
  overrides: Partial<CsvFormat>,
): Promise<{ detected: CsvFormat; format: CsvFormat }> {
  const detectedEncoding = detectEncoding(sample)
  const encoding = overrides.encoding ?? detectedEncoding
  const text = decodeSample(sample, encoding)
  const detectedQuote = detectQuote(text)
  const quote = overrides.quote ?? detectedQuote
  const detectedDelimiter = await detectDelimiter(text, quote, complete)
  const delimiter = overrides.delimiter ?? detectedDelimiter
  const records = await sampleRecords(text, delimiter, quote, complete)
  const detectedHeader = detectHeader(records, tableColumns)
  return {
    detected: { delimiter: detectedDelimiter, quote: detectedQuote, header: detectedHeader, encoding: detectedEncoding },
    format: { delimiter, quote, header: overrides.header ?? detectedHeader, encoding },
  }
}
