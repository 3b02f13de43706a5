import { describe, expect, it } from 'vitest'
import { newJobId, recordProgress, type TransferProgress } from './transfer-jobs'

const event = (jobId: string, rows: number, phase: TransferProgress['phase'] = 'running'): TransferProgress => ({
  jobId,
  kind: 'import',
  phase,
  rows,
  bytes: rows * 10,
  totalBytes: 1000,
  totalRows: null,
  percent: rows / 10,
  rowsPerSecond: 100,
  etaSeconds: 1,
})

describe('transfer progress', () => {
  it('keeps the latest event of each run on screen', () => {
    let progress = recordProgress({}, event('a', 10), ['a', 'b'])!
    progress = recordProgress(progress, event('b', 5), ['a', 'b'])!
    progress = recordProgress(progress, event('a', 30), ['a', 'b'])!
    expect(progress).toEqual({ a: event('a', 30), b: event('b', 5) })
    progress = recordProgress(progress, event('a', 100, 'done'), ['a', 'b'])!
    expect(progress.a?.phase).toBe('done')
  })

  it('ignores jobs not on screen and forgets runs that were replaced', () => {
    const progress = { old: event('old', 50) }
    expect(recordProgress(progress, event('other', 1), ['old', undefined])).toBeNull()
    expect(recordProgress(progress, event('new', 1), ['new', undefined])).toEqual({ new: event('new', 1) })
  })

  it('names each job by its kind, never twice the same', () => {
    expect(newJobId('import')).toMatch(/^import-/)
    expect(newJobId('export')).not.toBe(newJobId('export'))
  })
})
