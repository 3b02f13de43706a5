/** The EXPLAIN parsers on outputs captured from this project's servers (PostgreSQL 15, MariaDB 10.11, SQLite 3.5x). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PlanNode } from '../../src/shared/explain-plan'
import { parseMysqlPlan, parsePostgresPlan, parseSqlitePlan } from '../../src/shared/explain-parsers'

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/explain', name), 'utf8')
/** The tree as indented "type relation" lines: what the page shows, without the details. */
const outline = (nodes: PlanNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.type}${n.relation ? ` ${n.relation}` : ''}`, ...outline(n.children, depth + 1)])

describe('EXPLAIN parsers', () => {
  it('PostgreSQL: node types, relations, costs and rows, nested Plans', () => {
    const nodes = parsePostgresPlan(fixture('postgres-join.json'))
    expect(outline(nodes)).toEqual([
      'Limit',
      '  Sort',
      '    Aggregate',
      '      Hash Join',
      '        Seq Scan b',
      '        Hash',
      '          Bitmap Heap Scan a',
      '            Bitmap Index Scan',
    ])
    expect(nodes[0]).toMatchObject({ startupCost: 76.17, cost: 76.2, rows: 10 })
    const join = nodes[0].children[0].children[0].children[0]
    expect(join.details).toContain('Hash Cond: (b.a_id = a.id)')
    expect(join.details).toContain('Join Type: Inner')
    expect(nodes[0].children[0].details).toContain('Sort Key: (count(*)) DESC')
    expect(join.details.some((d) => d.startsWith('Parallel Aware'))).toBe(false)
  })

  it('MariaDB: query blocks, operations and tables with access type, key, condition and rows', () => {
    const nodes = parseMysqlPlan(fixture('mariadb-join.json'))
    // The tables of a nested loop are the steps of the operation that holds them, in join order.
    expect(outline(nodes)).toEqual(['query block', '  filesort', '    temporary table', '      range a', '      ref b'])
    const a = nodes[0].children[0].children[0].children[0]
    expect(a).toMatchObject({ type: 'range', relation: 'a', rows: 1 })
    expect(a.details).toEqual(expect.arrayContaining(['key: PRIMARY', 'possible_keys: PRIMARY', 'attached_condition: a.`id` > 5']))
    expect(nodes[0].details).toContain('select_id: 1')
    expect(nodes[0].children[0].details).toContain('sort_key: count(0) desc')
  })

  it('MariaDB: a UNION with a materialized subquery', () => {
    expect(outline(parseMysqlPlan(fixture('mariadb-union-subquery.json')))).toEqual([
      'query block',
      '  union result <union1,3>',
      '    query block',
      '      ALL a',
      '      eq_ref <subquery2>',
      '        materialized',
      '          query block',
      '            range b',
      '    query block',
      '      table',
    ])
  })

  it('MySQL: cost_info gives the cost; rows_examined_per_scan the rows', () => {
    const text = JSON.stringify({
      query_block: {
        select_id: 1,
        cost_info: { query_cost: '1.20' },
        table: { table_name: 't', access_type: 'ALL', rows_examined_per_scan: 10, cost_info: { read_cost: '0.25', prefix_cost: '1.20' } },
      },
    })
    const [block] = parseMysqlPlan(text)
    expect(block).toMatchObject({ type: 'query block', cost: 1.2 })
    expect(block.children[0]).toMatchObject({ type: 'ALL', relation: 't', rows: 10, cost: 1.2, details: [] })
  })

  it('MariaDB: a plan whose condition holds unescaped double quotes (a literal, or names under ANSI_QUOTES) is read', () => {
    const text = fixture('mariadb-ansi-quotes.json')
    expect(() => JSON.parse(text) as unknown).toThrow()
    const nodes = parseMysqlPlan(text)
    expect(outline(nodes)).toEqual(['query block', '  filesort', '    temporary table', '      range a', '      ref b'])
    const a = nodes[0].children[0].children[0].children[0]
    expect(a.details.join(' ')).toContain(`a.v <> 'say "hi"' and a."id" > 1`)
  })

  it('MariaDB: a literal holding a backslash before a quote, or a tab, is read too', () => {
    const nodes = parseMysqlPlan(fixture('mariadb-backslash-tab.json'))
    const details = nodes.flatMap(function all(n): string[] {
      return [...n.details, ...n.children.flatMap(all)]
    })
    expect(details.join(' ')).toContain(`rb_e.a = 'x\\"y' or rb_e.a = 'tab\there'`)
  })

  it('SQLite: the rows become a tree by parent id, with the step and its table', () => {
    const join = parseSqlitePlan(JSON.parse(fixture('sqlite-join.json')) as unknown[][])
    expect(outline(join)).toEqual(['SEARCH b', 'SEARCH a', 'USE TEMP B-TREE', 'USE TEMP B-TREE'])
    expect(join[0].details).toEqual(['SEARCH b USING COVERING INDEX b_a (a_id>?)'])
    expect(outline(parseSqlitePlan(JSON.parse(fixture('sqlite-union-subquery.json')) as unknown[][]))).toEqual([
      'MERGE',
      '  LEFT',
      '    SEARCH a',
      '    LIST SUBQUERY',
      '      SEARCH b',
      '  RIGHT',
      '    SCAN',
    ])
    expect(outline(parseSqlitePlan([[2, 0, 0, 'SCAN TABLE "my table"']]))).toEqual(['SCAN my table'])
  })
})
