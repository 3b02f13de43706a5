import { basename } from 'node:path'
import { Transaction } from 'sequelize'
import type { z } from 'zod'
import type { ExportResult, exportInput } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import { loadTarget } from '../../records/access'
import { keySelectList } from '../../records/keyset'
import { countSelection } from '../../records/read'
import { columnOf } from '../../records/target'
import { hasSelection } from '../../records/where'
import { estimateRowCount } from '../../schema'
import { columnAlias, selectColumns } from '../../records/value-codec'
import { csvHeader, csvLines, exportValue, jsonLines, type ExportValue } from './export-format'
import { csvLineFormatter, fastCsvDelimiter, jsonLineFormatter } from './fast-format'
import { exportOrder, readArrayPages, readReferencePages, type ExportPlan } from './pages'
import { canCopyOut, copyOut } from './copy-out'
import { openFileSink, type FileSink } from './file-sink'
import { readSqliteCsvPages } from './sqlite-csv'
import type { JobContext } from '../import/import'
import { throwIfCancelled } from '../jobs'
import { ProgressReporter } from '../progress'

/**
 * The contract's input with the grant resolved: a checked absolute path, and whether an existing
 * file there may be replaced (the user confirmed it). Never a page string.
 */
export type ExportRequest = Omit<z.output<typeof exportInput>, 'destination'> & { destination: { path: string; replace: boolean } }

/**
 * `fast`: the export's fast paths where they apply (PostgreSQL CSV by COPY, elsewhere arrays
 * straight from the driver and a formatter made per column); `reference`: the row-object path
 * every fast path is tested against byte for byte (transfer-export-exact.test.ts);
 * `fast-without-extension`: the fast paths with SQLite's CSV lines written by SQL expressions, as
 * where the SQLite CSV extension is missing (the test holds both SQLite routes to the reference).
 */
export type ExportPath = 'fast' | 'fast-without-extension' | 'reference'

/**
 * Table or view → file, streamed: the same selection records.page shows (filters, search, sort;
 * the records engine builds the SQL), read inside one read transaction (so the file is one
 * consistent snapshot) by COPY or page by page (pages.ts) and written with backpressure to a temporary file beside
 * the destination, renamed at the end (file-sink.ts): a cancelled or failed export leaves nothing behind.
 */
export async function runExport(context: JobContext, request: ExportRequest, mode: ExportPath = 'fast'): Promise<ExportResult> {
  const { engine, session, jobId, signal } = context
  const target = await loadTarget(session, request.table)
  const columns = request.columns ? request.columns.map((name, i) => columnOf(target, name, `columns.${i}`)) : target.table.columns
  const selection = { filters: request.filters, search: request.search }
  const order = exportOrder(target, request.sort)
  // The exported columns, plus the sort keys' exact values the next page continues from.
  const selected = selectColumns(target.dialect, columns) + (order.seek ? keySelectList(target, order.keys) : '')
  // Result columns are named by position, not by column name (value-codec.ts: a column may be called __proto__).
  const columnAliases = columns.map((_, i) => columnAlias(i))
  const total = hasSelection(selection)
    ? await countSelection(session, target, selection)
    : (await estimateRowCount(session, target.table.name)).value
  const progress = new ProgressReporter(engine, jobId, 'export', { bytes: null, rows: total })

  const dialect = session.config.dialect
  // The transaction first: a file is only made once nothing but the export itself can fail, so a
  // transaction that cannot begin leaves no temporary file behind (the catch below removes it from then on).
  const transaction = await session.sequelize.transaction(
    dialect === 'sqlite' ? {} : { isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ },
  )
  let file: FileSink
  try {
    file = await openFileSink(request.destination, (bytes) => (progress.bytes += bytes))
  } catch (error) {
    await transaction.rollback().catch(() => undefined)
    progress.finish('failed')
    throw error
  }
  const write = file.write
  try {
    const format = request.format
    if (format.kind === 'csv' && format.header) await write(csvHeader(columns, format.delimiter))
    const plan: ExportPlan = { session, target, columns, selection, order, selected, transaction, signal }
    const onRows = (rows: number) => {
      progress.rows += rows
      progress.tick()
    }
    // COPY answers false (writing nothing) where it finds it cannot be used after all.
    const fast = mode !== 'reference'
    const byCopy = fast && canCopyOut(plan, format) && (await copyOut(plan, format, write, onRows))
    // SQLite writes CSV lines itself where it can spell them; it answers false (writing nothing) without its math functions.
    const bySqlite =
      !byCopy &&
      fast &&
      format.kind === 'csv' &&
      fastCsvDelimiter(format.delimiter) &&
      (await readSqliteCsvPages(
        plan,
        format,
        async (text, rows) => {
          await write(text)
          onRows(rows)
        },
        mode === 'fast' && engine.sqliteCsvExtension ? { path: engine.sqliteCsvExtension, log: engine.log } : null,
      ))
    if (byCopy || bySqlite) {
      // The file holds every row.
    } else if (fast && (format.kind === 'jsonl' || fastCsvDelimiter(format.delimiter))) {
      const line = format.kind === 'csv' ? csvLineFormatter(columns, format) : jsonLineFormatter(columns)
      await readArrayPages(plan, async (rows) => {
        let text = ''
        for (const row of rows) text += line(row)
        await write(text)
        onRows(rows.length)
      })
    } else {
      await readReferencePages(plan, async (raw) => {
        const rows = raw.map((r) => columns.map((c, i): ExportValue => exportValue(r[columnAliases[i]], c)))
        await write(
          format.kind === 'csv'
            ? csvLines(rows, columns, { delimiter: format.delimiter, spreadsheetSafe: format.spreadsheetSafe })
            : jsonLines(rows, columns),
        )
        onRows(raw.length)
      })
    }
    // A cancel taken while the last page was read counts too: it was acknowledged, so nothing is kept.
    throwIfCancelled(signal, 'export')
    await transaction.commit()
    await file.finish()
    progress.finish('done')
    return { rows: progress.rows, bytes: progress.bytes, name: basename(request.destination.path), elapsedMs: progress.elapsedMs() }
  } catch (error) {
    await transaction.rollback().catch(() => undefined)
    await file.abort()
    progress.finish(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed')
    throw error
  }
}
