import { useSessionStore } from './stores/session'
import { ConnectScreen } from './features/connect/ConnectScreen'
import { Workspace } from './features/workspace/Workspace'

export function App() {
  const activeId = useSessionStore((state) => state.activeId)
  return activeId ? <Workspace /> : <ConnectScreen />
}
