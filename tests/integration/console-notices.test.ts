/**
 * What the database says beside a statement: PostgreSQL NOTICEs and MySQL warnings reach the result;
 * an error points at the line and column the database names (PostgreSQL: a character position;
 * MySQL: a line and the text near the error; SQLite: the statement's own start) (issue 12).
 */
import { beforeAll, expect, it } from 'vitest'
import { consoleRunner } from './console-support'
import { describeDialects } from './harness'

describeDialects('console notices, warnings and error positions', (t) => {
  let sessionId = ''
  const { run } = consoleRunner(t, () => sessionId, 'notice')
  beforeAll(async () => {
    sessionId = await t.open()
  })

  it.runIf(t.dialect === 'postgres')('PostgreSQL NOTICEs of a DO block and of a SELECT that raises them', async () => {
    const block = await run("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$")
    expect(block.statements[0].notices).toEqual(['NOTICE: hello 42', 'WARNING: careful'])
    await run("CREATE FUNCTION qn_noisy(i int) RETURNS int AS $$ BEGIN RAISE NOTICE 'row %', i; RETURN i; END $$ LANGUAGE plpgsql")
    const select = await run('SELECT qn_noisy(g) FROM generate_series(1, 2) AS g;\nSELECT 3')
    expect(select.statements.map((s) => s.notices)).toEqual([['NOTICE: row 1', 'NOTICE: row 2'], []])
  })

  it.runIf(t.dialect === 'mysql')('MySQL warnings as SHOW WARNINGS words them, for a SELECT and for DML', async () => {
    const select = await run("SELECT CAST('abc' AS SIGNED) AS n")
    expect(select.statements[0].rows).toEqual([[0]])
    expect(select.statements[0].notices).toEqual(["Warning 1292 Truncated incorrect INTEGER value: 'abc'"])
    await run('CREATE TABLE qn_short (s VARCHAR(3))')
    const insert = await run("SET SESSION sql_mode = '';\nINSERT INTO qn_short VALUES ('abcdef')")
    expect(insert.statements[1].affectedRows).toBe(1)
    expect(insert.statements[1].notices).toEqual(["Warning 1265 Data truncated for column 's' at row 1"])
  })

  it('a syntax error points at its line and column', async () => {
    const result = await run('SELECT 1;\n\nSELECT 1\n  FROM FROM qn_t')
    const error = result.statements[1].error
    expect(error?.code).toBe('QUERY_FAILED')
    // PostgreSQL and MySQL both name the second FROM; SQLite names nothing, so the statement's start.
    expect(error?.position).toMatchObject(t.dialect === 'sqlite' ? { line: 3, column: 1 } : { line: 4, column: 8 })
  })

  it('an unknown column is placed where the database says', async () => {
    await run('CREATE TABLE qn_t (a INTEGER)')
    const result = await run('SELECT a,\n       nope\n  FROM qn_t')
    const error = result.statements[0].error
    expect(error?.code).toBe('COLUMN_NOT_FOUND')
    if (t.dialect === 'postgres') expect(error?.position).toMatchObject({ line: 2, column: 8 })
    else expect(error?.position).toMatchObject({ line: 1, column: 1 }) // MySQL and SQLite give no place for this one
  })
})
