import type { z } from 'zod'
import type { ImportResult, importInput } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import type { Engine } from '../../engine'
import type { Session } from '../../connection/sessions'
import { diagnoseError } from '../../connection/diagnose'
import { BatchPipeline, StopWriting } from './batch-pipeline'
import { threadRecordChunks } from '../csv/csv-thread'
import { throwIfCancelled } from '../jobs'
import { resolveKey, resolveMapping } from './mapping'
import { modelRulesFor } from './model-rules'
import { batchKey, buildPlan } from './plan'
import { prepareImport } from './prepare'
import { ProgressReporter } from '../progress'
import { dataRecordChunks } from '../csv/record-stream'
import type { SourceInput } from '../csv/source'
import { IssueLog, convertRecord, modelIssues } from './convert-record'
import { databaseError, isUniqueViolation, refusalMessage } from './refusals'
import { batchBytes, batchRows } from './upsert-sql'
import { USE_DEFAULT } from './validate'
import { WriteScope } from './write-scope'
import { keysQuery, SkippedRows } from './skipped-rows'
import { quoteIdentifier } from '../../records/identifiers'

/** The contract's input with the grant resolved: the handler hands over a checked file, never a page string. */
export type ImportRequest = Omit<z.output<typeof importInput>, 'source'> & { source: SourceInput }

export interface JobContext {
  engine: Engine
  session: Session
  jobId: string
  signal: AbortSignal
}

/**
 * CSV → table. The file is streamed (never held whole): each row is converted and checked as it
 * arrives, collected into a batch sized for the dialect's parameter limit, and each full batch
 * is written before more of the file is read. See write-scope.ts for transactions and
 * import-writer.ts for how rows are counted.
 */
export async function runImport(context: JobContext, request: ImportRequest): Promise<ImportResult> {
  const { engine, session, jobId, signal } = context
  const startedAt = new Date()
  const prepared = await prepareImport(session, request)
  const dialect = session.config.dialect
  const csvWidth = prepared.csvColumns.length
  const progress = new ProgressReporter(engine, jobId, 'import', { bytes: prepared.source.bytes, rows: null })
  const issues = new IssueLog()
  let skips: SkippedRows | null = null
  const outcome = (
    kind: ImportResult['outcome'],
    counts: { inserted: number; updated: number; skipped: number },
    rows: number,
    failed: number,
  ): ImportResult => ({
    outcome: kind,
    rows,
    ...counts,
    skippedRows: counts.skipped > 0 ? (skips?.listed ?? []) : [],
    failed,
    issues: issues.shown,
    issueCount: issues.count,
    elapsedMs: progress.elapsedMs(),
  })
  if (csvWidth === 0) {
    progress.finish('done')
    return outcome(request.dryRun ? 'dry-run' : 'committed', { inserted: 0, updated: 0, skipped: 0 }, 0, 0)
  }

  const mapped = resolveMapping(prepared.mapping, csvWidth, prepared.table)
  const key = resolveKey(request.key, prepared.table, mapped, request.onDuplicate)
  const mappedNames = new Set(mapped.flatMap((c) => (c ? [c.name] : [])))
  const model = modelRulesFor(session, prepared.table, mappedNames, startedAt)
  const plan = buildPlan({ dialect, table: prepared.table, mapped, key, mode: request.onDuplicate, model })
  // A dry run must be undone as a whole, so it is always one transaction.
  const scope = new WriteScope(session, plan, request.atomic || request.dryRun, signal)
  const rowsPerBatch = batchRows(dialect, plan.columns.length, await scope.sqliteVersion())
  const bytesPerBatch = batchBytes(dialect)
  let bytesAtFlush = 0
  const width = plan.columns.length
  const yieldEvery = dialect === 'postgres' ? 256 : 0

  let rows = 0
  let failed = 0
  const onRefused = (rowNumber: number, error: unknown) => {
    failed++
    if (plan.mode === 'fail' && isUniqueViolation(error, dialect)) {
      issues.add(rowNumber, [{ column: null, message: `is a duplicate: ${refusalMessage(error, session.password)}` }])
      throw new StopWriting()
    }
    issues.add(rowNumber, [{ column: null, message: `was refused by the database: ${refusalMessage(error, session.password)}` }])
    if (request.onInvalid === 'abort') throw new StopWriting()
  }
  // Insert-only with a key: each skipped row is listed with its reason (skipped-rows.ts).
  skips = plan.mode === 'skip' && plan.keyPositions ? new SkippedRows(plan, (name) => quoteIdentifier(dialect, name)) : null
  const query = keysQuery(() => scope.openConnection())
  const pipeline = new BatchPipeline(width, async (batch) => {
    if (!skips?.itemising) return scope.write(batch, onRefused)
    const reasons = await skips.before(batch, query)
    const refusedRows = new Set<number>()
    const skippedBefore = scope.pending.skipped + scope.committed.skipped
    await scope.write(batch, (rowNumber, error) => {
      refusedRows.add(rowNumber)
      skips.refused(batch, rowNumber)
      onRefused(rowNumber, error)
    })
    skips.after(reasons, scope.pending.skipped + scope.committed.skipped - skippedBefore, refusedRows)
  })

  try {
    const onBytes = (bytes: number) => (progress.bytes += bytes)
    const chunks = engine.csvWorker
      ? threadRecordChunks(engine.csvWorker, request.source, prepared.format, csvWidth, onBytes)
      : dataRecordChunks(prepared.source, prepared.format, csvWidth, onBytes)
    for await (const records of chunks) {
      throwIfCancelled(signal, 'import')
      for (const record of records) {
        const rowNumber = ++rows
        let batch = pipeline.batch
        const offset = batch.values.length
        let problems = convertRecord(plan, record, batch.values, offset)
        if (!problems && plan.model) problems = await modelIssues(plan, batch.values, offset)
        if (problems) {
          batch.values.length = offset
          failed++
          issues.add(rowNumber, problems)
          if (request.onInvalid === 'abort') pipeline.stop()
          continue
        }
        if (pipeline.stopped) {
          // Stopped: the rest of the file is only checked, for the report.
          batch.values.length = offset
          continue
        }
        const rowKey = batchKey(batch.values, offset, plan)
        if (batch.hasKey(rowKey)) {
          // The same key twice in one batch: the first goes to the database before the second.
          const row = batch.values.splice(offset)
          await pipeline.flush()
          batch = pipeline.batch
          batch.values.push(...row)
        }
        batch.commitRow(rowNumber, rowKey, hasDefault(batch.values, batch.values.length - width, width))
        if (batch.size >= rowsPerBatch || progress.bytes - bytesAtFlush >= bytesPerBatch) {
          bytesAtFlush = progress.bytes
          await pipeline.flush()
        } else if (yieldEvery > 0 && rowNumber % yieldEvery === 0) {
          // PostgreSQL's COPY round is a chain of replies, each handled on this thread (copy-writer.ts):
          // let them in every few hundred rows, or the database idles while a read-ahead is parsed.
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
      }
      progress.rows = rows
      progress.tick()
    }
    throwIfCancelled(signal, 'import')
    await pipeline.flush()
    await pipeline.settle()
    // A Cancel that came while the last batch was being written still undoes the import: only
    // the COMMIT itself is past the point of no return.
    throwIfCancelled(signal, 'import')
    const stopped = pipeline.stopped

    const pending = { ...scope.pending }
    const keep = !stopped && !request.dryRun
    await scope.end(keep)
    progress.finish('done')
    if (request.dryRun && !stopped) return outcome('dry-run', pending, rows, failed)
    return outcome(stopped ? 'aborted' : 'committed', scope.committed, rows, failed)
  } catch (error) {
    await pipeline.settle().catch(() => undefined)
    await scope.end(false).catch(() => undefined)
    // A Cancel that interrupted a running statement surfaces as that statement's failure.
    const cancelled = (error instanceof AppError && error.code === 'CANCELLED') || signal.aborted
    progress.finish(cancelled ? 'cancelled' : 'failed')
    if (cancelled && scope.committed.inserted + scope.committed.updated > 0) {
      throw new AppError({
        code: 'CANCELLED',
        message: `The import was cancelled. ${(scope.committed.inserted + scope.committed.updated).toLocaleString('en')} rows written by earlier batches stay.`,
        hint: 'Batches commit one by one when the import is not all-or-nothing.',
      })
    }
    if (cancelled) throwIfCancelled(signal, 'import')
    // A lost connection (the server stopped, the network) goes up as it is: the session guard
    // (in-session.ts) diagnoses it and tells the app with sessions.lost. Only the rest is the
    // database refusing the import.
    if (diagnoseError(error, { config: session.config, password: session.password, baseDir: engine.baseDir })) throw error
    throw databaseError(error, session.password) ?? error
  }
}

function hasDefault(values: readonly unknown[], offset: number, width: number): boolean {
  for (let c = 0; c < width; c++) if (values[offset + c] === USE_DEFAULT) return true
  return false
}
