import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryTypes, Sequelize } from 'sequelize'
import { bindSafeText, quoteIdentifier, replacePlaceholders } from './identifiers'

describe('quoteIdentifier', () => {
  it('doubles the dialect quote character and keeps everything else', () => {
    expect(quoteIdentifier('mysql', 'vic`tim')).toBe('`vic``tim`')
    expect(quoteIdentifier('mysql', '`')).toBe('````')
    expect(quoteIdentifier('mysql', 'a"b')).toBe('`a"b`')
    expect(quoteIdentifier('postgres', 'vic"tim')).toBe('"vic""tim"')
    expect(quoteIdentifier('sqlite', '""')).toBe('""""""')
    expect(quoteIdentifier('sqlite', 'a`b')).toBe('"a`b"')
    expect(quoteIdentifier('postgres', 'c $2')).toBe('"c $2"')
  })
})

describe('bindSafeText', () => {
  it('doubles each $ that Sequelize would read as a bind parameter', () => {
    expect(bindSafeText('SELECT "c $2" FROM t WHERE x = $1')).toBe('SELECT "c $$2" FROM t WHERE x = $$1')
    expect(bindSafeText('"c$2"')).toBe('"c$2"')
    expect(bindSafeText('"c$$2"')).toBe('"c$$$2"')
    expect(bindSafeText('"$$"')).toBe('"$$$$"')
    expect(bindSafeText('no dollars')).toBe('no dollars')
  })
})

/**
 * Through Sequelize itself (a real in-memory SQLite): the statement the database runs is exactly
 * the one built, whatever `$` the names hold. Fails if Sequelize's bind scan changes.
 */
describe('bindSafeText through Sequelize 6', () => {
  const names = [
    'c $2',
    '$1',
    '$',
    '$$',
    '$$$',
    'a$$b',
    'a $$ b',
    '$x',
    'x$',
    '"$1"',
    '$a$',
    '$$1',
    'é$1',
    '🚣$2',
    '$_',
    '?',
    ':name',
    '@p',
  ]
  let sequelize: Sequelize

  beforeAll(() => {
    sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false })
  })
  afterAll(async () => {
    await sequelize.close()
  })

  it('answers each name as the alias of a bound value', async () => {
    for (const name of names) {
      const sql = `SELECT $1 AS ${quoteIdentifier('sqlite', name)}, '${name.replace(/'/g, "''")}' AS lit`
      const [row] = await sequelize.query<Record<string, unknown>>(bindSafeText(sql), { type: QueryTypes.SELECT, bind: ['v'] })
      expect(row, name).toEqual({ [name]: 'v', lit: name })
    }
  })

  it('writes the column of that exact name', async () => {
    const columns = names.map((n) => `${quoteIdentifier('sqlite', n)} TEXT`).join(', ')
    await sequelize.query(`CREATE TABLE "t$1" (${columns})`)
    const list = names.map((n) => quoteIdentifier('sqlite', n)).join(', ')
    const placeholders = names.map((_, i) => `$${i + 1}`).join(', ')
    await sequelize.query(bindSafeText(`INSERT INTO "t$1" (${list}) VALUES (${placeholders})`), { bind: names })
    const [row] = await sequelize.query<Record<string, unknown>>(`SELECT * FROM "t$1"`, { type: QueryTypes.SELECT })
    expect(row).toEqual(Object.fromEntries(names.map((n) => [n, n])))
  })

  it('is needed: without it a name with $2 is read as a parameter', async () => {
    await expect(sequelize.query(`SELECT $1 AS "c $2"`, { type: QueryTypes.SELECT, bind: ['v'] })).rejects.toThrow(/\$2/)
  })
})

describe('replacePlaceholders', () => {
  const fill = (dialect: 'mysql' | 'postgres', sql: string) =>
    replacePlaceholders(dialect, sql, (p) => (p === '?' ? 'Q' : `<${p.slice(1)}>`))

  it('replaces placeholders outside quoted names and strings only', () => {
    expect(fill('postgres', 'UPDATE "c $1" SET "c $1" = $1 WHERE "id" = $2')).toBe('UPDATE "c $1" SET "c $1" = <1> WHERE "id" = <2>')
    expect(fill('postgres', `SELECT '$1', "a""$2" FROM t WHERE x = $3`)).toBe(`SELECT '$1', "a""$2" FROM t WHERE x = <3>`)
    expect(fill('mysql', 'UPDATE `c ?` SET `a``?` = ? WHERE `id` = ?')).toBe('UPDATE `c ?` SET `a``?` = Q WHERE `id` = Q')
    expect(fill('mysql', "SELECT 'it\\'s ?', ?")).toBe("SELECT 'it\\'s ?', Q")
    expect(fill('postgres', 'SELECT a$1 FROM t')).toBe('SELECT a$1 FROM t')
  })
})
