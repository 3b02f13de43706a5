/**
 * Schema introspection for a session: which tables there are, how big, and what they look like.
 * The records engine builds every generic query from `describeTable`, so identifiers in SQL come
 * only from here (from the catalog), never from user text.
 */
import type { Sequelize } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import type { RowCount, TableInfo, TableSummary } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { MODEL_TABLES, matchModel } from '../../models/match'
import type { Session } from '../connection/sessions'
import { compareNames, type DialectCatalog, type Relation } from './catalog'
import { mysqlCatalog } from './mysql'
import { withOrdering } from './ordering'
import { postgresCatalog } from './postgres'
import { withStoredDateForms } from './date-forms'
import { countRows } from './row-count'
import { sqliteCatalog } from './sqlite'
import { closestNames } from './suggest'

export { EXACT_COUNT_LIMIT } from './row-count'

const CATALOGS: Record<Dialect, DialectCatalog> = { sqlite: sqliteCatalog, mysql: mysqlCatalog, postgres: postgresCatalog }

/** How many tables are counted at once by listTables (each count holds a pooled connection). */
const COUNT_CONCURRENCY = 4

const catalogOf = (session: Session): DialectCatalog => CATALOGS[session.config.dialect]

/** Tables and views, sorted by name, each with an instant row count and its app model (if any). */
export async function listTables(session: Session): Promise<TableSummary[]> {
  const catalog = catalogOf(session)
  const relations = (await catalog.listRelations(session.sequelize)).sort((a, b) => compareNames(a.name, b.name))
  return mapLimited(relations, COUNT_CONCURRENCY, async (relation) => ({
    name: relation.name,
    kind: relation.kind,
    rowCount: await countOrUnknown(session, catalog, relation),
    model: await modelOf(session, relation),
  }))
}

/** Just the names, sorted: cheap enough for "test connection". */
export async function listTableNames(sequelize: Sequelize, dialect: Dialect): Promise<string[]> {
  const relations = await CATALOGS[dialect].listRelations(sequelize)
  return relations.map((r) => r.name).sort(compareNames)
}

/** Columns, keys and indexes of one table or view; cached in the session until the schema changes. */
export async function describeTable(session: Session, table: string): Promise<TableInfo> {
  const cached = session.tableCache.get(table)
  if (cached) return cached
  const relation = await requireRelation(session, table)
  const shape = await catalogOf(session).describe(session.sequelize, relation)
  if (session.config.dialect === 'sqlite' && relation.kind === 'table') {
    shape.columns = await withStoredDateForms(session.sequelize, relation.name, shape.columns)
  }
  const info: TableInfo = {
    ...shape,
    columns: shape.columns.map((column) => withOrdering(session.config.dialect, column)),
    model:
      relation.kind === 'table'
        ? matchModel(
            relation.name,
            shape.columns.map((c) => c.name),
          )
        : null,
  }
  session.tableCache.set(relation.name, info)
  return info
}

/** The same instant count listTables gives, for one table. */
export async function estimateRowCount(session: Session, table: string): Promise<RowCount> {
  const relation = await requireRelation(session, table)
  return countRows(session.sequelize, catalogOf(session), relation)
}

async function requireRelation(session: Session, table: string): Promise<Relation> {
  const catalog = catalogOf(session)
  const relation = await catalog.findRelation(session.sequelize, table)
  if (relation) return relation
  const names = (await catalog.listRelations(session.sequelize)).map((r) => r.name)
  const close = closestNames(table, names)
  const shown = table.length > 80 ? `${table.slice(0, 80)}…` : table
  throw new AppError({
    code: 'TABLE_NOT_FOUND',
    message: `There is no table or view named "${shown}" in ${session.info.database || 'this database'}.`,
    hint:
      close.length > 0
        ? `Did you mean ${close.map((n) => `"${n}"`).join(' or ')}? Names must match exactly, including case.`
        : 'Refresh the table list: the table may have been renamed or dropped.',
    field: 'table',
  })
}

/**
 * SQLite and MySQL keep a view whose table was dropped; counting it fails. One broken view must not
 * hide the whole list: its count is unknown (0, not exact), and describing it reports the error.
 */
async function countOrUnknown(session: Session, catalog: DialectCatalog, relation: Relation): Promise<RowCount> {
  if (relation.kind === 'table') return countRows(session.sequelize, catalog, relation)
  try {
    return await countRows(session.sequelize, catalog, relation)
  } catch {
    return { value: 0, exact: false }
  }
}

async function modelOf(session: Session, relation: Relation): Promise<TableSummary['model']> {
  // Only tables named like a model are worth describing here (and that fills the cache).
  if (relation.kind !== 'table' || !Object.hasOwn(MODEL_TABLES, relation.name)) return null
  return (await describeTable(session, relation.name)).model
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
