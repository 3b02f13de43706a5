import { describe, expect, it } from 'vitest'
import { Sequelize, ValidationError } from 'sequelize'
import { applyPendingMigrations } from '../../src/main/engine/migrator'
import { defineModels, modelForTable } from '../../src/main/models'
import { MODEL_TABLES } from '../../src/main/models/match'
import type { Dialect } from '../../src/shared/connection-types'
import { AppError } from '../../src/shared/errors'
import { describeDialects, rawQuery, type DialectContext } from './harness'

const TABLES = ['users', 'posts', 'notes']

/**
 * Everything about a table that the models promise, read from the database: columns (type,
 * nullability, default, key), unique and plain indexes by their columns, and foreign keys with
 * their actions. Column order is left out: 0004 appends its columns, as ALTER TABLE must.
 */
async function tableShape(sequelize: Sequelize, dialect: Dialect, url: string, table: string) {
  return {
    columns: await sequelize.getQueryInterface().describeTable(table),
    indexes: await indexes(dialect, url, table),
    foreignKeys: await foreignKeys(dialect, url, table),
  }
}

/** `unique(email) users_email_key`, one per index, from the catalog (SQLite's automatic names left out). */
async function indexes(dialect: Dialect, url: string, table: string): Promise<string[]> {
  const sql = {
    sqlite: `SELECT il.name AS name, il."unique" AS is_unique, ii.name AS col FROM pragma_index_list('${table}') il, pragma_index_info(il.name) ii ORDER BY il.name, ii.seqno`,
    mysql: `SELECT INDEX_NAME AS name, NON_UNIQUE = 0 AS is_unique, COLUMN_NAME AS col FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}' ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    postgres: `SELECT c.relname AS name, i.indisunique AS is_unique, a.attname AS col FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = '${table}'::regclass ORDER BY c.relname, a.attnum`,
  }[dialect]
  const rows = (await rawQuery(dialect, url, sql)) as Array<{ name: string; is_unique: unknown; col: string }>
  const byName = new Map<string, { unique: boolean; columns: string[] }>()
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { unique: Boolean(Number(row.is_unique)) || row.is_unique === true, columns: [] }
    entry.columns.push(row.col)
    byName.set(row.name, entry)
  }
  return [...byName]
    .map(([name, i]) => `${i.unique ? 'unique' : 'index'}(${i.columns.join(',')})${name.startsWith('sqlite_autoindex') ? '' : ` ${name}`}`)
    .sort()
}

async function foreignKeys(dialect: Dialect, url: string, table: string): Promise<unknown[]> {
  const sql = {
    sqlite: `SELECT "from" AS col, "table" AS ref, "to" AS refcol, on_delete AS del, on_update AS upd FROM pragma_foreign_key_list('${table}')`,
    mysql: `SELECT k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS ref, k.REFERENCED_COLUMN_NAME AS refcol, r.DELETE_RULE AS del, r.UPDATE_RULE AS upd
      FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
        ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = '${table}'`,
    postgres: `SELECT a.attname AS col, c.confrelid::regclass::text AS ref, af.attname AS refcol, c.confdeltype AS del, c.confupdtype AS upd
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.conrelid = '${table}'::regclass`,
  }[dialect]
  return rawQuery(dialect, url, sql)
}

async function openSequelize(t: DialectContext, url: string): Promise<Sequelize> {
  const answer = await t.api.router.invoke('sessions.open', { url })
  if (!answer.ok) throw new AppError(answer.error)
  return t.api.engine.sessions.get((answer.value as { sessionId: string }).sessionId).sequelize
}

describeDialects('models', (t) => {
  it('define exactly the schema the migrations build', async () => {
    const migratedUrl = await t.freshDatabase()
    const syncedUrl = await t.freshDatabase()
    const migrated = await openSequelize(t, migratedUrl)
    const synced = await openSequelize(t, syncedUrl)
    await applyPendingMigrations(migrated)
    defineModels(synced)
    await synced.sync()
    for (const table of TABLES) {
      const expected = await tableShape(synced, t.dialect, syncedUrl, table)
      expect(await tableShape(migrated, t.dialect, migratedUrl, table), table).toEqual(expected)
      expect(Object.keys(expected.columns).sort()).toEqual([...MODEL_TABLES[table].columns].sort())
    }
    // The tutorials' plain ForeignKey: refusing, never cascading, a delete of a user with posts.
    const [fk] = (await foreignKeys(t.dialect, migratedUrl, 'posts')) as Array<{ col: string; ref: string; del: string }>
    expect(fk).toMatchObject({ col: 'user_id', ref: 'users', del: t.dialect === 'postgres' ? 'r' : 'RESTRICT' })
    expect((await indexes(t.dialect, migratedUrl, 'users')).filter((i) => /^unique\((username|email)\)/.test(i))).toHaveLength(2)
    expect(await indexes(t.dialect, migratedUrl, 'posts')).toContain('index(user_id) posts_user_id')
  })

  it('write through the models with their defaults, associations and foreign key', async () => {
    const url = await t.freshDatabase()
    const sequelize = await openSequelize(t, url)
    await applyPendingMigrations(sequelize)
    const { User, Post, Note } = defineModels(sequelize)
    expect(defineModels(sequelize).User).toBe(User)
    const ann = await User.create({ username: 'ann', email: 'ann@example.com', score: 0.1 })
    await Post.create({ title: 'First', user_id: ann.id })
    const reloaded = await User.findByPk(ann.id, { include: [{ model: Post, as: 'posts' }] })
    expect(reloaded?.score).toBe(0.1)
    expect(Boolean(reloaded?.is_active)).toBe(true)
    expect((reloaded as unknown as { posts: Array<{ title: string }> }).posts.map((p) => p.title)).toEqual(['First'])
    const post = await Post.findOne({ include: [{ model: User, as: 'author' }] })
    expect((post as unknown as { author: { username: string } }).author.username).toBe('ann')
    expect((await Note.create({ title: 'n' })).content).toBe('')
    await expect(ann.destroy()).rejects.toMatchObject({ name: 'SequelizeForeignKeyConstraintError' })
    await expect(User.create({ username: 'ann', email: 'other@example.com' })).rejects.toMatchObject({
      name: 'SequelizeUniqueConstraintError',
    })
  })

  it('are found for their tables only when the columns match', async () => {
    const sequelize = await openSequelize(t, await t.freshDatabase())
    expect(modelForTable(sequelize, 'users', MODEL_TABLES.users.columns)).toBe(defineModels(sequelize).User)
    expect(modelForTable(sequelize, 'posts', MODEL_TABLES.posts.columns)).toBe(defineModels(sequelize).Post)
    expect(modelForTable(sequelize, 'users', ['id', 'username', 'email'])).toBeNull()
    expect(modelForTable(sequelize, 'accounts', MODEL_TABLES.users.columns)).toBeNull()
  })
})

describe('model validations', () => {
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false })
  const { User, Post, Note } = defineModels(sequelize)

  /** field → messages, as the API will show them. */
  async function problems(build: () => { validate(): Promise<unknown> }): Promise<Record<string, string[]>> {
    try {
      await build().validate()
      return {}
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const out: Record<string, string[]> = {}
      for (const item of error.errors) (out[item.path ?? ''] ??= []).push(item.message)
      return out
    }
  }

  it('accept a valid user, post and note', async () => {
    expect(await problems(() => User.build({ username: 'ann', email: 'ann@example.com', bio: null, score: 1.5 }))).toEqual({})
    expect(await problems(() => Post.build({ title: 'Hello', user_id: 1 }))).toEqual({})
    expect(await problems(() => Note.build({ title: 'Todo' }))).toEqual({})
  })

  it('say per field what is wrong with a user, one message per mistake', async () => {
    expect(await problems(() => User.build({ username: '', email: '' }))).toEqual({
      username: ['Username is required'],
      email: ['Email is required'],
    })
    expect(await problems(() => User.build({} as never))).toEqual({ username: ['Username is required'], email: ['Email is required'] })
    expect(await problems(() => User.build({ username: 'x'.repeat(81), email: 'not-an-email' }))).toEqual({
      username: ['Username can be at most 80 characters'],
      email: ['Email must be a valid email address'],
    })
    expect(await problems(() => User.build({ username: 'ann', email: `ann@${'a'.repeat(60)}.${'b'.repeat(60)}.com` }))).toEqual({
      email: ['Email can be at most 120 characters'],
    })
    expect(await problems(() => User.build({ username: 'ann', email: 'ann@example.com', score: 'lots' as never }))).toEqual({
      score: ['Score must be a number'],
    })
    expect(await problems(() => User.build({ username: 'ann', email: 'ann@example.com', is_active: 'maybe' as never }))).toEqual({
      is_active: ['Active must be true or false'],
    })
  })

  it('say per field what is wrong with a post or note', async () => {
    expect(await problems(() => Post.build({ title: '   ' } as never))).toEqual({
      title: ['Title is required'],
      user_id: ['Author is required'],
    })
    expect(await problems(() => Post.build({ title: 't'.repeat(201), user_id: 1 }))).toEqual({
      title: ['Title can be at most 200 characters'],
    })
    expect(await problems(() => Note.build({ title: '' }))).toEqual({ title: ['Title is required'] })
  })
})
