import type { Dialect } from '../../../../shared/connection-types'

/**
 * The statements an import writes with, per dialect: one multi-row INSERT per batch, with the
 * dialect's own duplicate clause. Identifiers arrive quoted (from the introspected schema);
 * values are always placeholders.
 *
 *                 PostgreSQL                     SQLite (3.24+)                  MySQL / MariaDB
 * skip (insert)   ON CONFLICT (key) DO NOTHING   ON CONFLICT (key) DO NOTHING    ON DUPLICATE KEY UPDATE k = k
 * update (upsert) ON CONFLICT (key) DO UPDATE    ON CONFLICT (key) DO UPDATE     ON DUPLICATE KEY UPDATE c = VALUES(c)
 *                 SET c = EXCLUDED.c             SET c = excluded.c
 *                 RETURNING (xmax = 0)
 * fail            plain INSERT: the database refuses the duplicate
 *
 * MySQL has no way to name the key: ON DUPLICATE KEY reacts to a clash on ANY unique index of the
 * table. With one unique key (the usual case) that is the chosen key; see import-writer.ts for how
 * rows are counted.
 */

export type WriteMode = 'skip' | 'update' | 'fail'

export interface InsertShape {
  dialect: Dialect
  /** Quoted table name. */
  table: string
  /** Quoted column names, in bind order. */
  columns: string[]
  /** Quoted key columns (skip/update); empty for fail. */
  key: string[]
  mode: WriteMode
}

/** Placeholder style: PostgreSQL numbers them, the others take `?` in order. */
function placeholders(dialect: Dialect) {
  let n = 0
  return dialect === 'postgres' ? () => `$${++n}` : () => '?'
}

/**
 * `INSERT … VALUES (…), (…) <duplicate clause>` for `rows` rows. `isDefault(row, column)` marks
 * cells written as the SQL keyword DEFAULT (they take no placeholder).
 */
export function insertSql(shape: InsertShape, rows: number, isDefault?: (row: number, column: number) => boolean): string {
  const next = placeholders(shape.dialect)
  const tuples = new Array<string>(rows)
  const width = shape.columns.length
  for (let r = 0; r < rows; r++) {
    const cells = new Array<string>(width)
    for (let c = 0; c < width; c++) cells[c] = isDefault?.(r, c) ? 'DEFAULT' : next()
    tuples[r] = `(${cells.join(', ')})`
  }
  return `INSERT INTO ${shape.table} (${shape.columns.join(', ')}) VALUES ${tuples.join(', ')}${duplicateClause(shape)}`
}

/**
 * SQLite: the rows as ONE JSON parameter, unpacked by SQLite itself:
 * `INSERT … SELECT value->>0, value->>1 … FROM jsonb_each(?)`. node-sqlite3 converts every bound
 * value on the JavaScript thread (about 0.5 µs each), which made binding the slowest step of an
 * import; one JSON string moves that work to SQLite's thread. `->>` yields the same TEXT (or
 * INTEGER, or NULL) a bound value would, so the column's affinity converts it exactly the same.
 * `jsonb_each` (3.45+) hands each row on as JSONB, which `->>` reads directly; `json_each` hands
 * it on as text, parsed again for every column (a quarter more of SQLite's time for a whole
 * import). `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON. Needs SQLite 3.38+
 * and no binary values (JSON has no bytes).
 */
export function sqliteJsonInsertSql(shape: InsertShape, functions: SqliteJson, floatParts: readonly boolean[] = []): string {
  // A float sent as [significand, exponent] (float64Parts) is multiplied back exactly: SQLite's own reading of a
  // number's text is not correctly rounded (-0.9309114 would be stored as -0.9309113999999999).
  const pick = (i: number) =>
    floatParts[i]
      ? `CASE WHEN json_type(value, '$[${i}]') = 'array' THEN (value->>'$[${i}][0]') * power(2, value->>'$[${i}][1]') ELSE value->>${i} END`
      : `value->>${i}`
  const picks = shape.columns.map((_, i) => pick(i)).join(', ')
  return `INSERT INTO ${shape.table} (${shape.columns.join(', ')}) SELECT ${picks} FROM ${functions}_each(?) WHERE true${duplicateClause(shape)}`
}

export type SqliteJson = 'json' | 'jsonb'

/** Which JSON functions this SQLite version offers for sqliteJsonInsertSql: `->>` is 3.38+, JSONB 3.45+. */
export function sqliteJsonFunctions(version: string | undefined): SqliteJson | null {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number)
  if (major > 3 || (major === 3 && minor >= 45)) return 'jsonb'
  return major === 3 && minor >= 38 ? 'json' : null
}

export function duplicateClause(shape: InsertShape): string {
  if (shape.mode === 'fail' || shape.key.length === 0) return ''
  const updated = shape.columns.filter((c) => !shape.key.includes(c))
  // With nothing but the key to write, an "update" still has to touch the row (so it is counted).
  const set = updated.length > 0 ? updated : [shape.key[0]]
  switch (shape.dialect) {
    case 'postgres': {
      const target = `ON CONFLICT (${shape.key.join(', ')})`
      if (shape.mode === 'skip') return ` ${target} DO NOTHING`
      // xmax is 0 for a row this statement inserted, and the updating transaction's id for one it updated.
      return ` ${target} DO UPDATE SET ${set.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} RETURNING (xmax = 0) AS inserted`
    }
    case 'sqlite': {
      const target = `ON CONFLICT (${shape.key.join(', ')})`
      if (shape.mode === 'skip') return ` ${target} DO NOTHING`
      return ` ${target} DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(', ')}`
    }
    case 'mysql': {
      if (shape.mode === 'skip') return ` ON DUPLICATE KEY UPDATE ${shape.key[0]} = ${shape.key[0]}`
      return ` ON DUPLICATE KEY UPDATE ${set.map((c) => `${c} = VALUES(${c})`).join(', ')}`
    }
  }
}

/**
 * How many of `rows` keys already exist: `SELECT COUNT(*) … WHERE key IN (…)`. Used where the
 * INSERT itself cannot say (SQLite upserts, MySQL single-row batches). MySQL locks what it read
 * (FOR UPDATE) so the count stays true until the INSERT; SQLite's write transaction already
 * excludes other writers.
 */
export function existingCountSql(dialect: Dialect, table: string, key: string[], rows: number): string {
  const next = placeholders(dialect)
  let condition: string
  if (key.length === 1) {
    condition = `${key[0]} IN (${Array.from({ length: rows }, next).join(', ')})`
  } else {
    const tuple = () => `(${key.map(() => next()).join(', ')})`
    const list = Array.from({ length: rows }, tuple).join(', ')
    condition = dialect === 'sqlite' ? `(${key.join(', ')}) IN (VALUES ${list})` : `(${key.join(', ')}) IN (${list})`
  }
  return `SELECT COUNT(*) AS n FROM ${table} WHERE ${condition}${dialect === 'mysql' ? ' FOR UPDATE' : ''}`
}

/** Bind parameters per statement: MySQL 65,535 placeholders, PostgreSQL 65,535 parameters, SQLite 32,766 (3.32+; 999 before). */
export function parameterLimit(dialect: Dialect, sqliteVersion?: string): number {
  if (dialect !== 'sqlite') return 65_535
  const [major = 3, minor = 0] = (sqliteVersion ?? '3.32.0').split('.').map(Number)
  return major > 3 || (major === 3 && minor >= 32) ? 32_766 : 999
}

/**
 * Rows per batch: as many as the dialect's parameter limit allows for this width, but aiming at a
 * statement size that measured fastest (`npm run bench -- transfer`, docs/benchmarks.md). SQLite
 * in particular slows down sharply with very long VALUES lists (2,000 rows × 7 columns took five
 * times as long per row as 250 rows); the servers are flat from a few hundred rows on.
 */
export function batchRows(dialect: Dialect, width: number, sqliteVersion?: string): number {
  const columns = Math.max(1, width)
  const limit = Math.floor(parameterLimit(dialect, sqliteVersion) / columns)
  return Math.max(1, Math.min(limit, Math.floor(TARGET_PARAMETERS[dialect] / columns)))
}

/**
 * How much of the file one batch may take at most, whatever its row count: PostgreSQL's batches
 * are many rows (see TARGET_PARAMETERS), so wide rows (long texts, base64 images) end them early
 * and the two batches held in memory stay small. The other dialects go by rows alone.
 */
export function batchBytes(dialect: Dialect): number {
  return dialect === 'postgres' ? 16 * 1024 * 1024 : Number.POSITIVE_INFINITY
}

/**
 * Bind parameters per statement to aim for. PostgreSQL writes its batches by COPY
 * (copy-writer.ts), where a bigger batch costs nothing per row; its batches are as big as one
 * INSERT can still take, since a batch holding DEFAULT cells is written by INSERT.
 */
export const TARGET_PARAMETERS: Record<Dialect, number> = { sqlite: 1750, mysql: 7000, postgres: 65_535 }
