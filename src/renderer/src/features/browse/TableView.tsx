import { useEffect, useId, useState } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { tabListControls } from '../../components/tab-list'
import { gridKey, useBrowserStore } from '../../stores/browser'
import { useEditorStore } from '../../stores/editor'
import { useWorkspaceStore } from '../../stores/workspace'
import { DataTab } from './DataTab'
import { StructureView } from './StructureView'
import './browse.css'

type Tab = 'data' | 'structure'
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'data', label: 'Data' },
  { id: 'structure', label: 'Structure' },
]

/** One table: its name, the Data and Structure tabs. Mounted anew for each table. */
export function TableView({ sessionId, table, tab }: { sessionId: string; table: string; tab: Tab }) {
  const key = gridKey(sessionId, table)
  const info = useBrowserStore((state) => state.infos[key])
  const describe = useBrowserStore((state) => state.describe)
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)
  const id = useId()

  // Staged edits belong to one table: a new table starts with none (leaving asked first).
  useEffect(() => useEditorStore.getState().reset(key, table), [key, table])

  useEffect(() => {
    let live = true
    setError(null)
    // Described afresh each time (migrations may have changed it); a cached description shows meanwhile.
    describe(sessionId, table, true).catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [describe, sessionId, table, attempt])

  // Switching tabs keeps the table (and its staged edits), so it does not go through the leave guard.
  const showTab = (next: Tab) => useWorkspaceStore.getState().setView({ kind: 'table', table, tab: next })
  const tabs = tabListControls(id, TABS, tab, showTab)

  return (
    <section className="table-view" aria-labelledby={`${id}-title`}>
      <header className="table-view-head">
        <h1 id={`${id}-title`} className="table-view-title">
          {table}
        </h1>
        {info?.model && <span className="badge">{info.model} model</span>}
        {info?.kind === 'view' && <span className="badge">view</span>}
        <div role="tablist" aria-label={`${table} views`} className="tabs" onKeyDown={tabs.onKeyDown}>
          {TABS.map((t) => (
            <button key={t.id} {...tabs.tabProps(t.id)} className="tab" aria-controls={`${id}-panel-${t.id}`}>
              {t.label}
            </button>
          ))}
        </div>
      </header>
      {error != null && !info && (
        <div className="table-view-error">
          <ErrorNote error={error} title={`Could not open ${table}`} />
          <Button onClick={() => setAttempt((n) => n + 1)}>Try again</Button>
        </div>
      )}
      {!info && error == null && (
        <p className="muted table-view-loading">
          <Spinner label={`Opening ${table}`} /> Opening {table}…
        </p>
      )}
      {info && (
        <>
          <div role="tabpanel" id={`${id}-panel-data`} aria-labelledby={tabs.tabId('data')} className="tab-panel" hidden={tab !== 'data'}>
            <DataTab sessionId={sessionId} info={info} hidden={tab !== 'data'} />
          </div>
          <div
            role="tabpanel"
            id={`${id}-panel-structure`}
            aria-labelledby={tabs.tabId('structure')}
            className="tab-panel tab-panel-scroll"
            hidden={tab !== 'structure'}
          >
            {tab === 'structure' && <StructureView sessionId={sessionId} info={info} />}
          </div>
        </>
      )}
    </section>
  )
}
