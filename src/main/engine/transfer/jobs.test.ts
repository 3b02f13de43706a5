import { describe, expect, it } from 'vitest'
import type { EventMap } from '../../../shared/contract'
import { Engine } from '../engine'
import { BatchPipeline, StopWriting } from './import/batch-pipeline'
import { Batch } from './import/import-writer'
import { TransferJobs, throwIfCancelled } from './jobs'
import { ProgressReporter } from './progress'

describe('jobs', () => {
  it('cancels a running job by id, and only a running one', async () => {
    const jobs = new TransferJobs()
    let seen: AbortSignal | null = null
    const running = jobs.run('a', async (signal) => {
      seen = signal
      await new Promise((resolve) => setTimeout(resolve, 20))
      return signal.aborted
    })
    expect(jobs.cancel('a')).toBe(true)
    expect(jobs.cancel('missing')).toBe(false)
    expect(await running).toBe(true)
    expect(seen!.aborted).toBe(true)
    expect(jobs.isRunning('a')).toBe(false)
  })

  it('refuses a job id that is already running', async () => {
    const jobs = new TransferJobs()
    const first = jobs.run('same', () => new Promise((resolve) => setTimeout(resolve, 10)))
    await expect(jobs.run('same', async () => 1)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'jobId' })
    await first
  })

  it('throwIfCancelled answers CANCELLED once the signal is aborted, and nothing before', () => {
    const controller = new AbortController()
    expect(() => throwIfCancelled(controller.signal, 'import')).not.toThrow()
    expect(() => throwIfCancelled(undefined, 'import')).not.toThrow()
    controller.abort()
    expect(() => throwIfCancelled(controller.signal, 'export')).toThrow(
      expect.objectContaining({ code: 'CANCELLED', message: 'The export was cancelled.' }),
    )
  })
})

describe('progress', () => {
  it('emits at most every 250 ms, with percent, rate and ETA from bytes', () => {
    const events: Array<EventMap['transfer.progress']> = []
    const engine = new Engine({ baseDir: '.', emit: (_e, payload) => events.push(payload as EventMap['transfer.progress']) })
    let now = 1000
    const progress = new ProgressReporter(engine, 'job', 'import', { bytes: 1000, rows: null }, () => now)
    now = 1500
    progress.rows = 500
    progress.bytes = 250
    progress.tick()
    progress.tick()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ jobId: 'job', phase: 'running', percent: 25, rowsPerSecond: 1000, etaSeconds: 2 })
    now = 1600
    progress.tick()
    expect(events).toHaveLength(1)
    progress.finish('done')
    expect(events[1]).toMatchObject({ phase: 'done', percent: 100, etaSeconds: 0 })
  })
})

describe('batch pipeline', () => {
  it('writes batches one at a time in order, while the next one fills', async () => {
    const written: number[][] = []
    let active = 0
    const pipeline = new BatchPipeline(1, async (batch: Batch) => {
      active++
      expect(active).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 5))
      written.push([...batch.rowNumbers])
      active--
    })
    for (let row = 1; row <= 5; row++) {
      pipeline.batch.values.push(row)
      pipeline.batch.commitRow(row, null, false)
      if (pipeline.batch.size === 2) await pipeline.flush()
    }
    await pipeline.flush()
    await pipeline.settle()
    expect(written).toEqual([[1, 2], [3, 4], [5]])
  })

  it('stops writing after a StopWriting and surfaces other failures', async () => {
    const stopping = new BatchPipeline(1, async () => {
      throw new StopWriting()
    })
    stopping.batch.values.push(1)
    stopping.batch.commitRow(1, null, false)
    await stopping.flush()
    await stopping.settle()
    expect(stopping.stopped).toBe(true)

    const failing = new BatchPipeline(1, async () => {
      throw new Error('boom')
    })
    failing.batch.values.push(1)
    failing.batch.commitRow(1, null, false)
    await failing.flush()
    await expect(failing.settle()).rejects.toThrow('boom')
  })
})
