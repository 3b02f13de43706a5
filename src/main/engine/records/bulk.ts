import type { Session } from '../connection/sessions'
import { inWriteTransaction, loadTarget, runChange } from './access'
import { explainWriteError, type WriteAttempt } from './explain'
import { inColumnForms, withTimestamps } from './date-values'
import { modelWriterFor, validateWithModel } from './model-write'
import { countSelection } from './read'
import { invalidInput, type SqlTarget } from './target'
import { BindParams } from './sql'
import { bulkDeleteStatement, bulkUpdateStatement, writtenColumns, type WriteValues } from './statements'
import { inWrittenForms } from './value-codec'
import { guarded } from './write'
import type { Selection } from './where'

/** Sets the same values on every selected row, in one transaction; answers how many rows matched. */
export async function bulkUpdate(session: Session, table: string, selection: Selection, typed: WriteValues): Promise<{ affected: number }> {
  const target = await loadTarget(session, table)
  if (writtenColumns(target, typed).length === 0) throw invalidInput('There is nothing to change: no values were given.', 'values')
  const values = inWrittenForms(target.table.columns, inColumnForms(target, typed), target.dialect)
  const writer = modelWriterFor(session, target)
  if (writer) {
    // Validate once, before touching anything (the same checks a single edit gets).
    await validateWithModel(writer, target, values).catch(async (error: unknown) => {
      throw await explainWriteError(error, attemptFor(session, target, values, selection, undefined))
    })
  }
  const affected = await inWriteTransaction(session, async (transaction) => {
    const attempt = attemptFor(session, target, values, selection, transaction)
    // MySQL reports only rows whose values changed; count the matching rows first, under lock.
    const matched = target.dialect === 'mysql' ? await countSelection(session, target, selection, { transaction, lock: true }) : null
    const params = new BindParams(target.dialect)
    // The model tables' updated_at is stamped as a single edit stamps it, in the column's own form.
    const sql = bulkUpdateStatement(target, writer ? withTimestamps(target, values, 'update') : values, selection, params)
    const changed = await guarded(attempt, () => runChange(session, sql, params, 'update', transaction))
    return matched ?? changed
  })
  return { affected }
}

/** Deletes every selected row, in one transaction; answers how many. */
export async function bulkDelete(session: Session, table: string, selection: Selection): Promise<{ affected: number }> {
  const target = await loadTarget(session, table)
  const affected = await inWriteTransaction(session, async (transaction) => {
    const attempt: WriteAttempt = { ...attemptFor(session, target, {}, selection, transaction), kind: 'delete' }
    const params = new BindParams(target.dialect)
    const sql = bulkDeleteStatement(target, selection, params)
    return guarded(attempt, () => runChange(session, sql, params, 'delete', transaction))
  })
  return { affected }
}

function attemptFor(
  session: Session,
  target: SqlTarget,
  values: WriteValues,
  selection: Selection,
  transaction: WriteAttempt['transaction'],
): WriteAttempt {
  const writer = modelWriterFor(session, target)
  return {
    session,
    target,
    transaction,
    kind: 'update',
    values,
    current: null,
    key: null,
    selection,
    ...(writer ? { columnOfAttribute: writer.columnOfAttribute } : {}),
  }
}
