import type { EventMap, ExportFormat, ExportResult, Filter, ImportResult, Sort } from '../../../shared/contract'

/**
 * The imports and exports the transfer screen runs: what a run holds from start to finish, and the
 * progress events kept for them. Plain data and functions; the store (transfer.ts) applies them.
 */

export type TransferProgress = EventMap['transfer.progress']

/** The rows the grid shows (its filters, search and sort), for "export the current view". */
export interface GridView {
  sessionId: string
  table: string
  filters: Filter[]
  search: string
  sort: Sort[]
}

export interface JobRun<R> {
  jobId: string
  sessionId: string
  table: string
  running: boolean
  /** asking: Cancel was pressed; stopping: the engine took the cancel and is undoing the work. */
  cancelling: false | 'asking' | 'stopping'
  result: R | null
  error: unknown
}

export interface ImportRun extends JobRun<ImportResult> {
  dryRun: boolean
  atomic: boolean
}

export interface ExportRun extends JobRun<ExportResult> {
  fileName: string
  /** Browser host: the finished file is handed to the browser as a download. */
  download: 'none' | 'pending' | 'done' | 'failed'
  downloadError: unknown
}

export interface ExportRequest {
  sessionId: string
  table: string
  view: Omit<GridView, 'sessionId' | 'table'> | null
  format: ExportFormat
  /** The name to suggest; the host makes it safe and answers the file's real name. */
  fileName: string
  /** Hand the file to the browser when written (browser host). */
  download: boolean
}

export const newJobId = (kind: string): string =>
  `${kind}-${typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`}`

/**
 * The progress kept after an event: the latest event of each run on screen, and nothing of runs
 * that are gone. Null when the event is not about a run on screen (another window's job, or a
 * run this screen has already replaced).
 */
export function recordProgress(
  progress: Record<string, TransferProgress>,
  event: TransferProgress,
  shown: ReadonlyArray<string | undefined>,
): Record<string, TransferProgress> | null {
  if (!shown.includes(event.jobId)) return null
  const next: Record<string, TransferProgress> = {}
  for (const id of shown) if (id && progress[id]) next[id] = progress[id]
  next[event.jobId] = event
  return next
}
