import type { MigrationOwnership } from '../../../../shared/contract'
import { plural } from '../../text/plural'

/**
 * Shown instead of Rowboat's migration list on a database those migrations did not make: an app's
 * own database. Rowboat offers nothing to run there; it names the tools that keep the schema.
 */
export function NotManagedNote({ ownership }: { ownership: Extract<MigrationOwnership, { managed: false }> }) {
  return (
    <div className="note note-warning migrations-not-managed" role="note" aria-label="Not managed by Rowboat's migrations">
      <p>
        <strong>This database is not managed by Rowboat's migrations.</strong> It has {plural(ownership.tables, 'table')} that Rowboat's
        sample migrations did not create, so none of them is offered here: applying them could build tables beside your app's, and rolling
        back could drop your app's own.
      </p>
      {ownership.otherTools.length > 0 ? (
        <>
          <p>Its schema is kept by:</p>
          <ul className="migrations-other-tools">
            {ownership.otherTools.map((tool) => (
              <li key={`${tool.tool}:${tool.table}`}>
                {tool.tool} — table <span className="mono">{tool.table}</span>
                {tool.current && (
                  <>
                    , at <span className="mono">{tool.current}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p className="muted">
            Change it with that tool's own commands (for example `flask db upgrade` or `npx sequelize-cli db:migrate`).
          </p>
        </>
      ) : (
        <p className="muted">No other tool's migration table was found.</p>
      )}
    </div>
  )
}
