import { useEffect, useId } from 'react'
import { ErrorNote } from '../../components/ErrorNote'
import { tabListControls } from '../../components/tab-list'
import { useBrowserStore } from '../../stores/browser'
import { useSessionStore } from '../../stores/session'
import { useTransferStore, type TransferTab } from '../../stores/transfer'
import { useWorkspaceStore } from '../../stores/workspace'
import { ExportForm } from './ExportForm'
import { ImportWizard } from './ImportWizard'
import './transfer.css'

const TABS: Array<{ id: TransferTab; label: string }> = [
  { id: 'import', label: 'Import CSV' },
  { id: 'export', label: 'Export' },
]

/** Import / Export for one table of the open session: choose the table, then import a CSV or export rows. */
export function TransferPanel({ sessionId, table }: { sessionId: string; table: string | null }) {
  const id = useId()
  const tables = useBrowserStore((state) => state.lists[sessionId]?.tables ?? null)
  const readOnly = useSessionStore((state) => state.sessions.find((s) => s.sessionId === sessionId)?.readOnly ?? false)
  const tab = useTransferStore((state) => state.tab)
  const infoError = useTransferStore((state) => state.infoError)
  const { setTab, loadInfo } = useTransferStore.getState()

  useEffect(() => {
    void loadInfo()
  }, [loadInfo])
  // The grid's view is handed over for this visit only; coming back later reads the grid afresh.
  useEffect(() => () => useTransferStore.setState({ handoff: null }), [])
  useEffect(() => {
    if (!tables) void useBrowserStore.getState().loadTables(sessionId)
  }, [tables, sessionId])

  const chooseTable = (next: string) => void useWorkspaceStore.getState().navigate({ kind: 'transfer', table: next || null })
  const tabs = tabListControls(id, TABS, tab, setTab)

  return (
    <section className="transfer" aria-labelledby={`${id}-title`}>
      <header className="transfer-header">
        <h1 id={`${id}-title`} className="transfer-title">
          Import / Export
        </h1>
        <div className="transfer-table-pick">
          <label htmlFor={`${id}-table`}>Table</label>
          <select id={`${id}-table`} value={table ?? ''} onChange={(event) => chooseTable(event.target.value)}>
            <option value="">Choose a table…</option>
            {(tables ?? []).map((t) => (
              <option key={t.name} value={t.name}>
                {t.kind === 'view' ? `${t.name} (view)` : t.name}
              </option>
            ))}
          </select>
        </div>
        <div role="tablist" aria-label="Import or export" className="transfer-tabs" onKeyDown={tabs.onKeyDown}>
          {TABS.map((t) => (
            <button key={t.id} {...tabs.tabProps(t.id)} className="transfer-tab" aria-controls={`${id}-panel`}>
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={tabs.tabId(tab)} className="transfer-body">
        {infoError !== null && <ErrorNote error={infoError} title="Rowboat could not say how files are handled here" />}
        {!table ? (
          <p className="muted">Choose the table to import into or export from.</p>
        ) : tab === 'import' ? (
          <ImportWizard key={`${sessionId}:${table}`} sessionId={sessionId} table={table} readOnly={readOnly} />
        ) : (
          <ExportForm key={`${sessionId}:${table}`} sessionId={sessionId} table={table} />
        )}
      </div>
    </section>
  )
}
