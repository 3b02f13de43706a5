import type { QueryFetched, StatementResult } from '../../../../shared/contract'
import { QUERY_WINDOW_ROWS } from '../../../../shared/query-limits'
import type { Cell } from '../../../../shared/cells'

/** The rows of one result the console holds: at most QUERY_WINDOW_ROWS of them, `rows[0]` being row `firstRow` (0-based). */
export interface ResultWindow {
  rows: Cell[][]
  firstRow: number
  /** Rows the statement has handed over so far. */
  rowsRead: number
  /** The statement is still open with rows to read (query.fetch). */
  open: boolean
  /** Every row was read; null while open. */
  total: number | null
}

export function windowOf(result: StatementResult): ResultWindow {
  return {
    rows: result.rows,
    firstRow: 0,
    rowsRead: result.rows.length,
    open: result.resultId !== undefined,
    total: result.totalRows,
  }
}

/**
 * Appends what query.fetch read; beyond the bound the oldest rows are dropped (a page read with
 * `all` replaces the window: it is the result's last rows). Answers how many rows left the front.
 */
export function applyFetched(
  window: ResultWindow,
  fetched: QueryFetched,
  max = QUERY_WINDOW_ROWS,
): { window: ResultWindow; dropped: number } {
  const contiguous = fetched.firstRow === window.firstRow + window.rows.length
  const rows = contiguous ? [...window.rows, ...fetched.rows] : fetched.rows
  const dropped = contiguous ? Math.max(0, rows.length - max) : window.rows.length
  const kept = contiguous ? rows.slice(dropped) : rows.slice(Math.max(0, rows.length - max))
  return {
    window: {
      rows: kept,
      firstRow: fetched.firstRow + fetched.rows.length - kept.length,
      rowsRead: fetched.rowsRead,
      open: !fetched.done,
      total: fetched.done ? fetched.rowsRead : null,
    },
    dropped,
  }
}

const count = (n: number): string => n.toLocaleString('en')

/** "Rows 1–1,000 of 1,000+ read" / "Rows 990,001–1,000,000 of 1,000,000". */
export function windowSummary(window: ResultWindow): string {
  if (window.rows.length === 0) return window.total === 0 ? 'No rows' : `Rows read: ${count(window.rowsRead)}`
  const range = `${count(window.firstRow + 1)}–${count(window.firstRow + window.rows.length)}`
  return window.total !== null ? `Rows ${range} of ${count(window.total)}` : `Rows ${range} of ${count(window.rowsRead)}+ read so far`
}
