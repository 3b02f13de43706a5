import { describe, expect, it } from 'vitest'
import { orderByClause, resolveSortKeys, seekCondition } from './keyset'
import { BindParams } from './sql'
import { column, table, target } from './test-fixtures'

describe('resolveSortKeys', () => {
  it('appends the primary key as the tie-breaker', () => {
    const keys = resolveSortKeys(target('sqlite'), [{ column: 'name', direction: 'desc' }])
    expect(keys.map((k) => [k.column.name, k.direction])).toEqual([
      ['name', 'desc'],
      ['id', 'asc'],
    ])
  })

  it('does not repeat a key column the user sorts by', () => {
    const keys = resolveSortKeys(target('sqlite'), [{ column: 'id', direction: 'desc' }])
    expect(keys.map((k) => [k.column.name, k.direction])).toEqual([['id', 'desc']])
  })

  it('refuses binary columns and duplicates clearly', () => {
    expect(() => resolveSortKeys(target('sqlite'), [{ column: 'blob', direction: 'asc' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'sort.0.column', message: expect.stringContaining('binary') }),
    )
    expect(() =>
      resolveSortKeys(target('sqlite'), [
        { column: 'name', direction: 'asc' },
        { column: 'name', direction: 'desc' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'sort.1.column' }))
  })
})

describe('orderByClause', () => {
  it('puts NULLs first ascending and last descending on PostgreSQL, as the others do by default', () => {
    const keys = resolveSortKeys(target('postgres'), [{ column: 'name', direction: 'desc' }])
    expect(orderByClause(target('postgres'), keys)).toBe('ORDER BY "t"."name" DESC NULLS LAST, "t"."id" ASC')
    expect(orderByClause(target('mysql'), resolveSortKeys(target('mysql'), [{ column: 'name', direction: 'desc' }]))).toBe(
      'ORDER BY `t`.`name` DESC, `t`.`id` ASC',
    )
  })

  it('leaves NOT NULL keys without a NULLS clause or IS NULL branch, so PostgreSQL can walk their index', () => {
    const keys = resolveSortKeys(target('postgres'), [{ column: 'id', direction: 'desc' }])
    expect(orderByClause(target('postgres'), keys)).toBe('ORDER BY "t"."id" DESC')
    const params = new BindParams('postgres')
    expect(seekCondition(target('postgres'), keys, [42], params)).toBe('("t"."id" < $1)')
  })

  it('orders JSON by its text', () => {
    const keys = resolveSortKeys(target('postgres'), [{ column: 'doc', direction: 'asc' }])
    expect(orderByClause(target('postgres'), keys)).toContain('ORDER BY CAST("t"."doc" AS TEXT) ASC NULLS FIRST')
  })

  it('is empty without keys (a table with no primary key and no sort)', () => {
    const keyless = target('sqlite', table([column('a', 'text', 'TEXT')], []))
    expect(orderByClause(keyless, resolveSortKeys(keyless, []))).toBe('')
  })
})

describe('seekCondition', () => {
  const seek = (dialect: 'sqlite' | 'mysql' | 'postgres', direction: 'asc' | 'desc', values: Array<string | number | null>) => {
    const t = target(dialect)
    const keys = resolveSortKeys(t, [{ column: 'name', direction }])
    const params = new BindParams(dialect)
    return { sql: seekCondition(t, keys, values, params), values: params.values }
  }

  it('continues after (value, key) ascending', () => {
    expect(seek('postgres', 'asc', ['b', 7])).toEqual({
      sql: '("t"."name" > $1) OR ("t"."name" = $2 AND "t"."id" > $3)',
      values: ['b', 'b', 7],
    })
  })

  it('includes the NULLs that come last when descending', () => {
    expect(seek('sqlite', 'desc', ['b', 7]).sql).toBe('(("t"."name" < $1 OR "t"."name" IS NULL)) OR ("t"."name" = $2 AND "t"."id" > $3)')
  })

  it('continues after a NULL: ascending, every non-NULL follows; descending, only later NULLs', () => {
    expect(seek('sqlite', 'asc', [null, 7])).toEqual({ sql: '("t"."name" IS NOT NULL) OR ("t"."name" IS NULL AND "t"."id" > $1)', values: [7] })
    expect(seek('sqlite', 'desc', [null, 7])).toEqual({ sql: '("t"."name" IS NULL AND "t"."id" > $1)', values: [7] })
  })

  it('adds MySQL parameters in the order their placeholders appear', () => {
    const { sql, values } = seek('mysql', 'asc', ['b', 7])
    expect(sql).toBe('(`t`.`name` > ?) OR (`t`.`name` = ? AND `t`.`id` > ?)')
    expect(values).toEqual(['b', 'b', 7])
  })

  it('refuses values that do not fit the sort', () => {
    expect(() => seek('sqlite', 'asc', ['b'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'cursor' }))
  })
})
