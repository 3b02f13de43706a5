/** Explain on every dialect: the dialect's EXPLAIN, planned not run, as one tree; the statement under the cursor. */
import { beforeAll, expect, it } from 'vitest'
import type { PlanNode } from '../../src/shared/explain-plan'
import { describeDialects } from './harness'

const all = (nodes: PlanNode[]): PlanNode[] => nodes.flatMap((n) => [n, ...all(n.children)])

describeDialects('console explain', (t) => {
  let sessionId = ''
  beforeAll(async () => {
    sessionId = await t.open()
    await t.raw('CREATE TABLE ex_a (id INTEGER PRIMARY KEY, v VARCHAR(20))')
    await t.raw('CREATE TABLE ex_b (id INTEGER PRIMARY KEY, a_id INTEGER)')
    await t.raw('CREATE INDEX ex_b_a ON ex_b (a_id)')
    await t.raw("INSERT INTO ex_a VALUES (1, 'one'), (2, 'two')")
  })

  it('plans a join as a tree naming both tables', async () => {
    const plan = await t.call('query.explain', {
      sessionId,
      sql: 'SELECT a.v, count(*) FROM ex_a a JOIN ex_b b ON b.a_id = a.id WHERE a.id > 1 GROUP BY a.v',
    })
    expect(plan.nodes.length).toBeGreaterThan(0)
    const nodes = all(plan.nodes)
    const relations = nodes.map((n) => n.relation ?? '').join(' ')
    expect(relations).toMatch(/ex_a|\ba\b/)
    expect(relations).toMatch(/ex_b|\bb\b/)
    expect(nodes.every((n) => n.type.length > 0)).toBe(true)
    if (t.dialect === 'postgres') expect(plan.nodes[0].cost).toBeGreaterThan(0)
    if (t.dialect !== 'sqlite') expect(nodes.some((n) => n.rows !== undefined)).toBe(true)
    expect(plan.raw.length).toBeGreaterThan(0)
  })

  it('explains the statement under the cursor, and never runs it', async () => {
    const text = 'SELECT 1;\nDELETE FROM ex_a WHERE id = 1'
    const plan = await t.call('query.explain', { sessionId, sql: text, range: { from: text.length, to: text.length } })
    expect(plan.statement).toBe('DELETE FROM ex_a WHERE id = 1')
    expect(all(plan.nodes).some((n) => (n.relation ?? '').includes('ex_a') || n.details.join(' ').includes('ex_a'))).toBe(true)
    expect(Number(((await t.raw('SELECT count(*) AS n FROM ex_a')) as Array<{ n: unknown }>)[0].n)).toBe(2)
  })

  it('plans a statement whose text holds double quotes (MariaDB writes them unescaped into its JSON plan)', async () => {
    const plan = await t.call('query.explain', { sessionId, sql: `SELECT * FROM ex_a WHERE v <> 'say "hi"' AND id > 1` })
    const nodes = all(plan.nodes)
    expect(nodes.map((n) => n.relation ?? '').join(' ')).toMatch(/ex_a/)
    if (t.dialect === 'mysql') expect(nodes.flatMap((n) => n.details).join(' ')).toContain(`'say "hi"'`)
  })

  it('says what is wrong when the statement cannot be planned', async () => {
    const failed = await t.result('query.explain', { sessionId, sql: 'SELECT * FROM ex_missing' })
    expect(!failed.ok && failed.error.code).toBe('TABLE_NOT_FOUND')
    expect(!failed.ok && failed.error.message).toMatch(/^EXPLAIN failed: /)
    const empty = await t.result('query.explain', { sessionId, sql: '-- nothing' })
    expect(!empty.ok && empty.error.code).toBe('VALIDATION')
  })
})
