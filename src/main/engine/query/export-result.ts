import { basename } from 'node:path'
import type { z } from 'zod'
import type { ExportResult, exportFormatSchema } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { openFileSink, type FileSink } from '../transfer/export/file-sink'
import { csvHeader, csvLines, jsonLines, plainCell } from '../transfer/export/export-format'
import type { JobContext } from '../transfer/import/import'
import { throwIfCancelled } from '../transfer/jobs'
import { ProgressReporter } from '../transfer/progress'
import { statementError } from './errors'
import { openRunner } from './open-runner'
import type { ConsoleRunner } from './runner'
import { codecColumn } from './shape'
import { isOnlyComments, splitStatements } from './split'

/** Rows per step: the file is written as they come, a page at a time. */
const PAGE_ROWS = 2000
/** Statements that only read and return rows; anything else is not run again to make a file. */
const QUERY_KEYWORDS = /^(select|with|values|table)\b/i

export interface QueryExportRequest {
  sql: string
  format: z.output<typeof exportFormatSchema>
  destination: { path: string; replace: boolean }
}

/** The statement's first keyword, after any leading comments. */
function firstWord(sql: string): string {
  let rest = sql
  for (;;) {
    const comment = /^\s*(--[^\n]*(\n|$)|#[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)/.exec(rest)
    if (!comment) break
    rest = rest.slice(comment[0].length)
  }
  return rest.trimStart()
}

const refuse = (message: string, hint: string): AppError => new AppError({ code: 'INVALID_INPUT', field: 'sql', message, hint })

/**
 * A console query → a file, streamed: the one SELECT is run again in a read-only transaction (so
 * nothing it calls can write), its rows read a page at a time and written with the exporter's own
 * CSV / JSON Lines writers into a temporary file renamed at the end, as table exports are.
 */
export async function exportQuery(context: JobContext, request: QueryExportRequest): Promise<ExportResult> {
  const { engine, session, jobId, signal } = context
  const dialect = session.config.dialect
  const statements = splitStatements(request.sql, dialect).filter((s) => !isOnlyComments(s.sql, dialect))
  if (statements.length !== 1)
    throw refuse(
      statements.length === 0
        ? 'There is no statement to export.'
        : `Only one statement can be exported at a time; this text holds ${statements.length}.`,
      'Put the cursor in the SELECT to export (or select just it) and export again.',
    )
  const statement = statements[0]
  if (!QUERY_KEYWORDS.test(firstWord(statement.sql)))
    throw refuse(
      'Only a query that returns rows (SELECT, WITH … SELECT, VALUES, TABLE) can be exported: this statement is not one, and it is not run again to make a file.',
      'Run it in the console; to export its effect, export the rows with a SELECT.',
    )

  const progress = new ProgressReporter(engine, jobId, 'export', { bytes: null, rows: null })
  // The connection first: a file is only made once nothing but the export itself can fail, so a
  // failure here leaves no temporary file behind (the catch below removes it from then on).
  const runner = await openRunner(session, engine.baseDir)
  let file: FileSink
  try {
    file = await openFileSink(request.destination, (bytes) => (progress.bytes += bytes))
  } catch (error) {
    await runner.release()
    progress.finish('failed')
    throw error
  }
  const write = file.write
  const stopOnCancel = () => void runner.cancel().catch(() => undefined)
  signal.addEventListener('abort', stopOnCancel)
  try {
    await readOnly(runner, dialect, session.readOnly, async () => {
      let output
      try {
        output = await runner.run(statement.sql, PAGE_ROWS, { wholeBinary: true })
      } catch (error) {
        throwIfCancelled(signal, 'export')
        const failure = statementError(error, dialect, statement, request.sql, (text) => engine.scrubPasswords(text))
        throw new AppError({ code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) })
      }
      if (!output.returnsRows) throw refuse('This statement returned no rows to export.', 'Export a SELECT.')
      const columns = output.columns.map((c, i) => codecColumn(c.name, c.type, output.kinds[i] ?? 'other'))
      const format = request.format
      if (format.kind === 'csv' && format.header) await write(csvHeader(columns, format.delimiter))
      const more = output.more
      let page = { rows: output.rows, done: more === null }
      try {
        for (;;) {
          throwIfCancelled(signal, 'export')
          const values = page.rows.map((row) => row.map(plainCell))
          if (values.length > 0)
            await write(
              format.kind === 'csv'
                ? csvLines(values, columns, { delimiter: format.delimiter, spreadsheetSafe: format.spreadsheetSafe })
                : jsonLines(values, columns),
            )
          progress.rows += values.length
          progress.tick()
          if (page.done || !more) break
          page = await more.next(PAGE_ROWS)
        }
      } finally {
        // Stopped early (a cancel, a full disk): the statement is stopped before the transaction ends.
        if (more && !page.done) await more.close().catch(() => undefined)
      }
    })
    throwIfCancelled(signal, 'export')
    await file.finish()
    progress.finish('done')
    return { rows: progress.rows, bytes: progress.bytes, name: basename(request.destination.path), elapsedMs: progress.elapsedMs() }
  } catch (error) {
    await file.abort()
    progress.finish(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed')
    if (signal.aborted && !(error instanceof AppError && error.code === 'CANCELLED')) throwIfCancelled(signal, 'export')
    throw error
  } finally {
    signal.removeEventListener('abort', stopOnCancel)
    await runner.release()
  }
}

/**
 * Runs `work` where the database refuses writes: a read-only transaction (PostgreSQL, MySQL), or
 * `PRAGMA query_only` (SQLite), lifted afterwards unless the session is read-only anyway.
 */
async function readOnly(runner: ConsoleRunner, dialect: string, sessionReadOnly: boolean, work: () => Promise<void>): Promise<void> {
  if (dialect === 'sqlite') {
    await runner.run('PRAGMA query_only = ON', 1)
    try {
      return await work()
    } finally {
      if (!sessionReadOnly) await runner.run('PRAGMA query_only = OFF', 1)
    }
  }
  await runner.run('START TRANSACTION READ ONLY', 1)
  try {
    await work()
  } finally {
    await runner.run('ROLLBACK', 1)
  }
}
