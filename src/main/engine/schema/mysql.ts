/**
 * MySQL/MariaDB catalog: information_schema for the connection's current database.
 * The two servers differ in a few places (how COLUMN_DEFAULT is written, MariaDB's JSON being
 * LONGTEXT with a json_valid() check); those are decided from the server's version string.
 */
import type { Sequelize } from 'sequelize'
import type { ColumnInfo, ColumnKind } from '../../../shared/contract'
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
import { mysqlKind } from './kinds'

interface RelationRow {
  name: string
  table_type: string
  table_rows: unknown
}

// MariaDB also lists SEQUENCE objects here; they are not browsable tables.
const LIST_SQL = `SELECT TABLE_NAME AS name, TABLE_TYPE AS table_type, TABLE_ROWS AS table_rows
  FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')`

function toRelation(row: RelationRow): Relation {
  const name = textOf(row.name) ?? ''
  const kind = textOf(row.table_type) === 'VIEW' ? 'view' : 'table'
  // InnoDB's TABLE_ROWS is an estimate from sampled statistics (exact for MyISAM); NULL for views.
  return { name, kind, statsRows: kind === 'view' ? null : numberOf(row.table_rows) }
}

interface ColumnRow {
  name: string
  column_type: unknown
  data_type: unknown
  is_nullable: unknown
  column_default: unknown
  extra: unknown
  max_length: unknown
}

interface IndexRow {
  name: string
  non_unique: unknown
  position: unknown
  column_name: string | null
}

interface ForeignKeyRow {
  name: string
  table_name: string
  referenced_table: string
  position: unknown
  column_name: string
  referenced_column: string
  on_update: string
  on_delete: string
}

const isMariaDbCache = new WeakMap<Sequelize, boolean>()

async function isMariaDb(sequelize: Sequelize): Promise<boolean> {
  const known = isMariaDbCache.get(sequelize)
  if (known !== undefined) return known
  const [row] = await selectRows<{ version: unknown }>(sequelize, 'SELECT VERSION() AS version')
  const maria = /mariadb/i.test(textOf(row?.version) ?? '')
  isMariaDbCache.set(sequelize, maria)
  return maria
}

/** MariaDB writes JSON columns as LONGTEXT plus a `CHECK (json_valid(col))` constraint. */
async function mariaDbJsonColumns(sequelize: Sequelize, table: string): Promise<Set<string>> {
  const rows = await selectRows<{ clause: unknown }>(
    sequelize,
    'SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = $1',
    [table],
  )
  const columns = new Set<string>()
  for (const row of rows) {
    const match = /^\s*json_valid\(`((?:[^`]|``)+)`\)\s*$/i.exec(textOf(row.clause) ?? '')
    if (match) columns.add(match[1].replace(/``/g, '`'))
  }
  return columns
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float', 'boolean'])

/**
 * The default as SQL text. MariaDB (10.2.7+) already writes it that way (literals quoted, NULL as
 * `NULL`); MySQL 8 gives literals bare and marks expressions with DEFAULT_GENERATED.
 */
function columnDefault(raw: string | null, extra: string, kind: ColumnKind, mariaDb: boolean): string | null {
  if (raw === null) return null
  if (mariaDb) return defaultSql(raw)
  if (/DEFAULT_GENERATED/i.test(extra) || /^current_timestamp\b/i.test(raw)) return raw
  if (NUMERIC_KINDS.has(kind) && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return raw
  return `'${raw.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

const FK_SELECT = `SELECT k.CONSTRAINT_NAME AS name, k.TABLE_NAME AS table_name, k.REFERENCED_TABLE_NAME AS referenced_table,
    k.ORDINAL_POSITION AS position, k.COLUMN_NAME AS column_name, k.REFERENCED_COLUMN_NAME AS referenced_column,
    r.UPDATE_RULE AS on_update, r.DELETE_RULE AS on_delete
  FROM information_schema.KEY_COLUMN_USAGE k
  JOIN information_schema.REFERENTIAL_CONSTRAINTS r
    ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
  WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_SCHEMA = DATABASE()`

export const mysqlCatalog: DialectCatalog = {
  async listRelations(sequelize) {
    return (await selectRows<RelationRow>(sequelize, LIST_SQL)).map(toRelation)
  },

  async findRelation(sequelize, name) {
    // information_schema compares names case-insensitively on some servers: insist on an exact match.
    const rows = await selectRows<RelationRow>(sequelize, `${LIST_SQL} AND TABLE_NAME = $1`, [name])
    const row = rows.map(toRelation).find((r) => r.name === name)
    return row ?? null
  },

  async estimateRows(_sequelize, relation) {
    return relation.statsRows
  },

  async plannerRows(sequelize, relation) {
    const rows = await selectRows<{ rows?: unknown }>(sequelize, `EXPLAIN SELECT 1 FROM ${quoteName(sequelize, relation.name)}`)
    return numberOf(rows[0]?.rows)
  },

  async describe(sequelize, relation) {
    const mariaDb = await isMariaDb(sequelize)
    const columnRows = await selectRows<ColumnRow>(
      sequelize,
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS column_type, DATA_TYPE AS data_type, IS_NULLABLE AS is_nullable,
         COLUMN_DEFAULT AS column_default, EXTRA AS extra, CHARACTER_MAXIMUM_LENGTH AS max_length
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = $1 ORDER BY ORDINAL_POSITION`,
      [relation.name],
    )
    const indexRows = await selectRows<IndexRow>(
      sequelize,
      `SELECT INDEX_NAME AS name, NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS position, COLUMN_NAME AS column_name
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = $1`,
      [relation.name],
    )
    const fkRows = await selectRows<ForeignKeyRow>(sequelize, `${FK_SELECT} AND (k.TABLE_NAME = $1 OR k.REFERENCED_TABLE_NAME = $1)`, [
      relation.name,
    ])
    const jsonColumns = mariaDb && relation.kind === 'table' ? await mariaDbJsonColumns(sequelize, relation.name) : new Set<string>()

    const indexes = groupIndexes(
      indexRows.map((r) => ({
        name: r.name,
        position: numberOf(r.position) ?? 0,
        column: r.column_name ?? '(expression)', // MySQL 8 functional index parts have no column
        unique: numberOf(r.non_unique) === 0,
        primary: r.name === 'PRIMARY',
      })),
    )
    const notUnique = new Set(indexRows.filter((r) => r.column_name === null).map((r) => r.name))
    const unique = uniqueColumnsOf(indexes, notUnique)
    const primaryKey = indexes.find((i) => i.primary)?.columns ?? []

    const columns: ColumnInfo[] = columnRows.map((c) => {
      const columnType = textOf(c.column_type) ?? ''
      const dataType = textOf(c.data_type) ?? ''
      const extra = textOf(c.extra) ?? ''
      const kind = jsonColumns.has(c.name) ? 'json' : mysqlKind(dataType, columnType)
      return {
        name: c.name,
        type: columnType,
        kind,
        nullable: textOf(c.is_nullable) === 'YES',
        default: columnDefault(textOf(c.column_default), extra, kind, mariaDb),
        primaryKey: primaryKey.includes(c.name),
        unique: unique.has(c.name),
        autoIncrement: /\bauto_increment\b/i.test(extra),
        // Only a declared limit: CHAR(n)/VARCHAR(n), not the implicit size of TEXT types.
        maxLength: /^(var)?char$/i.test(dataType) ? numberOf(c.max_length) : null,
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
      onDelete: textOf(r.on_delete),
      onUpdate: textOf(r.on_update),
    }))

    return {
      name: relation.name,
      kind: relation.kind,
      columns,
      primaryKey,
      foreignKeys: groupForeignKeys(keyRows.filter((r) => r.table === relation.name)),
      referencedBy: groupForeignKeys(keyRows.filter((r) => r.referencedTable === relation.name)),
      indexes,
    }
  },
}
