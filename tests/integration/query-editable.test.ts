import { beforeAll, expect, it } from 'vitest'
import type { StatementResult } from '../../src/shared/contract'
import type { Row } from '../../src/shared/values'
import { describeDialects } from './harness'

let runCounter = 0

describeDialects('query console: editable results', (t) => {
  let sessionId = ''
  const select = async (sql: string): Promise<StatementResult> => {
    const run = await t.call('query.run', { sessionId, runId: `edit-${++runCounter}`, sql })
    expect(run.statements).toHaveLength(1)
    expect(run.statements[0].error).toBeUndefined()
    return run.statements[0]
  }
  const reasonOf = async (sql: string): Promise<string> => {
    const result = await select(sql)
    expect(result.editable).toBeUndefined()
    expect(typeof result.readOnly).toBe('string')
    return result.readOnly ?? ''
  }
  /** A result row as the grid's Row, by the table columns the result shows. */
  const rowOf = (result: StatementResult, index: number): Row =>
    Object.fromEntries((result.editable?.columns ?? []).map((name, i) => [name, result.rows[index][i]]))
  const plainSelectReason = /plain SELECT/

  beforeAll(async () => {
    sessionId = await t.open()
    await t.raw('CREATE TABLE qe_items (id INTEGER PRIMARY KEY, label VARCHAR(40), qty INTEGER)')
    await t.raw('CREATE TABLE qe_other (id INTEGER PRIMARY KEY, item_id INTEGER, note VARCHAR(40))')
    await t.raw('CREATE TABLE qe_nokey (a INTEGER, b VARCHAR(40))')
    await t.raw('CREATE TABLE qe_pair (x INTEGER NOT NULL, y INTEGER NOT NULL, v VARCHAR(20), PRIMARY KEY (x, y))')
    await t.raw('CREATE VIEW qe_view AS SELECT id, label FROM qe_items')
    await t.raw("INSERT INTO qe_items VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)")
    await t.raw("INSERT INTO qe_other VALUES (1, 1, 'n1')")
    await t.raw("INSERT INTO qe_pair VALUES (1, 1, 'a'), (1, 2, 'b')")
  })

  it('finds a single table with its whole primary key editable, mapping aliases to table columns', async () => {
    const listed = await select('SELECT id, label FROM qe_items WHERE qty > 5 ORDER BY id LIMIT 10')
    expect(listed.editable).toEqual({ table: 'qe_items', keyColumns: ['id'], columns: ['id', 'label'] })
    expect(listed.readOnly).toBeUndefined()
    const star = await select('SELECT * FROM qe_items')
    expect(star.editable).toEqual({ table: 'qe_items', keyColumns: ['id'], columns: ['id', 'label', 'qty'] })
    const pair = await select('SELECT v, y, x FROM qe_pair')
    expect(pair.editable).toEqual({ table: 'qe_pair', keyColumns: ['x', 'y'], columns: ['v', 'y', 'x'] })
    if (t.dialect !== 'sqlite') {
      // The server says where an aliased column comes from; SQLite's driver does not, so there it is read-only.
      const aliased = await select('SELECT id AS item, label AS name FROM qe_items')
      expect(aliased.editable).toEqual({ table: 'qe_items', keyColumns: ['id'], columns: ['id', 'label'] })
    }
  })

  it('keeps a result read-only, saying why, when it is not whole rows of one table with its key', async () => {
    expect(await reasonOf('SELECT label, qty FROM qe_items')).toMatch(/primary key of qe_items is not all selected \(missing id\)/)
    expect(await reasonOf('SELECT v, x FROM qe_pair')).toMatch(/missing y/)
    expect(await reasonOf('SELECT i.id, i.label, o.note FROM qe_items i JOIN qe_other o ON o.item_id = i.id')).toMatch(/join/)
    expect(await reasonOf('SELECT qe_items.id, qe_other.note FROM qe_items, qe_other')).toMatch(
      t.dialect === 'sqlite' ? plainSelectReason : /several tables/,
    )
    expect(await reasonOf('SELECT id, UPPER(label) AS shout FROM qe_items')).toMatch(
      t.dialect === 'sqlite' ? plainSelectReason : /column shout is an expression/,
    )
    expect(await reasonOf('SELECT COUNT(*) AS n FROM qe_items')).toMatch(
      t.dialect === 'sqlite' ? plainSelectReason : /column n is an expression/,
    )
    expect(await reasonOf('SELECT id, COUNT(*) AS n FROM qe_items GROUP BY id')).toMatch(/GROUP BY/)
    expect(await reasonOf('SELECT DISTINCT id, label FROM qe_items')).toMatch(/DISTINCT/)
    expect(await reasonOf('SELECT id, label FROM qe_view')).toMatch(/qe_view is a view/)
    expect(await reasonOf('SELECT id, label FROM qe_items UNION SELECT id, note FROM qe_other')).toMatch(/UNION/)
    expect(await reasonOf('SELECT a, b FROM qe_nokey')).toMatch(/qe_nokey has no primary key/)
    if (t.dialect !== 'mysql') {
      expect(await reasonOf("INSERT INTO qe_other VALUES (9, 9, 'r') RETURNING id, note")).toMatch(/not a SELECT/)
    }
  })

  it('commits an edit of a console row through the grid write path, changing exactly that row', async () => {
    const result = await select('SELECT id, label FROM qe_items ORDER BY id')
    const editable = result.editable!
    const seen = rowOf(result, 1)
    expect(seen).toEqual({ id: 2, label: 'two' })
    const key = Object.fromEntries(editable.keyColumns.map((k) => [k, seen[k]]))
    const review = await t.call('records.preview', {
      sessionId,
      operations: [{ kind: 'update', table: editable.table, key, original: seen, values: { label: 'TWO' } }],
    })
    expect(review.statements.join('\n')).toMatch(/UPDATE/i)
    await t.call('records.batch', {
      sessionId,
      operations: [{ kind: 'update', table: editable.table, key, original: seen, values: { label: 'TWO' } }],
    })
    const after = await select('SELECT id, label, qty FROM qe_items ORDER BY id')
    expect(after.rows).toEqual([
      [1, 'one', 10],
      [2, 'TWO', 20],
      [3, 'three', 30],
    ])
  })

  it('reports a change made behind the console since the rows were read as a CONFLICT, changing nothing', async () => {
    const result = await select('SELECT id, label FROM qe_items WHERE id = 3')
    const seen = rowOf(result, 0)
    await t.raw("UPDATE qe_items SET label = 'changed' WHERE id = 3")
    const answer = await t.result('records.batch', {
      sessionId,
      operations: [{ kind: 'update', table: result.editable!.table, key: { id: seen.id }, original: seen, values: { label: 'mine' } }],
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'label' } })
    const after = await select('SELECT label FROM qe_items WHERE id = 3')
    expect(after.rows).toEqual([['changed']])
  })
})
