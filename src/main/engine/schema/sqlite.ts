/**
 * SQLite catalog: the `main` schema through the table-valued pragma functions, which take the
 * table name as a bind parameter (no name is ever spliced into a PRAGMA statement).
 */
import type { Sequelize } from 'sequelize'
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
  type ForeignKeyColumnRow,
  type Relation,
} from './catalog'
import { declaredLength, sqliteKind } from './kinds'

interface TableListRow {
  name: string
  type: string
  wr: number
}

// Shadow tables (the storage of FTS and other virtual tables) and sqlite_% internals are left out.
const LIST_SQL = `SELECT name, type, wr FROM pragma_table_list
  WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'`

const toRelation = (row: TableListRow): Relation => ({
  name: row.name,
  kind: row.type === 'view' ? 'view' : 'table',
  statsRows: null,
  hasRowid: row.type === 'table' && Number(row.wr) === 0,
})

interface ColumnRow {
  name: string
  type: string | null
  not_null: number
  dflt_value: string | null
  pk: number
  hidden: number
}

interface IndexRow {
  index_name: string
  is_unique: number
  origin: string
  partial: number
  seqno: number
  cid: number
  column_name: string | null
}

interface ForeignKeyRow {
  source: string
  id: number
  seq: number
  ref_table: string
  from_col: string
  to_col: string | null
  on_update: string
  on_delete: string
}

const FK_COLUMNS = `f.id, f.seq, f."table" AS ref_table, f."from" AS from_col, f."to" AS to_col, f.on_update, f.on_delete`

export const sqliteCatalog: DialectCatalog = {
  async listRelations(sequelize) {
    return (await selectRows<TableListRow>(sequelize, LIST_SQL)).map(toRelation)
  },

  async findRelation(sequelize, name) {
    const rows = await selectRows<TableListRow>(sequelize, `${LIST_SQL} AND name = $1`, [name])
    const row = rows.find((r) => r.name === name)
    return row ? toRelation(row) : null
  },

  async estimateRows(sequelize, relation) {
    // sqlite_stat1 exists only after ANALYZE; its first number is the table's row count then. Whether
    // it exists comes with the b-tree's last key in one statement (opening a table asks this every time).
    const statsExist = `EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1')`
    // The b-tree's last key: instant, and close when rowids are dense. Sparse rowids (random or
    // time-based ids) overshoot, so cap it by what the whole file could hold (a row takes at
    // least 4 bytes of a page): a small file then always gets an exact count.
    const [first] = await selectRows<{ stats: unknown; n?: unknown; bytes?: unknown }>(
      sequelize,
      relation.hasRowid
        ? `SELECT ${statsExist} AS stats, max(rowid) AS n,
             (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()) AS bytes
           FROM ${quoteName(sequelize, relation.name)}`
        : `SELECT ${statsExist} AS stats`,
    )
    if (numberOf(first?.stats) === 1) {
      const [stat] = await selectRows<{ stat: string }>(sequelize, 'SELECT stat FROM sqlite_stat1 WHERE tbl = $1 LIMIT 1', [relation.name])
      const rows = stat ? numberOf(textOf(stat.stat)?.split(' ')[0]) : null
      if (rows !== null) return rows
    }
    if (!relation.hasRowid) return null
    const n = numberOf(first?.n)
    const bytes = numberOf(first?.bytes)
    if (n === null || n <= 0) return null
    return bytes === null ? n : Math.min(n, Math.floor(bytes / 4))
  },

  async plannerRows() {
    return null // SQLite's planner has no row estimate without ANALYZE
  },

  async describe(sequelize, relation) {
    // Keys name tables as their DDL wrote them (any case): the catalog's spelling, read only when there are keys.
    let names: Map<string, string> | null = null
    const catalogName = async (written: string) => {
      names ??= new Map((await this.listRelations(sequelize)).map((r) => [r.name.toLowerCase(), r.name]))
      return names.get(written.toLowerCase()) ?? written
    }

    const columnRows = (
      await selectRows<ColumnRow>(
        sequelize,
        `SELECT cid, name, type, "notnull" AS not_null, dflt_value, pk, hidden FROM pragma_table_xinfo($1, 'main') ORDER BY cid`,
        [relation.name],
      )
    ).filter((c) => Number(c.hidden) !== 1) // hidden columns of virtual tables
    const keyColumns = columnRows.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk))
    const primaryKey = keyColumns.map((c) => c.name)
    // A lone INTEGER PRIMARY KEY of a rowid table is the rowid itself: never null, filled in on insert.
    const rowidAlias =
      relation.hasRowid && keyColumns.length === 1 && (keyColumns[0].type ?? '').trim().toUpperCase() === 'INTEGER'
        ? keyColumns[0].name
        : null

    const indexRows = await selectRows<IndexRow>(
      sequelize,
      `SELECT il.name AS index_name, il."unique" AS is_unique, il.origin, il.partial, ii.seqno, ii.cid, ii.name AS column_name
       FROM pragma_index_list($1, 'main') AS il JOIN pragma_index_info(il.name, 'main') AS ii`,
      [relation.name],
    )
    const indexes = groupIndexes(
      indexRows.map((r) => ({
        name: r.index_name,
        position: Number(r.seqno),
        column: r.column_name ?? (Number(r.cid) === -1 ? 'rowid' : '(expression)'),
        unique: Number(r.is_unique) === 1,
        primary: r.origin === 'pk',
      })),
    )
    const notUnique = new Set(indexRows.filter((r) => Number(r.partial) === 1 || r.column_name === null).map((r) => r.index_name))
    const unique = uniqueColumnsOf(indexes, notUnique)

    const columns: ColumnInfo[] = columnRows.map((c) => {
      const type = c.type ?? ''
      const kind = sqliteKind(type)
      const inKey = Number(c.pk) > 0
      return {
        name: c.name,
        type,
        kind,
        nullable: Number(c.not_null) === 0 && c.name !== rowidAlias && !(inKey && !relation.hasRowid && relation.kind === 'table'),
        default: defaultSql(c.dflt_value),
        primaryKey: inKey,
        unique: unique.has(c.name),
        autoIncrement: c.name === rowidAlias,
        maxLength: kind === 'text' ? declaredLength(type) : null,
      }
    })

    const outgoing = await selectRows<ForeignKeyRow>(
      sequelize,
      `SELECT $1 AS source, ${FK_COLUMNS} FROM pragma_foreign_key_list($1, 'main') AS f`,
      [relation.name],
    )
    const incoming = await selectRows<ForeignKeyRow>(
      sequelize,
      `SELECT m.name AS source, ${FK_COLUMNS} FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name, 'main') AS f
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' AND f."table" = $1 COLLATE NOCASE`,
      [relation.name],
    )
    const keyRows = async (rows: ForeignKeyRow[]): Promise<ForeignKeyColumnRow[]> => {
      const parentKeys = new Map<string, string[]>()
      const out: ForeignKeyColumnRow[] = []
      for (const r of rows) {
        const parent = await catalogName(r.ref_table)
        let referencedColumn = r.to_col
        if (referencedColumn === null) {
          // `REFERENCES parent` without columns means the parent's primary key.
          if (!parentKeys.has(parent)) parentKeys.set(parent, await primaryKeyOf(sequelize, parent))
          referencedColumn = parentKeys.get(parent)![Number(r.seq)] ?? '?'
        }
        out.push({
          key: String(r.id),
          name: null, // SQLite does not report constraint names
          table: await catalogName(r.source),
          referencedTable: parent,
          position: Number(r.seq),
          column: r.from_col,
          referencedColumn,
          onDelete: r.on_delete,
          onUpdate: r.on_update,
        })
      }
      return out
    }

    return {
      name: relation.name,
      kind: relation.kind,
      columns,
      primaryKey,
      foreignKeys: groupForeignKeys(await keyRows(outgoing)),
      referencedBy: groupForeignKeys(await keyRows(incoming)),
      indexes,
    }
  },
}

async function primaryKeyOf(sequelize: Sequelize, table: string): Promise<string[]> {
  const rows = await selectRows<{ name: string; pk: number }>(
    sequelize,
    `SELECT name, pk FROM pragma_table_info($1, 'main') WHERE pk > 0 ORDER BY pk`,
    [table],
  )
  return rows.map((r) => r.name)
}
