import { describe, expect, it } from 'vitest'
import { BindParams } from './sql'
import { bulkDeleteStatement, bulkUpdateStatement, deleteByKeyStatement, insertStatement, updateByKeyStatement } from './statements'
import { column, ITEMS, table, target } from './test-fixtures'

describe('write statements', () => {
  it('inserts the given columns; PostgreSQL returns the key', () => {
    const params = new BindParams('postgres')
    // The key comes back through the codec's lossless select expression.
    expect(insertStatement(target('postgres'), { name: 'a', price: 1.5 }, params)).toMatch(
      /^INSERT INTO "t" \("name", "price"\) VALUES \(\$1, \$2\) RETURNING "id"/,
    )
    expect(params.values).toEqual(['a', 1.5])
    const mysql = new BindParams('mysql')
    expect(insertStatement(target('mysql'), { name: 'a' }, mysql)).toBe('INSERT INTO `t` (`name`) VALUES (?)')
  })

  it('inserts a row of defaults', () => {
    expect(insertStatement(target('sqlite'), {}, new BindParams('sqlite'))).toBe('INSERT INTO "t" DEFAULT VALUES')
    expect(insertStatement(target('mysql'), {}, new BindParams('mysql'))).toBe('INSERT INTO `t` () VALUES ()')
  })

  it('updates only the given columns, by the whole key, with SET values bound first', () => {
    const composite = table([column('a', 'integer', 'INTEGER'), column('b', 'text', 'TEXT'), column('v', 'text', 'TEXT')], ['a', 'b'])
    const params = new BindParams('mysql')
    expect(updateByKeyStatement(target('mysql', composite), { v: 'new' }, { a: 1, b: 'x' }, params)).toBe(
      'UPDATE `t` SET `v` = ? WHERE `t`.`a` = ? AND `t`.`b` = ?',
    )
    expect(params.values).toEqual(['new', 1, 'x'])
  })

  it('refuses a key that is not the primary key', () => {
    expect(() => deleteByKeyStatement(target('sqlite'), { name: 'x' }, new BindParams('sqlite'))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'key.name' }),
    )
    expect(() => deleteByKeyStatement(target('sqlite'), {}, new BindParams('sqlite'))).toThrow(expect.objectContaining({ field: 'key.id' }))
    const keyless = target('sqlite', table([column('a', 'text', 'TEXT')], []))
    expect(() => deleteByKeyStatement(keyless, { a: 'x' }, new BindParams('sqlite'))).toThrow(
      expect.objectContaining({ code: 'NO_PRIMARY_KEY' }),
    )
  })

  it('refuses unknown columns and empty updates', () => {
    expect(() => updateByKeyStatement(target('sqlite'), { nope: 1 }, { id: 1 }, new BindParams('sqlite'))).toThrow(
      expect.objectContaining({ code: 'COLUMN_NOT_FOUND', field: 'values.nope' }),
    )
    expect(() => updateByKeyStatement(target('sqlite'), {}, { id: 1 }, new BindParams('sqlite'))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
  })

  it('bulk statements address the selection', () => {
    const params = new BindParams('postgres')
    expect(bulkUpdateStatement(target('postgres'), { name: 'z' }, { filters: [{ column: 'id', op: 'gt', value: 5 }] }, params)).toBe(
      'UPDATE "t" SET "name" = $1 WHERE ("t"."id" > $2)',
    )
    expect(bulkDeleteStatement(target('postgres', ITEMS), { filters: [] }, new BindParams('postgres'))).toBe('DELETE FROM "t"')
  })
})
