/**
 * The value codec between the drivers and the API (docs/architecture.md, "Values": no silent loss).
 * Reading: `selectExpression` makes the database hand over lossless values (text where a JS value
 * would round), `toCell` turns each into a JSON-safe Cell. Writing: `toDbValue` turns a CellInput
 * into what to bind, and refuses what SQLite would silently round.
 */
import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo, ColumnKind } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { BINARY_PREVIEW_BYTES, normalizeDecimal, type BinaryCell, type Cell, type CellInput, type Row } from '../../../shared/values'

export { normalizeDecimal } from '../../../shared/values'
import { sqliteAffinity } from '../schema/kinds'
import { quoteIdentifier } from './identifiers'
import { geometryReadExpression, isMysqlGeometry } from './spatial'

/** PostgreSQL types whose driver values are already exact JS values (everything else is read as text). */
const PG_NATIVE_TYPE = /^(smallint|integer|double precision|text|character varying(\(\d+\))?|character(\(\d+\))?)$/

/**
 * Single-precision columns: the server prints them with too few digits (MariaDB: 6, `1000` for
 * 1000.0020141601562) or the driver widens them to a double the user never typed (pg: `real`).
 * MySQL reads them as the exact double they hold; PostgreSQL's text already has round-trip digits.
 */
const isFloat32Column = (dialect: Dialect, column: ColumnInfo): boolean =>
  column.kind === 'float' &&
  (dialect === 'mysql'
    ? /^float\b/i.test(column.type) && !/^float\s*\(\s*(2[5-9]|[3-5]\d)\s*\)/i.test(column.type)
    : dialect === 'postgres' && /^real$/i.test(column.type))

/**
 * Result columns are named by position (`c0`, `c1`, …), never by the column's own name: a column
 * may be called `__proto__`, which mysql2 refuses as a field name (the whole SELECT fails) and
 * which pg and sqlite3 drop while building each row with `row[name] = value`. Positional aliases
 * work the same in every driver and leave Sequelize's own queries alone, which reading rows as
 * arrays (a driver-wide option in mysql2) would not.
 */
export const columnAlias = (index: number): string => `c${index}`

/**
 * A SELECT-list expression that reads the column without loss, aliased to its position.
 * `table` (quoted) qualifies the column: SQLite reads a double-quoted bare name it cannot resolve
 * as a string literal, so a column dropped behind a cached schema would come back as its own name
 * in every row; a qualified name that does not resolve is an error in every dialect.
 */
export function selectExpression(dialect: Dialect, column: ColumnInfo, index: number, table?: string): string {
  return `${losslessExpression(dialect, column, table)} AS ${columnAlias(index)}`
}

/** The SELECT list of these columns, in order; read its rows with `rowFromDb` and the same columns. */
export function selectColumns(dialect: Dialect, columns: readonly ColumnInfo[], table?: string): string {
  return columns.map((column, index) => selectExpression(dialect, column, index, table)).join(', ')
}

/** The driver value of the `index`-th column of a `selectColumns` row. */
export function rawValue(raw: Record<string, unknown>, index: number): unknown {
  return raw[columnAlias(index)]
}

function losslessExpression(dialect: Dialect, column: ColumnInfo, table: string | undefined): string {
  const q = (table ? `${table}.` : '') + quoteIdentifier(dialect, column.name)
  // mysql2 is set up to give dates, BIGINT and DECIMAL as strings (connect.ts); FLOAT as its exact double.
  if (isMysqlGeometry(dialect, column)) return geometryReadExpression(q) // WKT, never mysql2's parsed object (spatial.ts)
  if (dialect === 'mysql') return isFloat32Column(dialect, column) ? `CAST(CAST(${q} AS DOUBLE) AS CHAR)` : q
  if (dialect === 'postgres') {
    const native = column.kind === 'boolean' || column.kind === 'binary' || PG_NATIVE_TYPE.test(column.type)
    return native ? q : `${q}::text`
  }
  // SQLite hands 64-bit integers to JS as (possibly rounded) numbers: read integers as text instead.
  // TEXT and REAL affinity columns never hold integers (SQLite converts them on the way in).
  const affinity = sqliteAffinity(column.type)
  if (affinity === 'TEXT' || affinity === 'REAL') return q
  return `CASE WHEN typeof(${q}) = 'integer' THEN CAST(${q} AS TEXT) ELSE ${q} END`
}

/** Kinds whose integer strings are numbers (never text that merely looks like one, e.g. a zip code). */
const NUMBER_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float', 'boolean', 'date', 'time', 'datetime', 'other'])
const CANONICAL_INTEGER = /^(0|-?[1-9]\d*)$/

/** A driver value → a Cell that says exactly what is stored. */
export function toCell(value: unknown, column: ColumnInfo): Cell {
  if (value === null || value === undefined) return null
  if (value instanceof Uint8Array)
    return binaryCell(Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength))
  if (column.kind === 'boolean') {
    const flag = asBoolean(value)
    if (flag !== null) return flag
  }
  switch (typeof value) {
    case 'boolean':
      return value
    case 'number':
      if (!Number.isFinite(value)) return nonFinite(value)
      if (Object.is(value, -0)) return '-0' // JSON would carry it as 0
      return value
    case 'bigint':
      return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()
    case 'string':
      if (column.kind === 'float') return floatText(value)
      if (NUMBER_KINDS.has(column.kind) && CANONICAL_INTEGER.test(value)) {
        const n = Number(value)
        if (Number.isSafeInteger(n)) return n
      }
      return value
    case 'object':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
      return JSON.stringify(value)
    default:
      return String(value)
  }
}

const FLOAT32_MAX = 3.4028234663852886e38

/**
 * A single-precision value (given as the exact double it is) in the fewest digits that read back
 * as the same float32 — the digits a person typed — kept as text when that is not the same JS
 * number (0.1f is 0.10000000149011612). Digits that would round past the largest float32 (which
 * MariaDB refuses as out of range) are not used: the exact value is the answer then.
 */
export function float32Cell(exact: number): Cell {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(exact.toPrecision(precision))
    if (Math.fround(candidate) !== exact || Math.abs(candidate) > FLOAT32_MAX) continue
    return candidate === exact ? exact : String(candidate)
  }
  return exact
}

/**
 * A float read as text: single precision as MySQL's exact double (`1000.0020141601562`) or
 * PostgreSQL's round-trip digits (`0.1`). A number when that is exactly the stored value; a float32
 * in its shortest digits; anything else (`-0`, `NaN`, text in a SQLite column) as it is.
 */
function floatText(text: string): Cell {
  const n = Number(text)
  if (!Number.isFinite(n) || Object.is(n, -0) || !/^-?\d/.test(text)) return text
  return Math.fround(n) === n ? float32Cell(n) : text
}

function binaryCell(buffer: Buffer): BinaryCell {
  const truncated = buffer.length > BINARY_PREVIEW_BYTES
  return { base64: (truncated ? buffer.subarray(0, BINARY_PREVIEW_BYTES) : buffer).toString('base64'), bytes: buffer.length, truncated }
}

/** Booleans stored as 0/1 (SQLite, MySQL TINYINT(1)); anything else is shown as it is. */
function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 0 || value === '0' || value === 0n) return false
  if (value === 1 || value === '1' || value === 1n) return true
  return null
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'Infinity' : '-Infinity'
}

/** A row of `selectColumns(dialect, columns)` → column name → Cell (see `rowReader`). */
export function rowFromDb(raw: Record<string, unknown>, columns: readonly ColumnInfo[]): Row {
  return rowReader(columns)(raw)
}

/**
 * Reads rows of `selectColumns(dialect, columns)`, made once for a whole result: the aliases are
 * built once instead of per cell, and each row is filled by plain assignment in column order, so
 * every row of a page shares one object shape. Every column is an own property whatever its name:
 * assignment would set the prototype for a column called `__proto__`, so that one is defined.
 */
export function rowReader(columns: readonly ColumnInfo[]): (raw: Record<string, unknown>) => Row {
  const aliases = columns.map((_, index) => columnAlias(index))
  return (raw) => {
    const row: Row = {}
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]
      const cell = toCell(raw[aliases[i]], column)
      if (column.name === '__proto__')
        Object.defineProperty(row, column.name, { value: cell, enumerable: true, writable: true, configurable: true })
      else row[column.name] = cell
    }
    return row
  }
}

/**
 * `rowReader` for rows read as arrays, cells in select-list order (mysql2's `rowsAsArray`, pg's
 * `rowMode: 'array'`): the driver then makes no object of its own for each row, only ours is made.
 */
export function arrayRowReader(columns: readonly ColumnInfo[]): (raw: readonly unknown[]) => Row {
  return (raw) => {
    const row: Row = {}
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]
      const cell = toCell(raw[i], column)
      if (column.name === '__proto__')
        Object.defineProperty(row, column.name, { value: cell, enumerable: true, writable: true, configurable: true })
      else row[column.name] = cell
    }
    return row
  }
}

/**
 * A CellInput → the value to bind. Strings and numbers go as they are (the database converts a
 * string exactly, which is how decimals and big integers keep their digits).
 */
export function toDbValue(input: CellInput, column: ColumnInfo, dialect: Dialect): unknown {
  if (input === null) return null
  if (typeof input === 'object') {
    if (isTruncatedInput(input)) throw truncatedInput(column)
    return decodeBase64(input.base64, column)
  }
  if (typeof input === 'boolean') return dialect === 'postgres' ? input : input ? 1 : 0
  if (
    typeof input === 'number' &&
    !Number.isFinite(input) &&
    !(dialect === 'sqlite' && !Number.isNaN(input) && sqliteInfinity(String(input), column) !== null)
  ) {
    throw new AppError({ code: 'VALIDATION', message: `"${column.name}" needs a finite number.`, field: column.name })
  }
  if (typeof input === 'string' && dialect === 'sqlite') guardSqlitePrecision(input, column)
  return input
}

/**
 * Values as they are written (INSERT values, UPDATE SET), not compared: on SQLite, ±Infinity becomes
 * the number where the column converts numbers (see sqliteInfinity). Conditions keep the text, so
 * 'Infinity' still finds the word as well.
 */
export function inWrittenForms(
  columns: readonly ColumnInfo[],
  values: Record<string, CellInput>,
  dialect: Dialect,
): Record<string, CellInput> {
  if (dialect !== 'sqlite') return values
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const column = columns.find((c) => c.name === name)
      if (!column || typeof value !== 'string') return [name, value]
      return [name, sqliteInfinity(value, column) ?? sqliteFloat(value, column) ?? value]
    }),
  )
}

/**
 * ±Infinity crosses as text; SQLite keeps text as TEXT (it never reads 'Infinity' as a number), so a
 * number column would get the word instead of the REAL it showed. Bound as the double it is there;
 * TEXT and untyped columns keep what was typed (there, 'Infinity' may well be text).
 */
function sqliteInfinity(input: string, column: ColumnInfo): number | null {
  if (input !== 'Infinity' && input !== '-Infinity') return null
  const affinity = sqliteAffinity(column.type)
  if (affinity !== 'REAL' && affinity !== 'NUMERIC' && affinity !== 'INTEGER') return null
  return input === 'Infinity' ? Infinity : -Infinity
}

/**
 * Text SQLite would turn into an 8-byte float (a number with a fraction or an exponent, or an
 * integer beyond 64 bits, in an INTEGER, NUMERIC or REAL column; in a REAL column any integer past
 * 2^53): bound as that float, made by JavaScript. SQLite's own text-to-float is not correctly
 * rounded near a halfway point (it stores -0.9309114 as -0.9309113999999999), JavaScript's is. Text
 * whose nearest float reads back as another number is refused (guardSqlitePrecision).
 */
function sqliteFloat(input: string, column: ColumnInfo): number | null {
  const affinity = sqliteAffinity(column.type)
  if (affinity !== 'REAL' && affinity !== 'NUMERIC' && affinity !== 'INTEGER') return null
  const text = input.replace(SQLITE_BLANKS, '')
  if (!SQLITE_NUMBER.test(text)) return null
  if (/^[+-]?\d+$/.test(text)) {
    const whole = BigInt(text)
    const exactAsIs = affinity === 'REAL' ? whole >= -(2n ** 53n) && whole <= 2n ** 53n : whole >= INT64_MIN && whole <= INT64_MAX
    if (exactAsIs) return null
  }
  // Refused (PRECISION_LOSS) where the float would read back as another number than the one typed.
  guardSqlitePrecision(input, column)
  return Number(text)
}

/**
 * A value on its way into a SQLite column that SQLite would store as an 8-byte float: that float,
 * made by JavaScript (correctly rounded); null where SQLite keeps the value exactly as it is (text,
 * an integer it stores as one) or the column does not convert numbers.
 */
export function sqliteStoredFloat(value: unknown, column: ColumnInfo): number | null {
  if (typeof value === 'string') return sqliteFloat(value, column)
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isSafeInteger(value)) return null
  const affinity = sqliteAffinity(column.type)
  return affinity === 'REAL' || affinity === 'NUMERIC' || affinity === 'INTEGER' ? value : null
}

const FLOAT64_VIEW = new DataView(new ArrayBuffer(8))

/**
 * A finite double as an integer significand and a power of two (x = m · 2^e, |m| < 2^53): two
 * numbers JSON carries exactly and SQLite multiplies back exactly (int64 → double is exact below
 * 2^53, a power of two is exact, and their product is x itself).
 */
export function float64Parts(x: number): [number, number] {
  const view = FLOAT64_VIEW
  view.setFloat64(0, x)
  const high = view.getUint32(0)
  const sign = high >>> 31 ? -1 : 1
  const exponent = (high >>> 20) & 0x7ff
  const fraction = (high & 0xfffff) * 2 ** 32 + view.getUint32(4)
  // Subnormals have no implicit leading bit and the smallest exponent.
  return exponent === 0 ? [sign * fraction, -1074] : [sign * (fraction + 2 ** 52), exponent - 1075]
}

/** A binary cell as read (cut at the preview cap) sent back as if it were the whole value. */
export const isTruncatedInput = (input: object): boolean =>
  Object.hasOwn(input, 'truncated') && (input as { truncated?: unknown }).truncated === true

export function truncatedInput(column: ColumnInfo): AppError {
  const message = `"${column.name}" holds only the first ${BINARY_PREVIEW_BYTES / 1024} KiB of the stored value (it was read cut short), so it cannot be written.`
  return new AppError({
    code: 'VALIDATION',
    message,
    hint: 'Leave the column out to keep the stored value, or send the whole value.',
    field: column.name,
    details: { fields: [{ field: column.name, message, rule: 'truncated' }] },
  })
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function decodeBase64(text: string, column: ColumnInfo): Buffer {
  const compact = text.replace(/\s+/g, '')
  const padded = compact.endsWith('=')
  if (!BASE64.test(compact) || (padded ? compact.length % 4 !== 0 : compact.length % 4 === 1)) {
    const message = `"${column.name}" must be binary data encoded as base64.`
    throw new AppError({
      code: 'VALIDATION',
      message,
      hint: 'Use the characters A–Z, a–z, 0–9, + and /, with = padding at the end only.',
      field: column.name,
      details: { fields: [{ field: column.name, message, rule: 'base64' }] },
    })
  }
  return Buffer.from(compact, 'base64')
}

// SQLite's notion of a number in text: optional blanks, sign, digits with an optional point, exponent.
const SQLITE_BLANKS = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g
const SQLITE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/**
 * SQLite converts a numeric-looking string written into an INTEGER, NUMERIC or REAL affinity
 * column (e.g. DECIMAL(30,10)) to a number: an integer when it is one and fits 64 bits (REAL
 * affinity: not even then), otherwise an 8-byte float. Refuse when that float would read back as a
 * different number than the one written ('0.1000000000' reads back as 0.1: the same number).
 */
function guardSqlitePrecision(input: string, column: ColumnInfo): void {
  const affinity = sqliteAffinity(column.type)
  if (affinity !== 'INTEGER' && affinity !== 'NUMERIC' && affinity !== 'REAL') return
  const text = input.replace(SQLITE_BLANKS, '')
  if (!SQLITE_NUMBER.test(text)) return // stored as TEXT, unchanged
  if (affinity !== 'REAL' && /^[+-]?\d+$/.test(text)) {
    const whole = BigInt(text)
    if (whole >= INT64_MIN && whole <= INT64_MAX) return // stored as an exact 64-bit integer
  }
  const stored = String(Number(text))
  if (normalizeDecimal(stored) === normalizeDecimal(text)) return
  const message = `SQLite would store ${clip(input)} in "${column.name}" (${column.type || 'no declared type'}) as ${stored}.`
  throw new AppError({
    code: 'PRECISION_LOSS',
    message,
    hint:
      'SQLite keeps numbers in this column as 8-byte floating point (about 15 to 17 significant digits). ' +
      'To keep every digit, declare the column TEXT (a migration can change it), or enter fewer digits.',
    field: column.name,
    details: { fields: [{ field: column.name, message, rule: 'precision' }] },
  })
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text)

/**
 * Whether a value to write is the cell already stored (as read by this codec). Such a value is not
 * a change and is not written: writing it back could change what is stored even though it reads
 * the same (SQLite's storage class: text '42' in an untyped column would become the integer 42,
 * REAL -0.0 the integer 0; a cut binary cell; the database's own rounding).
 */
export function sameAsStored(value: CellInput, cell: Cell | undefined): boolean {
  if (cell === undefined) return false
  if (value === null || cell === null) return value === cell
  if (typeof value === 'object' || typeof cell === 'object') {
    return typeof value === 'object' && typeof cell === 'object' && !cell.truncated && value.base64.replace(/\s+/g, '') === cell.base64
  }
  if (typeof value === 'boolean' || typeof cell === 'boolean') return value === cell
  if (Object.is(value, -0) || Object.is(cell, -0)) return Object.is(value, cell)
  return String(value) === String(cell)
}
