import { useEffect } from 'react'
import { api } from '../../api'
import { describeError } from '../../components/ErrorNote'
import { useConnectionsStore } from '../../stores/connections'

/**
 * On the very first start the host offers the sample database (app.startup): it is opened at once,
 * so a newcomer lands on tables, not on an empty form. The host answers the offer only once, so a
 * reload or a second window shows the connect screen. A failure to open it is said, not hidden.
 */
let asked = false

export function useOpenAtStart(announce: (text: string) => void): void {
  useEffect(() => {
    // Once per page load (StrictMode runs effects twice; the connect screen also remounts after a disconnect).
    if (asked) return
    asked = true
    void (async () => {
      const { open } = await api.call('app.startup', {})
      if (!open) return
      const store = useConnectionsStore.getState()
      if (store.status !== 'ready') await store.load()
      const connection = useConnectionsStore.getState().connections.find((c) => c.id === open)
      if (!connection) return
      announce(`Opening ${connection.name}…`)
      try {
        await useConnectionsStore.getState().open(connection)
      } catch (error) {
        announce(`${connection.name} could not be opened: ${describeError(error).message}`)
      }
    })().catch(() => undefined)
  }, [announce])
}
