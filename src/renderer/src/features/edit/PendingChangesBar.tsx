import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import './edit.css'
import { plural } from '../../text/plural'

export interface PendingChangesBarProps {
  count: number
  committing: boolean
  canUndo: boolean
  error: unknown
  /** Where the error points, in words ("row 3, email"), with a way to go there. */
  errorPlace: string | null
  onGoToError(): void
  onReview(): void
  onCommit(): void
  onDiscard(): void
  onUndo(): void
}

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'

/** How many changes are staged, with Review / Commit / Discard; and what a failed commit ran into. */
export function PendingChangesBar(props: PendingChangesBarProps) {
  const { count, committing, error, errorPlace } = props
  if (count === 0 && !error) return null
  return (
    <section className="pending-bar" aria-label="Pending changes">
      {error != null && (
        <div className="pending-error">
          <ErrorNote error={error} title={errorPlace ? `Nothing was saved. The problem is in ${errorPlace}:` : 'Nothing was saved:'} />
          {errorPlace && (
            <Button small onClick={props.onGoToError}>
              Go to the cell
            </Button>
          )}
        </div>
      )}
      {count > 0 && (
        <div className="row pending-actions">
          <span className="pending-count" role="status">
            {plural(count, 'pending change')}
          </span>
          <span className="muted pending-keys">
            {mod}S commits · {mod}Z undoes
          </span>
          <span className="grow" />
          <Button small onClick={props.onUndo} disabled={!props.canUndo || committing}>
            Undo
          </Button>
          <Button small onClick={props.onDiscard} disabled={committing}>
            Discard
          </Button>
          <Button small onClick={props.onReview} disabled={committing}>
            Review SQL…
          </Button>
          <Button small variant="primary" onClick={props.onCommit} disabled={committing}>
            {committing && <Spinner label="Committing" />}
            {committing ? 'Committing…' : 'Commit'}
          </Button>
        </div>
      )}
    </section>
  )
}
