import type { CsvFormat } from '../../../../shared/contract/transfer'
import type { SourceInput } from './source'
import { AppError, type AppErrorData } from '../../../../shared/errors'
import type { PackedRecords } from './record-packing'

/** What the CSV reading thread is started with (its workerData). */
export interface CsvThreadJob {
  source: SourceInput
  format: CsvFormat
  csvWidth: number
  /** How many packed chunks it may send ahead of the ones taken: the read-ahead, bounded. */
  window: number
}

export type FromCsvThread =
  { kind: 'records'; packed: PackedRecords } | { kind: 'end'; bytes: number } | { kind: 'error'; error: ThreadError }

/** The engine took a chunk: one more may be sent. */
export interface ToCsvThread {
  kind: 'taken'
}

/** An error as it crosses threads: an AppError keeps its code, hint and field. */
export interface ThreadError {
  app?: AppErrorData
  message: string
  code?: string
}

export function describeError(error: unknown): ThreadError {
  if (error instanceof AppError) return { app: error.toData(), message: error.message }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return { message: error.message, ...(typeof code === 'string' ? { code } : {}) }
  }
  return { message: String(error) }
}

export function reviveError(error: ThreadError): Error {
  if (error.app) return new AppError(error.app)
  const revived = new Error(error.message) as NodeJS.ErrnoException
  if (error.code !== undefined) revived.code = error.code
  return revived
}
