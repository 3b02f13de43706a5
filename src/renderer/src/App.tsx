import { useActiveSession, useSessionStore } from './stores/session'
import { ConnectScreen } from './features/connect/ConnectScreen'
import { ServerDatabases } from './features/connect/ServerDatabases'
import { Workspace } from './features/workspace/Workspace'

export function App() {
  const activeId = useSessionStore((state) => state.activeId)
  const active = useActiveSession()
  // A MySQL URL without a database: the server's databases to choose from, before any workspace.
  if (active?.serverLevel) return <ServerDatabases session={active} />
  return activeId ? <Workspace /> : <ConnectScreen />
}
