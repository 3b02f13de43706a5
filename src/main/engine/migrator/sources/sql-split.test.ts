import { describe, expect, it } from 'vitest'
import { splitSqlStatements } from './sql-split'
import { dropsIn } from './sql-folder'

describe('splitting a migration file into statements', () => {
  it('splits only at top-level semicolons', () => {
    const sql = `-- leading; comment\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n/* block; */ INSERT INTO a VALUES ('it''s; fine');\nINSERT INTO "we;ird" VALUES (1)`
    expect(splitSqlStatements(sql, { backslashEscapes: false })).toEqual([
      "CREATE TABLE a (x TEXT DEFAULT 'a;b')",
      "INSERT INTO a VALUES ('it''s; fine')",
      'INSERT INTO "we;ird" VALUES (1)',
    ])
  })

  it('keeps a PostgreSQL function body (dollar-quoted) whole', () => {
    const body = `CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN NEW.x := 1; RETURN NEW; END; $fn$ LANGUAGE plpgsql`
    expect(splitSqlStatements(`${body};\nSELECT $$a;b$$;`, { backslashEscapes: false })).toEqual([body, 'SELECT $$a;b$$'])
  })

  it('reads backslash escapes only where the server does (MySQL)', () => {
    expect(splitSqlStatements(`INSERT INTO t VALUES ('a\\';b');SELECT 1`, { backslashEscapes: true })).toEqual([
      `INSERT INTO t VALUES ('a\\';b')`,
      'SELECT 1',
    ])
    expect(splitSqlStatements(`INSERT INTO t VALUES ('C:\\');SELECT 1`, { backslashEscapes: false })).toEqual([
      `INSERT INTO t VALUES ('C:\\')`,
      'SELECT 1',
    ])
  })

  it('drops empty and comment-only statements', () => {
    expect(splitSqlStatements(';;\n-- only a comment\n;', { backslashEscapes: false })).toEqual([])
  })
})

describe('what a down migration drops', () => {
  it('finds dropped tables and columns, not constraints or indexes', () => {
    expect(
      dropsIn(
        'DROP TABLE IF EXISTS "books";\nALTER TABLE authors DROP COLUMN bio;\nALTER TABLE `x` DROP name;\nALTER TABLE y DROP CONSTRAINT fk;\nDROP INDEX i;',
      ),
    ).toEqual([{ table: 'books' }, { table: 'authors', column: 'bio' }, { table: 'x', column: 'name' }])
  })
})
