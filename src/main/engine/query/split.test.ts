import { describe, expect, it } from 'vitest'
import { isOnlyComments, positionAt, splitStatements, statementsInRange } from './split'

const texts = (text: string, dialect: 'sqlite' | 'mysql' | 'postgres') => splitStatements(text, dialect).map((s) => s.sql)

describe('splitStatements: a corpus of tricky scripts', () => {
  it('keeps semicolons inside strings, quoted identifiers and comments (every dialect)', () => {
    for (const dialect of ['sqlite', 'mysql', 'postgres'] as const) {
      expect(texts(`select 'a;b', "c;d" from t; -- x;y\nselect 2 /* ; */; select 'it''s; fine'`, dialect)).toEqual([
        `select 'a;b', "c;d" from t`,
        `-- x;y\nselect 2 /* ; */`,
        `select 'it''s; fine'`,
      ])
    }
  })

  it('PostgreSQL: dollar quoting, tagged and plain, around function bodies', () => {
    const script = `create function f() returns int as $$ begin perform 1; return 2; end $$ language plpgsql;\nselect $tag$ a;$$ b $tag$;\ndo $$begin raise notice 'x;'; end$$`
    expect(texts(script, 'postgres')).toEqual([
      `create function f() returns int as $$ begin perform 1; return 2; end $$ language plpgsql`,
      `select $tag$ a;$$ b $tag$`,
      `do $$begin raise notice 'x;'; end$$`,
    ])
  })

  it('MySQL: DELIMITER blocks, backticks and backslash escapes', () => {
    const script =
      "DELIMITER //\ncreate procedure p() begin select 1; select 2; end//\nDELIMITER ;\nselect `a;b`, 'x\\';y' from t;\nselect 3"
    expect(texts(script, 'mysql')).toEqual([
      'create procedure p() begin select 1; select 2; end',
      "select `a;b`, 'x\\';y' from t",
      'select 3',
    ])
  })

  it('SQLite: trigger bodies, [bracketed] and `backticked` identifiers', () => {
    const script = 'create trigger tr after insert on t begin update t set a = 1; delete from u; end;\nselect [a;b], `c;d` from t; select 2'
    expect(texts(script, 'sqlite')).toEqual([
      'create trigger tr after insert on t begin update t set a = 1; delete from u; end',
      'select [a;b], `c;d` from t',
      'select 2',
    ])
  })

  it('SQLite: a transaction’s BEGIN is a statement of its own, not a trigger body', () => {
    expect(texts(`BEGIN;\nINSERT INTO t VALUES (1);\nROLLBACK`, 'sqlite')).toEqual(['BEGIN', 'INSERT INTO t VALUES (1)', 'ROLLBACK'])
    expect(texts(`begin immediate transaction;\nselect 1;\ncommit;\nBEGIN`, 'sqlite')).toEqual([
      'begin immediate transaction',
      'select 1',
      'commit',
      'BEGIN',
    ])
    expect(texts(`BEGIN;\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 'BEGIN;'; END;\nCOMMIT`, 'sqlite')).toEqual([
      'BEGIN',
      `CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 'BEGIN;'; END`,
      'COMMIT',
    ])
  })

  it('leaves out statements that are only comments, and empty ones', () => {
    expect(texts('select 1;;\n-- the end;\n/* really */', 'postgres')).toEqual(['select 1'])
    expect(texts('  \n ', 'sqlite')).toEqual([])
  })

  it('gives each statement its place in the text (offset from 0, line and column from 1)', () => {
    const [, second] = splitStatements('select 1;\n  select 2;', 'sqlite')
    expect(second?.start).toEqual({ offset: 12, line: 2, column: 3 })
    expect(second?.end).toEqual({ offset: 20, line: 2, column: 11 })
  })

  // Gaps of the splitter itself (one-character string openers, no `#` comments), closed by split-mask.ts.
  it('PostgreSQL E-strings with an escaped quote or backslash', () => {
    expect(texts("select E'a\\';b'; select 2", 'postgres')).toEqual(["select E'a\\';b'", 'select 2'])
    expect(texts("select e'x\\\\'; select 'y\\'; select 3", 'postgres')).toEqual(["select e'x\\\\'", "select 'y\\'", 'select 3'])
    expect(texts("select E'it\\'s;\nfine' from t; select 4", 'postgres')).toEqual(["select E'it\\'s;\nfine' from t", 'select 4'])
    // Not an E-string: a name ending in e, then a plain string (where a backslash is just a character).
    expect(texts("select some'\\'; select 5", 'postgres')).toEqual(["select some'\\'", 'select 5'])
  })

  it('MySQL # comments holding a semicolon or a quote', () => {
    expect(texts('select 1 # a;b\n; select 2', 'mysql')).toEqual(['select 1 # a;b', 'select 2'])
    expect(texts("# it's; here\nselect 3; select '#;' # x'\n", 'mysql')).toEqual(["# it's; here\nselect 3", "select '#;' # x'"])
    expect(texts('select `a#b`, "c#;d" from t; # only a comment; really\n', 'mysql')).toEqual(['select `a#b`, "c#;d" from t'])
    // `#` is no comment in PostgreSQL (an operator), nor in a MySQL -- comment's text.
    expect(texts('select 1 # 2; select 3', 'postgres')).toEqual(['select 1 # 2', 'select 3'])
    expect(texts("select 1 -- a # b ' c\n; select 2", 'mysql')).toEqual(["select 1 -- a # b ' c", 'select 2'])
  })

  it('keeps positions true in text after a masked stretch', () => {
    const [, second] = splitStatements("select E'\\';';\nselect 2", 'postgres')
    expect(second).toMatchObject({ sql: 'select 2', start: { offset: 15, line: 2, column: 1 } })
    const [, mysql] = splitStatements('select 1 # ;\n;select 2', 'mysql')
    expect(mysql).toMatchObject({ sql: 'select 2', start: { offset: 14, line: 2, column: 2 } })
  })

  it('PostgreSQL: nested block comments, $1 parameters and $$ after an identifier', () => {
    expect(texts("select /* a /* b; */ c; */ 1; select $1, a$b$; select 'x'", 'postgres')).toEqual([
      'select /* a /* b; */ c; */ 1',
      'select $1, a$b$',
      "select 'x'",
    ])
  })
})

describe('statementsInRange', () => {
  const script = 'select 1;\nselect 2;\n\nselect 3'
  const all = splitStatements(script, 'sqlite')
  it('a cursor inside a statement picks that one', () => {
    expect(statementsInRange(all, { from: 13, to: 13 }).map((s) => s.sql)).toEqual(['select 2'])
  })
  it('a cursor after a semicolon or on a blank line picks the statement before it', () => {
    expect(statementsInRange(all, { from: 19, to: 19 }).map((s) => s.sql)).toEqual(['select 2'])
    expect(statementsInRange(all, { from: 20, to: 20 }).map((s) => s.sql)).toEqual(['select 2'])
  })
  it('a cursor before everything picks the first', () => {
    expect(statementsInRange(splitStatements('\n\nselect 1', 'sqlite'), { from: 0, to: 0 }).map((s) => s.sql)).toEqual(['select 1'])
  })
  it('a selection picks every statement it touches', () => {
    expect(statementsInRange(all, { from: 5, to: 12 }).map((s) => s.sql)).toEqual(['select 1', 'select 2'])
  })
})

describe('helpers', () => {
  it('isOnlyComments knows each dialect’s comments', () => {
    expect(isOnlyComments('-- a\n/* b */ ', 'sqlite')).toBe(true)
    expect(isOnlyComments('# a', 'mysql')).toBe(true)
    expect(isOnlyComments('# a', 'postgres')).toBe(false)
  })
  it('positionAt counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2 })
    expect(positionAt('ab', 0)).toEqual({ offset: 0, line: 1, column: 1 })
  })
})
