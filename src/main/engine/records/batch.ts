import type { BatchPreview, CopyFrom, Operation, OperationResult } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Row } from '../../../shared/values'
import type { Session } from '../connection/sessions'
import { captureStatements } from '../connection/statement-log'
import { inWriteTransaction, loadTarget } from './access'
import { rememberOperationIndex, withOperationIndex } from './errors'
import { storedDifferences } from './stored-differences'
import type { SqlTarget } from './target'
import { deleteRow, insertRow, updateRow, type DeleteRequest, type UpdateRequest, type WriteScope } from './write'
import type { WriteValues } from './statements'

/** The single-row writes, each in its own transaction. */
export async function insertRecord(session: Session, table: string, values: WriteValues, copyFrom?: CopyFrom): Promise<Row> {
  const target = await loadTarget(session, table)
  return inWriteTransaction(session, (transaction) => insertRow({ session, transaction }, target, values, copyFrom))
}

export async function updateRecord(session: Session, table: string, request: UpdateRequest): Promise<Row> {
  const target = await loadTarget(session, table)
  return inWriteTransaction(session, (transaction) => updateRow({ session, transaction }, target, request))
}

export async function deleteRecord(session: Session, table: string, request: DeleteRequest): Promise<{ deleted: number }> {
  const target = await loadTarget(session, table)
  const deleted = await inWriteTransaction(session, (transaction) => deleteRow({ session, transaction }, target, request))
  return { deleted }
}

/**
 * Staged edits: every operation in one transaction, in order, all or nothing. A failure names the
 * operation (details.operationIndex) and undoes the ones before it.
 */
export async function runBatch(session: Session, operations: Operation[], dryRun?: DryRun): Promise<OperationResult[]> {
  // Tables are described before the transaction starts: describing queries outside it, and on
  // SQLite (one pooled connection) that would wait for the transaction forever.
  const targets = new Map<string, SqlTarget>()
  for (const [index, operation] of operations.entries()) {
    if (targets.has(operation.table)) continue
    try {
      targets.set(operation.table, await loadTarget(session, operation.table))
    } catch (error) {
      throw annotate(error, index)
    }
  }
  return inWriteTransaction(session, async (transaction) => {
    if (dryRun) captureStatements(session.sequelize, transaction, dryRun.statements)
    const scope: WriteScope = { session, transaction }
    const results: OperationResult[] = []
    for (const [index, operation] of operations.entries()) {
      try {
        results.push(await runOperation(scope, targets.get(operation.table)!, operation))
      } catch (error) {
        throw annotate(error, index)
      }
    }
    if (dryRun) {
      // The rows as the database now holds them, read inside the transaction about to be undone.
      dryRun.results = results
      throw new DryRunFinished()
    }
    return results
  })
}

/** A batch run for review: everything executes (so failures show now), then all of it is rolled back. */
interface DryRun {
  statements: string[]
  results?: OperationResult[]
}

class DryRunFinished extends Error {}

/**
 * The exact statements a batch runs, found by running it inside a transaction that is always
 * rolled back. Auto-increment counters are not transactional, so a reviewed insert may leave a
 * gap in the ids; that is the price of showing the real SQL rather than an imitation of it.
 */
export async function previewBatch(session: Session, operations: Operation[]): Promise<BatchPreview> {
  const dryRun: DryRun = { statements: [] }
  try {
    await runBatch(session, operations, dryRun)
  } catch (error) {
    if (!(error instanceof DryRunFinished)) throw error
  }
  const [begin, commit] = session.config.dialect === 'sqlite' ? ['BEGIN IMMEDIATE', 'COMMIT'] : ['BEGIN', 'COMMIT']
  const tables = new Map<string, SqlTarget>()
  for (const operation of operations)
    if (!tables.has(operation.table)) tables.set(operation.table, await loadTarget(session, operation.table))
  const differences = storedDifferences(
    session.config.dialect,
    operations,
    dryRun.results ?? [],
    (table) => tables.get(table)?.table.columns ?? [],
  )
  return { statements: [begin, ...dryRun.statements, commit], differences }
}

async function runOperation(scope: WriteScope, target: SqlTarget, operation: Operation): Promise<OperationResult> {
  switch (operation.kind) {
    case 'insert':
      return { kind: 'insert', row: await insertRow(scope, target, operation.values, operation.copyFrom) }
    case 'update':
      return { kind: 'update', row: await updateRow(scope, target, operation) }
    case 'delete':
      return { kind: 'delete', deleted: await deleteRow(scope, target, operation) }
  }
}

/** AppErrors get details.operationIndex now; raw database errors remember it for the handler's mapping. */
function annotate(error: unknown, index: number): unknown {
  if (error instanceof AppError) return withOperationIndex(error, index)
  rememberOperationIndex(error, index)
  return error
}
