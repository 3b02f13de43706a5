import { isUtf8 } from 'node:buffer'
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import type { Logger } from '../../../log/log'
import { orderTerm, keyValueOf, type KeyValue } from '../../records/order-terms'
import { BindParams } from '../../records/sql'
import { columnRef } from '../../records/target'
import { rawConnection, type RawConnection } from '../driver'
import { throwIfCancelled } from '../jobs'
import type { CsvWriteOptions } from './export-format'
import { csvLineFormatter, csvQuoter } from './fast-format'
import { ARRAY_PAGE_ROWS, arrayPageReader, hasMathFunctions, selectionSql, type ExportPlan } from './pages'

/**
 * CSV on SQLite, written by SQLite itself: each page is one `group_concat` of finished CSV lines, so
 * JavaScript only writes strings (no value crosses N-API one by one, nothing is parsed). Every cell
 * is spelled in SQL only where SQL's text is certainly the codec's (fast-format.ts, export-format.ts):
 * NULL, integers, text, and reals whose 15 significant digits read back as the same double between
 * 1e-4 and 1e15 (where %g writes no exponent), and 0 (then they are JavaScript's shortest spelling too: two decimals of at most 15 digits
 * are never the same double). Any other cell (blobs, reals needing 16–17 digits or an exponent, -0,
 * infinities, booleans not 0/1, text a spreadsheet-safe export would prefix) makes its line NULL,
 * and the page is read again by the array path and formatted by the per-column formatters: exact
 * either way. transfer-export-exact.test.ts holds it to the reference path's bytes.
 *
 * In a UTF-8 database the row is first tried the cheap way (csvLineSql): text written as it is
 * when one test over the row's text says no cell needs quoting, and the page crosses as bytes
 * (a BLOB), which JavaScript writes without decoding and encoding it again.
 *
 * A full page's last sort keys come from a second, small query (the page's keys alone, its last row):
 * an aggregate's bare columns are not reliably the last row's (seen: they were the first's).
 * Answers false (writing nothing) where SQLite lacks its math functions (atan2 tells -0.0).
 */
export async function readSqliteCsvPages(
  plan: ExportPlan,
  options: CsvWriteOptions,
  onText: (text: string | Buffer, rows: number) => Promise<void>,
  extension: SqliteCsvExtension | null,
): Promise<boolean> {
  const delimiter = options.delimiter.codePointAt(0)
  if (plan.target.dialect !== 'sqlite' || delimiter === undefined || delimiter === 0 || (delimiter >= 0xd800 && delimiter <= 0xdfff))
    return false
  const connection = rawConnection('sqlite', plan.transaction)
  if (!(await hasMathFunctions(connection))) return false
  const { target, columns, order } = plan
  const keyReads = order.seek ? order.keys.map((key) => orderTerm(target, key.column).read) : []
  const bytes = await rowCheckAvailable(connection)
  const cells = columns.map((column) => ({ q: columnRef(target, column), column }))
  const line = (await csvLineFunctionLoaded(connection, extension, cells.length))
    ? csvLineCall(cells, options)
    : csvLineSql(cells, options, bytes)
  const keys = keyReads.map((read, i) => `${read} AS k${i}`).join(', ')
  const slowRead = await arrayPageReader(plan)
  const formatLine = csvLineFormatter(columns, options)

  // The page's last row's sort keys (a full page continues from them): the same page's keys alone, its last row.
  const lastKeys = async (after: KeyValue[] | null, rows: number): Promise<KeyValue[]> => {
    if (keyReads.length === 0 || rows < ARRAY_PAGE_ROWS) return []
    const params = new BindParams('sqlite')
    const sql = selectionSql({ ...plan, selected: keys }, params, after, ARRAY_PAGE_ROWS, 0)
    const [last] = await connection.selectArrays(`SELECT * FROM (${sql}) LIMIT 1 OFFSET ${rows - 1}`, params.values)
    return keyReads.map((_, i) => keyValueOf(last?.[i]))
  }

  interface Page {
    text: string | Buffer
    rows: number
    last: KeyValue[]
  }
  // The page's lines, CRLF after each; as bytes where the database's text is UTF-8.
  const pageText = bytes ? 'CAST(group_concat(line, char(13, 10)) || char(13, 10) AS BLOB)' : 'group_concat(line, char(13, 10))'
  const read = async (after: KeyValue[] | null, offset: number): Promise<Page> => {
    const params = new BindParams('sqlite')
    const sql = selectionSql({ ...plan, selected: `${line} AS line` }, params, after, ARRAY_PAGE_ROWS, offset)
    const [answer] = await connection.selectArrays(`SELECT ${pageText}, count(*), count(line) FROM (${sql})`, params.values)
    const rows = Number(answer?.[1] ?? 0)
    if (rows === 0) return { text: '', rows: 0, last: [] }
    if (Number(answer?.[2]) === rows) return { text: pageBytes(answer?.[0]), rows, last: await lastKeys(after, rows) }
    // A cell SQL cannot spell exactly: this page by the array path, formatted in JavaScript.
    const slow = await slowRead(after, offset)
    let text = ''
    for (const row of slow) text += formatLine(row)
    const lastRow = slow[slow.length - 1] ?? []
    return { text, rows: slow.length, last: keyReads.map((_, i) => keyValueOf(lastRow[columns.length + i])) }
  }

  let offset = 0
  let pending: Promise<Page> | null = read(null, 0)
  try {
    while (pending) {
      const page: Page = await pending
      pending = null
      if (page.rows === 0) break
      offset += page.rows
      if (page.rows === ARRAY_PAGE_ROWS && !plan.signal.aborted) pending = read(page.last, offset)
      throwIfCancelled(plan.signal, 'export')
      await onText(page.text, page.rows)
    }
  } finally {
    // A page still being read when the export stops must end before the transaction does.
    await pending?.catch(() => undefined)
  }
  throwIfCancelled(plan.signal, 'export')
  return true
}

/**
 * A page as SQLite sent it. Bytes are written as they are when they are UTF-8; otherwise they are
 * decoded as the driver decodes text (an invalid sequence becomes U+FFFD), so the file holds what
 * the text would have written.
 */
function pageBytes(value: unknown): string | Buffer {
  if (!Buffer.isBuffer(value)) return `${value as string}\r\n`
  return isUtf8(value) ? value : value.toString('utf8')
}

/**
 * Whether csvLineSql's row test and pages as bytes may be used: the database's text is UTF-8 (the
 * bytes are then the file's, and octet_length counts UTF-8 bytes) and SQLite has json_quote and
 * octet_length (3.43 and later; node-sqlite3 bundles a newer one).
 */
async function rowCheckAvailable(connection: ReturnType<typeof rawConnection>): Promise<boolean> {
  const [encoding] = await connection.selectArrays('PRAGMA encoding', [])
  if (encoding?.[0] !== 'UTF-8') return false
  return connection.selectArrays('SELECT octet_length(json_quote(char(34, 10)))', []).then(
    ([row]) => row?.[0] === 6,
    () => false,
  )
}

/**
 * Whether rowboat_csv_line (native/sqlite-csv: csvCellSql's work in C) is loaded into this
 * connection: the extension's file is given, loads, and takes this many values (SQLite's limit on a
 * function's arguments, 127 where it is compiled with the default).
 */
async function csvLineFunctionLoaded(connection: RawConnection, extension: SqliteCsvExtension | null, cells: number): Promise<boolean> {
  if (!extension || !connection.loadExtension || cells + 2 > MAX_FUNCTION_ARGS) return false
  try {
    await connection.loadExtension(extension.path)
    return true
  } catch (error) {
    // A file built for another machine, say: the SQL expressions write the same lines.
    extension.log.warn(`The SQLite CSV extension ${extension.path} did not load (${(error as Error).message}): SQLite exports are slower.`)
    return false
  }
}

/** The SQLite CSV extension's file (Engine.sqliteCsvExtension), and where to say it did not load. */
export interface SqliteCsvExtension {
  path: string
  log: Pick<Logger, 'warn'>
}

const MAX_FUNCTION_ARGS = 127

/** One row's CSV line by rowboat_csv_line: the same text as csvLineSql's, NULL where csvCellSql's would be. */
export function csvLineCall(cells: ReadonlyArray<{ q: string; column: ColumnInfo }>, options: CsvWriteOptions): string {
  const kinds = cells.map(({ column }) => csvLineKind(column, options)).join('')
  return `rowboat_csv_line(char(${options.delimiter.codePointAt(0)}), '${kinds}', ${cells.map(({ q }) => q).join(', ')})`
}

/** A column's letter for rowboat_csv_line (csv_line.c): which cells csvCellSql spells, and how. */
function csvLineKind(column: ColumnInfo, options: CsvWriteOptions): string {
  if (column.kind === 'boolean') return 'b'
  if (column.kind === 'float') return 'f'
  return options.spreadsheetSafe && !NUMERIC_KINDS.has(column.kind) && column.kind !== 'binary' ? 'T' : 't'
}

/**
 * One row's CSV line as SQL: each cell by csvCellSql, whose four `instr` per text cell (delimiter,
 * quote, CR, LF) cost most of the line. With `rowCheck`, a row is first tried the cheap way: the
 * text cells of plain text kinds written as they are, when one test over the row's text of those
 * cells finds no delimiter (instr) and nothing json_quote escapes (a quote, CR, LF, any other
 * control character, a backslash: its output then grows by more than its two quotes). A cell
 * that is not non-empty text is spelled by csvCellSql within that line, and a row that fails
 * the test is spelled cell by cell as before; both lines are the same text where both apply.
 */
function csvLineSql(cells: ReadonlyArray<{ q: string; column: ColumnInfo }>, options: CsvWriteOptions, rowCheck: boolean): string {
  const delimiter = `char(${options.delimiter.codePointAt(0)})`
  const join = (parts: string[]) => parts.join(` || ${delimiter} || `)
  const full = cells.map(({ q, column }) => csvCellSql(q, column, options))
  // csvCellSql only quotes these kinds' text (no formula prefix, no rewriting); their cells are mostly text.
  const plain = cells.map(
    ({ column }) =>
      rowCheck && !options.spreadsheetSafe && !NUMERIC_KINDS.has(column.kind) && column.kind !== 'boolean' && column.kind !== 'binary',
  )
  if (!plain.some(Boolean)) return join(full)
  // NULL would make the whole text NULL, and the row fail the test: read as empty (it is written empty).
  const text = cells
    .filter((_, i) => plain[i])
    .map(({ q, column }) => (column.nullable ? `ifnull(${q}, '')` : q))
    .join(' || ')
  // Non-empty text, told by comparisons alone (cheaper than typeof): above '' in bytes, below every BLOB.
  const fast = cells.map(({ q }, i) =>
    plain[i] ? `(CASE WHEN ${q} > '' COLLATE BINARY AND ${q} < X'' THEN ${q} ELSE ${full[i]} END)` : full[i],
  )
  const clean = `instr(${text}, ${delimiter}) = 0 AND octet_length(json_quote(${text})) = octet_length(${text}) + 2`
  return `(CASE WHEN ${clean} THEN ${join(fast)} ELSE ${join(full)} END)`
}

/** Kinds exported as numbers, never prefixed by spreadsheet-safe export (export-format.ts csvFieldText). */
const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float'])
/** What escapeFormula looks for at the start of a value. */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']
/** Characters that may appear in the text of an integer or a plain real. */
const NUMBER_CHARS = '0123456789-.'

/**
 * One column's finished CSV field as SQL, by the cell's storage class; NULL (which makes the whole
 * line NULL) where only the codec knows the spelling.
 */
function csvCellSql(q: string, column: ColumnInfo, options: CsvWriteOptions): string {
  const delimiter = `char(${options.delimiter.codePointAt(0)})`
  const quoted = (text: string) =>
    `CASE WHEN ${text} = '' THEN '""' WHEN instr(${text}, ${delimiter}) OR instr(${text}, '"') OR instr(${text}, char(13)) OR instr(${text}, char(10)) ` +
    `THEN '"' || replace(${text}, '"', '""') || '"' ELSE ${text} END`
  // Numbers' text holds no quote or line break: only a delimiter among their characters needs quoting.
  const number = (text: string) => (NUMBER_CHARS.includes(options.delimiter) ? quoted(text) : text)
  // true and false are quoted when the delimiter is one of their letters (the codec's csv-stringify does so); no ' in either.
  const word = csvQuoter(options.delimiter)
  // Spreadsheet-safe text of these kinds is prefixed when it starts like a formula: left to the codec.
  const escapes = options.spreadsheetSafe && !NUMERIC_KINDS.has(column.kind) && column.kind !== 'binary'
  const formulaStart = `substr(${q}, 1, 1) IN (${FORMULA_STARTS.map((c) => `char(${c.codePointAt(0)})`).join(', ')})`
  const integer =
    column.kind === 'boolean'
      ? `CASE ${q} WHEN 1 THEN '${word('true')}' WHEN 0 THEN '${word('false')}' END`
      : column.kind === 'float'
        ? 'NULL'
        : escapes
          ? `CASE WHEN ${q} >= 0 THEN ${number(`CAST(${q} AS TEXT)`)} END`
          : number(`CAST(${q} AS TEXT)`)
  const digits = `printf('%.15g', ${q})`
  // Whether the digits read back as the value. Not by CAST: SQLite's text-to-real is not correctly rounded near a
  // halfway point (it reads -581583.557882055 as -581583.5578820549, and -0.9309114 as -0.9309113999999999). The
  // digits as an integer (at most 15 digits) divided by a power of ten (at most 10^18): both exact doubles, one IEEE
  // division, so the nearest double to the digits. Held to JavaScript's reading on 400,000 random doubles: no
  // difference (the CAST differed on 30).
  const decimals = `(CASE WHEN instr(${digits}, '.') > 0 THEN length(${digits}) - instr(${digits}, '.') ELSE 0 END)`
  const readBack = `(CAST(replace(${digits}, '.', '') AS INTEGER) * 1.0 / power(10, ${decimals}))`
  const real =
    column.kind === 'boolean'
      ? 'NULL'
      : // Inside [1e-4, 1e15) a %g that reads back as the value has no exponent (its digits are the value's), so no
        // third printf to look for one; zero is 0 unless atan2 says -0.0.
        `CASE WHEN abs(${q}) >= 1e-4 AND abs(${q}) < 1e15 AND ${readBack} = ${q} THEN ${number(digits)} ` +
        `WHEN ${q} = 0 AND atan2(${q}, -1) > 0 THEN ${number("'0'")} END`
  const text =
    column.kind === 'boolean' || column.kind === 'float'
      ? 'NULL'
      : escapes
        ? `CASE WHEN NOT ${formulaStart} THEN ${quoted(q)} END`
        : quoted(q)
  return `(CASE typeof(${q}) WHEN 'null' THEN '' WHEN 'integer' THEN ${integer} WHEN 'text' THEN ${text} WHEN 'real' THEN ${real} ELSE NULL END)`
}
