import { beforeAll, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { describeDialects } from './harness'
import { q } from './hostile-names'
import { rawAll } from './records-fixtures'

/**
 * records.labels: the label of each row a page's foreign-key cells point at (the referenced table's
 * first unique text column), one query for the page, exact keys (a 64-bit id beyond 2^53), names
 * quoted by us (a table and columns with quotes, spaces and a `?`/`$1` that must not become parameters).
 */
describeDialects('records: foreign-key labels', (t) => {
  let sessionId = ''
  const crew = 'crew "q" `b` ?'
  const log = 'sail log $1'
  const BIG = '9007199254740993' // 2^53 + 1: a JS number would read it as …992

  beforeAll(async () => {
    const Q = (name: string) => q(t.dialect, name)
    const bigint = t.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT'
    await rawAll(t, [
      // "bio" is text but not unique; "user name" is unique through an index, "nick" through the column.
      `CREATE TABLE ${Q(crew)} (${Q('id')} ${bigint} PRIMARY KEY, ${Q('bio')} VARCHAR(40), ${Q('user name')} VARCHAR(40) NOT NULL)`,
      `CREATE UNIQUE INDEX ${Q('crew_user_name')} ON ${Q(crew)} (${Q('user name')})`,
      `INSERT INTO ${Q(crew)} VALUES (1, 'first', 'ahab'), (2, 'second', 'ishmael'), (${BIG}, 'big', 'queequeg')`,
      `CREATE TABLE ${Q(log)} (${Q('id')} INTEGER PRIMARY KEY, ${Q('crew id?')} ${bigint} REFERENCES ${Q(crew)} (${Q('id')}), ${Q('note')} VARCHAR(40))`,
      `INSERT INTO ${Q(log)} VALUES (1, 1, 'a'), (2, ${BIG}, 'b'), (3, NULL, 'c'), (4, 2, 'd')`,
      `CREATE TABLE ${Q('plain')} (${Q('id')} INTEGER PRIMARY KEY, ${Q('text')} VARCHAR(40))`,
      `INSERT INTO ${Q('plain')} VALUES (1, 'x')`,
      `CREATE TABLE ${Q('points')} (${Q('id')} INTEGER PRIMARY KEY, ${Q('plain_id')} INTEGER REFERENCES ${Q('plain')} (${Q('id')}))`,
    ])
    sessionId = await t.open()
  })

  it('labels the referenced rows of the ids on a page by their first unique text column, exact keys included', async () => {
    const page = await t.call('records.page', { sessionId, table: log, sort: [{ column: 'id', direction: 'asc' }] })
    const ids = page.rows.map((row) => row['crew id?'] ?? null)
    expect(ids).toEqual([1, BIG, null, 2])
    const answer = await t.call('records.labels', { sessionId, table: log, columns: ['crew id?'], values: [...ids, 1, 77] })
    expect(answer.table).toBe(crew)
    expect(answer.column).toBe('user name')
    const byKey = new Map(answer.labels.map((l) => [String(l.key), l.label]))
    expect(Object.fromEntries(byKey)).toEqual({ '1': 'ahab', '2': 'ishmael', [BIG]: 'queequeg' })
    // Each key as the page shows it, so the renderer matches it with the cell as it is.
    expect(answer.labels.find((l) => l.label === 'queequeg')?.key).toBe(BIG)
  })

  it('answers no label column when the referenced table has no unique text column, and nothing for no ids', async () => {
    expect(await t.call('records.labels', { sessionId, table: 'points', columns: ['plain_id'], values: [1] })).toEqual({
      table: 'plain',
      column: null,
      labels: [],
    })
    expect(await t.call('records.labels', { sessionId, table: log, columns: ['crew id?'], values: [null] })).toEqual({
      table: crew,
      column: 'user name',
      labels: [],
    })
  })

  it('refuses columns that are not one of the table’s foreign keys', async () => {
    const result = await t.result('records.labels', { sessionId, table: log, columns: ['note'], values: [1] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT')
    await expect(t.call('records.labels', { sessionId, table: 'nope', columns: ['x'], values: [] })).rejects.toBeInstanceOf(AppError)
  })
})
