import { AppError } from '../../../shared/errors'
import type { Engine } from '../engine'

/**
 * Running imports and exports of one engine, by the jobId the caller chose, so `transfer.cancel`
 * can stop them. Cancelling aborts the job's signal; the job notices between rows or batches,
 * rolls back (import) or removes its partial file (export) and answers CANCELLED.
 */
export class TransferJobs {
  private readonly running = new Map<string, AbortController>()

  /** Registers a job for the length of `work`; a jobId already running is refused. */
  async run<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `A transfer with job id "${jobId}" is already running.`,
        hint: 'Use a new job id for each import or export.',
        field: 'jobId',
      })
    }
    const controller = new AbortController()
    this.running.set(jobId, controller)
    try {
      return await work(controller.signal)
    } finally {
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    if (!controller || controller.signal.aborted) return false
    controller.abort()
    return true
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId)
  }
}

// One registry per engine (the Engine class stays free of transfer details).
const registries = new WeakMap<Engine, TransferJobs>()

export function transferJobs(engine: Engine): TransferJobs {
  let jobs = registries.get(engine)
  if (!jobs) {
    jobs = new TransferJobs()
    registries.set(engine, jobs)
  }
  return jobs
}

function cancelledError(what: string): AppError {
  return new AppError({ code: 'CANCELLED', message: `The ${what} was cancelled.`, hint: 'Nothing was kept; start it again when ready.' })
}

/** Where a job looks for a cancel: between pages, batches and before its point of no return. */
export function throwIfCancelled(signal: AbortSignal | undefined, what: 'import' | 'export'): void {
  if (signal?.aborted) throw cancelledError(what)
}
