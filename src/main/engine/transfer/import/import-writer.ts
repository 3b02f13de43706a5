import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { float64Parts, sqliteStoredFloat } from '../../records/value-codec'
import type { RawConnection } from '../driver'
import type { ImportPlan } from './plan'
import { isRowRefusal } from './refusals'
import { existingCountSql, insertSql, sqliteJsonInsertSql, type InsertShape, type SqliteJson } from './upsert-sql'
import { USE_DEFAULT } from './validate'

export interface WriteCounts {
  inserted: number
  updated: number
  skipped: number
}

/** Rows waiting to be written, flat (row-major) so a batch is one array however many rows. */
export class Batch {
  readonly values: unknown[] = []
  readonly rowNumbers: number[] = []
  private readonly keys = new Set<string>()
  private defaults = false

  constructor(readonly width: number) {}

  get size(): number {
    return this.rowNumbers.length
  }

  hasKey(key: string | null): boolean {
    return key !== null && this.keys.has(key)
  }

  /** Registers the row just appended to `values` (by the caller, for speed). */
  commitRow(rowNumber: number, key: string | null, hasDefault: boolean): void {
    this.rowNumbers.push(rowNumber)
    if (key !== null) this.keys.add(key)
    if (hasDefault) this.defaults = true
  }

  get hasDefaults(): boolean {
    return this.defaults
  }

  /** A batch of just row `index` of this one. */
  single(index: number): Batch {
    const one = new Batch(this.width)
    const start = index * this.width
    let hasDefault = false
    for (let c = 0; c < this.width; c++) {
      const value = this.values[start + c]
      if (value === USE_DEFAULT) hasDefault = true
      one.values.push(value)
    }
    one.commitRow(this.rowNumbers[index], null, hasDefault)
    return one
  }

  clear(): void {
    this.values.length = 0
    this.rowNumbers.length = 0
    this.keys.clear()
    this.defaults = false
  }
}

/** What writes an import's batches (ImportWriter, or CopyWriter on PostgreSQL: see write-scope.ts). */
export interface BatchWriter {
  /**
   * Writes the batch; rows the database refuses are found and handed to `onRefused`, which
   * throws to stop or returns to leave the row out.
   */
  writeOrPinpoint(batch: Batch, onRefused: (rowNumber: number, error: unknown) => void): Promise<WriteCounts>
}

/** The plan's table, columns and key, quoted, for the statement builders. */
export function insertShape(plan: ImportPlan, quote: (identifier: string) => string): InsertShape {
  return {
    dialect: plan.dialect,
    table: quote(plan.table.name),
    columns: plan.columns.map((c) => quote(c.name)),
    key: plan.keyPositions ? plan.keyPositions.map((p) => quote(plan.columns[p].name)) : [],
    mode: plan.mode,
  }
}

/**
 * Writes batches and counts what each did. How inserted / updated / skipped are told apart, per
 * dialect (exact counts matter more than saving a query):
 * - PostgreSQL: from the statement itself. DO NOTHING: rowCount is the rows inserted. DO UPDATE:
 *   RETURNING (xmax = 0) is true for each inserted row, false for each updated one. One atomic
 *   statement, so a concurrent writer cannot make the count wrong.
 * - MySQL/MariaDB, batches of 2+ rows: the server's info line, `Records: N  Duplicates: D`:
 *   D rows hit an existing key (skipped, or updated), N - D were inserted. With CLIENT_FOUND_ROWS
 *   (mysql2's default, checked at start) D also counts duplicates the update left unchanged;
 *   affectedRows cannot tell those from inserts. A single-row INSERT has no info line: its key is
 *   counted first (SELECT … FOR UPDATE, which also locks the gap against concurrent inserts).
 * - SQLite: DO NOTHING: changes() is the rows inserted. DO UPDATE: changes() counts inserted and
 *   updated alike, so the batch's existing keys are counted first; the IMMEDIATE write
 *   transaction keeps every other writer out until commit, so the count stays true.
 * A key twice in one batch is split into two batches first (see batchKey), so each row meets
 * the table as it stands after the rows before it.
 */
export class ImportWriter implements BatchWriter {
  private readonly shape: InsertShape
  private readonly fullSql = new Map<number, string>()
  /** SQLite: rows go as one JSON parameter (see sqliteJsonInsertSql); null when binary is written. */
  private readonly jsonSql: string | null

  constructor(
    private readonly connection: RawConnection,
    private readonly plan: ImportPlan,
    quote: (identifier: string) => string,
    options: {
      /** MySQL only: whether `Duplicates` in the info line includes unchanged rows. */
      mysqlFoundRows?: boolean
      /** SQLite only: the JSON functions to unpack a batch with (see sqliteJsonFunctions), if any. */
      sqliteJson?: SqliteJson | null
      /** SQLite only: whether it has its math functions (power), which read floats back from exact parts. */
      sqliteMath?: boolean
    } = {},
  ) {
    this.mysqlFoundRows = options.mysqlFoundRows ?? true
    this.shape = insertShape(plan, quote)
    const json = plan.dialect === 'sqlite' && !plan.columns.some((c) => c.kind === 'binary') ? options.sqliteJson : null
    // Columns SQLite stores floats in get theirs as exact parts, where SQLite has power() (its math functions).
    this.floatParts =
      json && options.sqliteMath ? plan.columns.map((c) => FLOAT_KINDS.has(c.kind) && sqliteStoredFloat(0.5, c) !== null) : []
    this.jsonSql = json ? sqliteJsonInsertSql(this.shape, json, this.floatParts) : null
  }

  /** SQLite JSON path: per column, whether a float goes as [significand, exponent] (float64Parts). */
  private readonly floatParts: boolean[]

  private readonly mysqlFoundRows: boolean

  async write(batch: Batch): Promise<WriteCounts> {
    const rows = batch.size
    if (rows === 0) return { inserted: 0, updated: 0, skipped: 0 }
    const params = this.jsonSql
      ? [jsonRows(batch, this.floatParts, this.plan.columns)]
      : batch.hasDefaults
        ? batch.values.filter((v) => v !== USE_DEFAULT)
        : batch.values
    const sql = this.jsonSql ?? this.sqlFor(batch)
    // Statements of the common full-batch shape are prepared once and reused.
    const reuse = !batch.hasDefaults
    const { dialect } = this.plan
    const mode = this.shape.mode

    if (mode === 'fail') {
      const result = await this.connection.run(sql, params, { reuse })
      return { inserted: result.changes, updated: 0, skipped: 0 }
    }
    if (dialect === 'postgres') {
      const result = await this.connection.run(sql, params, { reuse })
      if (mode === 'skip') return { inserted: result.changes, updated: 0, skipped: rows - result.changes }
      const inserted = result.rows.filter((r) => r.inserted === true).length
      return { inserted, updated: result.rows.length - inserted, skipped: 0 }
    }
    if (dialect === 'sqlite') {
      if (mode === 'skip') {
        const result = await this.connection.run(sql, params, { reuse })
        return { inserted: result.changes, updated: 0, skipped: rows - result.changes }
      }
      const existing = await this.countExisting(batch)
      await this.connection.run(sql, params, { reuse })
      return { inserted: rows - existing, updated: existing, skipped: 0 }
    }
    // MySQL / MariaDB
    if (rows === 1 || !this.mysqlFoundRows) {
      const existing = await this.countExisting(batch)
      await this.connection.run(sql, params, { reuse })
      return this.split(rows, existing)
    }
    const result = await this.connection.run(sql, params, { reuse })
    const info = /Records:\s*(\d+)\s+Duplicates:\s*(\d+)/.exec(result.info)
    if (!info) throw new Error(`MySQL gave no row counts for a multi-row INSERT (info: "${result.info}")`)
    return this.split(Number(info[1]), Number(info[2]))
  }

  /**
   * Writes the batch; when the database refuses it because of a row, writes its rows one by one
   * to find which (PostgreSQL: inside savepoints, as a refused statement spoils the transaction;
   * MySQL and SQLite undo just the refused statement). `onRefused` decides per bad row: throw to
   * stop, or return to leave the row out.
   */
  async writeOrPinpoint(batch: Batch, onRefused: (rowNumber: number, error: unknown) => void): Promise<WriteCounts> {
    const postgres = this.plan.dialect === 'postgres'
    if (postgres) await this.connection.run('SAVEPOINT rowboat_batch', [])
    try {
      const counts = await this.write(batch)
      if (postgres) await this.connection.run('RELEASE SAVEPOINT rowboat_batch', [])
      return counts
    } catch (error) {
      if (!isRowRefusal(error, this.plan.dialect)) throw error
      if (postgres) await this.connection.run('ROLLBACK TO SAVEPOINT rowboat_batch', [])
    }
    const total: WriteCounts = { inserted: 0, updated: 0, skipped: 0 }
    for (let index = 0; index < batch.size; index++) {
      const one = batch.single(index)
      if (postgres) await this.connection.run('SAVEPOINT rowboat_row', [])
      try {
        const counts = await this.write(one)
        if (postgres) await this.connection.run('RELEASE SAVEPOINT rowboat_row', [])
        total.inserted += counts.inserted
        total.updated += counts.updated
        total.skipped += counts.skipped
      } catch (error) {
        if (!isRowRefusal(error, this.plan.dialect)) throw error
        if (postgres) await this.connection.run('ROLLBACK TO SAVEPOINT rowboat_row', [])
        onRefused(one.rowNumbers[0], error)
      }
    }
    if (postgres) await this.connection.run('RELEASE SAVEPOINT rowboat_batch', [])
    return total
  }

  private split(rows: number, existing: number): WriteCounts {
    return this.shape.mode === 'update'
      ? { inserted: rows - existing, updated: existing, skipped: 0 }
      : { inserted: rows - existing, updated: 0, skipped: existing }
  }

  private sqlFor(batch: Batch): string {
    const rows = batch.size
    if (batch.hasDefaults) {
      const { values, width } = batch
      return insertSql(this.shape, rows, (r, c) => values[r * width + c] === USE_DEFAULT)
    }
    let sql = this.fullSql.get(rows)
    if (!sql) {
      sql = insertSql(this.shape, rows)
      // Full batches all have one size; keep that and the odd last one.
      if (this.fullSql.size > 4) this.fullSql.clear()
      this.fullSql.set(rows, sql)
    }
    return sql
  }

  private async countExisting(batch: Batch): Promise<number> {
    const positions = this.plan.keyPositions!
    const params: unknown[] = []
    let rows = 0
    for (let r = 0; r < batch.size; r++) {
      const start = r * batch.width
      const key = positions.map((p) => batch.values[start + p])
      // NULL and DEFAULT keys never match an existing row.
      if (key.some((v) => v === null || v === USE_DEFAULT)) continue
      params.push(...key)
      rows++
    }
    if (rows === 0) return 0
    const sql = existingCountSql(this.plan.dialect, this.shape.table, this.shape.key, rows)
    const result = await this.connection.run(sql, params)
    return Number(result.rows[0]?.n ?? 0)
  }
}

/** Kinds the import writes fractions into (it refuses them for integers; dates and booleans are never floats). */
const FLOAT_KINDS: ReadonlySet<ColumnKind> = new Set(['float', 'decimal'])

/** sqliteStoredFloat, or null where it refuses (text a float would round): the import's checks report such a value, as before. */
function storedFloat(value: unknown, column: ColumnInfo): number | null {
  try {
    return sqliteStoredFloat(value, column)
  } catch {
    return null
  }
}

/** The batch as a JSON array of row arrays (SQLite's jsonb_each or json_each reads it); floats of floatParts columns as exact parts. */
function jsonRows(batch: Batch, floatParts: readonly boolean[], columns: readonly ColumnInfo[]): string {
  const rows = new Array<unknown[]>(batch.size)
  for (let r = 0; r < batch.size; r++) {
    const row = batch.values.slice(r * batch.width, (r + 1) * batch.width)
    for (let c = 0; c < floatParts.length; c++) {
      if (!floatParts[c]) continue
      const value = row[c]
      // Floats come as numbers (validate.ts floatConverter), decimals as their text.
      const float =
        typeof value === 'number' ? (Number.isSafeInteger(value) || !Number.isFinite(value) ? null : value) : storedFloat(value, columns[c])
      if (float !== null) row[c] = float64Parts(float)
    }
    rows[r] = row
  }
  return JSON.stringify(rows)
}
