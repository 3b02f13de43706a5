import { useEffect, useId, type KeyboardEvent } from 'react'
import { ErrorNote } from '../../components/ErrorNote'
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
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    event.preventDefault()
    const next = tab === 'import' ? 'export' : 'import'
    setTab(next)
    document.getElementById(`${id}-tab-${next}`)?.focus()
  }

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
        <div role="tablist" aria-label="Import or export" className="transfer-tabs" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`${id}-tab-${t.id}`}
              type="button"
              role="tab"
              className="transfer-tab"
              aria-selected={tab === t.id}
              aria-controls={`${id}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`} className="transfer-body">
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
