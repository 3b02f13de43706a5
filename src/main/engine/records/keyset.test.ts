import { describe, expect, it } from 'vitest'
import { orderByClause, resolveSortKeys, seekCondition } from './keyset'
import type { KeyValue } from './order-terms'
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
    expect(seekCondition(target('postgres'), keys, ['42'], params)).toBe('("t"."id" < $1)')
  })

  it('refuses what PostgreSQL cannot order or seek on (json, xml, point, hstore), with the reason; jsonb sorts natively', () => {
    for (const type of ['json', 'xml', 'point', 'hstore']) {
      const t = target(
        'postgres',
        table([column('id', 'integer', 'integer', { nullable: false }), column('doc', type === 'json' ? 'json' : 'other', type)]),
      )
      expect(() => resolveSortKeys(t, [{ column: 'doc', direction: 'asc' }])).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          field: 'sort.0.column',
          message: expect.stringContaining('cannot be sorted by doc'),
        }),
      )
    }
    const jsonb = target('postgres', table([column('id', 'integer', 'integer', { nullable: false }), column('doc', 'json', 'jsonb')]))
    expect(orderByClause(jsonb, resolveSortKeys(jsonb, [{ column: 'doc', direction: 'asc' }]))).toBe(
      'ORDER BY "t"."doc" ASC NULLS FIRST, "t"."id" ASC',
    )
  })

  it('is empty without keys (a table with no primary key and no sort)', () => {
    const keyless = target('sqlite', table([column('a', 'text', 'TEXT')], []))
    expect(orderByClause(keyless, resolveSortKeys(keyless, []))).toBe('')
  })
})

describe('seekCondition', () => {
  const seek = (dialect: 'sqlite' | 'mysql' | 'postgres', direction: 'asc' | 'desc', values: KeyValue[]) => {
    const t = target(dialect)
    const keys = resolveSortKeys(t, [{ column: 'name', direction }])
    const params = new BindParams(dialect)
    return { sql: seekCondition(t, keys, values, params), values: params.values }
  }

  it('continues after (value, key) ascending', () => {
    expect(seek('postgres', 'asc', ['b', '7'])).toEqual({
      sql: '("t"."name" > $1) OR ("t"."name" = $2 AND "t"."id" > $3)',
      values: ['b', 'b', '7'],
    })
  })

  it('includes the NULLs that come last when descending', () => {
    expect(seek('sqlite', 'desc', ['tb', 'i7']).sql).toBe('(("t"."name" < $1 OR "t"."name" IS NULL)) OR ("t"."name" = $2 AND "t"."id" > 7)')
  })

  it('continues after a NULL: ascending, every non-NULL follows; descending, only later NULLs', () => {
    expect(seek('sqlite', 'asc', [null, 'i7'])).toEqual({
      sql: '("t"."name" IS NOT NULL) OR ("t"."name" IS NULL AND "t"."id" > 7)',
      values: [],
    })
    expect(seek('sqlite', 'desc', [null, 'i7'])).toEqual({ sql: '("t"."name" IS NULL AND "t"."id" > 7)', values: [] })
  })

  it('binds SQLite values as their own storage class: integers as literals, reals as doubles, text as text, blobs as bytes', () => {
    expect(seek('sqlite', 'asc', ['t12', 'i-9223372036854775808'])).toEqual({
      sql: '("t"."name" > $1) OR ("t"."name" = $2 AND "t"."id" > -9223372036854775808)',
      values: ['12', '12'],
    })
    expect(seek('sqlite', 'asc', [{ n: 'Infinity' }, 'i1']).sql).toBe('("t"."name" > 9e999) OR ("t"."name" = 9e999 AND "t"."id" > 1)')
    expect(seek('sqlite', 'asc', [{ n: '-Infinity' }, 'i1']).sql).toContain('> -9e999')
    expect(seek('sqlite', 'asc', [{ n: '0.5' }, 'i1']).values).toEqual([0.5, 0.5])
    expect(seek('sqlite', 'asc', ['b00FF', 'i1']).values).toEqual([Buffer.from([0, 255]), Buffer.from([0, 255])])
    expect(() => seek('sqlite', 'asc', ['i1 OR 1=1', 'i1'])).toThrow()
  })

  it('adds MySQL parameters in the order their placeholders appear, integers compared as integers', () => {
    const { sql, values } = seek('mysql', 'asc', ['b', { n: '7' }])
    expect(sql).toBe('(`t`.`name` > ?) OR (`t`.`name` = ? AND `t`.`id` > CAST(? AS SIGNED))')
    expect(values).toEqual(['b', 'b', '7'])
  })

  it('seeks MySQL ENUM, SET and BIT by the number ORDER BY sorts them by, FLOAT by its exact value', () => {
    const t = target(
      'mysql',
      table([column('id', 'integer', 'int(11)', { nullable: false }), column('e', 'text', "enum('b','a')"), column('f', 'float', 'float')]),
    )
    const keys = resolveSortKeys(t, [
      { column: 'e', direction: 'asc' },
      { column: 'f', direction: 'desc' },
    ])
    expect(orderByClause(t, keys)).toBe('ORDER BY `t`.`e`+0 ASC, `t`.`f` DESC, `t`.`id` ASC')
    const params = new BindParams('mysql')
    expect(seekCondition(t, keys, [{ n: '2' }, { n: '0.10000000149011612' }, { n: '3' }], params)).toContain(
      '`t`.`e`+0 > CAST(? AS UNSIGNED)',
    )
    expect(params.values).toContain(0.10000000149011612)
  })

  it('refuses values that do not fit the sort', () => {
    expect(() => seek('sqlite', 'asc', ['b'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'cursor' }))
  })
})
