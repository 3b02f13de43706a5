import { useEffect, useState } from 'react'
import type { Operation, StoredDifference } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'

export interface ReviewDialogProps {
  open: boolean
  sessionId: string
  operations: Operation[]
  committing: boolean
  onCommit(): void
  onClose(): void
}

type Preview = { state: 'loading' } | { state: 'ready'; statements: string[]; differences: StoredDifference[] } | { state: 'failed'; error: unknown }

/**
 * The exact SQL a commit will run, as the engine reports it from a dry run (rolled back), so what
 * is shown is what runs: never SQL put together here. Above it, each value the database would
 * store differently from what was typed (rounded to the column's scale, a fraction or zone dropped).
 */
export function ReviewDialog({ open, sessionId, operations, committing, onCommit, onClose }: ReviewDialogProps) {
  const [preview, setPreview] = useState<Preview>({ state: 'loading' })

  useEffect(() => {
    if (!open || operations.length === 0) return
    let live = true
    setPreview({ state: 'loading' })
    api
      .call('records.preview', { sessionId, operations })
      .then((answer) => live && setPreview({ state: 'ready', statements: answer.statements, differences: answer.differences }))
      .catch((error: unknown) => live && setPreview({ state: 'failed', error }))
    return () => {
      live = false
    }
  }, [open, sessionId, operations])

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
          <Button variant="primary" onClick={onCommit} disabled={committing || operations.length === 0}>
            {committing ? <Spinner label="Committing" /> : null}
            Commit {operations.length === 1 ? '1 operation' : `${operations.length} operations`}
          </Button>
        </>
      }
    >
      <p className="muted">These statements run in one transaction when you commit: all of them, or none if one fails.</p>
      {preview.state === 'loading' && (
        <p>
          <Spinner label="Preparing the statements" /> Preparing the statements…
        </p>
      )}
      {preview.state === 'failed' && <ErrorNote error={preview.error} title="The database would refuse these changes" />}
      {preview.state === 'ready' && preview.differences.length > 0 && <StoredDifferences differences={preview.differences} />}
      {preview.state === 'ready' && (
        <ol className="review-statements" aria-label="SQL statements">
          {preview.statements.map((statement, index) => (
            <li key={index}>
              <pre className="mono">{statement}</pre>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  )
}

/** The values the database would not keep as typed, so nobody commits a rounding unawares. */
function StoredDifferences({ differences }: { differences: StoredDifference[] }) {
  return (
    <div className="note note-warning review-differences" role="status">
      <p>
        The database will store {differences.length === 1 ? 'this value' : `these ${differences.length} values`} differently from what was typed:
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
