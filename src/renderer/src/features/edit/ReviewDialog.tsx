import { useEffect, useState } from 'react'
import type { Operation } from '../../../../shared/contract'
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

type Preview = { state: 'loading' } | { state: 'ready'; statements: string[] } | { state: 'failed'; error: unknown }

/**
 * The exact SQL a commit will run, as the engine reports it from a dry run (rolled back), so what
 * is shown is what runs: never SQL put together here.
 */
export function ReviewDialog({ open, sessionId, operations, committing, onCommit, onClose }: ReviewDialogProps) {
  const [preview, setPreview] = useState<Preview>({ state: 'loading' })

  useEffect(() => {
    if (!open || operations.length === 0) return
    let live = true
    setPreview({ state: 'loading' })
    api
      .call('records.preview', { sessionId, operations })
      .then((answer) => live && setPreview({ state: 'ready', statements: answer.statements }))
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
