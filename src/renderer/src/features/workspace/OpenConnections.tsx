import { Button } from '../../components/Button'
import { serverLabel } from '../../../../shared/server-label'
import { useSessionStore, type SessionOrigin } from '../../stores/session'

export const sessionName = (origin: SessionOrigin | undefined, display: string): string =>
  origin?.kind === 'saved' ? origin.connection.name : (origin?.name ?? display)

/**
 * The connections open at once, at the top of the sidebar: one click (or Enter) shows another; each
 * keeps its own tabs, and switching closes nothing. "Open another…" goes to the connection screen.
 */
export function OpenConnections({ current, onSwitch }: { current: string; onSwitch(sessionId: string | null): void }) {
  const { sessions, origins } = useSessionStore()
  return (
    <nav className="open-connections" aria-label="Open connections">
      <ul>
        {sessions.map((s) => {
          const origin = origins[s.sessionId]
          const color = origin?.kind === 'saved' ? origin.connection.color : null
          const here = s.sessionId === current
          return (
            <li key={s.sessionId}>
              <button
                type="button"
                className={`open-connection${here ? ' open-connection-current' : ''}`}
                aria-current={here ? 'true' : undefined}
                title={s.display}
                onClick={() => !here && onSwitch(s.sessionId)}
              >
                <span className="color-dot" style={{ background: color ?? 'transparent' }} aria-hidden />
                <span className="open-connection-name">{sessionName(origin, s.display)}</span>
                <span className="muted open-connection-kind" aria-hidden>
                  {serverLabel(s.dialect, s.serverVersion).split(' ')[0]}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
      <Button
        small
        variant="ghost"
        onClick={() => onSwitch(null)}
        title="The connection screen: open another database (this one stays open)"
      >
        Open another…
      </Button>
    </nav>
  )
}
