import type { QueryColumn } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'

/** What one statement gave back, before timing and errors are added. */
export interface StatementOutput {
  returnsRows: boolean
  columns: QueryColumn[]
  rows: Cell[][]
  moreRows: boolean
  affectedRows: number | null
  notices: string[]
}

/**
 * One console connection, held for a whole run (so session state such as SET, temporary tables and
 * a read-only mode carries from one statement to the next), with a way to stop it from outside.
 */
export interface ConsoleRunner {
  run(sql: string, rowLimit: number): Promise<StatementOutput>
  /** Makes the database itself refuse writes on this connection; run before every statement, since a statement may undo it. */
  enforceReadOnly(): Promise<void>
  /** Stops the statement in flight, in the database (not just by ceasing to wait for it). */
  cancel(): Promise<void>
  release(): Promise<void>
}

/** Statements that change rows, read from the first keyword: used only to say "0 rows" rather than nothing. */
export const changesRows = (sql: string): boolean =>
  /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(insert|update|delete|replace|merge)\b/i.test(sql)
