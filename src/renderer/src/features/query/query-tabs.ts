import { api } from '../../api'
import { confirmAction } from '../../stores/confirm'
import { reconcileQueryTabs } from '../../stores/query-tabs'
import { newTabId, useWorkspaceStore } from '../../stores/workspace'
import { plural } from '../../text/plural'

/**
 * Query tabs from the workspace's side (not in the console's lazy chunk: the header, Ctrl/Cmd+T and
 * closing a tab need them before the editor is ever loaded). The engine keeps each tab's text in the
 * data folder; the strip shows one workspace tab per engine tab.
 */
const store = () => useWorkspaceStore.getState()

/** Opens a new, empty Query tab and shows it. */
export async function openNewQuery(sessionId: string): Promise<void> {
  const tab = await api.call('query.newTab', { sessionId })
  await store().navigate({ kind: 'query', tabId: tab.id, title: tab.title })
}

/** The "Query" button: the first Query tab there is, or a new one. */
export async function openQuery(sessionId: string): Promise<void> {
  const shown = store().strips[sessionId]?.tabs.find((t) => t.view.kind === 'query')
  if (shown) return void (await store().navigate(shown.view))
  const [first] = await api.call('query.tabs', { sessionId })
  if (first) await store().navigate({ kind: 'query', tabId: first.id, title: first.title })
  else await openNewQuery(sessionId)
}

/** Brings the strip's Query tabs in line with the engine's (after a restart, the renderer's own storage may have none). */
export async function syncQueryTabs(sessionId: string): Promise<void> {
  const tabs = await api.call('query.tabs', { sessionId })
  store().updateStrip(sessionId, (strip) => reconcileQueryTabs(strip, tabs, newTabId))
}

/** Asked before the session closes: answers false to keep it open (a tab holds a transaction). */
export async function confirmSessionClose(sessionId: string): Promise<boolean> {
  const open = await api.call('query.openTransactions', { sessionId }).catch(() => [])
  if (open.length === 0) return true
  return confirmAction({
    title: 'Open transaction',
    message: `${plural(open.length, 'Query tab')} (${open.map((t) => t.title).join(', ')}) ${open.length === 1 ? 'has' : 'have'} a transaction open. Disconnecting rolls back everything it changed.`,
    confirm: 'Roll back and disconnect',
    keep: 'Keep the session',
  })
}

// Closing a Query tab forgets its text; with a transaction open it asks first, then rolls it back.
store().setCloseHook('query', async (sessionId, view) => {
  if (view.kind !== 'query') return true
  const tabs = await api.call('query.tabs', { sessionId }).catch(() => [])
  if (tabs.find((t) => t.id === view.tabId)?.transactionOpen) {
    const close = await confirmAction({
      title: 'Open transaction',
      message: `“${view.title}” has a transaction open. Closing the tab rolls back everything it changed.`,
      confirm: 'Roll back and close',
      keep: 'Keep the tab',
    })
    if (!close) return false
  }
  await api.call('query.closeTab', { sessionId, tabId: view.tabId }).catch(() => undefined)
  return true
})
