import { answer, callsTo, deferred, emit, resetTransport, settle } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ImportInspection, ImportResult } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { useTransferStore, type TransferProgress } from './transfer'

const inspection = (keys: string[]): ImportInspection =>
  ({
    mapping: ['id', 'title'],
    uniqueKeys: keys.map((name) => ({ name, columns: name === 'PRIMARY' ? ['id'] : ['title'], primary: name === 'PRIMARY' })),
    targetColumns: [],
  }) as Partial<ImportInspection> as ImportInspection
const result = (change: Partial<ImportResult> = {}): ImportResult => ({
  outcome: 'committed',
  rows: 2,
  inserted: 2,
  updated: 0,
  skipped: 0,
  skippedRows: [],
  failed: 0,
  issues: [],
  issueCount: 0,
  elapsedMs: 5,
  ...change,
})
const progress = (jobId: string, rows: number, phase: TransferProgress['phase'] = 'running'): TransferProgress => ({
  jobId,
  kind: 'import',
  phase,
  rows,
  bytes: rows,
  totalBytes: 100,
  totalRows: null,
  percent: rows,
  rowsPerSecond: 10,
  etaSeconds: null,
})
const cancelled = new AppError({ code: 'CANCELLED', message: 'The import was cancelled.' })

const store = () => useTransferStore.getState()
const source = { text: 'id,title\n1,a\n2,b' }

/** A draft with an inspected source, ready to import. */
async function ready(atomic = true) {
  answer('transfer.inspect', () => inspection(['PRIMARY']))
  store().startDraft('s', 'notes')
  store().patchDraft({ atomic })
  await store().setSource(source, 'pasted text', true)
}

beforeEach(() => {
  resetTransport()
  answer('schema.tables', () => [])
  useTransferStore.setState({ draft: null, importRun: null, exportRun: null, progress: {} })
})

describe('transfer store: the import draft', () => {
  it('starts a draft per table and keeps it while the same table is shown', () => {
    store().startDraft('s', 'notes')
    store().patchDraft({ onDuplicate: 'update' })
    store().startDraft('s', 'notes')
    expect(store().draft?.onDuplicate).toBe('update')
    store().startDraft('s', 'posts')
    expect(store().draft).toMatchObject({ table: 'posts', onDuplicate: 'skip', source: null })
  })

  it('inspects a new source and offers a key', async () => {
    await ready()
    expect(store().draft).toMatchObject({ source, sourceLabel: 'pasted text', decoded: true, inspecting: false, keyName: 'PRIMARY' })
    expect(callsTo('transfer.inspect')).toEqual([{ sessionId: 's', table: 'notes', source, format: {} }])
  })

  it('new format options inspect again without the old mapping; a chosen mapping is sent', async () => {
    await ready()
    await store().setMapping(['id', null])
    expect(callsTo('transfer.inspect').at(-1)?.mapping).toEqual(['id', null])
    await store().setOverrides({ delimiter: ';' })
    expect(callsTo('transfer.inspect').at(-1)).toMatchObject({ format: { delimiter: ';' } })
    expect(callsTo('transfer.inspect').at(-1)?.mapping).toBeUndefined()
  })

  it('drops an inspection answered after a newer one began', async () => {
    const first = deferred<ImportInspection>()
    answer('transfer.inspect', () => first.promise)
    store().startDraft('s', 'notes')
    const old = store().setSource(source, 'pasted text', true)
    answer('transfer.inspect', () => inspection(['title_unique']))
    await store().setOverrides({ delimiter: ';' })
    first.resolve(inspection(['PRIMARY']))
    await old
    expect(store().draft?.keyName).toBe('title_unique')
  })

  it('drops an inspection of a draft that was replaced by another table', async () => {
    const first = deferred<ImportInspection>()
    answer('transfer.inspect', () => first.promise)
    store().startDraft('s', 'notes')
    const old = store().setSource(source, 'pasted text', true)
    store().startDraft('s', 'posts')
    first.resolve(inspection(['PRIMARY']))
    await old
    expect(store().draft).toMatchObject({ table: 'posts', inspection: null })
  })

  it('a failed inspection is kept for the form to show', async () => {
    answer('transfer.inspect', () => {
      throw new AppError({ code: 'INVALID_INPUT', message: 'Not a CSV.' })
    })
    store().startDraft('s', 'notes')
    await store().setSource(source, 'pasted text', true)
    expect(store().draft).toMatchObject({ inspecting: false, inspectError: { code: 'INVALID_INPUT' } })
  })
})

describe('transfer store: running an import', () => {
  it('runs with the draft, records progress events, and ends with the result', async () => {
    await ready()
    const done = deferred<ImportResult>()
    answer('transfer.import', () => done.promise)
    const run = store().runImport(false)
    const jobId = store().importRun!.jobId
    expect(store().importRun).toMatchObject({ running: true, cancelling: false, dryRun: false, result: null })
    expect(callsTo('transfer.import')[0]).toMatchObject({
      jobId,
      key: ['id'],
      mapping: ['id', 'title'],
      onDuplicate: 'skip',
      atomic: true,
      dryRun: false,
    })

    emit('transfer.progress', progress(jobId, 10))
    emit('transfer.progress', progress('someone-else', 99))
    emit('transfer.progress', progress(jobId, 40))
    expect(store().progress).toEqual({ [jobId]: progress(jobId, 40) })

    // A second import while one runs is not started.
    await store().runImport(false)
    expect(callsTo('transfer.import')).toHaveLength(1)

    emit('transfer.progress', progress(jobId, 100, 'done'))
    done.resolve(result())
    await run
    expect(store().importRun).toMatchObject({ running: false, result: result(), error: null })
    expect(store().progress[jobId]?.phase).toBe('done')
    await settle()
    // Rows were written: the table list's counts are read again.
    expect(callsTo('schema.tables')).toEqual([{ sessionId: 's' }])
  })

  it('a dry run writes nothing, so nothing is read again', async () => {
    await ready()
    answer('transfer.import', () => result({ outcome: 'dry-run' }))
    await store().runImport(true)
    await settle()
    expect(store().importRun).toMatchObject({ dryRun: true, running: false, result: { outcome: 'dry-run' } })
    expect(callsTo('schema.tables')).toEqual([])
  })

  it('cancel: asking, then stopping once the engine took it, then the CANCELLED answer ends the run', async () => {
    await ready()
    const done = deferred<ImportResult>()
    answer('transfer.import', () => done.promise)
    const run = store().runImport(false)
    const jobId = store().importRun!.jobId
    const taken = deferred<{ cancelled: boolean }>()
    answer('transfer.cancel', () => taken.promise)
    const cancel = store().cancel(jobId)
    expect(store().importRun?.cancelling).toBe('asking')
    taken.resolve({ cancelled: true })
    await cancel
    expect(store().importRun).toMatchObject({ running: true, cancelling: 'stopping' })
    emit('transfer.progress', progress(jobId, 20, 'cancelled'))
    done.reject(cancelled)
    await run
    expect(store().importRun).toMatchObject({ running: false, error: { code: 'CANCELLED' }, result: null })
    expect(store().progress[jobId]?.phase).toBe('cancelled')
    await settle()
    // All or nothing: nothing stays, nothing to read again.
    expect(callsTo('schema.tables')).toEqual([])
  })

  it('a cancel that does not get through leaves the run going, and Cancel can be pressed again', async () => {
    await ready()
    answer('transfer.import', () => new Promise<ImportResult>(() => undefined))
    void store().runImport(false)
    answer('transfer.cancel', () => {
      throw new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    })
    await store().cancel(store().importRun!.jobId)
    expect(store().importRun).toMatchObject({ running: true, cancelling: false })
  })

  it('a cancel that came too late leaves the finished run as its answer says', async () => {
    await ready()
    answer('transfer.import', () => result())
    await store().runImport(false)
    answer('transfer.cancel', () => ({ cancelled: false }))
    await store().cancel(store().importRun!.jobId)
    expect(store().importRun).toMatchObject({ running: false, cancelling: false, result: result() })
  })

  it('a failed import that was not all-or-nothing reads the table again: earlier batches stay', async () => {
    await ready(false)
    answer('transfer.import', () => {
      throw new AppError({ code: 'QUERY_FAILED', message: 'disk full' })
    })
    await store().runImport(false)
    expect(store().importRun).toMatchObject({ running: false, atomic: false, error: { code: 'QUERY_FAILED' } })
    await settle()
    expect(callsTo('schema.tables')).toEqual([{ sessionId: 's' }])
  })
})
