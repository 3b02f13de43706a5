/**
 * What each dialect's catalog module provides, and the small helpers they share.
 * Every catalog query takes user-supplied names as bind parameters; identifiers that end up in
 * SQL text come only from the catalog and are quoted by records/identifiers.ts (never Sequelize's
 * quoting, which strips quote characters and so can name another table).
 */
import type { Sequelize } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import type { ForeignKey, IndexInfo, TableInfo } from '../../../shared/contract'
import { directCatalogSelect } from '../records/direct-select'
import { quoteIdentifier } from '../records/identifiers'

/** A table or view as the catalog lists it. */
export interface Relation {
  name: string
  kind: 'table' | 'view'
  /** The catalog's own row estimate (pg_class.reltuples, TABLE_ROWS), or null when it has none. */
  statsRows: number | null
  /** PostgreSQL: pg_class oid, as text. */
  oid?: string
  /** SQLite: an ordinary table with a rowid (so max(rowid) is an instant estimate). */
  hasRowid?: boolean
}

export type TableShape = Omit<TableInfo, 'model'>

export interface DialectCatalog {
  /** Tables and views of the session's database/schema, in no particular order. */
  listRelations(sequelize: Sequelize): Promise<Relation[]>
  /** The relation with exactly this name, or null. */
  findRelation(sequelize: Sequelize, name: string): Promise<Relation | null>
  /** An instant estimate from statistics (null when there are none). */
  estimateRows(sequelize: Sequelize, relation: Relation): Promise<number | null>
  /** The query planner's estimate, asked only when statistics are missing or stale. */
  plannerRows(sequelize: Sequelize, relation: Relation): Promise<number | null>
  describe(sequelize: Sequelize, relation: Relation): Promise<TableShape>
}

/** Runs a catalog SELECT with bind parameters (`$1`, `$2`…) and answers plain rows. */
export async function selectRows<T extends object>(sequelize: Sequelize, sql: string, bind: unknown[] = []): Promise<T[]> {
  // Straight to a pooled driver connection (direct-select.ts), not Sequelize's query path: opening a
  // table runs several of these, and Sequelize's per-query work was most of their cost.
  const rows = await directCatalogSelect(sequelize, sequelize.getDialect() as Dialect, sql, bind)
  return rows as T[]
}

export const quoteName = (sequelize: Sequelize, name: string): string => quoteIdentifier(sequelize.getDialect() as Dialect, name)

/** Catalog values may arrive as strings, numbers, bigints or (MySQL 8 information_schema) Buffers. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (Buffer.isBuffer(value)) return value.toString('utf8')
  return String(value)
}

export function numberOf(value: unknown): number | null {
  const text = textOf(value)
  if (text === null || text.trim() === '') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

/** A default of NULL is no default at all, whichever way the catalog spells it. */
export function defaultSql(raw: string | null): string | null {
  if (raw === null) return null
  return /^\s*null\s*$/i.test(raw) ? null : raw
}

/** Groups (name, position, column) rows into indexes with their columns in key order. */
export function groupIndexes(
  rows: Array<{ name: string; position: number; column: string; unique: boolean; primary: boolean }>,
): IndexInfo[] {
  const byName = new Map<string, IndexInfo & { order: Array<[number, string]> }>()
  for (const row of rows) {
    let index = byName.get(row.name)
    if (!index) {
      index = { name: row.name, columns: [], unique: row.unique, primary: row.primary, order: [] }
      byName.set(row.name, index)
    }
    index.order.push([row.position, row.column])
  }
  return [...byName.values()]
    .map(({ order, ...index }) => ({ ...index, columns: order.sort((a, b) => a[0] - b[0]).map(([, column]) => column) }))
    .sort((a, b) => Number(b.primary) - Number(a.primary) || compareNames(a.name, b.name))
}

export interface ForeignKeyColumnRow {
  /** Groups the rows of one key (the constraint name, or SQLite's key id). */
  key: string
  name: string | null
  table: string
  referencedTable: string
  position: number
  column: string
  referencedColumn: string
  onDelete: string | null
  onUpdate: string | null
}

/** Groups per-column rows into keys, columns in key order. */
export function groupForeignKeys(rows: ForeignKeyColumnRow[]): ForeignKey[] {
  const byKey = new Map<string, { fk: ForeignKey; order: Array<[number, string, string]> }>()
  for (const row of rows) {
    const id = `${row.table}\u0000${row.key}`
    let entry = byKey.get(id)
    if (!entry) {
      entry = {
        fk: {
          name: row.name,
          table: row.table,
          columns: [],
          referencedTable: row.referencedTable,
          referencedColumns: [],
          onDelete: row.onDelete,
          onUpdate: row.onUpdate,
        },
        order: [],
      }
      byKey.set(id, entry)
    }
    entry.order.push([row.position, row.column, row.referencedColumn])
  }
  return [...byKey.values()]
    .map(({ fk, order }) => {
      order.sort((a, b) => a[0] - b[0])
      return { ...fk, columns: order.map((o) => o[1]), referencedColumns: order.map((o) => o[2]) }
    })
    .sort((a, b) => compareNames(a.table, b.table) || compareNames(a.columns.join(','), b.columns.join(',')))
}

/** One stable order for names everywhere (not the server's collation, which differs by dialect). */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * Columns that a single-column UNIQUE index or constraint covers (the primary key is reported
 * separately). `notUniqueConstraints` names indexes that do not make a column unique for every
 * row: partial indexes, and indexes on expressions.
 */
export function uniqueColumnsOf(indexes: IndexInfo[], notUniqueConstraints: ReadonlySet<string>): Set<string> {
  const columns = new Set<string>()
  for (const index of indexes) {
    if (index.unique && !index.primary && index.columns.length === 1 && !notUniqueConstraints.has(index.name)) {
      columns.add(index.columns[0])
    }
  }
  return columns
}
