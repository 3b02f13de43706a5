/**
 * Whether a console result can be edited like the grid: only when its rows are whole rows of one
 * base table of the current schema with every primary-key column selected as a plain column. The
 * server's column origins decide (PostgreSQL table OID + attribute, MySQL org table/column); the
 * text only ever takes editability away (UNION, DISTINCT, GROUP BY…, which origins do not show).
 * node-sqlite3 gives no origins, so a SQLite result is editable only for a plain single-table
 * SELECT whose columns are all checked against the table's schema.
 */
import type { QueryColumn, ResultEditable } from '../../../shared/contract'
import type { Session } from '../connection/sessions'
import { describeTable } from '../schema'
import type { ColumnOrigin } from './runner'

export type Editability = { editable: ResultEditable } | { readOnly: string }

const readOnly = (reason: string): Editability => ({ readOnly: reason })

/** Strings, quoted names and comments blanked, so keywords are only found where they are SQL. */
const blankLiterals = (sql: string): string =>
  sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|''|\\[\s\S])*'/g, ' ? ').replace(/"(?:[^"]|"")*"|`(?:[^`]|``)*`/g, ' q ')

/** What the text shows that column origins do not: a reason the rows are not plain table rows, or null. */
function textReason(sql: string): string | null {
  const text = blankLiterals(sql)
  if (!/^\s*\(?\s*select\b/i.test(text)) return 'The statement is not a SELECT.'
  const checks: Array<[RegExp, string]> = [
    [/\b(union|intersect|except)\b/i, 'The statement combines several results (UNION, INTERSECT or EXCEPT).'],
    [/\bjoin\b/i, 'The statement joins tables.'],
    [/\bdistinct\b/i, 'The statement uses DISTINCT: its rows are not single table rows.'],
    [/\bgroup\s+by\b|\bhaving\b/i, 'The statement groups rows (GROUP BY): its rows are not single table rows.'],
    [/\bfor\s+(update|share)\b/i, 'The statement locks rows (FOR UPDATE): edit them from a plain SELECT.'],
  ]
  for (const [pattern, reason] of checks) if (pattern.test(text)) return reason
  return null
}

export async function resultEditability(
  session: Session,
  sql: string,
  columns: QueryColumn[],
  origins: ColumnOrigin[] | undefined,
): Promise<Editability> {
  if (session.readOnly) return readOnly('The connection is read-only.')
  const reason = textReason(sql)
  if (reason) return readOnly(reason)
  if (columns.length === 0) return readOnly('The result has no columns.')
  switch (session.config.dialect) {
    case 'postgres':
      return postgresEditability(session, columns, origins ?? [])
    case 'mysql':
      return mysqlEditability(session, columns, origins ?? [])
    case 'sqlite':
      return sqliteEditability(session, sql, columns)
  }
}

/** With each result column's table column known: checks the table is a base table and its key is all there. */
async function checkTable(session: Session, table: string, tableColumns: string[]): Promise<Editability> {
  let info
  try {
    info = await describeTable(session, table)
  } catch {
    return readOnly(`The table ${table} is not in the current schema: only its tables can be edited here.`)
  }
  if (info.kind === 'view') return readOnly(`${table} is a view: only tables can be edited.`)
  if (info.primaryKey.length === 0) return readOnly(`${table} has no primary key, so its rows cannot be told apart.`)
  const missing = info.primaryKey.filter((key) => !tableColumns.includes(key))
  if (missing.length > 0) return readOnly(`The primary key of ${table} is not all selected (missing ${missing.join(', ')}).`)
  if (new Set(tableColumns).size !== tableColumns.length) return readOnly(`A column of ${table} is selected more than once.`)
  return { editable: { table: info.name, keyColumns: info.primaryKey, columns: tableColumns } }
}

const expressionReason = (name: string): string => `The column ${name} is an expression, not a table column.`
const severalTablesReason = 'The result has columns of several tables (a join).'

async function postgresEditability(session: Session, columns: QueryColumn[], origins: ColumnOrigin[]): Promise<Editability> {
  const pg = origins.map((o) => ('tableId' in o ? o : { tableId: 0, columnId: 0 }))
  const expression = pg.findIndex((o) => o.tableId === 0 || o.columnId <= 0)
  if (expression >= 0) return readOnly(expressionReason(columns[expression]?.name ?? '?'))
  const tableIds = [...new Set(pg.map((o) => o.tableId))]
  if (tableIds.length > 1) return readOnly(severalTablesReason)
  const [rows] = (await session.sequelize.query(
    `SELECT c.relname AS "table", n.nspname = current_schema() AS "current", a.attnum AS "attnum", a.attname AS "column"
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.oid = $1`,
    { bind: [tableIds[0]], raw: true },
  )) as [Array<{ table: string; current: boolean; attnum: number; column: string }>, unknown]
  if (rows.length === 0) return readOnly('The table the rows come from was not found.')
  if (!rows[0].current) return readOnly(`The table ${rows[0].table} is not in the current schema: only its tables can be edited here.`)
  const names = new Map(rows.map((r) => [Number(r.attnum), r.column]))
  const tableColumns = pg.map((o) => names.get(o.columnId) ?? '')
  if (tableColumns.includes('')) return readOnly('A column of the result was not found in its table.')
  return checkTable(session, rows[0].table, tableColumns)
}

async function mysqlEditability(session: Session, columns: QueryColumn[], origins: ColumnOrigin[]): Promise<Editability> {
  const my = origins.map((o) => ('table' in o ? o : { database: '', table: '', column: '' }))
  const expression = my.findIndex((o) => o.table === '' || o.column === '')
  if (expression >= 0) return readOnly(expressionReason(columns[expression]?.name ?? '?'))
  if (new Set(my.map((o) => `${o.database}.${o.table}`)).size > 1) return readOnly(severalTablesReason)
  const [[current]] = (await session.sequelize.query('SELECT DATABASE() AS db', { raw: true })) as [Array<{ db: string | null }>, unknown]
  if (my[0].database !== current?.db)
    return readOnly(`The table ${my[0].table} is not in the current database: only its tables can be edited here.`)
  return checkTable(
    session,
    my[0].table,
    my.map((o) => o.column),
  )
}

/** A SQLite name as written: bare, "double-quoted", `backticked` or [bracketed]. */
const NAME = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"|\x60(?:[^\x60]|\x60\x60)+\x60|\[[^\]]+\])`
const unquote = (name: string): string => (/^["`[]/.test(name) ? name.slice(1, -1).replace(/""/g, '"').replace(/``/g, '`') : name)
const PLAIN_SELECT = new RegExp(
  String.raw`^\s*select\s+(\*|${NAME}(?:\s*,\s*${NAME})*)\s+from\s+(${NAME})\s*(?:(?:where|order\s+by|limit)\b[\s\S]*)?;?\s*$`,
  'i',
)

async function sqliteEditability(session: Session, sql: string, columns: QueryColumn[]): Promise<Editability> {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
  const match = PLAIN_SELECT.exec(text)
  if (!match)
    return readOnly('Only a plain SELECT of table columns FROM one table can be edited (SQLite does not say where columns come from).')
  const table = unquote(match[2])
  let info
  try {
    info = await describeTable(session, table)
  } catch {
    return readOnly(`${table} was not found as a table.`)
  }
  // Result names are what SQLite reports; each must be a plain column of the table (an alias or expression would not be).
  const tableColumns: string[] = []
  for (const column of columns) {
    const found = info.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase())
    if (!found) return readOnly(expressionReason(column.name))
    tableColumns.push(found.name)
  }
  if (match[1] !== '*') {
    const listed = match[1].split(',').map((n) => unquote(n.trim()).toLowerCase())
    if (listed.join('\u0000') !== tableColumns.map((c) => c.toLowerCase()).join('\u0000'))
      return readOnly('The result columns are not the columns selected.')
  }
  return checkTable(session, info.name, tableColumns)
}
