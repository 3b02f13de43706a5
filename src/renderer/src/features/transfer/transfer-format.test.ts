import { describe, expect, it } from 'vitest'
import type { TransferProgress } from '../../stores/transfer'
import { coarsePercent, exportFileName, formatDuration, plural, progressDetail, withExtension } from './transfer-format'

const progress = (change: Partial<TransferProgress>): TransferProgress => ({
  jobId: 'j',
  kind: 'import',
  phase: 'running',
  rows: 1234,
  bytes: 0,
  totalBytes: 100,
  totalRows: null,
  percent: 45.7,
  rowsPerSecond: 2000.4,
  etaSeconds: 75,
  ...change,
})

describe('transfer words', () => {
  it('suggests export names by table and local date (the host makes them safe)', () => {
    expect(exportFileName('users', 'csv', new Date(2026, 10, 21, 23, 59))).toBe('users-2026-11-21.csv')
    expect(exportFileName('notes', 'jsonl', new Date(2026, 0, 2))).toBe('notes-2026-01-02.jsonl')
    expect(withExtension('users-2026-11-21.csv', 'jsonl')).toBe('users-2026-11-21.jsonl')
    expect(withExtension('report', 'csv')).toBe('report.csv')
  })

  it('says progress in rows, percent, speed and time left', () => {
    expect(progressDetail(progress({}))).toBe('1,234 rows · 45% · 2,000 rows/s · about 1 min 15 s left')
    expect(progressDetail(progress({ kind: 'export', totalRows: 5000, percent: null, rowsPerSecond: 0, etaSeconds: null }))).toBe(
      '1,234 of 5,000 rows',
    )
    expect(coarsePercent(progress({ percent: 47 }))).toBe(40)
    expect(coarsePercent(progress({ percent: null }))).toBeNull()
    expect(coarsePercent(undefined)).toBeNull()
  })

  it('counts and durations read naturally', () => {
    expect(plural(1, 'row')).toBe('1 row')
    expect(plural(12345, 'row')).toBe('12,345 rows')
    expect(formatDuration(0.4)).toBe('0 s')
    expect(formatDuration(60)).toBe('1 min')
    expect(formatDuration(3725)).toBe('1 h 2 min')
  })
})
