import type { CsvRecord } from './csv-reader'

/**
 * CSV records packed for a trip between threads: every field's text joined into one string, plus
 * where each field ends, which are NULL, and how many fields each record has. Copying one string
 * and three typed arrays (whose buffers are transferred, not copied) costs far less than cloning
 * thousands of small arrays of small strings, field by field.
 */
export interface PackedRecords {
  text: string
  /** Per field: the offset in `text` where it ends (it starts where the previous one ended). */
  ends: Uint32Array
  /** Per field: 1 for NULL (an unquoted empty field), 0 for text. */
  nulls: Uint8Array
  /** Per record: how many fields it has (rows may differ: the reader reports it). */
  widths: Uint32Array
  /** File bytes read to produce these records (for progress). */
  bytes: number
}

export function packRecords(records: readonly CsvRecord[], bytes: number): PackedRecords {
  let fields = 0
  for (const record of records) fields += record.length
  const ends = new Uint32Array(fields)
  const nulls = new Uint8Array(fields)
  const widths = new Uint32Array(records.length)
  const parts: string[] = new Array<string>(fields)
  let at = 0
  let field = 0
  for (let r = 0; r < records.length; r++) {
    const record = records[r]
    widths[r] = record.length
    for (const value of record) {
      if (value === null) {
        nulls[field] = 1
        parts[field] = ''
      } else {
        parts[field] = value
        at += value.length
      }
      ends[field++] = at
    }
  }
  return { text: parts.join(''), ends, nulls, widths, bytes }
}

export function unpackRecords(packed: PackedRecords): CsvRecord[] {
  const { text, ends, nulls, widths } = packed
  const records: CsvRecord[] = new Array<CsvRecord>(widths.length)
  let start = 0
  let field = 0
  for (let r = 0; r < widths.length; r++) {
    const width = widths[r]
    const record: CsvRecord = new Array<string | null>(width)
    for (let f = 0; f < width; f++, field++) {
      const end = ends[field]
      record[f] = nulls[field] === 1 ? null : text.slice(start, end)
      start = end
    }
    records[r] = record
  }
  return records
}

/** The typed arrays' buffers, to hand over with postMessage instead of copying them. */
export function transferables(packed: PackedRecords): ArrayBuffer[] {
  return [packed.ends.buffer, packed.nulls.buffer, packed.widths.buffer] as ArrayBuffer[]
}
