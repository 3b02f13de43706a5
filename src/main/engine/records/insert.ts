import { QueryTypes } from 'sequelize'
import { cellOf, type Row } from '../../../shared/values'
import { rowFromDb } from './value-codec'
import { fromClause, selectList, selectRaw, selectRows } from './access'
import type { RowKey } from './row-key'
import { BindParams, equalsCondition } from './sql'
import { insertStatement, writtenColumns, type CopiedColumns, type WriteValues } from './statements'
import { primaryKeyOf, type SqlTarget } from './target'
import type { WriteScope } from './write'

/** Where the new row is: its key (read back by the caller), or the row itself when there is no key to read by. */
export type InsertedRow = { key: RowKey } | { row: Row }

/**
 * Generic INSERT, then find the row the database made, with what each database reports:
 * PostgreSQL's RETURNING; MySQL's insertId for the AUTO_INCREMENT column; SQLite's rowid of the
 * last insert on this connection (read with last_insert_rowid() in SQL, because sqlite3's lastID
 * is a JS number and rowids go to 2^63). Null when the database gives no way to find it.
 */
export async function insertGeneric(
  scope: WriteScope,
  target: SqlTarget,
  values: WriteValues,
  copy?: CopiedColumns,
): Promise<InsertedRow | null> {
  const { session, transaction } = scope
  const params = new BindParams(target.dialect)
  const sql = insertStatement(target, values, params, copy)
  const keyed = target.table.primaryKey.length > 0
  if (target.dialect === 'postgres') {
    const [returned] = await session.sequelize.query<Record<string, unknown>>(params.text(sql), {
      type: QueryTypes.SELECT,
      transaction,
      ...params.queryOptions(),
    })
    if (!returned) return null
    return keyed ? { key: rowFromDb(returned, primaryKeyOf(target)) } : { row: rowFromDb(returned, target.table.columns) }
  }
  const [insertId] = (await session.sequelize.query(params.text(sql), {
    type: QueryTypes.INSERT,
    transaction,
    ...params.queryOptions(),
  })) as [unknown, number]
  const givenKey = keyed && primaryKeyOf(target).every((c) => cellOf(values, c.name) !== undefined && cellOf(values, c.name) !== null)
  if (target.dialect === 'sqlite') {
    if (givenKey) return { key: pick(target, values) }
    const [row] = await selectRows(
      session,
      target,
      `SELECT ${selectList(target)} ${fromClause(target)} WHERE rowid = last_insert_rowid()`,
      new BindParams('sqlite'),
      { transaction },
    )
    return row ? { row } : null
  }
  const generated = target.table.columns.find((c) => c.autoIncrement && target.table.primaryKey.includes(c.name))
  if (generated && insertId !== undefined && insertId !== null && String(insertId) !== '0') {
    const key = { ...pick(target, values), [generated.name]: String(insertId) }
    if (primaryKeyOf(target).every((c) => cellOf(key, c.name) !== undefined && cellOf(key, c.name) !== null)) return { key }
  }
  if (givenKey) return { key: pick(target, values) }
  return keyed ? null : mysqlRowLike(scope, target, values)
}

function pick(target: SqlTarget, values: WriteValues): RowKey {
  return Object.fromEntries(primaryKeyOf(target).map((c) => [c.name, cellOf(values, c.name) ?? null]))
}

/**
 * MySQL, table without a primary key: nothing identifies the new row, so answer a row holding the
 * given values (any identical row is indistinguishable from it). Empty values: nothing to match.
 */
async function mysqlRowLike(scope: WriteScope, target: SqlTarget, values: WriteValues): Promise<InsertedRow | null> {
  const columns = writtenColumns(target, values)
  if (columns.length === 0) return null
  const params = new BindParams(target.dialect)
  const where = columns.map((c) => equalsCondition(target, c, values[c.name], params)).join(' AND ')
  const rows = await selectRaw(scope.session, `SELECT ${selectList(target)} ${fromClause(target)} WHERE ${where} LIMIT 1`, params, {
    transaction: scope.transaction,
  })
  return rows[0] ? { row: rowFromDb(rows[0], target.table.columns) } : null
}
