import type { SessionInfo } from '../../../../shared/contract'
import { EMPTY_STRIP } from '../../stores/tab-strip'
import { useWorkspaceStore } from '../../stores/workspace'
import { instanceOf, keepsAlive, renderPanel } from './panels'

/**
 * What the session's tabs show: the active tab's panel, and every panel that stays mounted in the
 * background (record forms), hidden unless its tab is active.
 */
export function SessionPanels({ session }: { session: SessionInfo }) {
  const strip = useWorkspaceStore((state) => state.strips[session.sessionId] ?? EMPTY_STRIP)
  const active = strip.tabs.find((t) => t.id === strip.activeId) ?? null
  return (
    <>
      {!active && (
        <div style={{ padding: 24 }} className="muted">
          Choose a table on the left to browse its rows.
        </div>
      )}
      {active && !keepsAlive(active.view) && renderPanel(session, active.view, active.id)}
      {strip.tabs
        .filter((tab) => keepsAlive(tab.view))
        .map((tab) => (
          <div key={`${tab.id}:${instanceOf(tab.view)}`} className="kept-panel" hidden={tab.id !== strip.activeId}>
            {renderPanel(session, tab.view, tab.id)}
          </div>
        ))}
    </>
  )
}
