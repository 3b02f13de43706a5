/**
 * Cells cross the API in a JSON-safe form that never loses information:
 * - null, booleans;
 * - numbers only when the JS number is exactly the stored value;
 * - strings for everything else: 64-bit integers beyond 2^53, decimals, dates and times as the
 *   server prints them, JSON as text;
 * - binary as base64, cut at a cap with `truncated` set.
 *
 * No zod here, on purpose: the renderer needs these at run time and never parses, so it must not
 * bundle zod. The schemas that check cells at the boundary are in values.ts.
 */
export interface BinaryCell {
  base64: string
  /** Size of the whole value in bytes, even when `base64` holds only the first part. */
  bytes: number
  truncated: boolean
}

export type Cell = null | boolean | number | string | BinaryCell
export type Row = Record<string, Cell>

/** A value to write: like a cell, but binary is sent whole (never truncated). */
export type CellInput = null | boolean | number | string | { base64: string }

export const isBinaryCell = (cell: Cell): cell is BinaryCell => typeof cell === 'object' && cell !== null && 'base64' in cell

/** Binary values above this many bytes are cut when read (the editor fetches them whole on demand). */
export const BINARY_PREVIEW_BYTES = 64 * 1024

/**
 * Reading and writing objects keyed by column names. Any name is a column name, `__proto__` and
 * `constructor` included, so: read only own properties (an absent `constructor` must not answer
 * Object's), and write by defining properties (`obj['__proto__'] = v` on a plain object would set
 * its prototype instead). Spreads and computed keys in literals (`{ ...row, [name]: v }`) and
 * Object.fromEntries define own properties, so they are safe; Object.assign and `in` are not.
 */
export function cellOf<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined
}

export function setCell<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, writable: true, enumerable: true, configurable: true })
}
