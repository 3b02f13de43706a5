import { describe, expect, it } from 'vitest'
import type { TransferProgress } from '../../stores/transfer'
import { coarsePercent, exportFileName, formatDuration, joinPath, plural, progressDetail, safeFileName, withExtension } from './transfer-format'

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
  it('joins a file name to the export folder with the folder’s own separator', () => {
    expect(joinPath('/home/ann/.config/Rowboat/exports', 'users.csv')).toBe('/home/ann/.config/Rowboat/exports/users.csv')
    expect(joinPath('/tmp/exports/', 'users.csv')).toBe('/tmp/exports/users.csv')
    expect(joinPath('C:\\Users\\Ann\\Downloads', 'users.csv')).toBe('C:\\Users\\Ann\\Downloads\\users.csv')
    expect(joinPath('C:\\Users\\Ann\\Downloads\\', 'users.csv')).toBe('C:\\Users\\Ann\\Downloads\\users.csv')
  })

  it('names exports by table and local date, safe for any folder', () => {
    expect(exportFileName('users', 'csv', new Date(2026, 10, 21, 23, 59))).toBe('users-2026-11-21.csv')
    expect(exportFileName('my table/ü', 'jsonl', new Date(2026, 0, 2))).toBe('my table_-2026-01-02.jsonl')
    expect(safeFileName('../etc/passwd')).toBe('_etc_passwd')
    expect(safeFileName('')).toBe('export')
    expect(withExtension('users-2026-11-21.csv', 'jsonl')).toBe('users-2026-11-21.jsonl')
    expect(withExtension('report', 'csv')).toBe('report.csv')
  })

  it('says progress in rows, percent, speed and time left', () => {
    expect(progressDetail(progress({}))).toBe('1,234 rows · 45% · 2,000 rows/s · about 1 min 15 s left')
    expect(progressDetail(progress({ kind: 'export', totalRows: 5000, percent: null, rowsPerSecond: 0, etaSeconds: null }))).toBe('1,234 of 5,000 rows')
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
