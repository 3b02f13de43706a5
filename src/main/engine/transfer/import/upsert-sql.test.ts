import { describe, expect, it } from 'vitest'
import {
  batchRows,
  existingCountSql,
  insertSql,
  parameterLimit,
  sqliteJsonFunctions,
  sqliteJsonInsertSql,
  type InsertShape,
} from './upsert-sql'

const shape = (dialect: InsertShape['dialect'], mode: InsertShape['mode']): InsertShape => {
  const q = (n: string) => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`)
  return { dialect, table: q('t'), columns: [q('id'), q('name')], key: [q('id')], mode }
}

describe('import statements', () => {
  it('numbers PostgreSQL placeholders and leaves DEFAULT cells out of them', () => {
    expect(insertSql(shape('postgres', 'fail'), 2, (r, c) => r === 0 && c === 0)).toBe(
      'INSERT INTO "t" ("id", "name") VALUES (DEFAULT, $1), ($2, $3)',
    )
  })

  it("writes each dialect's duplicate clause", () => {
    expect(insertSql(shape('postgres', 'skip'), 1)).toBe('INSERT INTO "t" ("id", "name") VALUES ($1, $2) ON CONFLICT ("id") DO NOTHING')
    expect(insertSql(shape('postgres', 'update'), 1)).toBe(
      'INSERT INTO "t" ("id", "name") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name" RETURNING (xmax = 0) AS inserted',
    )
    expect(insertSql(shape('sqlite', 'update'), 1)).toBe(
      'INSERT INTO "t" ("id", "name") VALUES (?, ?) ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name"',
    )
    expect(insertSql(shape('mysql', 'skip'), 2)).toBe(
      'INSERT INTO `t` (`id`, `name`) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE `id` = `id`',
    )
    expect(insertSql(shape('mysql', 'update'), 1)).toBe(
      'INSERT INTO `t` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)',
    )
    expect(insertSql({ ...shape('sqlite', 'update'), columns: ['"id"'] }, 1)).toBe(
      'INSERT INTO "t" ("id") VALUES (?) ON CONFLICT ("id") DO UPDATE SET "id" = excluded."id"',
    )
  })

  it('can hand SQLite the rows as one JSON parameter', () => {
    expect(sqliteJsonInsertSql(shape('sqlite', 'skip'), 'jsonb')).toBe(
      'INSERT INTO "t" ("id", "name") SELECT value->>0, value->>1 FROM jsonb_each(?) WHERE true ON CONFLICT ("id") DO NOTHING',
    )
    expect(sqliteJsonInsertSql(shape('sqlite', 'fail'), 'json')).toBe(
      'INSERT INTO "t" ("id", "name") SELECT value->>0, value->>1 FROM json_each(?) WHERE true',
    )
    expect(sqliteJsonFunctions('3.52.0')).toBe('jsonb')
    expect(sqliteJsonFunctions('3.45.0')).toBe('jsonb')
    expect(sqliteJsonFunctions('3.44.2')).toBe('json')
    expect(sqliteJsonFunctions('3.38.0')).toBe('json')
    expect(sqliteJsonFunctions('3.37.2')).toBe(null)
    expect(sqliteJsonFunctions(undefined)).toBe(null)
  })

  it('counts existing keys, with row values for compound keys', () => {
    expect(existingCountSql('postgres', '"t"', ['"id"'], 2)).toBe('SELECT COUNT(*) AS n FROM "t" WHERE "id" IN ($1, $2)')
    expect(existingCountSql('sqlite', '"t"', ['"a"', '"b"'], 2)).toBe(
      'SELECT COUNT(*) AS n FROM "t" WHERE ("a", "b") IN (VALUES (?, ?), (?, ?))',
    )
    expect(existingCountSql('mysql', '`t`', ['`a`', '`b`'], 1)).toBe(
      'SELECT COUNT(*) AS n FROM `t` WHERE (`a`, `b`) IN ((?, ?)) FOR UPDATE',
    )
  })

  it('sizes batches by columns within each parameter limit', () => {
    expect(parameterLimit('mysql')).toBe(65_535)
    expect(parameterLimit('sqlite', '3.31.1')).toBe(999)
    expect(parameterLimit('sqlite', '3.45.0')).toBe(32_766)
    for (const dialect of ['sqlite', 'mysql', 'postgres'] as const) {
      for (const width of [1, 7, 300, 70_000]) {
        const rows = batchRows(dialect, width, '3.45.0')
        expect(rows).toBeGreaterThanOrEqual(1)
        if (width <= parameterLimit(dialect, '3.45.0')) expect(rows * width).toBeLessThanOrEqual(parameterLimit(dialect, '3.45.0'))
      }
    }
    expect(batchRows('sqlite', 7, '3.31.0')).toBe(142)
  })
})
