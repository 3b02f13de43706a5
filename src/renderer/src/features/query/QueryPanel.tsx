import type { SQLNamespace } from '@codemirror/lang-sql'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ConsoleTab, QueryHistoryEntry, QueryRun, SessionInfo } from '../../../../shared/contract'
import { api } from '../../api'
import { confirmAction } from '../../stores/confirm'
import { findTab, useWorkspaceStore } from '../../stores/workspace'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { ResultView } from './ResultView'
import { SqlEditor } from './SqlEditor'
import { QueryTitle } from './QueryTitle'
import { TabSettings, type TabChange } from './TabSettings'
import { ExplainView } from './ExplainView'
import { SavedQueries } from './SavedQueries'
import type { ExplainPlan } from '../../../../shared/explain-plan'
import './query.css'
import { plural } from '../../text/plural'

/** Saves the text this long after the last keystroke (the data folder, through the API). */
const SAVE_DELAY_MS = 600

/** One Query tab of a session: editor, Run / Run all / Cancel, its timeout and transactions, results, history. */
export function QueryPanel({
  session,
  tabId,
  stripTabId,
}: {
  session: SessionInfo
  /** The engine's console tab (its text, mode and connection). */
  tabId: string
  /** The workspace strip's tab showing it (whose close the panel guards). */
  stripTabId: string
}) {
  const { sessionId } = session
  const [initial, setInitial] = useState<string | null>(null)
  const [tab, setTab] = useState<ConsoleTab | null>(null)
  const [schema, setSchema] = useState<SQLNamespace>({})
  const [run, setRun] = useState<QueryRun | null>(null)
  const [running, setRunning] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [focusOffset, setFocusOffset] = useState<number | null>(null)
  const [history, setHistory] = useState<QueryHistoryEntry[] | null>(null)
  const [insert, setInsert] = useState<{ text: string; key: number } | null>(null)
  /** The SQL of the shown run when it was a History entry's, not the editor's text (its error places are not in the editor). */
  const [rerun, setRerun] = useState<string | null>(null)
  const [plan, setPlan] = useState<ExplainPlan | null>(null)
  const [showSaved, setShowSaved] = useState(false)
  /** Rows with edits staged and not committed, per result of the shown run (by statement index). */
  const [staged, setStaged] = useState<Record<number, number>>({})
  const stagedRows = Object.values(staged).reduce((sum, n) => sum + n, 0)
  /** The editor's selection (or cursor): what Explain plans. */
  const selection = useRef<{ from: number; to: number } | null>(null)
  const text = useRef('')
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    let live = true
    api.call('query.tabs', { sessionId }).then(
      (tabs) => {
        if (!live) return
        const mine = tabs.find((t) => t.id === tabId)
        if (!mine) return setFailure(new Error('This Query tab is not kept any more: open a new one.'))
        text.current = mine.text
        setTab(mine)
        setInitial(mine.text)
      },
      (error: unknown) => live && setFailure(error),
    )
    api.call('query.schema', { sessionId }).then(
      (tables) => live && setSchema(Object.fromEntries(tables.map((t) => [t.name, t.columns]))),
      () => undefined, // completion without names is still completion
    )
    return () => {
      live = false
    }
  }, [sessionId, tabId])

  const save = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current)
    saveTimer.current = null
    void api.call('query.updateTab', { sessionId, tabId, text: text.current }).catch(() => undefined)
  }, [sessionId, tabId])

  /** The tab as the engine has it now (a run in manual mode may have opened or ended a transaction). */
  const refreshTab = useCallback(async () => {
    const mine = (await api.call('query.tabs', { sessionId })).find((t) => t.id === tabId)
    if (mine) setTab(mine)
  }, [sessionId, tabId])

  const changeTab = async (change: TabChange) => {
    try {
      setTab(await api.call('query.updateTab', { sessionId, tabId, ...change }))
    } catch (error) {
      setFailure(error)
    }
  }

  /** A new name, kept by the engine (in the data folder) and shown in the strip. */
  const rename = async (title: string) => {
    try {
      const renamed = await api.call('query.updateTab', { sessionId, tabId, title })
      setTab(renamed)
      const shown = findTab(stripTabId)
      if (shown?.view.kind === 'query') useWorkspaceStore.getState().updateTab(stripTabId, { ...shown.view, title: renamed.title })
    } catch (error) {
      setFailure(error)
    }
  }

  const transaction = async (action: 'begin' | 'commit' | 'rollback') => {
    setFailure(null)
    try {
      setTab(await api.call('query.transaction', { sessionId, tabId, action }))
    } catch (error) {
      setFailure(error)
      await refreshTab().catch(() => undefined)
    }
  }

  useEffect(
    () => () => {
      if (saveTimer.current) save()
    },
    [save],
  )

  const reportStaged = useCallback((index: number, count: number) => {
    setStaged((now) => ((now[index] ?? 0) === count ? now : { ...now, [index]: count }))
  }, [])

  /** Staged result edits are never dropped without asking: answers true when they may go. */
  const dropStaged = useCallback(
    (action: string): Promise<boolean> =>
      stagedRows === 0
        ? Promise.resolve(true)
        : confirmAction({
            title: 'Changes not committed',
            message: `${plural(stagedRows, 'row')} of the results ${stagedRows === 1 ? 'has' : 'have'} changes staged and not committed. ${action} discards them.`,
            confirm: 'Discard the changes',
            keep: 'Keep them',
          }),
    [stagedRows],
  )

  // The tab asks before it closes (or the workspace is left) with result edits staged.
  useEffect(() => {
    if (stagedRows === 0) return
    const guard = () => dropStaged(`Closing “${tab?.title ?? 'the tab'}”`)
    useWorkspaceStore.getState().setTabGuard(stripTabId, guard)
    return () => {
      if (useWorkspaceStore.getState().tabGuards[stripTabId] === guard) useWorkspaceStore.getState().setTabGuard(stripTabId, null)
    }
  }, [stagedRows, dropStaged, stripTabId, tab?.title])

  /** Runs the editor's text (all, or what the range touches), or exactly `again`: a History entry's statement. */
  const start = useCallback(
    async (range?: { from: number; to: number }, again?: string) => {
      if (running) return
      // A run replaces the results shown, and with them any edits staged in them.
      if (!(await dropStaged('Running again'))) return
      const runId = crypto.randomUUID()
      setRunning(runId)
      setFailure(null)
      save()
      try {
        const sql = again ?? text.current
        const timeoutSeconds = tab?.timeoutSeconds ?? undefined
        const result = await api.call('query.run', {
          sessionId,
          runId,
          sql,
          tabId,
          ...(timeoutSeconds ? { timeoutSeconds } : {}),
          ...(range ? { range } : {}),
        })
        setStaged({})
        setRun(result)
        setRerun(again ?? null)
        if (history) setHistory(await api.call('query.history', { sessionId }))
      } catch (error) {
        setFailure(error)
      } finally {
        setRunning(null)
        if (tab?.mode === 'manual') await refreshTab().catch(() => undefined)
      }
    },
    [running, dropStaged, save, sessionId, history, tab, tabId, refreshTab],
  )

  const cancel = useCallback(() => {
    if (running) void api.call('query.cancel', { sessionId, runId: running }).catch((error: unknown) => setFailure(error))
  }, [running, sessionId])

  const commands = useMemo(
    () => ({
      runCurrent: (range: { from: number; to: number }) => void start(range),
      runAll: () => void start(),
      cancel,
      selected: (range: { from: number; to: number }) => {
        selection.current = range
      },
      changed: (value: string) => {
        text.current = value
        if (saveTimer.current) clearTimeout(saveTimer.current)
        saveTimer.current = setTimeout(save, SAVE_DELAY_MS)
      },
    }),
    [start, cancel, save],
  )

  /** Plans the statement at the cursor (or the selection's first), without running it. */
  const explain = async () => {
    setFailure(null)
    try {
      const range = selection.current ?? undefined
      setPlan(await api.call('query.explain', { sessionId, tabId, sql: text.current, ...(range ? { range } : {}) }))
    } catch (error) {
      setFailure(error)
    }
  }

  const toggleHistory = async () => {
    if (history) return setHistory(null)
    try {
      setHistory(await api.call('query.history', { sessionId }))
    } catch (error) {
      setFailure(error)
    }
  }

  if (initial === null || tab === null) return failure !== null ? <ErrorNote error={failure} /> : <Spinner label="Opening the console…" />
  return (
    <div className="query-panel">
      <div className="query-toolbar row">
        <QueryTitle title={tab.title} onRename={rename} />
        <Button variant="primary" disabled={running !== null} onClick={() => void start()} title="Ctrl/Cmd+Shift+Enter">
          Run all
        </Button>
        <span className="muted">Ctrl/Cmd+Enter runs the statement at the cursor</span>
        <span className="grow" />
        {running && (
          <>
            <Spinner label="Running…" />
            <Button onClick={cancel} title="Esc">
              Cancel
            </Button>
          </>
        )}
        <Button disabled={running !== null} onClick={() => void explain()} title="Plan the statement at the cursor (not run)">
          Explain
        </Button>
        <Button aria-pressed={showSaved} onClick={() => setShowSaved((shown) => !shown)}>
          Saved
        </Button>
        <Button aria-pressed={history !== null} onClick={() => void toggleHistory()}>
          History
        </Button>
      </div>
      <TabSettings
        tab={tab}
        busy={running !== null}
        onChange={(change) => void changeTab(change)}
        onTransaction={(action) => void transaction(action)}
      />
      <SqlEditor
        dialect={session.dialect}
        initialText={initial}
        schema={schema}
        commands={commands}
        focusOffset={focusOffset}
        insert={insert}
      />
      {failure !== null && <ErrorNote error={failure} />}
      {showSaved && <SavedQueries sessionId={sessionId} currentText={() => text.current} />}
      {plan && <ExplainView plan={plan} onClose={() => setPlan(null)} />}
      {history && (
        <section className="query-history" aria-label="Query history">
          {history.length === 0 && <p className="muted">Nothing run yet on this connection.</p>}
          <ul>
            {history.map((entry, i) => (
              <li key={i} className="query-history-entry">
                {/* A button, so Tab reaches it and Enter opens it like a click. */}
                <button
                  type="button"
                  className="query-history-open"
                  title="Put into the editor at the cursor (or in place of the selection)"
                  onClick={() => setInsert((last) => ({ text: entry.sql, key: (last?.key ?? 0) + 1 }))}
                >
                  <code>{entry.sql.length > 200 ? `${entry.sql.slice(0, 200)}…` : entry.sql}</code>{' '}
                  <span className="muted">
                    {new Date(entry.at).toLocaleString()} · {entry.outcome} · {entry.durationMs} ms
                    {entry.rows !== null ? ` · ${plural(entry.rows, 'row')}` : ''}
                  </span>
                </button>
                <Button
                  small
                  disabled={running !== null}
                  onClick={() => void start(undefined, entry.sql)}
                  title="Run exactly this statement again"
                >
                  Run again
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="query-results">
        {run?.cancelled && <p className="note">The run was cancelled.</p>}
        {run?.statements.map((result) => (
          <ResultView
            key={`${run.runId}:${result.index}`}
            sessionId={sessionId}
            result={result}
            onShowError={rerun === null ? setFocusOffset : undefined}
            onStagedChange={reportStaged}
          />
        ))}
        {run && run.skipped > 0 && <p className="muted">{plural(run.skipped, 'statement')} not run.</p>}
      </div>
    </div>
  )
}
