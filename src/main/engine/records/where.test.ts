import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { BindParams } from './sql'
import { target } from './test-fixtures'
import { asciiCaseSuffices, caselessGlob, escapeLike, selectionCondition } from './where'
import type { Filter } from '../../../shared/contract'

function build(dialect: 'sqlite' | 'mysql' | 'postgres', filters: Filter[], search?: string) {
  const t = target(dialect)
  const params = new BindParams(dialect)
  const sql = selectionCondition(t, { filters, search }, params)
  return { sql, values: params.values }
}

describe('selectionCondition', () => {
  it('selects every row when nothing filters', () => {
    expect(build('sqlite', []).sql).toBeNull()
    expect(build('sqlite', [], '   ').sql).toBeNull()
  })

  it('binds each value and joins filters with AND', () => {
    const { sql, values } = build('postgres', [
      { column: 'name', op: 'eq', value: 'a' },
      { column: 'id', op: 'gte', value: 3 },
    ])
    expect(sql).toBe('("t"."name" = $1) AND ("t"."id" >= $2)')
    expect(values).toEqual(['a', 3])
  })

  it('uses positional ? placeholders on MySQL', () => {
    const { sql, values } = build('mysql', [{ column: 'id', op: 'lt', value: 10 }])
    expect(sql).toBe('(`t`.`id` < ?)')
    expect(values).toEqual([10])
  })

  it('makes ne include NULLs, and eq/ne with null mean IS (NOT) NULL', () => {
    expect(build('sqlite', [{ column: 'name', op: 'ne', value: 'x' }]).sql).toBe('(NOT ("t"."name" = $1) OR "t"."name" IS NULL)')
    expect(build('sqlite', [{ column: 'name', op: 'eq', value: null }]).sql).toBe('("t"."name" IS NULL)')
    expect(build('sqlite', [{ column: 'name', op: 'ne', value: null }]).sql).toBe('("t"."name" IS NOT NULL)')
    expect(
      build('sqlite', [
        { column: 'name', op: 'isNull' },
        { column: 'id', op: 'isNotNull' },
      ]).sql,
    ).toBe('("t"."name" IS NULL) AND ("t"."id" IS NOT NULL)')
  })

  it('matches contains/startsWith case-insensitively with the LIKE wildcards escaped', () => {
    const pg = build('postgres', [{ column: 'name', op: 'contains', value: '50%_off!' }])
    expect(pg.sql).toBe(`("t"."name" ILIKE $1 ESCAPE '!')`)
    expect(pg.values).toEqual(['%50!%!_off!!%'])
    // SQLite's LIKE folds ASCII letters, which is all this pattern needs.
    const sqlite = build('sqlite', [{ column: 'name', op: 'startsWith', value: 'Ab_1' }])
    expect(sqlite.sql).toBe(`("t"."name" LIKE $1 ESCAPE '!')`)
    expect(sqlite.values).toEqual(['Ab!_1%'])
  })

  it('uses GLOB with the case forms of each letter on SQLite when a letter folds beyond ASCII', () => {
    const sqlite = build('sqlite', [{ column: 'name', op: 'startsWith', value: 'Öb' }])
    expect(sqlite.sql).toBe(`("t"."name" GLOB $1)`)
    expect(sqlite.values).toEqual(['[Öö][bB]*'])
    // The Kelvin sign's lower case is ASCII k, which LIKE would not see as the same letter.
    expect(build('sqlite', [{ column: 'name', op: 'contains', value: '\u212A' }]).sql).toBe(`("t"."name" GLOB $1)`)
    // Characters without case forms compare as they are either way.
    expect(build('sqlite', [{ column: 'name', op: 'contains', value: 'ß 日本 1' }]).sql).toBe(`("t"."name" LIKE $1 ESCAPE '!')`)
  })

  it('compares the text form of non-text columns for contains', () => {
    expect(build('mysql', [{ column: 'id', op: 'contains', value: 12 }]).sql).toBe(
      "(LOWER(CAST(`t`.`id` AS CHAR)) LIKE LOWER(?) ESCAPE '!')",
    )
    expect(build('postgres', [{ column: 'born', op: 'startsWith', value: '2024-02' }]).sql).toBe(
      `(CAST("t"."born" AS TEXT) ILIKE $1 ESCAPE '!')`,
    )
  })

  it('compares JSON as text and MySQL FLOAT in single precision', () => {
    expect(build('postgres', [{ column: 'doc', op: 'eq', value: '{"a":1}' }]).sql).toBe('(CAST("t"."doc" AS TEXT) = $1)')
    // FLOAT: the nearest float, or the value as MariaDB's 6-digit text shows it.
    expect(build('mysql', [{ column: 'price', op: 'eq', value: 0.1 }]).sql).toBe(
      '((`t`.`price` = CAST(? AS FLOAT) OR CAST(CAST(`t`.`price` AS CHAR) AS DOUBLE) = CAST(? AS DOUBLE)))',
    )
    expect(build('postgres', [{ column: 'price', op: 'eq', value: 0.1 }]).sql).toBe('("t"."price" = $1)')
  })

  it('searches every text column, ignoring case', () => {
    const { sql, values } = build('postgres', [], 'Row_boat')
    expect(sql).toBe(`("t"."name" ILIKE $1 ESCAPE '!')`)
    expect(values).toEqual(['%Row!_boat%'])
  })

  it('names an unknown column and the valid ones', () => {
    try {
      build('sqlite', [{ column: 'nmae', op: 'eq', value: 1 }])
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('COLUMN_NOT_FOUND')
      expect((error as AppError).message).toContain('"nmae"')
      expect((error as AppError).message).toContain('id, name, price')
      expect((error as AppError).field).toBe('filters.0.column')
    }
  })

  it('refuses range filters without a value', () => {
    expect(() => build('sqlite', [{ column: 'id', op: 'gt' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'filters.0.value' }),
    )
    expect(() => build('sqlite', [{ column: 'name', op: 'contains', value: null }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
  })
})

describe('asciiCaseSuffices', () => {
  it('holds when every letter folds within ASCII or has no other case form', () => {
    expect(asciiCaseSuffices('%Hello, World! 50%')).toBe(true)
    expect(asciiCaseSuffices('ß€日本')).toBe(true)
    expect(asciiCaseSuffices('%ö%')).toBe(false)
    expect(asciiCaseSuffices('Σ')).toBe(false)
    expect(asciiCaseSuffices('\u212A')).toBe(false)
    expect(asciiCaseSuffices('\u0131')).toBe(false)
  })
})

describe('caselessGlob', () => {
  it('matches every case form of each letter, beyond ASCII, and keeps GLOB specials literal', () => {
    expect(caselessGlob('%Ö_!%x%')).toBe('*[Öö]?%[xX]*')
    expect(caselessGlob('a*b?[c]')).toBe('[aA][*][bB][?][[][cC]]')
    expect(caselessGlob('ß1')).toBe('ß1')
  })
})

describe('escapeLike', () => {
  it('escapes the wildcards and the escape character itself', () => {
    expect(escapeLike('a%b_c!d')).toBe('a!%b!_c!!d')
    expect(escapeLike('plain')).toBe('plain')
  })
})
