import type { Transaction } from 'sequelize'
import type { Row } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { fromClause, inWriteTransaction, loadTarget, lockClause, runChange, selectRaw } from './access'
import { explainWriteError, type WriteAttempt } from './explain'
import { modelWriterFor, updateManyWithModel, validateWithModel } from './model-write'
import { countSelection } from './read'
import { invalidInput, primaryKeyOf, type SqlTarget } from './target'
import { BindParams } from './sql'
import { bulkDeleteStatement, bulkUpdateStatement, writtenColumns, type WriteValues } from './statements'
import { rowFromDb, selectColumns } from './value-codec'
import { guarded } from './write'
import { selectionCondition, type Selection } from './where'

/** Model tables update the selected rows by key in slices, so the IN lists stay small. */
const MODEL_UPDATE_SLICE = 500

/** Sets the same values on every selected row, in one transaction; answers how many rows matched. */
export async function bulkUpdate(session: Session, table: string, selection: Selection, values: WriteValues): Promise<{ affected: number }> {
  const target = await loadTarget(session, table)
  if (writtenColumns(target, values).length === 0) throw invalidInput('There is nothing to change: no values were given.', 'values')
  const writer = modelWriterFor(session, target)
  if (writer) {
    // Validate once, before touching anything (the same checks a single edit gets).
    await validateWithModel(writer, target, values).catch(async (error: unknown) => {
      throw await explainWriteError(error, attemptFor(session, target, values, selection, undefined))
    })
  }
  const affected = await inWriteTransaction(session, async (transaction) => {
    const attempt = attemptFor(session, target, values, selection, transaction)
    if (writer && target.table.primaryKey.length === 1) {
      const keys = await selectedKeys(session, target, selection, transaction)
      for (let i = 0; i < keys.length; i += MODEL_UPDATE_SLICE) {
        const slice = keys.slice(i, i + MODEL_UPDATE_SLICE)
        await guarded(attempt, () => updateManyWithModel(writer, target, slice, values, transaction))
      }
      return keys.length
    }
    // MySQL reports only rows whose values changed; count the matching rows first, under lock.
    const matched = target.dialect === 'mysql' ? await countSelection(session, target, selection, { transaction, lock: true }) : null
    const params = new BindParams(target.dialect)
    const sql = bulkUpdateStatement(target, values, selection, params)
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

/** The keys of the selected rows, locked for the rest of the transaction. */
async function selectedKeys(session: Session, target: SqlTarget, selection: Selection, transaction: Transaction): Promise<Row[]> {
  const keyColumns = primaryKeyOf(target)
  const params = new BindParams(target.dialect)
  const condition = selectionCondition(target, selection, params)
  const lock = lockClause(target)
  const select = selectColumns(target.dialect, keyColumns)
  const sql = `SELECT ${select} ${fromClause(target)}${condition ? ` WHERE ${condition}` : ''}${lock}`
  const raw = await selectRaw(session, sql, params, { transaction })
  return raw.map((r) => rowFromDb(r, keyColumns))
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
