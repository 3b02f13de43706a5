import { useEffect, useState } from 'react'
import type { DataLoss, MigrationPlan, MigrationPreview } from '../../../../shared/contract'
import type { Dialect } from '../../../../shared/connection-types'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { plural } from '../../text/plural'

/** What the user asked for; `to` absent = all pending (up) or only the last (down). */
export interface RunRequest {
  direction: 'up' | 'down'
  to?: string
}

export interface ConfirmRunDialogProps {
  sessionId: string
  dialect: Dialect
  request: RunRequest | null
  onCancel(): void
  /** Called with the names the user saw, in the order they will run. */
  onConfirm(request: RunRequest, planned: string[]): void
}

type PlanState = { kind: 'loading' } | { kind: 'ready'; plan: MigrationPlan } | { kind: 'error'; error: unknown }
const LOADING: PlanState = { kind: 'loading' }

/** Asks the engine what exactly would run (and what a rollback would destroy) before anything runs. */
export function ConfirmRunDialog({ sessionId, dialect, request, onCancel, onConfirm }: ConfirmRunDialogProps) {
  // Tagged with the request it answers, so a plan for an earlier request is never shown (or confirmed).
  const [answer, setAnswer] = useState<{ for: RunRequest; state: PlanState } | null>(null)
  const plan = answer && answer.for === request ? answer.state : LOADING

  useEffect(() => {
    if (!request) return
    let live = true
    api
      .call('migrations.plan', { sessionId, direction: request.direction, to: request.to })
      .then((value) => live && setAnswer({ for: request, state: { kind: 'ready', plan: value } }))
      .catch((error: unknown) => live && setAnswer({ for: request, state: { kind: 'error', error } }))
    return () => {
      live = false
    }
  }, [sessionId, request])

  const up = request?.direction === 'up'
  const names = plan.kind === 'ready' ? plan.plan.migrations : []
  const action = `${up ? 'Apply' : 'Roll back'} ${plural(names.length, 'migration')}`
  const title = plan.kind === 'ready' && names.length > 0 ? `${action}?` : up ? 'Apply migrations' : 'Roll back migrations'
  const losing = plan.kind === 'ready' ? plan.plan.dataLoss.filter((loss) => loss.rows > 0) : []
  const emptyDrops = plan.kind === 'ready' ? plan.plan.dataLoss.filter((loss) => loss.rows === 0) : []

  return (
    <Dialog
      open={request !== null}
      onClose={onCancel}
      title={title}
      footer={
        <>
          <Button onClick={onCancel}>{names.length > 0 ? 'Cancel' : 'Close'}</Button>
          {request && names.length > 0 && (
            <Button variant={up ? 'primary' : 'danger-solid'} onClick={() => onConfirm(request, names)}>
              {action}
            </Button>
          )}
        </>
      }
    >
      {plan.kind === 'loading' && (
        <p className="row">
          <Spinner label="Working out what would run" /> Working out what would run…
        </p>
      )}
      {plan.kind === 'error' && <ErrorNote error={plan.error} title="Could not work out what would run" />}
      {plan.kind === 'ready' && names.length === 0 && <p>Nothing to run: {up ? 'no migration is pending' : 'no migration is applied'}.</p>}
      {plan.kind === 'ready' && names.length > 0 && (
        <>
          <p>{up ? 'These migrations will be applied' : 'These migrations will be rolled back'}, in this order:</p>
          <ol className="migrations-plan" aria-label="Migrations that will run">
            {names.map((name) => (
              <li key={name} className="mono">
                {name}
              </li>
            ))}
          </ol>
          {losing.length > 0 && (
            <div className="note note-warning" role="note" aria-label="Data that would be lost">
              <div className="note-title">Rolling back deletes data</div>
              <ul className="migrations-loss">
                {losing.map((loss) => (
                  <li key={lossKey(loss)}>{describeLoss(loss)}</li>
                ))}
              </ul>
              <div className="note-hint">
                These values are gone for good once the rollback runs; export them first if you may need them.
              </div>
            </div>
          )}
          {emptyDrops.length > 0 && (
            <p className="muted">Also removed, holding no data now: {emptyDrops.map((loss) => place(loss)).join(', ')}.</p>
          )}
          <SqlPreview preview={plan.plan.preview} up={up} />
          {dialect === 'mysql' && (
            <p className="muted">
              MySQL/MariaDB commit each schema change on its own: if a migration fails part-way, its changes so far stay and the schema may
              need fixing by hand.
            </p>
          )}
        </>
      )}
    </Dialog>
  )
}

/** The exact SQL that will run, behind "Show SQL"; or, plainly, why it cannot be known first. */
function SqlPreview({ preview, up }: { preview: MigrationPreview; up: boolean }) {
  if (preview.kind === 'unavailable') {
    return (
      <p className="note migrations-no-preview" role="note" aria-label="No SQL preview">
        No SQL preview: {preview.reason}
      </p>
    )
  }
  return (
    <details className="migrations-preview">
      <summary>Show SQL</summary>
      <p className="muted">Exactly what {up ? 'applying' : 'rolling back'} will execute:</p>
      <pre className="mono migrations-sql" aria-label="SQL that will run" tabIndex={0}>
        {preview.sql.trim() || '-- (no statements)'}
      </pre>
    </details>
  )
}

const lossKey = (loss: DataLoss) => `${loss.table}.${loss.column ?? ''}`
const place = (loss: DataLoss) => (loss.column ? `${loss.table}.${loss.column}` : `table ${loss.table}`)

/** "users.bio: 7 rows hold data" — the form the issue asks for; a whole table reads "table notes: …". */
export function describeLoss(loss: DataLoss): string {
  return `${place(loss)}: ${plural(loss.rows, 'row holds', 'rows hold')} data`
}
