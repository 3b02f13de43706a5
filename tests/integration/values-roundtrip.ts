/**
 * Boundary values of every type family, per dialect, for the read–write round-trip suite: one
 * column per type, each with its values as SQL literals (row i holds the i-th value, NULL past the
 * end). `fingerprint` is how the engine itself shows what is stored, byte for byte and, on SQLite,
 * storage class first (never through the app's own codec).
 */
import type { Dialect } from '../../src/shared/connection-types'

export interface RoundTripColumn {
  name: string
  type: string
  values: string[]
}

/** Above the 64 KiB read cap: read as a truncated cell. */
export const BIG_BYTES = 100_000

const MYSQL: RoundTripColumn[] = [
  { name: 'ti', type: 'TINYINT', values: ['-128', '127'] },
  { name: 'tu', type: 'TINYINT UNSIGNED', values: ['0', '255'] },
  { name: 'mu', type: 'MEDIUMINT UNSIGNED', values: ['16777215'] },
  { name: 'bi', type: 'BIGINT', values: ['-9223372036854775808', '9223372036854775807'] },
  { name: 'bu', type: 'BIGINT UNSIGNED', values: ['18446744073709551615', '9007199254740993'] },
  { name: 'dc', type: 'DECIMAL(30,10)', values: ['-99999999999999999999.9999999999', '0.0000000001', '12.5'] },
  { name: 'd2', type: 'DECIMAL(10,2)', values: ['99999999.99', '-0.01'] },
  {
    name: 'f',
    type: 'FLOAT',
    values: [
      '3.4028234663852886e38',
      '-3.4028234663852886e38',
      '1.401298464324817e-45',
      '1.1754943508222875e-38',
      '1000.0020141601562',
      '16777216',
      '0.1',
      '-1.5',
    ],
  },
  { name: 'db', type: 'DOUBLE', values: ['1.7976931348623157e308', '5e-324', '0.1', '3.141592653589793', '-2.2250738585072014e-308'] },
  { name: 'b8', type: 'BIT(8)', values: ["b'10101010'", "b'0'"] },
  { name: 'b64', type: 'BIT(64)', values: ["x'FFFFFFFFFFFFFFFF'"] },
  { name: 'en', type: "ENUM('a','b c','ü')", values: ["'ü'", "'b c'"] },
  { name: 'st', type: "SET('x','y','z')", values: ["'x,z'", "''"] },
  { name: 'dt', type: 'DATETIME(6)', values: ["'2024-02-29 23:59:59.999999'", "'1000-01-01 00:00:00.000001'"] },
  { name: 'tm', type: 'TIME(6)', values: ["'-838:59:59.000000'", "'12:34:56.500000'"] },
  { name: 'dd', type: 'DATE', values: ["'9999-12-31'"] },
  { name: 'yr', type: 'YEAR', values: ['1901', '2155'] },
  { name: 'ch', type: 'CHAR(5)', values: ["'ab'"] },
  { name: 'vc', type: 'VARCHAR(50)', values: ['\'ünï 🚣 "q" \\\\ x\'', "''"] },
  { name: 'tx', type: 'TEXT', values: ["'line1\\nline2\\t'"] },
  { name: 'bn', type: 'BINARY(4)', values: ["x'00010203'"] },
  { name: 'vb', type: 'VARBINARY(10)', values: ["x'00ff'", "''"] },
  { name: 'bl', type: 'LONGBLOB', values: ["x'deadbeef'", `REPEAT(x'ab', ${BIG_BYTES})`] },
  { name: 'js', type: 'JSON', values: [`'{"a": 12345678901234567890, "b": [1.0, "ü"]}'`] },
]

const POSTGRES: RoundTripColumn[] = [
  { name: 'i2', type: 'smallint', values: ['-32768', '32767'] },
  { name: 'i4', type: 'integer', values: ['-2147483648', '2147483647'] },
  { name: 'i8', type: 'bigint', values: ['-9223372036854775808', '9223372036854775807'] },
  { name: 'nm', type: 'numeric(40,10)', values: ["'-123456789012345678901234567890.0123456789'", "'0.0000000001'"] },
  { name: 'nu', type: 'numeric', values: ["'0.00000000000000000001'", "'NaN'", "'1.50'"] },
  { name: 'r', type: 'real', values: ["'3.4028235e+38'", "'1e-45'", "'-0'", "'Infinity'", "'-Infinity'", "'NaN'", "'0.1'", "'1000.002'"] },
  { name: 'd', type: 'double precision', values: ["'1.7976931348623157e308'", "'5e-324'", "'-0'", "'Infinity'", "'NaN'", "'0.1'"] },
  { name: 'bo', type: 'boolean', values: ['true', 'false'] },
  { name: 'bt', type: 'bit(8)', values: ["B'10101010'"] },
  { name: 'vbt', type: 'varbit(20)', values: ["B'101'"] },
  { name: 'ts', type: 'timestamp(6)', values: ["'2024-02-29 23:59:59.999999'", "'0001-01-01 00:00:00'"] },
  { name: 'tz', type: 'timestamptz', values: ["'2024-01-01 10:00:00.123456+02'"] },
  { name: 'tm', type: 'time(6)', values: ["'24:00:00'", "'00:00:00.000001'"] },
  { name: 'tt', type: 'timetz', values: ["'12:00:00+05:30'"] },
  { name: 'dd', type: 'date', values: ["'0001-01-01'", "'5874897-12-31'"] },
  { name: 'iv', type: 'interval', values: ["'1 year 2 mons -3 days 04:05:06.789'"] },
  { name: 'ch', type: 'char(5)', values: ["'ab'"] },
  { name: 'vc', type: 'varchar(50)', values: [`'ünï 🚣 "q" \\ x'`, "''"] },
  { name: 'tx', type: 'text', values: [`E'line1\\nline2\\t'`] },
  { name: 'by', type: 'bytea', values: ["'\\x00ff'", `decode(repeat('ab', ${BIG_BYTES}), 'hex')`] },
  { name: 'js', type: 'json', values: [`'{"b": 1, "a": [1.0, 12345678901234567890]}'`] },
  { name: 'jb', type: 'jsonb', values: [`'{"a": 1.50}'`] },
  { name: 'uu', type: 'uuid', values: ["'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"] },
  { name: 'ar', type: 'integer[]', values: ["'{1,NULL,3}'"] },
]

const SQLITE: RoundTripColumn[] = [
  { name: 'i', type: 'INTEGER', values: ['-9223372036854775808', '9223372036854775807', '0'] },
  { name: 'r', type: 'REAL', values: ['1.7976931348623157e308', '5e-324', '0.1', '9e999', '-9e999'] },
  { name: 'n', type: 'NUMERIC', values: ['12.5', "'abc'", '9223372036854775807'] },
  { name: 'dc', type: 'DECIMAL(30,10)', values: ['3.5', '7'] },
  { name: 't', type: 'TEXT', values: ["'ünï 🚣'", "'42'", "''"] },
  { name: 'b', type: 'BLOB', values: ["x'00ff'", '42', '9e999', `zeroblob(${BIG_BYTES})`, "'text'"] },
  // No declared type: every storage class is kept as written.
  { name: 'u', type: '', values: ['42', '9223372036854775807', "'42'", '-0.0', '0.1', '9e999', '-9e999', "x'0102'", "'text'", '1.0'] },
  { name: 'bo', type: 'BOOLEAN', values: ['1', '0'] },
  { name: 'dt', type: 'DATETIME', values: ["'2024-01-01 10:00:00.123456'"] },
  { name: 'js', type: 'JSON', values: [`'{"a": 12345678901234567890}'`] },
]

export function roundTripColumns(dialect: Dialect): RoundTripColumn[] {
  return dialect === 'mysql' ? MYSQL : dialect === 'postgres' ? POSTGRES : SQLITE
}

const quote = (dialect: Dialect, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)

/** CREATE TABLE and one INSERT per row (id from 1). */
export function roundTripSetup(dialect: Dialect, table: string): string[] {
  const columns = roundTripColumns(dialect)
  const rows = Math.max(...columns.map((c) => c.values.length))
  const idType = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT'
  const statements = [
    `CREATE TABLE ${table} (id ${idType} PRIMARY KEY, touch VARCHAR(40), ${columns.map((c) => `${quote(dialect, c.name)} ${c.type}`.trim()).join(', ')})`,
  ]
  for (let i = 0; i < rows; i++) {
    const values = columns.map((c) => c.values[i] ?? 'NULL')
    statements.push(
      `INSERT INTO ${table} (id, ${columns.map((c) => quote(dialect, c.name)).join(', ')}) VALUES (${i + 1}, ${values.join(', ')})`,
    )
  }
  return statements
}

/** What the engine says is stored in a column: bytes (and SQLite's storage class), as text. */
export function fingerprintExpression(dialect: Dialect, column: RoundTripColumn): string {
  const q = quote(dialect, column.name)
  if (dialect === 'sqlite') {
    // hex() of a REAL is the hex of its text (15 digits): the value itself is compared in JS as well (see fingerprints).
    return `typeof(${q}) || ':' || hex(${q}) || ':' || octet_length(${q})`
  }
  if (dialect === 'mysql') {
    if (/^(FLOAT|DOUBLE)/.test(column.type)) return `CAST(CAST(${q} AS DOUBLE) AS CHAR)`
    return `CONCAT(HEX(CAST(${q} AS BINARY)), ':', OCTET_LENGTH(${q}))`
  }
  if (column.type === 'bytea') return `encode(${q}, 'hex') || ':' || octet_length(${q})`
  return `${q}::text || ':' || octet_length(${q}::text)`
}

/** id → column → fingerprint (SQLite: plus the driver's own number, where -0.0 shows its sign). */
export async function fingerprints(
  raw: (sql: string) => Promise<unknown[]>,
  dialect: Dialect,
  table: string,
): Promise<Map<number, Record<string, string>>> {
  const columns = roundTripColumns(dialect)
  const list = columns
    .map((c, i) => `${fingerprintExpression(dialect, c)} AS fp${i}${dialect === 'sqlite' ? `, ${quote(dialect, c.name)} AS v${i}` : ''}`)
    .join(', ')
  const rows = (await raw(`SELECT id, ${list} FROM ${table}`)) as Array<Record<string, unknown>>
  const result = new Map<number, Record<string, string>>()
  for (const row of rows) {
    const entry: Record<string, string> = {}
    columns.forEach((c, i) => {
      const value = row[`v${i}`]
      const exact = typeof value === 'number' ? (Object.is(value, -0) ? ':-0' : `:${value}`) : ''
      entry[c.name] = `${String(row[`fp${i}`])}${exact}`
    })
    result.set(Number(row.id), entry)
  }
  return result
}
