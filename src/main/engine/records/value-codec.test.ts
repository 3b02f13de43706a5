import sqlite3 from 'sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnKind } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { column } from '../../../shared/test-columns'
import { BINARY_PREVIEW_BYTES } from '../../../shared/values'
import {
  float32Cell,
  float64Parts,
  normalizeDecimal,
  rowFromDb,
  sameAsStored,
  selectColumns,
  selectExpression,
  toCell,
  toDbValue,
} from './value-codec'

const col = (name: string, kind: ColumnKind, type = ''): ColumnInfo => column(name, kind, type)

function thrown(work: () => unknown): AppError {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('selectExpression', () => {
  it('MySQL: the plain quoted column, aliased to its position', () => {
    expect(selectExpression('mysql', col('amount', 'decimal', 'decimal(30,10)'), 0)).toBe('`amount` AS c0')
    expect(selectExpression('mysql', col('we`ird', 'text', 'varchar(5)'), 3)).toBe('`we``ird` AS c3')
  })

  it('names result columns by position, never by a column name such as __proto__', () => {
    const columns = [col('__proto__', 'text', 'text'), col('constructor', 'text', 'text')]
    expect(selectColumns('postgres', columns)).toBe('"__proto__" AS c0, "constructor" AS c1')
  })

  it('PostgreSQL: exact driver types stay native', () => {
    for (const type of ['smallint', 'integer', 'double precision', 'text', 'character varying(80)', 'character varying', 'character(3)']) {
      expect(selectExpression('postgres', col('c', 'other', type), 0), type).toBe('"c" AS c0')
    }
    expect(selectExpression('postgres', col('flag', 'boolean', 'boolean'), 1)).toBe('"flag" AS c1')
    expect(selectExpression('postgres', col('data', 'binary', 'bytea'), 2)).toBe('"data" AS c2')
  })

  it('PostgreSQL: everything a driver would round or reshape is read as text', () => {
    const types = [
      'bigint',
      'numeric(30,10)',
      'numeric',
      'money',
      'date',
      'time without time zone',
      'time with time zone',
      'timestamp without time zone',
      'timestamp(3) with time zone',
      'interval',
      'json',
      'jsonb',
      'uuid',
      'integer[]',
      'my_domain',
    ]
    for (const type of types) {
      expect(selectExpression('postgres', col('c', 'other', type), 0), type).toBe('"c"::text AS c0')
    }
    expect(selectExpression('postgres', col('we"ird', 'integer', 'bigint'), 4)).toBe('"we""ird"::text AS c4')
  })

  it('SQLite: integers are read as text where the column can hold them', () => {
    const guarded = 'CASE WHEN typeof("c") = \'integer\' THEN CAST("c" AS TEXT) ELSE "c" END AS c0'
    for (const type of ['INTEGER', 'BIGINT', 'DECIMAL(30,10)', 'NUMERIC', 'BOOLEAN', 'DATETIME', '', 'BLOB']) {
      expect(selectExpression('sqlite', col('c', 'other', type), 0), type).toBe(guarded)
    }
    for (const type of ['TEXT', 'VARCHAR(255)', 'REAL', 'FLOAT', 'DOUBLE PRECISION']) {
      expect(selectExpression('sqlite', col('c', 'other', type), 0), type).toBe('"c" AS c0')
    }
  })
})

describe('toCell', () => {
  it('null and undefined are null', () => {
    expect(toCell(null, col('c', 'text'))).toBeNull()
    expect(toCell(undefined, col('c', 'text'))).toBeNull()
  })

  it('binary: base64 with its full size, cut at the preview cap', () => {
    expect(toCell(Buffer.from([0, 1, 2, 255]), col('b', 'binary'))).toEqual({ base64: 'AAEC/w==', bytes: 4, truncated: false })
    expect(toCell(new Uint8Array([1, 2]), col('b', 'binary'))).toEqual({ base64: 'AQI=', bytes: 2, truncated: false })

    const atCap = Buffer.alloc(BINARY_PREVIEW_BYTES, 7)
    expect(toCell(atCap, col('b', 'binary'))).toMatchObject({ bytes: BINARY_PREVIEW_BYTES, truncated: false })

    const big = Buffer.alloc(BINARY_PREVIEW_BYTES + 10)
    for (let i = 0; i < big.length; i++) big[i] = i % 251
    const cell = toCell(big, col('b', 'binary'))
    expect(cell).toMatchObject({ bytes: BINARY_PREVIEW_BYTES + 10, truncated: true })
    const preview = Buffer.from((cell as { base64: string }).base64, 'base64')
    expect(preview.equals(big.subarray(0, BINARY_PREVIEW_BYTES))).toBe(true)
  })

  it('booleans stay booleans', () => {
    expect(toCell(true, col('c', 'boolean'))).toBe(true)
    expect(toCell(false, col('c', 'other'))).toBe(false)
  })

  it('boolean columns: 0/1 in any spelling become false/true, other values are shown as stored', () => {
    const flag = col('flag', 'boolean', 'tinyint(1)')
    expect([0, 1, '0', '1', 0n, 1n].map((v) => toCell(v, flag))).toEqual([false, true, false, true, false, true])
    expect(toCell(2, flag)).toBe(2)
    expect(toCell('5', flag)).toBe(5)
    expect(toCell('yes', flag)).toBe('yes')
    // Not a boolean column: 1 is just 1.
    expect(toCell(1, col('n', 'integer'))).toBe(1)
    expect(toCell('1', col('t', 'text'))).toBe('1')
  })

  it('integer strings become numbers only within ±(2^53−1)', () => {
    const n = col('n', 'integer', 'bigint')
    expect(toCell('9007199254740991', n)).toBe(9007199254740991)
    expect(toCell('-9007199254740991', n)).toBe(-9007199254740991)
    expect(toCell('9007199254740992', n)).toBe('9007199254740992')
    expect(toCell('-9223372036854775808', n)).toBe('-9223372036854775808')
    expect(toCell('0', n)).toBe(0)
  })

  it('only canonical integers of number-like columns: text, padded digits and decimals stay strings', () => {
    expect(toCell('00123', col('zip', 'integer'))).toBe('00123')
    expect(toCell('-0', col('n', 'integer'))).toBe('-0')
    expect(toCell('123', col('code', 'text', 'varchar(5)'))).toBe('123')
    expect(toCell('123', col('id', 'uuid'))).toBe('123')
    expect(toCell('5', col('doc', 'json'))).toBe('5')
    expect(toCell('12.50', col('price', 'decimal'))).toBe('12.50')
    expect(toCell('5', col('price', 'decimal'))).toBe(5)
    expect(toCell('1700000000', col('at', 'datetime', 'DATETIME'))).toBe(1700000000)
    expect(toCell('2024-01-02 03:04:05.123456', col('at', 'datetime'))).toBe('2024-01-02 03:04:05.123456')
  })

  it('bigints: numbers when safe, decimal strings beyond', () => {
    const n = col('n', 'integer')
    expect(toCell(42n, n)).toBe(42)
    expect(toCell(BigInt(Number.MAX_SAFE_INTEGER), n)).toBe(Number.MAX_SAFE_INTEGER)
    expect(toCell(2n ** 53n, n)).toBe('9007199254740992')
    expect(toCell(-(2n ** 63n), n)).toBe('-9223372036854775808')
  })

  it('numbers: finite ones as they are, non-finite ones as text', () => {
    const f = col('f', 'float')
    expect(toCell(0.1, f)).toBe(0.1)
    expect(toCell(-2.5e-300, f)).toBe(-2.5e-300)
    expect(toCell(Number.NaN, f)).toBe('NaN')
    expect(toCell(Number.POSITIVE_INFINITY, f)).toBe('Infinity')
    expect(toCell(Number.NEGATIVE_INFINITY, f)).toBe('-Infinity')
  })

  it('dates become ISO text; objects and arrays JSON text; strings stay strings', () => {
    expect(toCell(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), col('at', 'datetime'))).toBe('2024-01-02T03:04:05.006Z')
    expect(toCell(new Date(Number.NaN), col('at', 'datetime'))).toBe('Invalid Date')
    expect(toCell({ a: 1, b: [true, null] }, col('doc', 'json'))).toBe('{"a":1,"b":[true,null]}')
    expect(toCell([1, 'x'], col('tags', 'other'))).toBe('[1,"x"]')
    expect(toCell('héllo', col('t', 'text'))).toBe('héllo')
    expect(toCell('', col('t', 'text'))).toBe('')
  })
})

describe('rowFromDb', () => {
  it('maps each listed column by position with its own rule; absent columns are null, extra keys dropped', () => {
    const columns = [col('id', 'integer', 'bigint'), col('flag', 'boolean'), col('data', 'binary'), col('note', 'text')]
    const row = rowFromDb({ c0: '9007199254740993', c1: 1, c2: Buffer.from('hi'), extra: 'x' }, columns)
    expect(row).toEqual({ id: '9007199254740993', flag: true, data: { base64: 'aGk=', bytes: 2, truncated: false }, note: null })
  })

  it('keeps columns named like Object.prototype members as own properties', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']
    const row = rowFromDb(
      Object.fromEntries(names.map((_, i) => [`c${i}`, `v${i}`])),
      names.map((n) => col(n, 'text')),
    )
    expect(Object.keys(row)).toEqual(names)
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    names.forEach((name, i) => expect(Object.getOwnPropertyDescriptor(row, name)?.value).toBe(`v${i}`))
  })
})

describe('toDbValue', () => {
  it('null stays null', () => {
    expect(toDbValue(null, col('c', 'text'), 'postgres')).toBeNull()
  })

  it('base64 becomes a Buffer (padded or not, blanks ignored)', () => {
    const b = col('blob', 'binary')
    expect(toDbValue({ base64: 'AAEC/w==' }, b, 'sqlite')).toEqual(Buffer.from([0, 1, 2, 255]))
    expect(toDbValue({ base64: 'AAEC/w' }, b, 'mysql')).toEqual(Buffer.from([0, 1, 2, 255]))
    expect(toDbValue({ base64: 'AAEC\n/w==' }, b, 'postgres')).toEqual(Buffer.from([0, 1, 2, 255]))
    expect(toDbValue({ base64: '' }, b, 'postgres')).toEqual(Buffer.alloc(0))
  })

  it('invalid base64 is a VALIDATION error naming the column', () => {
    for (const bad of ['ab$c', 'A', '=AAA', 'AA=A', 'AAA==', 'aGk_']) {
      const error = thrown(() => toDbValue({ base64: bad }, col('blob', 'binary'), 'sqlite'))
      expect(error.code, bad).toBe('VALIDATION')
      expect(error.field).toBe('blob')
      expect(error.message).toContain('blob')
    }
  })

  it('booleans: true/false for PostgreSQL, 1/0 for SQLite and MySQL', () => {
    const flag = col('flag', 'boolean', 'boolean')
    expect(toDbValue(true, flag, 'postgres')).toBe(true)
    expect(toDbValue(false, flag, 'postgres')).toBe(false)
    expect(toDbValue(true, flag, 'sqlite')).toBe(1)
    expect(toDbValue(false, flag, 'sqlite')).toBe(0)
    expect(toDbValue(true, col('flag', 'boolean', 'tinyint(1)'), 'mysql')).toBe(1)
    expect(toDbValue(false, col('flag', 'boolean', 'tinyint(1)'), 'mysql')).toBe(0)
  })

  it('strings and numbers go as they are (the server converts decimals and big integers exactly)', () => {
    const big = '12345678901234567890.0123456789'
    expect(toDbValue(big, col('d', 'decimal', 'numeric(30,10)'), 'postgres')).toBe(big)
    expect(toDbValue(big, col('d', 'decimal', 'decimal(30,10)'), 'mysql')).toBe(big)
    expect(toDbValue('18446744073709551615', col('n', 'integer', 'bigint unsigned'), 'mysql')).toBe('18446744073709551615')
    expect(toDbValue(12.5, col('f', 'float'), 'postgres')).toBe(12.5)
    expect(toDbValue('hello', col('t', 'text', 'TEXT'), 'sqlite')).toBe('hello')
  })

  it('non-finite numbers are refused', () => {
    expect(thrown(() => toDbValue(Number.NaN, col('f', 'float'), 'postgres')).code).toBe('VALIDATION')
  })

  describe('SQLite precision guard', () => {
    const decimal = col('d', 'decimal', 'DECIMAL(30,10)')

    it('refuses a decimal SQLite would round, saying what would be stored and how to keep it', () => {
      const error = thrown(() => toDbValue('12345678901234567890.0123456789', decimal, 'sqlite'))
      expect(error.code).toBe('PRECISION_LOSS')
      expect(error.field).toBe('d')
      expect(error.message).toContain('12345678901234567000')
      expect(error.hint).toMatch(/TEXT/)
    })

    it('lets through values that read back as the same number', () => {
      for (const ok of ['0.1000000000', '0.1', '1.5', '-2.25', '123456789012345.67', '1e20', '3.0e+5', ' 12 ', '007', '-0', '+7']) {
        expect(toDbValue(ok, decimal, 'sqlite'), ok).toBe(ok)
      }
    })

    it('64-bit integers are exact in INTEGER and NUMERIC columns, not in REAL ones', () => {
      const max = '9223372036854775807'
      expect(toDbValue(max, col('n', 'integer', 'INTEGER'), 'sqlite')).toBe(max)
      expect(toDbValue('-9223372036854775808', col('n', 'integer', 'BIGINT'), 'sqlite')).toBe('-9223372036854775808')
      expect(toDbValue(max, decimal, 'sqlite')).toBe(max)
      expect(thrown(() => toDbValue(max, col('r', 'float', 'REAL'), 'sqlite')).code).toBe('PRECISION_LOSS')
      expect(thrown(() => toDbValue('9223372036854775808', col('n', 'integer', 'INTEGER'), 'sqlite')).code).toBe('PRECISION_LOSS')
    })

    it('refuses overflow and underflow', () => {
      expect(thrown(() => toDbValue('1e400', decimal, 'sqlite')).code).toBe('PRECISION_LOSS')
      expect(thrown(() => toDbValue('1e-400', decimal, 'sqlite')).code).toBe('PRECISION_LOSS')
    })

    it('leaves alone columns that keep text as text, and text that is not a number', () => {
      const long = '12345678901234567890.0123456789'
      expect(toDbValue(long, col('t', 'text', 'TEXT'), 'sqlite')).toBe(long)
      expect(toDbValue(long, col('v', 'text', 'VARCHAR(40)'), 'sqlite')).toBe(long)
      expect(toDbValue(long, col('x', 'other', ''), 'sqlite')).toBe(long)
      expect(toDbValue(long, col('b', 'binary', 'BLOB'), 'sqlite')).toBe(long)
      expect(toDbValue('12abc', decimal, 'sqlite')).toBe('12abc')
      expect(toDbValue('0x10', decimal, 'sqlite')).toBe('0x10')
    })
  })
})

describe('normalizeDecimal', () => {
  it('spells equal numbers alike', () => {
    expect(normalizeDecimal('0.1000000000')).toBe(normalizeDecimal('1e-1'))
    expect(normalizeDecimal('1.0e+20')).toBe(normalizeDecimal('100000000000000000000'))
    expect(normalizeDecimal('-0.0')).toBe('0')
    expect(normalizeDecimal('12.5')).not.toBe(normalizeDecimal('1.25'))
  })
})

/** The guard checked against SQLite itself: it refuses exactly the strings SQLite would change. */
describe('SQLite precision guard against a real SQLite', () => {
  let db: sqlite3.Database
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (e: Error | null) => (e ? reject(e) : resolve())))
  const all = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T[]>((resolve, reject) => db.all(sql, params, (e: Error | null, rows: T[]) => (e ? reject(e) : resolve(rows))))

  beforeAll(async () => {
    db = new sqlite3.Database(':memory:')
    await run('CREATE TABLE t (i INTEGER, d DECIMAL(30,10), r REAL, s TEXT)')
  })
  afterAll(() => new Promise<void>((resolve) => db.close(() => resolve())))

  // A fixed pseudo-random sequence, so a failure can be reproduced.
  let seed = 12345
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('')
  const samples = [
    '12345678901234567890.0123456789',
    '0.1000000000',
    '9007199254740993',
    '9007199254740993.0',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775809',
    '1e400',
    '1e-400',
    '3.0e+5',
    ' 42 ',
    ...Array.from({ length: 1000 }, () => {
      const whole = digits(1 + Math.floor(random() * 20))
      const fraction = random() < 0.6 ? `.${digits(Math.floor(random() * 12))}` : ''
      const exponent = random() < 0.15 ? `e${Math.floor(random() * 40) - 20}` : ''
      return `${random() < 0.3 ? '-' : ''}${whole}${fraction}${exponent}`
    }),
  ]
  const columns = {
    i: col('i', 'integer', 'INTEGER'),
    d: col('d', 'decimal', 'DECIMAL(30,10)'),
    r: col('r', 'float', 'REAL'),
    s: col('s', 'text', 'TEXT'),
  }

  it('agrees with what SQLite stores, for every sample and affinity', async () => {
    const disagreements: string[] = []
    let refusals = 0
    for (const sample of samples) {
      await run('DELETE FROM t')
      await run('INSERT INTO t VALUES (?, ?, ?, ?)', [sample, sample, sample, sample])
      // Integers as text (exact), floats as the driver's double (exact), text as text.
      const read = (c: string) => `CASE WHEN typeof(${c}) = 'integer' THEN CAST(${c} AS TEXT) ELSE ${c} END AS ${c}`
      const [stored] = await all<Record<string, string | number>>(`SELECT ${['i', 'd', 'r', 's'].map(read).join(', ')} FROM t`)
      for (const [name, column] of Object.entries(columns)) {
        const changed = normalizeDecimal(String(stored[name]).trim()) !== normalizeDecimal(sample.trim())
        let refused = false
        try {
          toDbValue(sample, column, 'sqlite')
        } catch (error) {
          refused = error instanceof AppError && error.code === 'PRECISION_LOSS'
        }
        if (refused) refusals++
        if (changed !== refused) disagreements.push(`${name} ${JSON.stringify(sample)} → ${stored[name]} (refused: ${refused})`)
      }
    }
    expect(disagreements).toEqual([])
    // Both outcomes are well represented, so the agreement means something.
    expect(refusals).toBeGreaterThan(samples.length / 4)
    expect(refusals).toBeLessThan(samples.length * 3 - samples.length / 4)
  })

  it('reads 64-bit integers back exactly through selectExpression and toCell', async () => {
    await run('DELETE FROM t')
    await run('INSERT INTO t (i, d) VALUES (?, ?)', ['9223372036854775807', '42'])
    const expressions = selectColumns('sqlite', [columns.i, columns.d])
    const [raw] = await all<Record<string, unknown>>(`SELECT ${expressions} FROM t`)
    expect(rowFromDb(raw, [columns.i, columns.d])).toEqual({ i: '9223372036854775807', d: 42 })
  })
})

describe('floats without rounding (design.md §3)', () => {
  it('MySQL FLOAT is read as the exact double it holds, not the 6 digits the server prints', () => {
    expect(selectExpression('mysql', col('f', 'float', 'float'), 0)).toBe('CAST(CAST(`f` AS DOUBLE) AS CHAR) AS c0')
    expect(selectExpression('mysql', col('f', 'float', 'float unsigned'), 0)).toBe('CAST(CAST(`f` AS DOUBLE) AS CHAR) AS c0')
    expect(selectExpression('mysql', col('d', 'float', 'double'), 0)).toBe('`d` AS c0')
    expect(selectExpression('postgres', col('r', 'float', 'real'), 0)).toBe('"r"::text AS c0')
  })

  it('a float32 crosses in the fewest digits that read back as the same float32', () => {
    const f = col('f', 'float', 'float')
    expect(toCell('1000.0020141601562', f)).toBe('1000.002')
    expect(toCell('16777216', f)).toBe(16777216)
    expect(toCell('0.10000000149011612', f)).toBe('0.1')
    expect(toCell('1.5', f)).toBe(1.5)
    expect(toCell('1.401298464324817e-45', f)).toBe('1e-45')
    // Shortest digits (3.4028235e38) are above the largest float32, which MariaDB refuses: the exact value.
    expect(toCell('3.4028234663852886e38', f)).toBe(3.4028234663852886e38)
    expect(float32Cell(-3.4028234663852886e38)).toBe(-3.4028234663852886e38)
    // PostgreSQL real prints round-trip digits: kept as text unless that is the exact number.
    const real = col('r', 'float', 'real')
    expect(toCell('0.1', real)).toBe('0.1')
    expect(toCell('3.4028235e+38', real)).toBe('3.4028235e+38')
    expect(toCell('0.5', real)).toBe(0.5)
    expect(toCell('-0', real)).toBe('-0')
    expect(toCell('NaN', real)).toBe('NaN')
  })

  it('-0 stays -0 (JSON would carry it as 0)', () => {
    expect(toCell(-0, col('d', 'float', 'double precision'))).toBe('-0')
    expect(toCell(-0, col('u', 'other', ''))).toBe('-0')
    expect(toCell(0, col('d', 'float', 'double precision'))).toBe(0)
  })
})

describe('writing what was read', () => {
  it('refuses a binary cell that was read cut short', () => {
    const error = thrown(() =>
      toDbValue({ base64: 'AAAA', bytes: 100_000, truncated: true } as never, col('data', 'binary', 'blob'), 'mysql'),
    )
    expect(error.code).toBe('VALIDATION')
    expect(error.field).toBe('data')
  })

  it('sameAsStored: the value already stored is no change, class and all', () => {
    expect(sameAsStored('42', 42)).toBe(true)
    expect(sameAsStored(42, '42')).toBe(true)
    expect(sameAsStored('-0', '-0')).toBe(true)
    expect(sameAsStored('0', '-0')).toBe(false)
    expect(sameAsStored(null, null)).toBe(true)
    expect(sameAsStored('', null)).toBe(false)
    expect(sameAsStored(true, true)).toBe(true)
    expect(sameAsStored(1, true)).toBe(false)
    expect(sameAsStored({ base64: 'AAEC' }, { base64: 'AAEC', bytes: 3, truncated: false })).toBe(true)
    expect(sameAsStored({ base64: 'AAEC' }, { base64: 'AAEC', bytes: 90_000, truncated: true })).toBe(false)
    expect(sameAsStored('x', undefined)).toBe(false)
  })
})

describe('float64Parts', () => {
  it('gives an integer significand and a power of two that multiply back to the double, subnormals and extremes included', () => {
    let state = 7
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647
    const samples = [0.1, -0.9309114, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1e-310, 1, -2.5, 2 ** 53 + 2]
    for (let i = 0; i < 10000; i++) samples.push((random() - 0.5) * 10 ** Math.floor(random() * 600 - 300))
    for (const x of samples) {
      const [m, e] = float64Parts(x)
      expect(Number.isSafeInteger(m)).toBe(true)
      expect(m * 2 ** e).toBe(x)
    }
  })
})
