import { COPY_SQL, EMPTY_STAGING_SQL, createStagingSql, mergeSql } from './copy-sql'
import { pumpCopy } from './copy-stream'
import { copyChunks } from './copy-text'
import type { RawConnection, StatementResult } from '../driver'
import { ImportWriter, insertShape, type Batch, type BatchWriter, type WriteCounts } from '../import/import-writer'
import { throwIfCancelled } from '../jobs'
import type { ImportPlan } from '../import/plan'
import { isRowRefusal } from '../import/refusals'

/**
 * How much COPY data may wait in the stream. A batch's text is written in one go (a few MB at
 * most: a batch is at most 65,535 values) and goes out while the next batch is read; waiting for
 * the socket after each chunk instead would tie COPY's pace to the reader's, chunk for chunk.
 */
const COPY_BUFFER_BYTES = 8 * 1024 * 1024

/** SQLSTATE 42501. */
const INSUFFICIENT_PRIVILEGE = '42501'

/**
 * PostgreSQL's batch writer. Every INSERT pays an executor round per row that COPY does not
 * (docs/benchmarks.md), so each batch is streamed with `COPY … FROM STDIN` into a staging table
 * (temporary, dropped with the transaction, no constraints or indexes) and merged into the target
 * with one `INSERT … SELECT` carrying the usual duplicate clause:
 *
 *   TRUNCATE staging (from the second batch on); SAVEPOINT · COPY · INSERT … SELECT; RELEASE
 *
 * Everything happens inside the import's transaction, so
 * all-or-nothing, dry runs and batch-by-batch commits work as with INSERT, and the merge counts
 * rows exactly as the INSERT path does (copy-sql.ts). The batch stays in memory (at most one
 * INSERT's worth: batchRows), which is what lets a refused batch be taken apart:
 *
 * - A refusal (a value COPY cannot read, a check, a foreign key, a unique index…) rolls back to
 *   the savepoint, and the batch is written again in halves, each half the same way, down to the
 *   single rows the database refuses. The rows go in file order, so each row meets the table as
 *   it stands after the rows before it, and the first refused row is the one row-by-row writing
 *   would find. One bad row in a batch of n costs about 2·log2(n) COPY + merge rounds of
 *   shrinking halves.
 * - A batch holding DEFAULT cells (an empty field for a NOT NULL column with a default) is
 *   written by INSERT instead: COPY data has no way to say "the column default" for one cell.
 *   So is every batch when the staging table cannot be made (see createStaging).
 * - Cancel destroys the COPY stream in flight (the server abandons it) and the import rolls back.
 */
export class CopyWriter implements BatchWriter {
  private readonly merge: string
  private readonly staging: string
  private readonly inserts: ImportWriter
  /** none: not created in this transaction yet; used: holds the rows of an earlier COPY. */
  private stagingState: 'none' | 'empty' | 'used' | 'unavailable' = 'none'

  constructor(
    private readonly connection: RawConnection,
    private readonly plan: ImportPlan,
    quote: (identifier: string) => string,
    private readonly signal?: AbortSignal,
  ) {
    if (!connection.copyFrom) throw new Error('COPY needs a PostgreSQL connection')
    const shape = insertShape(plan, quote)
    this.merge = mergeSql(shape)
    this.staging = createStagingSql(shape)
    this.inserts = new ImportWriter(connection, plan, quote)
  }

  async writeOrPinpoint(batch: Batch, onRefused: (rowNumber: number, error: unknown) => void): Promise<WriteCounts> {
    if (batch.size === 0) return { inserted: 0, updated: 0, skipped: 0 }
    if (this.stagingState === 'none') await this.createStaging()
    if (batch.hasDefaults || this.stagingState === 'unavailable') return this.inserts.writeOrPinpoint(batch, onRefused)
    return this.writeRows(batch, 0, batch.size, onRefused)
  }

  /**
   * Temporary tables need the TEMPORARY privilege on the database (PUBLIC has it unless an
   * administrator took it away) and SELECT on the target: without them the import goes by INSERT.
   */
  private async createStaging(): Promise<void> {
    try {
      await this.connection.run(`SAVEPOINT rowboat_staging; ${this.staging}; RELEASE SAVEPOINT rowboat_staging`, [])
      this.stagingState = 'empty'
    } catch (error) {
      if ((error as { code?: unknown }).code !== INSUFFICIENT_PRIVILEGE) throw error
      await this.connection.run('ROLLBACK TO SAVEPOINT rowboat_staging; RELEASE SAVEPOINT rowboat_staging', [])
      this.stagingState = 'unavailable'
    }
  }

  /** Rows `start` to `end` (exclusive) of the batch: copied and merged, or taken apart when refused. */
  private async writeRows(
    batch: Batch,
    start: number,
    end: number,
    onRefused: (rowNumber: number, error: unknown) => void,
  ): Promise<WriteCounts> {
    const run = (sql: string) => this.connection.run(sql, [])
    // Statements that go together are sent as one text (one round trip each way): every reply
    // waits for this thread, which is busy reading the next batch meanwhile.
    await run(this.stagingState === 'used' ? `${EMPTY_STAGING_SQL}; SAVEPOINT rowboat_copy` : 'SAVEPOINT rowboat_copy')
    this.stagingState = 'empty'
    try {
      await pumpCopy(this.connection.copyFrom!(COPY_SQL, COPY_BUFFER_BYTES), copyChunks(batch.values, batch.width, start, end), this.signal)
      this.stagingState = 'used'
      // The driver answers a text of several statements with the first one's result: the merge's.
      return this.counted(await run(`${this.merge}; RELEASE SAVEPOINT rowboat_copy`), end - start)
    } catch (error) {
      throwIfCancelled(this.signal, 'import')
      if (!isRowRefusal(error, 'postgres')) throw error
      // Back to before the COPY: the staging table is empty again.
      await run('ROLLBACK TO SAVEPOINT rowboat_copy; RELEASE SAVEPOINT rowboat_copy')
      this.stagingState = 'empty'
      if (end - start === 1) {
        onRefused(batch.rowNumbers[start], error)
        return { inserted: 0, updated: 0, skipped: 0 }
      }
    }
    const middle = (start + end) >>> 1
    const first = await this.writeRows(batch, start, middle, onRefused)
    const second = await this.writeRows(batch, middle, end, onRefused)
    return { inserted: first.inserted + second.inserted, updated: first.updated + second.updated, skipped: first.skipped + second.skipped }
  }

  /** What the merge did, from its answer (see mergeSql). */
  private counted(result: StatementResult, rows: number): WriteCounts {
    switch (this.plan.mode) {
      case 'fail':
        return { inserted: result.changes, updated: 0, skipped: 0 }
      case 'skip':
        return { inserted: result.changes, updated: 0, skipped: rows - result.changes }
      case 'update': {
        const inserted = Number(result.rows[0]?.inserted ?? 0)
        return { inserted, updated: Number(result.rows[0]?.written ?? 0) - inserted, skipped: 0 }
      }
    }
  }
}
