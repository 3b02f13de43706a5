import { describe, expect, it } from 'vitest'
import { csvColumnNames, normalizeName, resolveKey, resolveMapping, suggestMapping, targetColumns, uniqueKeys } from './mapping'
import { column, table } from '../test-columns'

const users = table('users', [
  column('id', 'integer', 'INTEGER', { primaryKey: true, nullable: false, autoIncrement: true }),
  column('user_name', 'text', 'VARCHAR(80)', { nullable: false, unique: true, maxLength: 80 }),
  column('email', 'text', 'VARCHAR(120)', { nullable: false }),
  column('score', 'float', 'DOUBLE', { default: '0' }),
])
users.indexes.push(
  { name: 'users_email', columns: ['email'], unique: true, primary: false },
  { name: 'users_name', columns: ['user_name'], unique: true, primary: false },
)

describe('mapping', () => {
  it('matches names ignoring case, underscores, spaces and dashes', () => {
    expect(normalizeName('User_Name')).toBe(normalizeName('username'))
    expect(normalizeName('E-Mail Address')).toBe('emailaddress')
  })

  it('suggests columns by name with a header, by position without', () => {
    expect(suggestMapping(['UserName', 'EMAIL', 'extra'], users, true)).toEqual(['user_name', 'email', null])
    expect(suggestMapping(['column 1', 'column 2'], users, false)).toEqual(['id', 'user_name'])
  })

  it('names CSV columns from the header or by position', () => {
    expect(csvColumnNames(['a', null, ' '], true, 3)).toEqual(['a', 'column 2', 'column 3'])
    expect(csvColumnNames(['a'], false, 2)).toEqual(['column 1', 'column 2'])
  })

  it('checks a mapping: unknown columns, a column used twice, nothing mapped', () => {
    expect(() => resolveMapping(['nope'], 1, users)).toThrow(expect.objectContaining({ code: 'COLUMN_NOT_FOUND', field: 'mapping.0' }))
    expect(() => resolveMapping(['email', 'email'], 2, users)).toThrow(expect.objectContaining({ field: 'mapping.1' }))
    expect(() => resolveMapping([null, null], 2, users)).toThrow(/nothing to import/)
    expect(resolveMapping(['email'], 2, users).map((c) => c?.name ?? null)).toEqual(['email', null])
  })

  it('describes target columns with required flags', () => {
    const described = targetColumns(users)
    expect(described.map((c) => [c.name, c.required])).toEqual([
      ['id', false],
      ['user_name', true],
      ['email', true],
      ['score', false],
    ])
  })

  it('lists the primary key first, then unique indexes', () => {
    expect(uniqueKeys(users).map((k) => k.columns)).toEqual([['id'], ['email'], ['user_name']])
  })

  it('resolves the duplicate key: primary key by default, a unique index on request', () => {
    const mapped = resolveMapping(['id', 'user_name', 'email'], 3, users)
    expect(resolveKey(undefined, users, mapped, 'skip')?.map((c) => c.name)).toEqual(['id'])
    expect(resolveKey(['email'], users, mapped, 'update')?.map((c) => c.name)).toEqual(['email'])
    expect(() => resolveKey(['score'], users, mapped, 'skip')).toThrow(expect.objectContaining({ field: 'key' }))
  })

  it('inserts every row of a table without a primary key unless a unique key is chosen', () => {
    const log = table('log', [column('at', 'text', 'TEXT'), column('code', 'text', 'TEXT')])
    log.indexes.push({ name: 'log_code', columns: ['code'], unique: true, primary: false })
    const mapped = resolveMapping(['at', 'code'], 2, log)
    expect(resolveKey(undefined, log, mapped, 'skip')).toBeNull()
    expect(resolveKey(['code'], log, mapped, 'skip')?.map((c) => c.name)).toEqual(['code'])
  })

  it('matches no rows when an auto-increment key is left out of the file', () => {
    const mapped = resolveMapping([null, 'user_name', 'email'], 3, users)
    expect(resolveKey(undefined, users, mapped, 'skip')).toBeNull()
    expect(() => resolveKey(['email'], users, resolveMapping(['user_name'], 1, users), 'update')).toThrow(/not mapped/)
  })
})
