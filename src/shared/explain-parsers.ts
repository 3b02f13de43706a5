import type { PlanNode } from './explain-plan'

/**
 * Each dialect's EXPLAIN output parsed into one PlanNode tree (explain-plan.ts). The inputs are
 * what the console reads: PostgreSQL's and MySQL's JSON as text, SQLite's EXPLAIN QUERY PLAN rows
 * as [id, parent, notused, detail]. Tested on outputs captured from the servers (tests/unit).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)
const scalarText = (value: Json): string | null =>
  value === null || typeof value !== 'object'
    ? String(value)
    : Array.isArray(value) && value.every((v) => typeof v !== 'object')
      ? value.join(', ')
      : null
const numberOf = (value: Json | undefined): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

// ---------------------------------------------------------------- PostgreSQL: EXPLAIN (FORMAT JSON)

/** Fields shown elsewhere in the node, or of no use when reading a plan. */
const PG_SKIPPED = new Set([
  'Node Type',
  'Relation Name',
  'Alias',
  'Startup Cost',
  'Total Cost',
  'Plan Rows',
  'Plans',
  'Plan Width',
  'Parallel Aware',
  'Async Capable',
  'Parent Relationship',
])

export function parsePostgresPlan(text: string): PlanNode[] {
  const parsed = JSON.parse(text) as Json
  const plans = Array.isArray(parsed) ? parsed : [parsed]
  return plans.flatMap((entry) => (isObject(entry) && isObject(entry.Plan) ? [postgresNode(entry.Plan)] : []))
}

function postgresNode(plan: JsonObject): PlanNode {
  const relation = typeof plan['Relation Name'] === 'string' ? plan['Relation Name'] : undefined
  const alias = typeof plan.Alias === 'string' && plan.Alias !== relation ? plan.Alias : undefined
  const details: string[] = []
  for (const [key, value] of Object.entries(plan)) {
    if (PG_SKIPPED.has(key)) continue
    const text = scalarText(value)
    if (text !== null) details.push(`${key}: ${text}`)
  }
  return {
    type: String(plan['Node Type'] ?? 'Plan'),
    ...(relation ? { relation: alias ? `${relation} ${alias}` : relation } : {}),
    details,
    ...optionalNumber('startupCost', numberOf(plan['Startup Cost'])),
    ...optionalNumber('cost', numberOf(plan['Total Cost'])),
    ...optionalNumber('rows', numberOf(plan['Plan Rows'])),
    children: Array.isArray(plan.Plans) ? plan.Plans.filter(isObject).map(postgresNode) : [],
  }
}

const optionalNumber = <K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, number>)

// ---------------------------------------------------------------- MySQL / MariaDB: EXPLAIN FORMAT=JSON

/** Table fields shown as the node's own type, relation, rows and cost. */
const MYSQL_TABLE_OWN = new Set(['table_name', 'access_type', 'rows', 'rows_examined_per_scan', 'rows_produced_per_join', 'cost_info'])

/**
 * MySQL's and MariaDB's JSON plans are nested objects whose keys name the operation (`query_block`,
 * `nested_loop`, `filesort`, `temporary_table`, `union_result`, `materialized`, …), with `table`
 * objects as leaves. Every such key becomes a node; scalar fields become details.
 */
export function parseMysqlPlan(text: string): PlanNode[] {
  const parsed = parseMariadbJson(text) as Json
  return isObject(parsed) ? operationChildren(parsed) : []
}

/**
 * MariaDB's EXPLAIN FORMAT=JSON writes a condition's names quoted as the session quotes them, and
 * under ANSI_QUOTES that is `"` left unescaped inside a JSON string (`"attached_condition": "a."id" = 1"`),
 * which no JSON reader takes; so are a quote and a tab in a string literal. It writes one member per
 * line, so such a line is mended by escaping the quotes and control characters between the value's
 * own two. Text that parses is read as it is.
 */
/** Characters below U+0020 as JSON escapes (a loop: a regular expression of control characters is what the linter forbids). */
function escapeControls(text: string): string {
  let out = ''
  for (const c of text) out += c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c
  return out
}

export function parseMariadbJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const mended = text
      .split('\n')
      .map((line) => {
        const member = /^(\s*"[^"\\]*":\s*")(.*)("\s*,?\s*)$/.exec(line)
        // MariaDB escapes a backslash but no quote and no control character: every quote inside is a raw one.
        return member ? member[1] + escapeControls(member[2].replace(/"/g, '\\"')) + member[3] : line
      })
      .join('\n')
    if (mended === text) throw error
    return JSON.parse(mended)
  }
}

function operationChildren(value: JsonObject): PlanNode[] {
  const children: PlanNode[] = []
  for (const [key, child] of Object.entries(value)) {
    if (key === 'cost_info') continue
    if (isObject(child)) children.push(mysqlNode(key, child))
    else if (Array.isArray(child) && child.some(isObject)) {
      for (const item of child.filter(isObject)) {
        // [{ table: {…} }, { query_block: {…} }]: the item's one key is the operation.
        const keys = Object.keys(item)
        children.push(keys.length === 1 && isObject(item[keys[0]]) ? mysqlNode(keys[0], item[keys[0]] as JsonObject) : mysqlNode(key, item))
      }
    }
  }
  return children
}

function mysqlNode(key: string, value: JsonObject): PlanNode {
  const table = key === 'table'
  const details: string[] = []
  for (const [field, child] of Object.entries(value)) {
    if (table && MYSQL_TABLE_OWN.has(field)) continue
    if (field === 'cost_info') continue
    const text = scalarText(child)
    if (text !== null) details.push(`${field}: ${text}`)
  }
  const cost = isObject(value.cost_info)
    ? numberOf(value.cost_info.query_cost ?? value.cost_info.prefix_cost ?? value.cost_info.read_cost ?? value.cost_info.sort_cost)
    : undefined
  const rows = numberOf(value.rows ?? value.rows_examined_per_scan)
  const name = typeof value.table_name === 'string' ? value.table_name : undefined
  return {
    type: table ? String(value.access_type ?? 'table') : key.replace(/_/g, ' '),
    ...(name ? { relation: name } : {}),
    details,
    ...optionalNumber('cost', cost),
    ...optionalNumber('rows', rows),
    children: operationChildren(value),
  }
}

// ---------------------------------------------------------------- SQLite: EXPLAIN QUERY PLAN

/** The words that name a step in SQLite's detail text, longest first. */
const SQLITE_STEPS = [
  'CORRELATED SCALAR SUBQUERY',
  'CORRELATED LIST SUBQUERY',
  'USE TEMP B-TREE',
  'COMPOUND QUERY',
  'SCALAR SUBQUERY',
  'LIST SUBQUERY',
  'MULTI-INDEX OR',
  'MATERIALIZE',
  'CO-ROUTINE',
  'SEARCH',
  'SCAN',
  'MERGE',
]

/** Rows of `EXPLAIN QUERY PLAN`: [id, parent, notused, detail]; a row's parent is another's id (0: the top). */
export function parseSqlitePlan(rows: unknown[][]): PlanNode[] {
  const nodes = new Map<number, PlanNode>()
  const top: PlanNode[] = []
  for (const row of rows) {
    const [id, parent, , detail] = row
    const text = String(detail ?? '')
    const step = SQLITE_STEPS.find((s) => text === s || text.startsWith(`${s} `))
    // SCAN a / SEARCH a USING … (SQLite before 3.36 wrote "SCAN TABLE a").
    const table = /^(?:SCAN|SEARCH) (?:TABLE )?("[^"]+"|\S+)/.exec(text)?.[1]
    const node: PlanNode = {
      type: step ?? text,
      ...(table && !/^CONSTANT$/.test(table) ? { relation: table.replace(/^"|"$/g, '') } : {}),
      details: step ? [text] : [],
      children: [],
    }
    nodes.set(Number(id), node)
    const parentNode = nodes.get(Number(parent))
    if (parentNode) parentNode.children.push(node)
    else top.push(node)
  }
  return top
}
