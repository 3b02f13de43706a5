import { Batch } from './import-writer'

/** Thrown by a batch write when a bad row stops the import; the file is still read for the report. */
export class StopWriting extends Error {}

/**
 * Two batches: one fills with converted rows while the other is being written, so reading and
 * checking the file overlaps with the database's work (each side has a core of its own). Writes
 * still happen one at a time and in file order; memory holds at most two batches.
 */
export class BatchPipeline {
  private filling: Batch
  private spare: Batch
  private inFlight: Promise<void> | null = null
  private failure: { error: unknown } | null = null
  private halted = false

  constructor(
    width: number,
    private readonly write: (batch: Batch) => Promise<void>,
  ) {
    this.filling = new Batch(width)
    this.spare = new Batch(width)
  }

  /** The batch rows are added to. */
  get batch(): Batch {
    return this.filling
  }

  /** True once a bad row stopped the writing (by a StopWriting from a write, or stop()). */
  get stopped(): boolean {
    return this.halted
  }

  stop(): void {
    this.halted = true
  }

  /** Starts writing the filled batch once the previous write is done; rows go on into the other batch. */
  async flush(): Promise<void> {
    await this.settle()
    const batch = this.filling
    if (batch.size === 0) return
    if (this.halted) {
      batch.clear()
      return
    }
    this.filling = this.spare
    this.spare = batch
    this.inFlight = this.write(batch)
      .catch((error: unknown) => {
        if (error instanceof StopWriting) this.halted = true
        else this.failure ??= { error }
      })
      .finally(() => batch.clear())
  }

  /** Waits for the write in flight; rethrows its failure. */
  async settle(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight
      this.inFlight = null
    }
    if (this.failure) throw this.failure.error
  }
}
