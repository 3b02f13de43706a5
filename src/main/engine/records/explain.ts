import type { Transaction } from 'sequelize'
import { AppError } from '../../../shared/errors'
import type { CellInput, Row } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { badValueColumn, classifyWriteError, validationFailure, type WrittenColumn, type WriteRefusal } from './errors'
import { brokenLink, dependentRows, missingParent, uniqueViolation } from './probes'
import type { SqlTarget } from './target'
import type { Selection } from './where'

/** What was being written when the database said no; the probes (probes.ts) use it to explain why. */
export interface WriteAttempt {
  session: Session
  target: SqlTarget
  /** The write's transaction; absent only when explaining a validation that ran before any write. */
  transaction: Transaction | undefined
  kind: 'insert' | 'update' | 'delete'
  /** The values written, column → value as the user typed it. */
  values: Record<string, CellInput>
  /** The row before the write (update/delete of one row), for the values the write left alone. */
  current: Row | null
  /** The row's key (update/delete of one row), so probes can leave the row itself out. */
  key: Record<string, CellInput> | null
  /** Bulk writes: the rows addressed. */
  selection?: Selection
  /** Model tables: attribute name → column name. */
  columnOfAttribute?: (attribute: string) => string
}

/**
 * Turns a refused write into the AppError a person can act on. Runs inside the write's
 * transaction (PostgreSQL: after rolling back to the step's savepoint) so the probes see what the
 * write saw. Errors it does not recognise are answered unchanged, for the caller.
 */
export async function explainWriteError(error: unknown, attempt: WriteAttempt): Promise<unknown> {
  if (error instanceof AppError) return error
  const refusal = classifyWriteError(error, attempt.target.dialect)
  if (!refusal) return error
  try {
    return await explain(refusal, attempt)
  } catch (probeError) {
    // A probe failing must not hide the real refusal; the caller still maps the original error.
    return probeError instanceof AppError ? probeError : error
  }
}

async function explain(refusal: WriteRefusal, attempt: WriteAttempt): Promise<AppError> {
  switch (refusal.kind) {
    case 'validation': {
      const issues = refusal.issues.map(({ attribute, message, rule }) => ({
        field: attempt.columnOfAttribute?.(attribute) ?? attribute,
        message,
        ...(rule ? { rule } : {}),
      }))
      // In the table's column order, so `field` (the first) is the topmost field of a form.
      const names = attempt.target.table.columns.map((c) => c.name)
      const position = (field: string) => (names.includes(field) ? names.indexOf(field) : names.length)
      return validationFailure(issues.sort((a, b) => position(a.field) - position(b.field)))
    }
    case 'notNull': {
      const column = refusal.column ?? ''
      return validationFailure([{ field: column, message: `${column || 'A value'} is required.`, rule: 'notNull' }])
    }
    case 'check':
      return validationFailure([
        { field: singleWrittenColumn(attempt) ?? '', message: 'The value breaks a rule (CHECK constraint) of this table.', rule: 'check' },
      ])
    case 'badValue': {
      const field = refusal.column ?? badValueColumn(refusal.message, writtenColumnsOf(attempt)) ?? ''
      return validationFailure([
        { field, message: `${field ? `${field}: ` : ''}the database cannot store this value in this column.`, rule: 'type' },
      ])
    }
    case 'permission':
      return new AppError({
        code: 'PERMISSION_DENIED',
        message: `This database user may not change ${attempt.target.table.name}.`,
        hint: 'Connect as a user with write permission on the table.',
      })
    case 'readOnly':
      return new AppError({ code: 'SQLITE_READ_ONLY', message: 'The SQLite file is read-only.', hint: 'Check the file permissions.' })
    case 'unique':
      return uniqueViolation(attempt, refusal.names)
    case 'foreignKey': {
      const found =
        attempt.kind === 'delete' ? await dependentRows(attempt) : ((await missingParent(attempt)) ?? (await dependentRows(attempt)))
      return found ?? brokenLink(attempt.target)
    }
  }
}

/** The written columns with their values as text, for naming the one a refusal is about. */
function writtenColumnsOf(attempt: WriteAttempt): WrittenColumn[] {
  return Object.entries(attempt.values).flatMap(([name, value]) => {
    const column = attempt.target.table.columns.find((c) => c.name === name)
    if (!column) return []
    const text = value === null ? '' : typeof value === 'object' ? value.base64 : String(value)
    return [{ name, type: column.type, kind: column.kind, text }]
  })
}

function singleWrittenColumn(attempt: WriteAttempt): string | null {
  const names = Object.keys(attempt.values)
  return names.length === 1 ? names[0] : null
}
