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

/** A decimal literal in one canonical spelling (`-123e-2`), so equal numbers compare equal as text. */
export function normalizeDecimal(text: string): string {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text)
  if (!match) return text // Infinity, NaN: never equal to a decimal literal
  const [, sign, whole = '', fraction = '', exponent = '0'] = match
  let digits = (whole + fraction).replace(/^0+/, '')
  if (digits === '') return '0'
  let scale = Number(exponent) - fraction.length
  const trailing = /0+$/.exec(digits)
  if (trailing) {
    digits = digits.slice(0, trailing.index)
    scale += trailing[0].length
  }
  return `${sign === '-' ? '-' : ''}${digits}e${scale}`
}

/**
 * What a floating-point column will hold for typed digits, when that is not what was typed (a
 * double keeps about 16 significant digits, a single-precision float about 7): the digits it reads
 * back as, for a warning before the value is sent. Null when the text is kept exactly (or is no number).
 */
export function floatRounding(text: string, singlePrecision: boolean): string | null {
  const trimmed = text.trim()
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null
  const double = Number(trimmed)
  if (!Number.isFinite(double)) return null
  const stored = singlePrecision ? shortestFloat32(Math.fround(double)) : String(double)
  return normalizeDecimal(stored) === normalizeDecimal(trimmed.replace(/^\+/, '')) ? null : stored
}

function shortestFloat32(value: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision))
    if (Math.fround(candidate) === value) return String(candidate)
  }
  return String(value)
}

/**
 * Single precision by its type name as MySQL (`float`, `float unsigned`, `float(7,3)`) and
 * PostgreSQL (`real`) describe it, lower case; SQLite keeps the declared spelling and stores
 * every float as a double.
 */
export const isSinglePrecisionType = (type: string): boolean =>
  /^(float|real)\b/.test(type) && !/^float\s*\(\s*(2[5-9]|[3-5]\d)\s*\)/.test(type)
