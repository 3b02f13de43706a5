/**
 * Column types per dialect for the differential paging test (paging-exact.test.ts): each family is
 * one table, `id` plus one column per type, filled row by row from the value lists (SQL literals,
 * with boundaries, duplicates and NULLs; shorter lists repeat).
 */
import type { Dialect } from '../../src/shared/connection-types'

export interface TypeColumn {
  name: string
  decl: string
  values: string[]
}
export interface Family {
  name: string
  columns: TypeColumn[]
  /** Statements to run first (extensions, enum types); a family whose setup fails is skipped with the reason. */
  setup?: string[]
}

const col = (name: string, decl: string, values: string[]): TypeColumn => ({ name, decl, values })
const TEXTS = ["'a'", "'A'", "'b'", "'ö'", "'Ö'", "'z'", "' a'", "'a '", "''", 'NULL', "'ß'", "'ss'", "'a'"]

function mysqlInts(): TypeColumn[] {
  const widths: Array<[string, bigint]> = [
    ['tinyint', 8n],
    ['smallint', 16n],
    ['mediumint', 24n],
    ['int', 32n],
    ['bigint', 64n],
  ]
  return widths.flatMap(([type, bits]) => [
    col(`${type}_s`, type, [
      `${-(2n ** (bits - 1n))}`,
      `${2n ** (bits - 1n) - 1n}`,
      '0',
      '-1',
      '1',
      'NULL',
      '0',
      `${2n ** (bits - 1n) - 1n}`,
    ]),
    col(`${type}_u`, `${type} unsigned`, ['0', `${2n ** bits - 1n}`, '1', 'NULL', `${2n ** bits - 2n}`, '1']),
  ])
}

const MYSQL: Family[] = [
  {
    name: 'integers',
    columns: [
      ...mysqlInts(),
      col('dec', 'decimal(30,10)', [
        '12345678901234567890.1234567890',
        '12345678901234567890.1234567891',
        '-0.0000000001',
        '0',
        'NULL',
        '0',
      ]),
    ],
  },
  {
    name: 'floats',
    columns: [
      col('f', 'float', [
        '0.1',
        '3.1415927',
        '3.1415926',
        '-3.4e38',
        '3.4e38',
        '1e-30',
        '0',
        'NULL',
        '0.1',
        '1.0000001',
        '1.0000002',
        '123456789',
        '123456788',
      ]),
      col('d', 'double', ['0.1', '1e308', '-1e308', '2.2250738585072014e-308', '5e-324', '0', 'NULL', '0.1', '0.30000000000000004', '0.3']),
    ],
  },
  {
    name: 'bit, enum, set, year',
    columns: [
      col('b8', 'bit(8)', ["b'0'", "b'1'", "b'11111111'", "b'10000000'", 'NULL', "b'1'", "b'1010'"]),
      col('b64', 'bit(64)', [
        '0',
        '1',
        "b'1111111111111111111111111111111111111111111111111111111111111111'",
        "b'1000000000000000000000000000000000000000000000000000000000000000'",
        'NULL',
        '2',
      ]),
      col('e', "enum('z','a','m')", ["'z'", "'a'", "'m'", "'a'", 'NULL', "'z'"]),
      col('s', "set('z','a','m')", ["''", "'z'", "'a'", "'z,a'", "'m'", 'NULL', "'a,m'", "'z'"]),
      col('y', 'year', ['1901', '2155', '2000', 'NULL', '1901']),
    ],
  },
  {
    name: 'dates and times',
    columns: [
      col('d', 'date', ["'1000-01-01'", "'9999-12-31'", "'2024-02-29'", 'NULL', "'2024-02-29'"]),
      col('t', 'time(6)', ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'12:30:00.5'", 'NULL', "'-00:00:01'"]),
      col('dt', 'datetime(6)', [
        "'1000-01-01 00:00:00'",
        "'9999-12-31 23:59:59.999999'",
        "'2024-01-02 00:00:00'",
        "'2024-01-02 00:00:00.000001'",
        'NULL',
      ]),
      col('ts', 'timestamp NULL', [
        "'1970-01-01 00:00:01'",
        "'2038-01-19 03:14:07'",
        "'2024-01-02 00:00:00'",
        'NULL',
        "'2024-01-02 00:00:00'",
      ]),
    ],
  },
  {
    name: 'text in two collations',
    columns: [
      col('c_ci', 'char(10) COLLATE utf8mb4_general_ci', TEXTS),
      col('v_bin', 'varchar(20) COLLATE utf8mb4_bin', TEXTS),
      col('t_ci', 'text COLLATE utf8mb4_unicode_ci', TEXTS),
      col('t_bin', 'text COLLATE utf8mb4_bin', TEXTS),
    ],
  },
  {
    name: 'binary, json, geometry',
    columns: [
      col('bin', 'binary(4)', ["x'00000000'", "x'FFFFFFFF'", "x'00000001'", 'NULL']),
      col('blb', 'blob', ["x''", "x'00'", "x'FF'", "x'0000'", 'NULL']),
      col('j', 'json', [`'{"a":1}'`, "'[1,2]'", `'"x"'`, "'null'", `'{"b":2}'`, 'NULL', "'[1,2]'"]),
      col('g', 'point', ["ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('POINT(-1 5)')", 'NULL']),
    ],
  },
]

const PG_FLOATS = ["'NaN'", "'Infinity'", "'-Infinity'", "'-0'", '0', '0.1', 'NULL', '1e-37', '0.1', "'NaN'", '3.4e38']
const PG: Family[] = [
  {
    name: 'numbers',
    columns: [
      col('i2', 'smallint', ['-32768', '32767', '0', 'NULL', '1', '0']),
      col('i4', 'integer', ['-2147483648', '2147483647', '0', 'NULL', '-1', '0']),
      col('i8', 'bigint', ['-9223372036854775808', '9223372036854775807', '9007199254740993', 'NULL', '9007199254740992', '0']),
      col('num', 'numeric', [
        "'NaN'",
        '12345678901234567890.1234567891',
        '12345678901234567890.123456789',
        '-0.0000000001',
        'NULL',
        '0',
        '0.0',
      ]),
      col('num_s', 'numeric(30,10)', ['12345678901234567890.1234567891', '12345678901234567890.1234567890', '0', 'NULL', '-1']),
      col('m', 'money', ["'-92233720368547758.08'", "'92233720368547758.07'", "'1.50'", 'NULL', "'0'"]),
      col('r', 'real', PG_FLOATS),
      col('d', 'double precision', [...PG_FLOATS, '5e-324', '1.7976931348623157e308', '0.30000000000000004', '0.3']),
    ],
  },
  {
    name: 'text, dates and identifiers',
    setup: [`DO $$ BEGIN CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); EXCEPTION WHEN duplicate_object THEN NULL; END $$`],
    columns: [
      col('t', 'text', TEXTS),
      col('v_c', 'varchar(20) COLLATE "C"', TEXTS),
      col('ch', 'char(5)', TEXTS),
      col('b', 'boolean', ['true', 'false', 'NULL', 'true']),
      col('d', 'date', ["'4713-01-01 BC'", "'5874897-12-31'", "'2024-02-29'", "'infinity'", "'-infinity'", 'NULL']),
      col('tm', 'time(6)', ["'00:00:00'", "'24:00:00'", "'12:30:00.5'", 'NULL']),
      col('ts', 'timestamp(6)', ["'2024-01-02 00:00:00'", "'2024-01-02 00:00:00.000001'", "'infinity'", "'-infinity'", 'NULL']),
      col('tz', 'timestamptz', ["'2024-01-02 00:00:00+00'", "'2024-01-02 00:00:00+05'", "'2024-01-01 19:00:00+00'", 'NULL']),
      col('iv', 'interval', ["'1 day'", "'24 hours'", "'1 mon'", "'30 days'", "'-1 sec'", 'NULL']),
      col('u', 'uuid', [
        "'00000000-0000-0000-0000-000000000000'",
        "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
        "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
        'NULL',
      ]),
      col('en', 'mood', ["'happy'", "'sad'", "'ok'", 'NULL', "'sad'"]),
      col('ip', 'inet', ["'10.0.0.1'", "'::1'", "'10.0.0.1/8'", "'192.168.0.1'", 'NULL']),
      col('net', 'cidr', ["'10.0.0.0/8'", "'10.0.0.0/16'", "'::/0'", 'NULL']),
      col('bv', 'bit varying(8)', ["B'1'", "B'01'", "B'10'", "B''", "B'11111111'", 'NULL']),
    ],
  },
  {
    name: 'structured',
    setup: ['CREATE EXTENSION IF NOT EXISTS hstore'],
    columns: [
      col('ai', 'integer[]', ["'{}'", "'{1,2}'", "'{1}'", "'{2}'", "'{NULL}'", 'NULL', "'{1,2}'"]),
      col('at', 'text[]', ["'{a,b}'", `'{"a b"}'`, "'{}'", 'NULL']),
      col('h', 'hstore', [`'a=>1'`, `'b=>2, a=>1'`, "''", 'NULL', `'a=>1'`]),
      col('x', 'xml', ["'<a/>'", "'<b>1</b>'", 'NULL', "'<a/>'"]),
      col('p', 'point', ["'(1,2)'", "'(-1,5)'", 'NULL', "'(1,2)'"]),
      col('j', 'json', [`'{"a":1}'`, `'{"a": 1}'`, "'[1,2]'", 'NULL']),
      col('jb', 'jsonb', [`'{"a":1}'`, `'{"a": 1}'`, "'[1,2]'", "'null'", 'NULL', `'"x"'`]),
      col('tv', 'tsvector', ["'a fat cat'", "'cat'", "''", 'NULL']),
      col('by', 'bytea', ["'\\x00'", "'\\xff'", "'\\x'", 'NULL']),
    ],
  },
]

const SQLITE_MIXED = [
  '1',
  '1.5',
  "'1'",
  "'a'",
  "X'00'",
  'NULL',
  '9e999',
  '-9e999',
  '9223372036854775807',
  '-9223372036854775808',
  "'Infinity'",
  '2',
  '2.0',
  "'A'",
  "'ö'",
  "'Ö'",
  "'2024-01-02 00:00:00'",
  '1',
]
const SQLITE: Family[] = [
  {
    name: 'every affinity, mixed storage classes',
    columns: [
      col('int_', 'INTEGER', SQLITE_MIXED),
      col('real_', 'REAL', SQLITE_MIXED),
      col('num_', 'NUMERIC', SQLITE_MIXED),
      col('text_', 'TEXT', SQLITE_MIXED),
      col('nocase_', 'TEXT COLLATE NOCASE', SQLITE_MIXED),
      col('untyped_', '', SQLITE_MIXED),
      col('dec_', 'DECIMAL(10,2)', SQLITE_MIXED),
      col('bool_', 'BOOLEAN', ['0', '1', 'NULL', "'yes'", '1']),
      col('dt_', 'DATETIME', [
        "'2024-01-02 00:00:00'",
        "'2024-01-02 00:00:00.000 +00:00'",
        "'2024-01-02T00:00:00.000Z'",
        "'2024-01-02 00:00:01'",
        "'2024-01-02'",
        'NULL',
        '1700000000',
      ]),
    ],
  },
]

export const FAMILIES: Record<Dialect, Family[]> = { mysql: MYSQL, postgres: PG, sqlite: SQLITE }

/** `CREATE TABLE` and `INSERT` statements for a family, as `table`. */
export function familyStatements(dialect: Dialect, family: Family, table: string): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const rows = Math.max(...family.columns.map((c) => c.values.length)) + 3
  const create = `CREATE TABLE ${q(table)} (id INTEGER PRIMARY KEY, ${family.columns.map((c) => `${q(c.name)} ${c.decl}`).join(', ')})`
  const inserts = Array.from({ length: rows }, (_, i) => {
    const values = family.columns.map((c) => c.values[i % c.values.length])
    return `INSERT INTO ${q(table)} (id, ${family.columns.map((c) => q(c.name)).join(', ')}) VALUES (${i + 1}, ${values.join(', ')})`
  })
  return [create, ...inserts]
}
