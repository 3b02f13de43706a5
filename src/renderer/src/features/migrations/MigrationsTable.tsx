import type { MigrationStatus } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import type { RunRequest } from './ConfirmRunDialog'

export interface MigrationsTableProps {
  status: MigrationStatus
  /** False while a run is under way or the session may not change anything. */
  canRun: boolean
  onRequest(request: RunRequest): void
}

/** Every migration, oldest first: its state, when it was applied, and the per-row actions. */
export function MigrationsTable({ status, canRun, onRequest }: MigrationsTableProps) {
  return (
    <table className="migrations-table">
      <caption className="sr-only">Migrations, oldest first</caption>
      <thead>
        <tr>
          <th scope="col" className="migrations-num">
            #
          </th>
          <th scope="col">Migration</th>
          <th scope="col">State</th>
          <th scope="col">Applied</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {status.migrations.map((migration, index) => {
          // Alembic can stand on several branch heads at once: each revision says whether it is one.
          const current = migration.revision ? migration.revision.current : migration.name === status.current
          const applied = migration.state === 'applied'
          return (
            <tr key={migration.name} className={current ? 'migrations-current' : undefined} aria-current={current ? 'true' : undefined}>
              <td className="migrations-num">{index + 1}</td>
              <th scope="row" className="mono">
                {migration.name}
                {current && <span className="badge migrations-badge-current">current version</span>}
                {migration.revision?.head && <span className="badge">head</span>}
                {migration.revision && migration.revision.parents.length > 1 && (
                  <span className="badge">merges {migration.revision.parents.join(', ')}</span>
                )}
                {migration.message && <div className="muted migrations-message">{migration.message}</div>}
              </th>
              <td>
                <span className={`migrations-state migrations-state-${migration.state}`}>{applied ? 'Applied' : 'Pending'}</span>
              </td>
              <td>{applied ? <AppliedAt iso={migration.appliedAt} /> : <span className="muted">—</span>}</td>
              <td className="migrations-actions">
                {applied ? (
                  <Button
                    small
                    disabled={!canRun}
                    title="Reverts this migration and every one applied after it"
                    onClick={() => onRequest({ direction: 'down', to: migration.name })}
                  >
                    Roll back to<span className="sr-only"> {migration.name}</span>
                  </Button>
                ) : (
                  <Button
                    small
                    disabled={!canRun}
                    title="Applies the pending migrations up to and including this one"
                    onClick={() => onRequest({ direction: 'up', to: migration.name })}
                  >
                    Apply up to<span className="sr-only"> {migration.name}</span>
                  </Button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function AppliedAt({ iso }: { iso: string | null }) {
  if (!iso) return <span className="muted">date unknown</span>
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>
  return <time dateTime={iso}>{date.toLocaleString()}</time>
}
