import type { BatchProblem, BatchReview, Operation, StatementKind } from '../../../shared/contract'
import { AppError, type ErrorCode } from '../../../shared/errors'
import type { Session } from '../connection/sessions'
import { previewBatch } from './batch'
import { isDatabaseRefusal, operationIndexOf, queryFailed } from './errors'

/** Refusals that concern one operation's values; anything else (a conflict, a lost connection) fails the whole Review. */
const VALUE_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION',
  'UNIQUE_VIOLATION',
  'FK_VIOLATION',
  'QUERY_FAILED',
  'INVALID_INPUT',
  'COLUMN_NOT_FOUND',
])
/** Each refused operation costs one more dry run; past this many the Review fails as the commit would. */
const MAX_PROBLEMS = 20

/**
 * The Review of staged edits: the dry run of previewBatch, but an operation the database refuses
 * does not hide the others. It is set aside as a problem (operation and column named) and the dry
 * run repeated without it, so the statements of every acceptable operation are still shown.
 */
export async function reviewBatch(session: Session, operations: Operation[]): Promise<BatchReview> {
  const problems: BatchProblem[] = []
  // Positions in `operations` of the ones still in the dry run.
  let kept = operations.map((_, index) => index)
  for (;;) {
    if (kept.length === 0) return { statements: [], kinds: [], differences: [], problems }
    try {
      const preview = await previewBatch(
        session,
        kept.map((index) => operations[index]),
      )
      const differences = preview.differences.map((d) => ({ ...d, operationIndex: kept[d.operationIndex] }))
      return { ...preview, differences, kinds: preview.statements.map(statementKind), problems }
    } catch (error) {
      const refused = refusalOf(error, session)
      if (!refused || problems.length >= MAX_PROBLEMS) throw error
      const original = kept[refused.index]
      problems.push(...refused.issues.map((issue) => ({ operationIndex: original, table: operations[original].table, ...issue })))
      kept = kept.filter((index) => index !== original)
    }
  }
}

/** Which operation a refusal is about, and what it says per column (the "Operation n:" prefix dropped: the Review names it). */
function refusalOf(error: unknown, session: Session): { index: number; issues: Array<{ column: string | null; message: string }> } | null {
  if (error instanceof AppError) {
    const index = error.details?.operationIndex
    if (index === undefined || !VALUE_REFUSALS.has(error.code)) return null
    const fields = error.details?.fields ?? []
    if (fields.length > 0) return { index, issues: fields.map((f) => ({ column: f.field || null, message: f.message })) }
    const column = error.field ?? error.details?.columns?.[0] ?? null
    return { index, issues: [{ column, message: error.message.replace(/^Operation \d+: /, '') }] }
  }
  const index = operationIndexOf(error)
  if (index === undefined || !isDatabaseRefusal(error)) return null
  const mapped = queryFailed(error, session.password)
  return { index, issues: [{ column: mapped.field ?? null, message: mapped.message }] }
}

/** Told apart by the statement's first word: the engine wrote these statements, so the word is reliable. */
export function statementKind(sql: string): StatementKind {
  const word = /^\s*\(?\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? ''
  if (['BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'END'].includes(word)) return 'transaction'
  if (['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE'].includes(word)) return 'write'
  return 'check'
}
