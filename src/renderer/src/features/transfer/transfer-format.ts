/** Words and names for the import/export screen: formats, counts, durations, file names. */
import type { CsvEncoding } from '../../../../shared/contract'
import type { TransferProgress } from '../../stores/transfer'
import { formatCount, plural } from '../../text/plural'

// The transfer screens import these from here; the one definition lives in text/plural.
export { formatCount, plural }

export const DELIMITERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe (|)' },
]

export const QUOTES: ReadonlyArray<{ value: string; label: string }> = [
  { value: '"', label: 'Double quote (")' },
  { value: "'", label: "Single quote (')" },
]

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  utf8: 'UTF-8',
  'utf8-bom': 'UTF-8 with BOM',
  latin1: 'Latin-1 (Windows-1252)',
}

export function delimiterLabel(value: string): string {
  return DELIMITERS.find((d) => d.value === value)?.label ?? `“${value}”`
}

export function quoteLabel(value: string): string {
  return QUOTES.find((q) => q.value === value)?.label ?? `“${value}”`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatDuration(ms / 1000)
}

/** The detail line under a progress bar: rows, percent, speed, time left. */
export function progressDetail(progress: TransferProgress): string {
  const parts = [
    progress.totalRows !== null ? `${formatCount(progress.rows)} of ${plural(progress.totalRows, 'row')}` : plural(progress.rows, 'row'),
  ]
  if (progress.percent !== null) parts.push(`${Math.floor(progress.percent)}%`)
  if (progress.rowsPerSecond > 0) parts.push(`${formatCount(Math.round(progress.rowsPerSecond))} rows/s`)
  if (progress.etaSeconds !== null && progress.phase === 'running') parts.push(`about ${formatDuration(progress.etaSeconds)} left`)
  return parts.join(' · ')
}

/** Percent in steps of ten, for the live region: every 250 ms would be too chatty to hear. */
export function coarsePercent(progress: TransferProgress | undefined): number | null {
  return progress?.percent == null ? null : Math.floor(progress.percent / 10) * 10
}

/** users-2026-11-21.csv (the local date). */
export function exportFileName(table: string, kind: 'csv' | 'jsonl', now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  // A suggestion only: the host makes the name safe (src/main/api/file-grants.ts safeFileName).
  return `${table}-${date}.${kind}`
}

/** Changes a file name's extension to match the format (a name the user typed keeps its stem). */
export function withExtension(name: string, kind: 'csv' | 'jsonl'): string {
  const stem = name.replace(/\.(csv|jsonl|json|txt)$/i, '')
  return `${stem}.${kind}`
}
