import type { CsvRecord } from '../csv/csv-reader'
import type { ImportPlan } from './plan'
import { Invalid } from './validate'

/** A problem with one value of a row, before its row number is known to the collector. */
export interface ValueIssue {
  column: string | null
  message: string
}

/**
 * Converts one CSV record into `out` (from `offset`, one value per written column). Answers the
 * problems, or null when every value is good. Allocates nothing for a good row.
 */
export function convertRecord(plan: ImportPlan, record: CsvRecord, out: unknown[], offset: number): ValueIssue[] | null {
  if (record.length !== plan.csvWidth) {
    return [{ column: null, message: `has ${record.length} field${record.length === 1 ? '' : 's'}; the file's rows have ${plan.csvWidth}` }]
  }
  let issues: ValueIssue[] | null = null
  const { sources, converters, constants, columns } = plan
  for (let c = 0; c < columns.length; c++) {
    const source = sources[c]
    const value = source < 0 ? constants[c] : converters[c]!(record[source] ?? null)
    if (value instanceof Invalid) {
      ;(issues ??= []).push({ column: columns[c].name, message: `${columns[c].name} ${value.message}` })
      out[offset + c] = null
    } else {
      out[offset + c] = value
    }
  }
  return issues
}

/** Runs the app model's validators on a converted row (users/posts/notes only). */
export async function modelIssues(plan: ImportPlan, values: readonly unknown[], offset: number): Promise<ValueIssue[] | null> {
  if (!plan.model) return null
  // Object.fromEntries, not `row[name] = …`: a column called __proto__ stays a column.
  const row = Object.fromEntries(plan.columns.map((column, c) => [column.name, values[offset + c]]))
  const found = await plan.model.check(row)
  return found.length > 0 ? found : null
}

/** The first 100 problems, and how many there were in all. */
export class IssueLog {
  static readonly SHOWN = 100
  readonly shown: Array<{ row: number; column: string | null; message: string }> = []
  count = 0

  add(row: number, issues: readonly ValueIssue[]): void {
    for (const issue of issues) {
      this.count++
      if (this.shown.length < IssueLog.SHOWN) this.shown.push({ row, column: issue.column, message: issue.message })
    }
  }
}
