import type { SkippedRow } from '../../../../shared/contract/transfer'
import type { Dialect } from '../../../../shared/connection-types'
import type { RawConnection } from '../driver'
import type { Batch } from './import-writer'
import { batchKey, type ImportPlan } from './plan'

/**
 * Says why each skipped row was skipped (insert-only mode): its key was already in the table, or
 * an earlier row of the file had the same key. The writers only count skipped rows, so before each
 * batch is written this asks the table which of the batch's keys it already holds, and remembers
 * the keys the file has given so far. A batch is itemised only when those reasons add up to the
 * count the writer reports; otherwise its skipped rows are counted, not listed.
 * Bounded: the first LISTED skipped rows, among the first TRACKED_ROWS rows of the file. The keys
 * query costs about as much as SQLite's own insert of the batch (measured: 100,000 rows took 0.87 s
 * instead of 0.30 s), so a long file is itemised only at its start and counted after that.
 */
export class SkippedRows {
  static readonly LISTED = 100
  static readonly TRACKED_ROWS = 10_000
  readonly listed: SkippedRow[] = []
  /** Key → the first row of the file that gave it (and was not refused). */
  private readonly firstRow = new Map<string, number>()
  private active = true

  constructor(
    private readonly plan: ImportPlan,
    private readonly quote: (identifier: string) => string,
  ) {}

  /** Whether the next batch is still looked at (stops once the list is full or the file is long). */
  get itemising(): boolean {
    return this.active && this.listed.length < SkippedRows.LISTED
  }

  /** Before a batch is written: why each of its rows would be skipped, if it would. */
  async before(
    batch: Batch,
    query: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>,
  ): Promise<Map<number, number | null> | null> {
    if (!this.itemising) return null
    if (batch.rowNumbers.at(-1)! > SkippedRows.TRACKED_ROWS) {
      this.active = false
      return null
    }
    const width = batch.width
    const reasons = new Map<number, number | null>()
    const keys: Array<{ row: number; key: string; offset: number }> = []
    for (let index = 0; index < batch.size; index++) {
      const offset = index * width
      const key = batchKey(batch.values, offset, this.plan)
      const row = batch.rowNumbers[index]
      if (key === null) continue
      const first = this.firstRow.get(key)
      if (first !== undefined) reasons.set(row, first)
      else keys.push({ row, key, offset })
    }
    if (keys.length > 0) {
      const existing = new Set<string>()
      const positions = this.plan.keyPositions!
      for (const found of await query(
        ...this.existingKeysSql(
          keys.map((k) => k.offset),
          batch,
        ),
      )) {
        const values = new Array<unknown>(this.plan.columns.length)
        positions.forEach((position, i) => (values[position] = found[`k${i}`]))
        const key = batchKey(values, 0, this.plan)
        if (key !== null) existing.add(key)
      }
      for (const { row, key } of keys) {
        if (existing.has(key)) reasons.set(row, null)
        else this.firstRow.set(key, row)
      }
    }
    return reasons
  }

  /** A row the database refused was not written: its key no longer stands for it. */
  refused(batch: Batch, row: number): void {
    const index = batch.rowNumbers.indexOf(row)
    if (index < 0) return
    const key = batchKey(batch.values, index * batch.width, this.plan)
    if (key !== null && this.firstRow.get(key) === row) this.firstRow.delete(key)
  }

  /** After the batch: list its skipped rows when the reasons match the writer's count. */
  after(reasons: Map<number, number | null> | null, skipped: number, refusedRows: ReadonlySet<number>): void {
    if (!reasons || skipped === 0) return
    const rows = [...reasons].filter(([row]) => !refusedRows.has(row))
    if (rows.length !== skipped) return
    for (const [row, sameAs] of rows) {
      if (this.listed.length >= SkippedRows.LISTED) break
      this.listed.push({ row, sameAs })
    }
  }

  /** `SELECT key AS k0, … FROM table WHERE key IN (…)`, the batch's keys bound as the INSERT binds them. */
  private existingKeysSql(offsets: number[], batch: Batch): [string, unknown[]] {
    const positions = this.plan.keyPositions!
    const names = positions.map((p) => this.quote(this.plan.columns[p].name))
    const next = placeholders(this.plan.dialect)
    const params: unknown[] = []
    const tuples = offsets.map((offset) => {
      for (const p of positions) params.push(batch.values[offset + p])
      return names.length === 1 ? next() : `(${names.map(() => next()).join(', ')})`
    })
    const select = names.map((name, i) => `${name} AS ${this.quote(`k${i}`)}`).join(', ')
    const target = names.length === 1 ? names[0] : `(${names.join(', ')})`
    const list = names.length > 1 && this.plan.dialect === 'sqlite' ? `VALUES ${tuples.join(', ')}` : tuples.join(', ')
    return [`SELECT ${select} FROM ${this.quote(this.plan.table.name)} WHERE ${target} IN (${list})`, params]
  }
}

function placeholders(dialect: Dialect): () => string {
  let n = 0
  return dialect === 'postgres' ? () => `$${++n}` : () => '?'
}

/** Runs the keys query on the import's own connection (inside its transaction, so it sees the earlier batches). */
export function keysQuery(connection: () => Promise<RawConnection>) {
  return async (sql: string, params: unknown[]) => (await (await connection()).run(sql, params)).rows
}
