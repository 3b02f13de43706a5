import { USE_DEFAULT } from '../import/validate'

/**
 * Rows → PostgreSQL's COPY text format (`COPY … FROM STDIN`, FORMAT text): one line per row,
 * fields separated by tabs, `\N` for NULL. Within a field a backslash, tab, newline or carriage
 * return is written as a backslash escape; everything else is taken literally, in the client
 * encoding (UTF-8). So the empty string is an empty field and stays distinct from NULL.
 *
 * The values are the ones the import would otherwise bind as parameters (validate.ts): text for
 * numbers, decimals, big integers and dates (PostgreSQL parses them exactly, as it would a
 * parameter), booleans, Buffers for bytea. A bytea field is its hex input form `\x…`, whose
 * backslash is itself escaped: `\\x0001ff`.
 */

const ESCAPED = /[\\\t\n\r]/
const ESCAPED_ALL = /[\\\t\n\r]/g
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

export const COPY_NULL = '\\N'

/** One field. Throws for values the import never produces (a bug, not bad data). */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return COPY_NULL
  switch (typeof value) {
    case 'string':
      return ESCAPED.test(value) ? value.replace(ESCAPED_ALL, (c) => ESCAPES[c]) : value
    case 'boolean':
      // As pg binds a boolean parameter, so a text column would get the same word either way.
      return value ? 'true' : 'false'
    case 'number':
    case 'bigint':
      return String(value)
    default:
      if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`
      if (value === USE_DEFAULT) throw new TypeError('COPY cannot write a DEFAULT cell (such batches are written by INSERT)')
      throw new TypeError(`COPY cannot write a ${typeof value} value`)
  }
}

/** The most bytes one chunk handed to the stream holds (a row longer than that gets a chunk of its own). */
export const COPY_CHUNK_BYTES = 1024 * 1024
const FIRST_CHUNK_BYTES = 16 * 1024

/**
 * Rows `start` to `end` (exclusive) of flat row-major `values` as COPY text, UTF-8 encoded into
 * chunks of whole lines, each produced only when taken. Lines are written straight into the
 * chunk's buffer: no chunk-sized string is built and copied again. Chunks start small and grow to
 * `maxBytes`, so a batch of a few rows (when a refused batch is taken apart) stays small.
 */
export function* copyChunks(
  values: readonly unknown[],
  width: number,
  start: number,
  end: number,
  maxBytes = COPY_CHUNK_BYTES,
): Generator<Buffer> {
  let size = Math.min(FIRST_CHUNK_BYTES, maxBytes)
  let chunk = Buffer.allocUnsafe(size)
  let used = 0
  for (let row = start; row < end; row++) {
    const offset = row * width
    let line = copyField(values[offset])
    for (let c = 1; c < width; c++) line += `\t${copyField(values[offset + c])}`
    line += '\n'
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const room = line.length * 3
    if (used + room > chunk.length) {
      if (used > 0) yield chunk.subarray(0, used)
      size = Math.min(size * 2, maxBytes)
      chunk = Buffer.allocUnsafe(Math.max(size, room))
      used = 0
    }
    used += chunk.write(line, used)
  }
  if (used > 0) yield chunk.subarray(0, used)
}
