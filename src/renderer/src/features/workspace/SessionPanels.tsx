import type { SessionInfo } from '../../../../shared/contract'
import { EMPTY_STRIP } from '../../stores/tab-strip'
import { useWorkspaceStore } from '../../stores/workspace'
import { instanceOf, keepsAlive, renderPanel } from './panels'

/**
 * What a session's tabs show: the active tab's panel, and every panel that stays mounted in the
 * background (record forms), hidden unless its tab is active. A session not shown (another
 * connection is) keeps only those, hidden, so what was typed in them waits for the switch back.
 */
export function SessionPanels({ session, shown }: { session: SessionInfo; shown: boolean }) {
  const strip = useWorkspaceStore((state) => state.strips[session.sessionId] ?? EMPTY_STRIP)
  const active = shown ? (strip.tabs.find((t) => t.id === strip.activeId) ?? null) : null
  return (
    <>
      {shown && !active && (
        <div style={{ padding: 24 }} className="muted">
          Choose a table on the left to browse its rows.
        </div>
      )}
      {active && !keepsAlive(active.view) && renderPanel(session, active.view, active.id)}
      {strip.tabs
        .filter((tab) => keepsAlive(tab.view))
        .map((tab) => (
          <div key={`${tab.id}:${instanceOf(tab.view)}`} className="kept-panel" hidden={!shown || tab.id !== strip.activeId}>
            {renderPanel(session, tab.view, tab.id)}
          </div>
        ))}
    </>
  )
}
