import { useEffect, useRef, useState } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { useMigrationsStore, useSessionMigrations } from '../../stores/migrations'
import { useSessionStore } from '../../stores/session'
import { ConfirmRunDialog, type RunRequest } from './ConfirmRunDialog'
import { MigrationSource } from './MigrationSource'
import { MigrationsTable } from './MigrationsTable'
import { NotManagedNote } from './NotManagedNote'
import { RunFailure, RunLog, RunOutput, RunSteps, runAnnouncement } from './RunReport'
import './migrations.css'

/** The open session's migrations: their state, and applying or rolling them back after a confirmation. */
export function MigrationsPanel({ sessionId }: { sessionId: string }) {
  const session = useSessionStore((state) => state.sessions.find((s) => s.sessionId === sessionId) ?? null)
  const { status, loading, loadError, run, outcome } = useSessionMigrations(sessionId)
  const load = useMigrationsStore((state) => state.load)
  const start = useMigrationsStore((state) => state.run)
  const cancel = useMigrationsStore((state) => state.cancel)
  const [request, setRequest] = useState<RunRequest | null>(null)
  const outcomeRef = useRef<HTMLDivElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    void load(sessionId)
  }, [sessionId, load])

  // The button that started a run is disabled while it runs and loses focus; bring keyboard users to the result.
  // Only a run that ends while the panel is shown moves focus; coming back to the panel does not.
  const shownOutcome = useRef(outcome)
  useEffect(() => {
    if (outcome === shownOutcome.current) return
    shownOutcome.current = outcome
    if (outcome?.kind === 'failure') outcomeRef.current?.focus()
    else if (outcome?.kind === 'success') headingRef.current?.focus()
  }, [outcome])

  const readOnly = session?.readOnly ?? false
  // Ownership matters only for Rowboat's own set, which never runs on a database it did not make
  // (an app's own database). A project folder's migrations are that app's own: they run there.
  const rowboatSource = status === null || status.source.kind === 'rowboat'
  const ownership = rowboatSource ? (status?.ownership ?? null) : null
  // A kept project folder that has gone: the source line says so, and there is nothing to list or run.
  const managed = ownership?.managed !== false && status?.source.problem === undefined
  const canRun = !run && !readOnly && status !== null && managed
  const pending = status?.migrations.filter((m) => m.state === 'pending').length ?? 0
  const applied = (status?.migrations.length ?? 0) - pending

  const confirm = (confirmed: RunRequest, planned: string[]) => {
    setRequest(null)
    void start(sessionId, confirmed.direction, confirmed.to, planned)
  }

  return (
    <section className="migrations" aria-labelledby="migrations-title" aria-busy={run !== null}>
      <header className="migrations-header">
        <div className="grow">
          <h2 id="migrations-title" ref={headingRef} tabIndex={-1}>
            Migrations
          </h2>
          {status && managed && (
            <p className="muted migrations-summary">
              {status.current ? (
                <>
                  Current version <span className="mono">{status.current}</span>
                </>
              ) : (
                'No migration applied yet'
              )}{' '}
              · {applied} applied · {pending} pending
            </p>
          )}
        </div>
        <div className="row migrations-toolbar">
          <Button variant="primary" disabled={!canRun || pending === 0} onClick={() => setRequest({ direction: 'up' })}>
            Apply all pending
          </Button>
          <Button variant="danger" disabled={!canRun || applied === 0} onClick={() => setRequest({ direction: 'down' })}>
            Roll back last
          </Button>
          {run && status?.source.kind === 'alembic' && (
            <Button variant="danger" disabled={run.cancelling} onClick={() => void cancel(sessionId)}>
              Cancel run
            </Button>
          )}
          <Button variant="ghost" disabled={loading || run !== null} onClick={() => void load(sessionId)}>
            Refresh
          </Button>
        </div>
      </header>

      <MigrationSource sessionId={sessionId} source={status?.source ?? null} disabled={run !== null} />

      {readOnly && <p className="note note-warning">This connection is read-only: you can see its migrations but not run them.</p>}

      <div role="status" aria-label="Migration run" className="migrations-announce">
        {/* A plain spinner: the Spinner component is a status region itself, and live regions must not nest. */}
        {run && <span className="spinner" aria-hidden />}
        {runAnnouncement(run, outcome)}
      </div>

      {run && <RunSteps run={run} />}
      {run && run.output.length > 0 && <RunLog lines={run.output} />}
      {!run && outcome?.output && (outcome.kind === 'success' || outcome.cancelled) && <RunOutput output={outcome.output} />}

      {outcome?.kind === 'failure' && !run && (
        <div ref={outcomeRef} tabIndex={-1} className="migrations-outcome">
          <RunFailure outcome={outcome} status={status} />
        </div>
      )}

      {loadError !== null && <ErrorNote error={loadError} title="Could not read the migrations" />}
      {loading && !status && (
        <p className="row">
          <Spinner label="Reading migrations" /> Reading migrations…
        </p>
      )}
      {ownership && !ownership.managed && <NotManagedNote ownership={ownership} />}
      {status && managed && (
        <div className="migrations-table-wrap">
          <MigrationsTable status={status} canRun={canRun} onRequest={setRequest} />
        </div>
      )}

      {session && (
        <ConfirmRunDialog
          sessionId={sessionId}
          dialect={session.dialect}
          request={request}
          onCancel={() => setRequest(null)}
          onConfirm={confirm}
        />
      )}
    </section>
  )
}
