import { Transaction } from 'sequelize'
import type { Session } from '../../connection/sessions'
import { quoteIdentifier } from '../../records/identifiers'
import { CopyWriter } from '../pg-copy/copy-writer'
import { mysqlCountsFoundRows, rawConnection, type RawConnection } from '../driver'
import { Batch, ImportWriter, type BatchWriter, type WriteCounts } from './import-writer'
import type { ImportPlan } from './plan'
import { sqliteJsonFunctions } from './upsert-sql'
import { hasMathFunctions } from '../export/pages'

/**
 * The transactions an import writes in. Atomic (the default): one transaction for the whole
 * file, committed at the end or rolled back (abort, cancel, dry run, error). Otherwise each batch
 * commits on its own, so a stop keeps the batches before it.
 * SQLite's transactions start IMMEDIATE: the write lock is taken at once, so no other writer can
 * slip in between a count and the INSERT it explains (see import-writer.ts).
 * The writer is chosen here: COPY into a staging table on PostgreSQL (copy-writer.ts), multi-row
 * INSERT elsewhere (import-writer.ts).
 * Cancel interrupts a SQLite statement that is running (a slow trigger can keep one busy for
 * minutes, holding the write lock), so the rollback can run at once.
 */
export class WriteScope {
  private transaction: Transaction | null = null
  private connection: RawConnection | null = null
  private writer: BatchWriter | null = null
  private readonly interrupt = () => this.connection?.interrupt?.()
  /** Counts of what is committed for good (batch mode) or pending in the open transaction (atomic). */
  readonly committed: WriteCounts = { inserted: 0, updated: 0, skipped: 0 }
  readonly pending: WriteCounts = { inserted: 0, updated: 0, skipped: 0 }

  constructor(
    private readonly session: Session,
    private readonly plan: ImportPlan,
    private readonly atomic: boolean,
    /** Cancel: stops a COPY half-way (the INSERT path stops between batches). */
    private readonly signal?: AbortSignal,
  ) {}

  private version: string | undefined

  /** SQLite's version decides its parameter limit (32,766 from 3.32, else 999) and whether rows can go as JSON. */
  async sqliteVersion(): Promise<string | undefined> {
    if (this.plan.dialect !== 'sqlite') return undefined
    const [row] = (await this.session.sequelize.query('SELECT sqlite_version() AS v', { plain: false, raw: true }))[0] as Array<{
      v?: string
    }>
    this.version = row?.v
    return this.version
  }

  async write(batch: Batch, onRefused: (rowNumber: number, error: unknown) => void): Promise<void> {
    if (batch.size === 0) return
    await this.begin()
    try {
      const counts = await this.writer!.writeOrPinpoint(batch, onRefused)
      add(this.pending, counts)
    } catch (error) {
      if (!this.atomic) await this.end(false)
      throw error
    }
    if (!this.atomic) await this.end(true)
  }

  /** The import's connection, in its transaction (opened if need be), for a read that must see the earlier batches. */
  async openConnection(): Promise<RawConnection> {
    await this.begin()
    return this.connection!
  }

  /** Commits (keep) or rolls back what is open. Safe to call when nothing is. */
  async end(keep: boolean): Promise<void> {
    const transaction = this.transaction
    if (!transaction) return
    this.transaction = null
    this.signal?.removeEventListener('abort', this.interrupt)
    try {
      await this.connection?.release()
    } finally {
      this.connection = null
      this.writer = null
      if (keep) {
        await transaction.commit()
        add(this.committed, this.pending)
      } else {
        await transaction.rollback()
      }
      zero(this.pending)
    }
  }

  private async begin(): Promise<void> {
    if (this.transaction) return
    const options = this.plan.dialect === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {}
    const transaction = await this.session.sequelize.transaction(options)
    this.transaction = transaction
    this.connection = rawConnection(this.plan.dialect, transaction)
    if (this.plan.dialect === 'sqlite') this.signal?.addEventListener('abort', this.interrupt)
    const dialect = this.plan.dialect
    const quote = (name: string) => quoteIdentifier(dialect, name)
    this.writer =
      this.plan.dialect === 'postgres'
        ? new CopyWriter(this.connection, this.plan, quote, this.signal)
        : new ImportWriter(this.connection, this.plan, quote, {
            mysqlFoundRows: this.plan.dialect !== 'mysql' || mysqlCountsFoundRows(transaction),
            sqliteJson: sqliteJsonFunctions(this.version),
            sqliteMath: dialect === 'sqlite' && (await hasMathFunctions(this.connection)),
          })
  }
}

function add(into: WriteCounts, counts: WriteCounts): void {
  into.inserted += counts.inserted
  into.updated += counts.updated
  into.skipped += counts.skipped
}

function zero(counts: WriteCounts): void {
  counts.inserted = 0
  counts.updated = 0
  counts.skipped = 0
}
