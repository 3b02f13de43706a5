import { QueryTypes, type Transaction } from 'sequelize'
import type { CopyFrom } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { cellOf, setCell, type CellInput, type Row } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { runChange } from './access'
import { assertUnchanged } from './conflicts'
import { explainWriteError, type WriteAttempt } from './explain'
import { inColumnForms, withTimestamps } from './date-values'
import { checkNewWithModel, modelWriterFor, validateWithModel, type ModelWriter } from './model-write'
import { notFound, readRowByKey } from './read'
import { checkedKey, type RowKey } from './row-key'
import { BindParams } from './sql'
import { insertGeneric } from './insert'
import { deleteByKeyStatement, updateByKeyStatement, writtenColumns, type CopiedColumns, type WriteValues } from './statements'
import { inWrittenForms, sameAsStored } from './value-codec'
import { columnOf, invalidInput, type SqlTarget } from './target'

/** One write, inside a transaction the caller owns (a single edit, or one step of a batch). */
export interface WriteScope {
  session: Session
  transaction: Transaction
}

export interface UpdateRequest {
  key: Row
  original: Row
  values: WriteValues
}

export interface DeleteRequest {
  key: Row
  original: Row
}

/** Inserts a row and answers it as the database now holds it. */
export async function insertRow(scope: WriteScope, target: SqlTarget, values: WriteValues, copyFrom?: CopyFrom): Promise<Row> {
  writtenColumns(target, values)
  const copy = copyFrom ? await copiedColumns(scope, target, values, copyFrom) : undefined
  const given = inWrittenForms(target.table.columns, inColumnForms(target, values), target.dialect)
  const writer = modelWriterFor(scope.session, target)
  const attempt = attemptOf(scope, target, 'insert', given, writer)
  // The model tables are checked by their model, then written like any table (model-write.ts).
  const located = await guarded(attempt, async () =>
    insertGeneric(scope, target, writer ? withTimestamps(target, await checkNewWithModel(writer, target, given), 'insert') : given, copy),
  )
  const row =
    located === null
      ? null
      : 'row' in located
        ? located.row
        : await readRowByKey(scope.session, target, located.key, { transaction: scope.transaction })
  if (!row) {
    throw new AppError({
      code: 'QUERY_FAILED',
      message: `The ${target.table.name} row was inserted, but could not be found again to show it.`,
      hint: 'Reload the table to see it.',
    })
  }
  return row
}

/**
 * The columns a new row copies inside the database from another row (a duplicated row whose
 * binary values were read cut short): each must exist and not be given as well, and the source
 * row must still be there (locked until the insert has read it).
 */
async function copiedColumns(scope: WriteScope, target: SqlTarget, values: WriteValues, copyFrom: CopyFrom): Promise<CopiedColumns> {
  const key = checkedKey(target, copyFrom.key, 'copyFrom.key')
  const columns = copyFrom.columns.map((name, i) => {
    if (Object.hasOwn(values, name)) throw invalidInput(`"${name}" is both given and copied; give it or copy it.`, `copyFrom.columns.${i}`)
    return columnOf(target, name, `copyFrom.columns.${i}`)
  })
  const source = await readRowByKey(scope.session, target, copyFrom.key, { transaction: scope.transaction, lock: true })
  if (!source) {
    throw new AppError({
      code: 'CONFLICT',
      message: `The ${target.table.name} row to copy (${key.map((k) => k.column.name).join(', ')}) is gone; nothing was inserted.`,
      hint: 'Reload the table and duplicate another row.',
      details: { current: null },
    })
  }
  return { key: copyFrom.key, columns }
}

/**
 * Updates one row if it still holds what the user saw: the row is read under a lock, each
 * `original` column compared, and only then are the changed columns written by key.
 */
export async function updateRow(scope: WriteScope, target: SqlTarget, request: UpdateRequest): Promise<Row> {
  checkedKey(target, request.key)
  writtenColumns(target, request.values)
  for (const name of Object.keys(request.original)) columnOf(target, name, `original.${name}`)
  const current = await lockedCurrent(scope, target, request.key, request.original)
  // Only the columns whose value differs from the stored one are written: writing back what is
  // stored could change it even though it reads the same (value-codec.ts, sameAsStored).
  const changes = Object.entries(request.values).filter(([name, value]) => !sameAsStored(value, cellOf(current, name)))
  if (changes.length === 0 && Object.keys(request.values).length > 0) {
    return (await readRowByKey(scope.session, target, request.key, { transaction: scope.transaction })) ?? current
  }
  const given = inWrittenForms(target.table.columns, inColumnForms(target, Object.fromEntries(changes)), target.dialect)
  const writer = modelWriterFor(scope.session, target)
  const attempt: WriteAttempt = { ...attemptOf(scope, target, 'update', given, writer), current, key: request.key }
  const affected = await guarded(attempt, async () => {
    if (writer) await validateWithModel(writer, target, given)
    const written = writer ? withTimestamps(target, given, 'update') : given
    const params = new BindParams(target.dialect)
    return runChange(scope.session, updateByKeyStatement(target, written, request.key, params), params, 'update', scope.transaction)
  })
  // MySQL counts only rows whose values really changed (Sequelize connects without FOUND_ROWS);
  // the row is locked and known to exist, so 0 there means "already had these values".
  const acceptable = target.dialect === 'mysql' ? affected <= 1 : affected === 1
  if (!acceptable) throw unexpectedCount(target, affected)
  const newKey: RowKey = { ...request.key }
  for (const name of target.table.primaryKey) if (Object.hasOwn(given, name)) setCell<CellInput>(newKey, name, given[name])
  const row = await readRowByKey(scope.session, target, newKey, { transaction: scope.transaction })
  if (!row) throw unexpectedCount(target, 0)
  return row
}

/** Deletes one row if it still holds what the user saw. */
export async function deleteRow(scope: WriteScope, target: SqlTarget, request: DeleteRequest): Promise<number> {
  checkedKey(target, request.key)
  for (const name of Object.keys(request.original)) columnOf(target, name, `original.${name}`)
  const current = await lockedCurrent(scope, target, request.key, request.original)
  const writer = modelWriterFor(scope.session, target)
  const attempt: WriteAttempt = { ...attemptOf(scope, target, 'delete', {}, writer), current, key: request.key }
  const deleted = await guarded(attempt, async () => {
    const params = new BindParams(target.dialect)
    return runChange(scope.session, deleteByKeyStatement(target, request.key, params), params, 'delete', scope.transaction)
  })
  if (deleted !== 1) throw unexpectedCount(target, deleted)
  return deleted
}

/** The row under a lock; CONFLICT when it vanished or changed, NOT_FOUND when the caller saw nothing of it. */
async function lockedCurrent(scope: WriteScope, target: SqlTarget, key: RowKey, original: Row): Promise<Row> {
  const current = await readRowByKey(scope.session, target, key, { transaction: scope.transaction, lock: true })
  if (!current && Object.keys(original).length === 0) throw notFound(target, key)
  assertUnchanged(target.table.name, original, current)
  return current!
}

function attemptOf(
  scope: WriteScope,
  target: SqlTarget,
  kind: WriteAttempt['kind'],
  values: WriteValues,
  writer: ModelWriter | null,
): WriteAttempt {
  return {
    session: scope.session,
    target,
    transaction: scope.transaction,
    kind,
    values,
    current: null,
    key: null,
    ...(writer ? { columnOfAttribute: writer.columnOfAttribute } : {}),
  }
}

/**
 * Runs one write statement so a refusal can be explained inside the transaction. PostgreSQL
 * aborts the whole transaction on any error, so the step runs in a savepoint it can roll back to
 * before the explaining queries run; MySQL and SQLite undo just the failed statement themselves.
 */
export async function guarded<T>(attempt: WriteAttempt, step: () => Promise<T>): Promise<T> {
  const { session, transaction } = attempt
  const savepoints = attempt.target.dialect === 'postgres'
  const run = (sql: string) => session.sequelize.query(sql, { transaction, type: QueryTypes.RAW })
  if (savepoints) await run('SAVEPOINT rowboat_step')
  try {
    const result = await step()
    if (savepoints) await run('RELEASE SAVEPOINT rowboat_step')
    return result
  } catch (error) {
    if (error instanceof AppError) throw error
    if (savepoints) {
      const rolledBack = await run('ROLLBACK TO SAVEPOINT rowboat_step').then(
        () => true,
        () => false,
      )
      if (!rolledBack) throw error
    }
    throw await explainWriteError(error, attempt)
  }
}

function unexpectedCount(target: SqlTarget, affected: number): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `Expected to change exactly one ${target.table.name} row, but ${affected} matched; nothing was changed.`,
    hint: 'Reload the table and try again.',
    details: { current: null },
  })
}
