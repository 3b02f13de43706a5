/**
 * Plain SQL migration folders as the source: golang-migrate style (`N_name.up.sql` + `.down.sql`)
 * and dbmate style (`-- migrate:up` / `-- migrate:down`). The SQL shown before a run is the SQL
 * that runs, and `schema_migrations` holds exactly what each tool writes: golang-migrate one row
 * (version, dirty), dbmate one row per applied version.
 */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeDialects, rawQuery, type DialectContext } from './harness'

function folder(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-sql-project-')))
  mkdirSync(join(root, 'db', 'migrations'), { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'db', 'migrations', name), text)
  return root
}

const CREATE_AUTHORS = `-- authors; a comment with a ; inside\nCREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\nINSERT INTO authors (id, name) VALUES (1, 'O''Brien; and co');\n`
const CREATE_BOOKS = 'CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(200), isbn VARCHAR(20));\n'

const golang = (dialect: string) => ({
  '000001_create_authors.up.sql': CREATE_AUTHORS,
  '000001_create_authors.down.sql': 'DROP TABLE authors;\n',
  '000002_create_books.up.sql': CREATE_BOOKS,
  '000002_create_books.down.sql': 'DROP TABLE books;\n',
  '000010_books_isbn_index.up.sql': 'CREATE INDEX books_isbn ON books (isbn);\n',
  '000010_books_isbn_index.down.sql': dialect === 'mysql' ? 'DROP INDEX books_isbn ON books;\n' : 'DROP INDEX books_isbn;\n',
})

const DBMATE = {
  '20240101000000_create_authors.sql': `-- migrate:up\n${CREATE_AUTHORS}\n-- migrate:down\nDROP TABLE authors;\n`,
  '20240102000000_create_books.sql': `-- migrate:up\n${CREATE_BOOKS}\n-- migrate:down\nDROP TABLE books;\n`,
  '20240103000000_broken.sql':
    '-- migrate:up\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n\n-- migrate:down\nDROP TABLE tags;\n',
}

describeDialects('SQL migration folders as the source', (t: DialectContext) => {
  const rows = async (url: string) =>
    (await rawQuery(t.dialect, url, 'SELECT * FROM schema_migrations ORDER BY version')).map((r) => {
      const row = r as { version: unknown; dirty?: unknown }
      return 'dirty' in row
        ? { version: String(row.version), dirty: row.dirty === true || Number(row.dirty) === 1 }
        : { version: String(row.version) }
    })
  const hasTable = async (url: string, table: string) => {
    const sql = {
      sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${table}'`,
      mysql: `SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}'`,
      postgres: `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '${table}'`,
    }[t.dialect]
    return (await rawQuery(t.dialect, url, sql)).length > 0
  }

  describe('golang-migrate style', () => {
    let url = ''
    let sessionId = ''
    beforeAll(async () => {
      url = await t.freshDatabase()
      sessionId = (await t.call('sessions.open', { url })).sessionId
    })

    it("is recognised, ordered by version number, and shows each file's SQL before it runs", async () => {
      const status = await t.call('migrations.setSource', {
        sessionId,
        source: { kind: 'folder', folder: t.api.files.grantFolder(folder(golang(t.dialect))).id },
      })
      expect(status.source).toMatchObject({ kind: 'sql', table: 'schema_migrations' })
      expect(status.source.found).toMatch(/golang-migrate style .* in db\/migrations/)
      expect(status.migrations.map((m) => m.name)).toEqual(['000001_create_authors', '000002_create_books', '000010_books_isbn_index'])
      const plan = await t.call('migrations.plan', { sessionId, direction: 'up', to: '000002_create_books' })
      expect(plan.migrations).toEqual(['000001_create_authors', '000002_create_books'])
      expect(plan.preview).toEqual({
        kind: 'sql',
        sql: `-- 000001_create_authors.up.sql\n${CREATE_AUTHORS.trim()}\n\n-- 000002_create_books.up.sql\n${CREATE_BOOKS.trim()}\n`,
      })
    })

    it("applies in order and keeps golang-migrate's single (version, dirty) row", async () => {
      expect((await t.call('migrations.up', { sessionId, to: '000002_create_books' })).ran).toEqual([
        '000001_create_authors',
        '000002_create_books',
      ])
      expect(await rows(url)).toEqual([{ version: '2', dirty: false }])
      const [author] = await rawQuery(t.dialect, url, 'SELECT name FROM authors')
      expect((author as { name: string }).name).toBe("O'Brien; and co")
      await t.call('migrations.up', { sessionId })
      expect(await rows(url)).toEqual([{ version: '10', dirty: false }])
    })

    it('"New migration" writes an empty, correctly numbered pair into the folder, listed as pending', async () => {
      const made = await t.call('migrations.newMigration', { sessionId, name: 'add authors email' })
      expect(made.created).toEqual(['000011_add_authors_email.up.sql', '000011_add_authors_email.down.sql'])
      expect(made.status.migrations.at(-1)).toMatchObject({ name: '000011_add_authors_email', state: 'pending' })
    })

    it('rolls back with the data-loss count first, moving the row to the previous version, then to none', async () => {
      const plan = await t.call('migrations.plan', { sessionId, direction: 'down', to: '000001_create_authors' })
      expect(plan.migrations).toEqual(['000010_books_isbn_index', '000002_create_books', '000001_create_authors'])
      expect(plan.dataLoss).toEqual([
        { table: 'books', column: null, rows: 0 },
        { table: 'authors', column: null, rows: 1 },
      ])
      await t.call('migrations.down', { sessionId })
      expect(await rows(url)).toEqual([{ version: '2', dirty: false }])
      await t.call('migrations.down', { sessionId, to: 0 })
      expect(await rows(url)).toEqual([])
      expect(await hasTable(url, 'authors')).toBe(false)
    })
  })

  describe('dbmate style', () => {
    let url = ''
    let sessionId = ''
    beforeAll(async () => {
      url = await t.freshDatabase()
      sessionId = (await t.call('sessions.open', { url })).sessionId
      await t.call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: t.api.files.grantFolder(folder(DBMATE)).id } })
    })

    it('keeps one schema_migrations row per applied version, as dbmate does', async () => {
      expect((await t.call('migrations.up', { sessionId, to: '20240102000000_create_books' })).ran).toEqual([
        '20240101000000_create_authors',
        '20240102000000_create_books',
      ])
      expect(await rows(url)).toEqual([{ version: '20240101000000' }, { version: '20240102000000' }])
    })

    it("reports a failing migration with the database's words and says what stayed", async () => {
      const answer = await t.result('migrations.up', { sessionId })
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(answer.error.code).toBe('MIGRATION_FAILED')
      expect(answer.error.details?.migration).toBe('20240103000000_broken')
      expect(answer.error.message).toMatch(/no_such_table/)
      expect(await rows(url)).toEqual([{ version: '20240101000000' }, { version: '20240102000000' }])
      // PostgreSQL and SQLite undo the whole migration; MySQL keeps the table its DDL committed, and says so.
      expect(await hasTable(url, 'tags')).toBe(t.dialect === 'mysql')
      expect(answer.error.details?.partiallyApplied).toBe(t.dialect === 'mysql')
    })
  })
})
