/**
 * PostgreSQL catalog: relations of current_schema(), read from pg_catalog (information_schema
 * hides what the session's role does not own and is slow on big catalogs).
 */
import type { ColumnInfo } from '../../../shared/contract'
import {
  defaultSql,
  groupForeignKeys,
  groupIndexes,
  numberOf,
  quoteName,
  selectRows,
  textOf,
  uniqueColumnsOf,
  type DialectCatalog,
  type Relation,
} from './catalog'
import { postgresKind } from './kinds'

interface RelationRow {
  oid: string
  name: string
  relkind: string
  reltuples: unknown
}

// r: table, p: partitioned table, f: foreign table; v: view, m: materialized view.
const LIST_SQL = `SELECT c.oid::text AS oid, c.relname AS name, c.relkind AS relkind, c.reltuples AS reltuples
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'f', 'v', 'm')`

function toRelation(row: RelationRow): Relation {
  const kind = row.relkind === 'v' || row.relkind === 'm' ? 'view' : 'table'
  const tuples = numberOf(row.reltuples)
  // reltuples is -1 until the first VACUUM/ANALYZE (PostgreSQL 14+), and means nothing for views.
  return { oid: row.oid, name: row.name, kind, statsRows: row.relkind === 'v' || tuples === null || tuples < 0 ? null : tuples }
}

interface ColumnRow {
  name: string
  type: string
  not_null: boolean
  default_sql: string | null
  is_identity: boolean
  base_type: string
  category: string
  typtype: string
  max_length: unknown
}

const COLUMNS_SQL = `SELECT a.attname AS name,
    format_type(a.atttypid, a.atttypmod) AS type,
    a.attnotnull AS not_null,
    CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_sql,
    a.attidentity <> '' AS is_identity,
    bt.typname AS base_type, bt.typcategory AS category, bt.typtype AS typtype,
    CASE WHEN bt.typname IN ('varchar', 'bpchar') AND COALESCE(NULLIF(a.atttypmod, -1), t.typtypmod) > 4
         THEN COALESCE(NULLIF(a.atttypmod, -1), t.typtypmod) - 4 END AS max_length
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`

interface IndexRow {
  name: string
  is_unique: boolean
  is_primary: boolean
  partial: boolean
  position: unknown
  column_name: string | null
  expression: string
}

// Key columns only (INCLUDE columns are not part of the key); expressions as PostgreSQL prints them.
const INDEXES_SQL = `SELECT ic.relname AS name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
    i.indpred IS NOT NULL AS partial, k.ord AS position, a.attname AS column_name,
    pg_get_indexdef(i.indexrelid, k.ord::int, true) AS expression
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
  WHERE i.indrelid = $1::oid AND k.ord <= i.indnkeyatts`

interface ForeignKeyRow {
  name: string
  source_oid: string
  target_oid: string
  table_name: string
  referenced_table: string
  position: unknown
  column_name: string
  referenced_column: string
  on_update: string
  on_delete: string
}

// Both directions at once; keys to or from other schemas are left out (they cannot be browsed
// in this session), as are the per-partition copies of a partitioned table's keys.
const FOREIGN_KEYS_SQL = `SELECT con.conname AS name, con.conrelid::text AS source_oid, con.confrelid::text AS target_oid,
    src.relname AS table_name, tgt.relname AS referenced_table,
    k.ord AS position, sa.attname AS column_name, ta.attname AS referenced_column,
    con.confupdtype AS on_update, con.confdeltype AS on_delete
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class src ON src.oid = con.conrelid
  JOIN pg_catalog.pg_class tgt ON tgt.oid = con.confrelid
  CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(src_attnum, tgt_attnum, ord)
  JOIN pg_catalog.pg_attribute sa ON sa.attrelid = con.conrelid AND sa.attnum = k.src_attnum
  JOIN pg_catalog.pg_attribute ta ON ta.attrelid = con.confrelid AND ta.attnum = k.tgt_attnum
  WHERE con.contype = 'f' AND con.conparentid = 0 AND src.relnamespace = tgt.relnamespace
    AND (con.conrelid = $1::oid OR con.confrelid = $1::oid)`

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }

export const postgresCatalog: DialectCatalog = {
  async listRelations(sequelize) {
    return (await selectRows<RelationRow>(sequelize, LIST_SQL)).map(toRelation)
  },

  async findRelation(sequelize, name) {
    const rows = await selectRows<RelationRow>(sequelize, `${LIST_SQL} AND c.relname = $1`, [name])
    const row = rows.find((r) => r.name === name)
    return row ? toRelation(row) : null
  },

  async estimateRows(_sequelize, relation) {
    return relation.statsRows
  },

  async plannerRows(sequelize, relation) {
    // Without statistics the planner still estimates from the table's size on disk.
    const [row] = await selectRows<Record<string, unknown>>(
      sequelize,
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${quoteName(sequelize, relation.name)}`,
    )
    const plan = row ? Object.values(row)[0] : null
    const parsed: unknown = typeof plan === 'string' ? JSON.parse(plan) : plan
    const rows = Array.isArray(parsed) ? (parsed[0] as { Plan?: { 'Plan Rows'?: unknown } } | undefined)?.Plan?.['Plan Rows'] : null
    return numberOf(rows)
  },

  async describe(sequelize, relation) {
    const oid = relation.oid!
    const columnRows = await selectRows<ColumnRow>(sequelize, COLUMNS_SQL, [oid])
    const indexRows = await selectRows<IndexRow>(sequelize, INDEXES_SQL, [oid])
    const fkRows = await selectRows<ForeignKeyRow>(sequelize, FOREIGN_KEYS_SQL, [oid])

    const indexes = groupIndexes(
      indexRows.map((r) => ({
        name: r.name,
        position: numberOf(r.position) ?? 0,
        column: r.column_name ?? r.expression,
        unique: r.is_unique,
        primary: r.is_primary,
      })),
    )
    const notUnique = new Set(indexRows.filter((r) => r.partial || r.column_name === null).map((r) => r.name))
    const unique = uniqueColumnsOf(indexes, notUnique)
    const primaryKey = indexes.find((i) => i.primary)?.columns ?? []

    const columns: ColumnInfo[] = columnRows.map((c) => {
      const defaultText = defaultSql(textOf(c.default_sql))
      return {
        name: c.name,
        type: c.type,
        kind: postgresKind(c.base_type, c.category, c.typtype),
        nullable: !c.not_null,
        default: defaultText,
        primaryKey: primaryKey.includes(c.name),
        unique: unique.has(c.name),
        // serial/bigserial are a nextval() default; GENERATED … AS IDENTITY is attidentity.
        autoIncrement: c.is_identity || (defaultText !== null && /^nextval\(/i.test(defaultText)),
        maxLength: numberOf(c.max_length),
      }
    })

    const keyRows = fkRows.map((r) => ({
      key: r.name,
      name: r.name,
      table: r.table_name,
      referencedTable: r.referenced_table,
      position: numberOf(r.position) ?? 0,
      column: r.column_name,
      referencedColumn: r.referenced_column,
      onDelete: FK_ACTIONS[r.on_delete] ?? null,
      onUpdate: FK_ACTIONS[r.on_update] ?? null,
    }))

    return {
      name: relation.name,
      kind: relation.kind,
      columns,
      primaryKey,
      foreignKeys: groupForeignKeys(keyRows.filter((_, i) => fkRows[i].source_oid === oid)),
      referencedBy: groupForeignKeys(keyRows.filter((_, i) => fkRows[i].target_oid === oid)),
      indexes,
    }
  },
}
