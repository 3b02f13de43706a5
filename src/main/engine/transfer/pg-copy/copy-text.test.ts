import { describe, expect, it } from 'vitest'
import { createStagingSql, mergeSql } from './copy-sql'
import { COPY_NULL, copyChunks, copyField } from './copy-text'
import { USE_DEFAULT } from '../import/validate'

describe('COPY text format', () => {
  it('writes NULL as \\N and the empty string as an empty field', () => {
    expect(copyField(null)).toBe('\\N')
    expect(copyField(undefined)).toBe(COPY_NULL)
    expect(copyField('')).toBe('')
  })

  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyField('a\tb')).toBe('a\\tb')
    expect(copyField('line1\nline2\r\nline3')).toBe('line1\\nline2\\r\\nline3')
    expect(copyField('C:\\dir\\N')).toBe('C:\\\\dir\\\\N')
    // A field that reads \N is the text "\N", not NULL.
    expect(copyField('\\N')).toBe('\\\\N')
    expect(copyField('He said "hi", then left; it\'s 100%')).toBe('He said "hi", then left; it\'s 100%')
    expect(copyField('😀 ünïcödé | , ; \u000b \f')).toBe('😀 ünïcödé | , ; \u000b \f')
  })

  it('keeps numbers, decimals, big integers and timestamps as the text given', () => {
    expect(copyField('9223372036854775807')).toBe('9223372036854775807')
    expect(copyField('12345678901234567890.0123456789')).toBe('12345678901234567890.0123456789')
    expect(copyField('-0.0000000001')).toBe('-0.0000000001')
    expect(copyField('2024-02-29 23:59:59.123456 +00:00')).toBe('2024-02-29 23:59:59.123456 +00:00')
    expect(copyField(1.5)).toBe('1.5')
    expect(copyField(12n)).toBe('12')
  })

  it('writes booleans as pg binds them', () => {
    expect(copyField(true)).toBe('true')
    expect(copyField(false)).toBe('false')
  })

  it('writes bytea as escaped hex, including empty and offset views', () => {
    expect(copyField(Buffer.from([0, 1, 255]))).toBe('\\\\x0001ff')
    expect(copyField(Buffer.alloc(0))).toBe('\\\\x')
    expect(copyField(Buffer.from('\r\n,"\t\\', 'utf8'))).toBe('\\\\x0d0a2c22095c')
    const pooled = Buffer.from([9, 8, 7, 6]).subarray(1, 3)
    expect(copyField(pooled)).toBe('\\\\x0807')
    expect(copyField(new Uint8Array([171, 205]))).toBe('\\\\xabcd')
  })

  it('refuses what the import never hands it, instead of guessing', () => {
    expect(() => copyField(USE_DEFAULT)).toThrow(/DEFAULT/)
    expect(() => copyField({ a: 1 })).toThrow(TypeError)
  })

  const text = (chunks: Iterable<Buffer>) => Buffer.concat([...chunks]).toString('utf8')

  it('writes rows as tab-separated lines', () => {
    const values = ['1', 'a\tb', null, '2', '', true, '3', 'x\ny', Buffer.from([1])]
    expect(text(copyChunks(values, 3, 0, 3))).toBe('1\ta\\tb\t\\N\n2\t\ttrue\n3\tx\\ny\t\\\\x01\n')
    expect(text(copyChunks(values, 3, 1, 2))).toBe('2\t\ttrue\n')
    expect([...copyChunks(values, 3, 2, 2)]).toEqual([])
  })

  it('encodes UTF-8 into chunks of whole lines that grow to the limit, with room for long rows', () => {
    const emoji = '😀 ünïcödé €'
    const values = Array.from({ length: 300 }, (_, i) => (i === 150 ? 'x'.repeat(500) : `${i} ${emoji}`))
    const chunks = [...copyChunks(values, 1, 0, 300, 256)]
    expect(chunks.length).toBeGreaterThan(10)
    expect(chunks.every((c) => c.at(-1) === 0x0a)).toBe(true)
    expect(chunks.some((c) => c.length > 256)).toBe(true) // the 500-character row
    expect(Buffer.concat(chunks).toString('utf8')).toBe(values.map((v) => `${v}\n`).join(''))
  })

  it('produces chunks only as they are taken', () => {
    let read = 0
    const values = new Proxy(new Array<string>(3000).fill('v'), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    copyChunks(values, 1, 0, 3000, 100).next()
    expect(read).toBeLessThan(100)
  })
})

describe('COPY statements', () => {
  const shape = { dialect: 'postgres' as const, table: '"t"', columns: ['"id"', '"name"'], key: ['"id"'] }

  it('makes the staging table from the target, without data or constraints', () => {
    expect(createStagingSql(shape)).toBe(
      'CREATE TEMPORARY TABLE "rowboat_import_staging" ON COMMIT DROP AS SELECT "id", "name" FROM "t" WITH NO DATA',
    )
  })

  it('merges with the duplicate clause, counting inserted and updated rows in the statement', () => {
    expect(mergeSql({ ...shape, mode: 'skip' })).toBe(
      'INSERT INTO "t" ("id", "name") SELECT "id", "name" FROM "rowboat_import_staging" ON CONFLICT ("id") DO NOTHING',
    )
    expect(mergeSql({ ...shape, key: [], mode: 'fail' })).toBe(
      'INSERT INTO "t" ("id", "name") SELECT "id", "name" FROM "rowboat_import_staging"',
    )
    expect(mergeSql({ ...shape, mode: 'update' })).toBe(
      'WITH merged AS (INSERT INTO "t" ("id", "name") SELECT "id", "name" FROM "rowboat_import_staging" ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name" RETURNING (xmax = 0) AS inserted) ' +
        'SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) AS written FROM merged',
    )
  })
})
