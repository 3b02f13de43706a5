import { useEffect, useRef } from 'react'
import type { MigrationStatus } from '../../../../shared/contract'
import { ErrorNote } from '../../components/ErrorNote'
import type { RunOutcome, RunProgress, StepState } from '../../stores/migrations'
import { plural } from '../../text/plural'

const STEP_LABEL: Record<StepState, string> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed' }
const STEP_MARK: Record<StepState, string> = { waiting: '○', running: '◐', done: '✓', failed: '✗' }

const migrations = (n: number) => plural(n, 'migration')

/** The sentence the live region announces: the step under way, or how the last run ended. */
export function runAnnouncement(run: RunProgress | null, outcome: RunOutcome | null): string {
  if (run) {
    if (run.cancelling) return 'Cancelling: stopping the tool, then reading back what stayed applied…'
    const verb = run.direction === 'up' ? 'Applying' : 'Rolling back'
    const index = run.steps.findIndex((step) => step.state === 'running')
    if (index < 0)
      return run.steps.every((step) => step.state === 'waiting')
        ? `${verb} ${migrations(run.steps.length)}: starting…`
        : `${verb}: finishing…`
    return `${verb} ${run.steps[index].name} (${index + 1} of ${run.steps.length})…`
  }
  if (outcome?.kind === 'success') {
    if (outcome.ran.length === 0) return 'Nothing needed to run: another runner had already done it.'
    return `${outcome.direction === 'up' ? 'Applied' : 'Rolled back'} ${migrations(outcome.ran.length)}.`
  }
  if (outcome?.kind === 'failure' && outcome.cancelled)
    return outcome.migration ? `Cancelled: ${outcome.migration} did not complete.` : 'Cancelled.'
  if (outcome?.kind === 'failure') return outcome.migration ? `Stopped: ${outcome.migration} failed.` : 'The run did not start.'
  return ''
}

/** Each planned migration and how far it has got, with an overall progress bar. */
export function RunSteps({ run }: { run: RunProgress }) {
  const finished = run.steps.filter((step) => step.state === 'done').length
  return (
    <div className="migrations-run">
      <progress className="migrations-progress" max={run.steps.length} value={finished} aria-label="Migrations finished" />
      <ol className="migrations-steps" aria-label="Run progress">
        {run.steps.map((step) => (
          <li key={step.name} className={`migrations-step migrations-step-${step.state}`}>
            <span aria-hidden className="migrations-step-mark">
              {STEP_MARK[step.state]}
            </span>
            <span className="mono">{step.name}</span> <span className="muted">{STEP_LABEL[step.state]}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** A failed run: which migration, its error, what completed before it, and where the database is now. */
export function RunFailure({ outcome, status }: { outcome: Extract<RunOutcome, { kind: 'failure' }>; status: MigrationStatus | null }) {
  const kept = outcome.direction === 'up' ? 'stay applied' : 'stay rolled back'
  const pending = status?.migrations.filter((m) => m.state === 'pending').length ?? 0
  return (
    <div className="migrations-failure">
      <ErrorNote error={outcome.error} title={failureTitle(outcome)} />
      {outcome.completed.length > 0 && (
        <p>
          Completed before it in this run, and {kept}: <span className="mono">{outcome.completed.join(', ')}</span>.
        </p>
      )}
      {status && (
        <p>
          The database is now at {status.current ? <span className="mono">{status.current}</span> : 'no migration (nothing applied)'}, with{' '}
          {migrations(pending)} pending.
          {outcome.partiallyApplied && outcome.migration && !outcome.cancelled && (
            <>
              {' '}
              <strong>
                <span className="mono">{outcome.migration}</span> may be partly applied
              </strong>
              : check the tables it touches before running it again.
            </>
          )}
        </p>
      )}
    </div>
  )
}

function failureTitle(outcome: Extract<RunOutcome, { kind: 'failure' }>): string {
  if (outcome.cancelled) return outcome.migration ? `Cancelled during ${outcome.migration}` : 'Cancelled'
  return outcome.migration ? `Migration ${outcome.migration} failed` : 'The migrations did not run'
}

/** The project's own tool (Alembic) speaking while it runs: its lines as they come, newest kept in view. */
export function RunLog({ lines }: { lines: string[] }) {
  const ref = useRef<HTMLPreElement>(null)
  useEffect(() => {
    const pre = ref.current
    if (pre) pre.scrollTop = pre.scrollHeight
  }, [lines])
  return (
    <pre ref={ref} className="mono migrations-output" role="log" aria-label="Tool output" tabIndex={0}>
      {lines.join('\n')}
    </pre>
  )
}

/** What the project's own tool (Alembic) printed during a run that ended. */
export function RunOutput({ output }: { output: string }) {
  return (
    <details className="migrations-preview">
      <summary>What the tool printed</summary>
      <pre className="mono migrations-output" tabIndex={0}>
        {output.trim()}
      </pre>
    </details>
  )
}
