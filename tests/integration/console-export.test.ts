/**
 * Exporting a console query's full result to a file: streamed through the exporter's writers, one
 * SELECT only, run again read-only; anything else is refused, saying why (issue 12).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'

let counter = 0

describeDialects('console export', (t) => {
  let sessionId = ''
  const grant = (name: string) => {
    const path = join(t.dir, `${name}-${++counter}`)
    return { path, file: t.api.files.grantWrite(path).id }
  }
  const blob = t.dialect === 'postgres' ? 'bytea' : 'BLOB'
  const hex = (h: string) => (t.dialect === 'postgres' ? `'\\x${h}'::bytea` : `X'${h}'`)
  const series = (n: number) =>
    t.dialect === 'postgres'
      ? `SELECT g FROM generate_series(1, ${n}) AS g`
      : t.dialect === 'mysql'
        ? `SELECT seq AS g FROM seq_1_to_${n}`
        : `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n}) SELECT g FROM s`

  beforeAll(async () => {
    sessionId = await t.open()
    await t.call('query.run', {
      sessionId,
      runId: 'export-setup',
      sql: `CREATE TABLE qx (id INTEGER PRIMARY KEY, big ${t.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT'}, note VARCHAR(20), data ${blob});
        INSERT INTO qx VALUES (1, 9223372036854775807, '=1+1', ${hex('00'.repeat(300) + 'ff')});
        INSERT INTO qx VALUES (2, NULL, '', NULL)`,
    })
  })

  it('writes every row of a big SELECT, exactly, beyond the console’s page and window', async () => {
    const { path, file } = grant('series.csv')
    const result = await t.call('query.export', {
      sessionId,
      sql: `-- all of them\n${series(25_000)}`,
      format: { kind: 'csv', header: true },
      destination: { file },
      jobId: `qx-${counter}`,
    })
    expect(result.rows).toBe(25_000)
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n')
    expect(lines).toHaveLength(25_001)
    expect([lines[0], lines[1], lines.at(-1)]).toEqual(['g', '1', '25000'])
    expect(readdirSync(t.dir).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('keeps big integers, empty text, NULL and whole binary (not the grid’s preview) in JSON Lines', async () => {
    const { path, file } = grant('qx.jsonl')
    await t.call('query.export', {
      sessionId,
      sql: 'SELECT id, big, note, data FROM qx ORDER BY id',
      format: { kind: 'jsonl' },
      destination: { file },
      jobId: `qx-${counter}`,
    })
    const rows = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(rows[0]).toMatchObject({ id: 1, big: '9223372036854775807', note: '=1+1' })
    expect(Buffer.from(String(rows[0].data), 'base64')).toEqual(Buffer.from('00'.repeat(300) + 'ff', 'hex'))
    expect(rows[1]).toEqual({ id: 2, big: null, note: '', data: null })
  })

  it('refuses what is not one query returning rows, saying why, and writes nothing', async () => {
    const attempt = async (sql: string) => {
      const { path, file } = grant('refused.csv')
      const answer = await t.result('query.export', {
        sessionId,
        sql,
        format: { kind: 'csv' },
        destination: { file },
        jobId: `qx-${counter}`,
      })
      expect(existsSync(path)).toBe(false)
      return answer.ok ? null : answer.error
    }
    expect((await attempt('DELETE FROM qx'))?.message).toMatch(/Only a query that returns rows/)
    expect((await attempt('SELECT 1; SELECT 2'))?.message).toMatch(/Only one statement.*holds 2/)
    expect((await attempt('-- nothing'))?.message).toMatch(/no statement/)
    // The table is untouched: the DELETE never ran.
    const count = await t.call('query.run', { sessionId, runId: `count-${counter}`, sql: 'SELECT count(*) FROM qx' })
    expect(String(count.statements[0].rows[0][0])).toBe('2')
  })

  // A data-modifying WITH is PostgreSQL's.
  it.runIf(t.dialect === 'postgres')('runs the query read-only: a write hidden in it is refused by the database', async () => {
    const { path, file } = grant('sneaky.csv')
    const answer = await t.result('query.export', {
      sessionId,
      sql: 'WITH gone AS (DELETE FROM qx RETURNING id) SELECT * FROM gone',
      format: { kind: 'csv' },
      destination: { file },
      jobId: `qx-${counter}`,
    })
    expect(answer.ok ? null : answer.error.code).toBe('PERMISSION_DENIED')
    expect(existsSync(path)).toBe(false)
    const count = await t.call('query.run', { sessionId, runId: `count2-${counter}`, sql: 'SELECT count(*) FROM qx' })
    expect(String(count.statements[0].rows[0][0])).toBe('2')
  })

  it('a failing query fails the export with the database’s error and leaves no file', async () => {
    const { path, file } = grant('failing.csv')
    const answer = await t.result('query.export', {
      sessionId,
      sql: 'SELECT * FROM qx_missing',
      format: { kind: 'csv' },
      destination: { file },
      jobId: `qx-${counter}`,
    })
    expect(answer.ok ? null : answer.error.code).toBe('TABLE_NOT_FOUND')
    expect(existsSync(path)).toBe(false)
    // The session is fine afterwards (the read-only transaction was ended).
    const after = await t.call('query.run', { sessionId, runId: `after-${counter}`, sql: 'INSERT INTO qx (id) VALUES (3)' })
    expect(after.statements[0].affectedRows).toBe(1)
  })
})
