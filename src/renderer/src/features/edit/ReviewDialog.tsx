import { useEffect, useRef, useState } from 'react'
import type { BatchProblem, Operation, StatementKind, StoredDifference } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { inflect, plural } from '../../text/plural'

export interface ReviewDialogProps {
  open: boolean
  sessionId: string
  operations: Operation[]
  committing: boolean
  /** Where operation i is, in words ("users id = 3"), to name a refused one. */
  describeOperation(index: number): string
  /** The operations the database would refuse, so the grid can mark their cells. */
  onProblems(problems: BatchProblem[]): void
  /** Closes the Review and puts the cursor on the operation's cell. */
  onGoTo(problem: BatchProblem): void
  onCommit(): void
  onClose(): void
}

type Preview =
  | { state: 'loading' }
  | {
      state: 'ready'
      statements: string[]
      kinds: StatementKind[]
      differences: StoredDifference[]
      problems: BatchProblem[]
      operations: Operation[]
    }
  | { state: 'failed'; error: unknown; operations: Operation[] }

const LOADING: Preview = { state: 'loading' }

/**
 * The exact SQL a commit will run, as the engine reports it from a dry run (rolled back), so what
 * is shown is what runs: never SQL put together here. Above it, each value the database would
 * store differently from what was typed (rounded to the column's scale, a fraction or zone dropped).
 * An operation the database would refuse is named (row and column) and Commit waits until it is
 * fixed; the others still show their SQL. The writes show by default, the checks (row locks and
 * comparisons, read-backs) and the transaction on demand.
 */
export function ReviewDialog({
  open,
  sessionId,
  operations,
  committing,
  describeOperation,
  onProblems,
  onGoTo,
  onCommit,
  onClose,
}: ReviewDialogProps) {
  const [answered, setPreview] = useState<Preview>(LOADING)
  // An answer is shown only for the operations it was asked about: reopened after an edit, the
  // previous dry run's SQL and refused values never show (not even for the frame before the new one starts).
  const preview = answered.state !== 'loading' && answered.operations === operations ? answered : LOADING
  const [showChecks, setShowChecks] = useState(false)
  const [copied, setCopied] = useState<'copied' | 'refused' | null>(null)
  // The caller's callback, read when the answer comes (it is not an input of the dry run).
  const problemsTo = useRef(onProblems)
  useEffect(() => {
    problemsTo.current = onProblems
  }, [onProblems])

  useEffect(() => {
    if (!open || operations.length === 0) return
    let live = true
    setCopied(null)
    api
      .call('records.preview', { sessionId, operations })
      .then((answer) => {
        if (!live) return
        setPreview({ state: 'ready', ...answer, operations })
        problemsTo.current(answer.problems)
      })
      .catch((error: unknown) => live && setPreview({ state: 'failed', error, operations }))
    return () => {
      live = false
    }
  }, [open, sessionId, operations])

  const shown = preview.state === 'ready' ? preview.statements.filter((_, i) => showChecks || preview.kinds[i] === 'write') : []
  const checks = preview.state === 'ready' ? preview.kinds.filter((kind) => kind !== 'write').length : 0
  const problems = preview.state === 'ready' ? preview.problems : []
  const copy = () => {
    navigator.clipboard.writeText(shown.map((statement) => `${statement};`).join('\n')).then(
      () => setCopied('copied'),
      () => setCopied('refused'),
    )
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Review changes"
      label="Review changes"
      wide
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button
            variant="primary"
            onClick={onCommit}
            disabled={committing || operations.length === 0 || problems.length > 0 || preview.state === 'loading'}
            title={
              problems.length > 0
                ? 'Fix the refused values first'
                : preview.state === 'loading'
                  ? 'Waiting for the dry run to check these changes'
                  : undefined
            }
          >
            {committing ? <Spinner label="Committing" /> : null}
            Commit {plural(operations.length, 'operation')}
          </Button>
        </>
      }
    >
      <p className="muted">These statements run in one transaction when you commit: all of them, or none if one fails.</p>
      {problems.length > 0 && <Problems problems={problems} describeOperation={describeOperation} onGoTo={onGoTo} />}
      {preview.state === 'loading' && (
        <p>
          <Spinner label="Preparing the statements" /> Preparing the statements…
        </p>
      )}
      {preview.state === 'failed' && <ErrorNote error={preview.error} title="The database would refuse these changes" />}
      {preview.state === 'ready' && preview.differences.length > 0 && <StoredDifferences differences={preview.differences} />}
      {preview.state === 'ready' && (
        <>
          <div className="row review-tools">
            <label>
              <input type="checkbox" checked={showChecks} onChange={(event) => setShowChecks(event.target.checked)} /> Show the checks and
              the transaction ({plural(checks, 'statement')})
            </label>
            <Button onClick={copy} disabled={shown.length === 0}>
              Copy SQL
            </Button>
            {copied && (
              <span role="status" className="muted">
                {copied === 'copied' ? `Copied ${plural(shown.length, 'statement')}.` : 'The clipboard refused the text.'}
              </span>
            )}
          </div>
          <ol className="review-statements" aria-label="SQL statements">
            {shown.map((statement, index) => (
              <li key={index}>
                <pre className="mono">{statement}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  )
}

/** The operations the database would refuse, by row and column, each with a way to its cell. */
function Problems({
  problems,
  describeOperation,
  onGoTo,
}: {
  problems: BatchProblem[]
  describeOperation(index: number): string
  onGoTo(problem: BatchProblem): void
}) {
  return (
    <div className="note note-error review-problems" role="alert">
      <p>
        The database would refuse {inflect(problems.length, 'this value', `these ${problems.length} values`)}: fix{' '}
        {inflect(problems.length, 'it', 'them')} before committing. The statements below are those of the other changes.
      </p>
      <ul aria-label="Refused values">
        {problems.map((problem, index) => (
          <li key={index}>
            <strong>
              {describeOperation(problem.operationIndex)}
              {problem.column ? `, column ${problem.column}` : ''}
            </strong>
            : {problem.message} <Button onClick={() => onGoTo(problem)}>Go to cell</Button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The values the database would not keep as typed, so nobody commits a rounding unawares. */
function StoredDifferences({ differences }: { differences: StoredDifference[] }) {
  return (
    <div className="note note-warning review-differences" role="status">
      <p>
        The database will store {inflect(differences.length, 'this value', `these ${differences.length} values`)} differently from what was
        typed:
      </p>
      <table aria-label="Values stored differently">
        <thead>
          <tr>
            <th>Operation</th>
            <th>Column</th>
            <th>Typed</th>
            <th>Stored</th>
          </tr>
        </thead>
        <tbody>
          {differences.map((d) => (
            <tr key={`${d.operationIndex}:${d.column}`}>
              <td>
                {d.operationIndex + 1} ({d.table})
              </td>
              <td>{d.column}</td>
              <td className="mono">{d.typed}</td>
              <td className="mono">{d.stored}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
