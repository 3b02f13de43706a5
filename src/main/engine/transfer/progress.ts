import type { EventMap } from '../../../shared/contract'
import type { Engine } from '../engine'

type Progress = EventMap['transfer.progress']
type Phase = Progress['phase']

/** How often a running job reports: often enough for a lively bar, rare enough to cost nothing. */
export const PROGRESS_INTERVAL_MS = 250

/**
 * Counts rows and bytes of one job and emits `transfer.progress` at most every 250 ms, plus once
 * at the end. Percent and ETA come from bytes for imports (the file's size is known) and from
 * rows for exports (the selection's row count).
 */
export class ProgressReporter {
  rows = 0
  bytes = 0
  private readonly startedAt: number
  private lastEmitAt = 0

  constructor(
    private readonly engine: Engine,
    private readonly jobId: string,
    private readonly kind: Progress['kind'],
    private readonly totals: { bytes: number | null; rows: number | null },
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now()
  }

  /** Call freely (per row or batch): emits only when the interval has passed. */
  tick(): void {
    const now = this.now()
    if (now - this.lastEmitAt < PROGRESS_INTERVAL_MS) return
    this.lastEmitAt = now
    this.emit('running')
  }

  finish(phase: Exclude<Phase, 'running'>): void {
    this.emit(phase)
  }

  elapsedMs(): number {
    return this.now() - this.startedAt
  }

  snapshot(phase: Phase): Progress {
    const seconds = Math.max(this.elapsedMs(), 1) / 1000
    const rowsPerSecond = Math.round(this.rows / seconds)
    const fraction = this.fraction(phase)
    const etaSeconds =
      fraction === null || fraction <= 0 || phase !== 'running'
        ? phase === 'done'
          ? 0
          : null
        : Math.max(0, Math.round((seconds * (1 - fraction)) / fraction))
    return {
      jobId: this.jobId,
      kind: this.kind,
      phase,
      rows: this.rows,
      bytes: this.bytes,
      totalBytes: this.totals.bytes,
      totalRows: this.totals.rows,
      percent: fraction === null ? null : Math.round(fraction * 1000) / 10,
      rowsPerSecond,
      etaSeconds,
    }
  }

  private fraction(phase: Phase): number | null {
    if (phase === 'done') return 1
    const { bytes, rows } = this.totals
    if (this.kind === 'import' && bytes !== null) return bytes === 0 ? 1 : Math.min(1, this.bytes / bytes)
    if (this.kind === 'export' && rows !== null) return rows === 0 ? 1 : Math.min(1, this.rows / rows)
    return null
  }

  private emit(phase: Phase): void {
    this.engine.emit('transfer.progress', this.snapshot(phase))
  }
}
