import { useCallback, useEffect, useRef, useState } from 'react'
import type { StatementResult } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { formatCount, inflect, plural } from '../../text/plural'
import { ResultExport } from './ResultExport'
import { ConflictDialog } from '../edit/ConflictDialog'
import { PendingChangesBar } from '../edit/PendingChangesBar'
import { ReviewDialog } from '../edit/ReviewDialog'
import { ResultGrid } from './ResultGrid'
import { useResultEdits } from './useResultEdits'
import { applyFetched, windowOf, windowSummary, type ResultWindow } from './result-window'

/** Rows read on per scroll. */
const FETCH_PAGE = 1000

function summary(result: StatementResult): string {
  const time = `${result.durationMs} ms`
  if (result.outcome === 'rows') {
    const rows = result.totalRows ?? result.rows.length
    return `${formatCount(rows)}${result.totalRows === null && result.moreRows ? '+' : ''} ${inflect(rows, 'row')} · ${time}`
  }
  if (result.outcome === 'done')
    return `${result.affectedRows === null ? 'Done' : `${plural(result.affectedRows, 'row')} affected`} · ${time}`
  if (result.outcome === 'cancelled') return `Cancelled · ${time}`
  return `Failed · ${time}`
}

/**
 * The rows of a result the statement still holds open: more are read on scroll (a page at a time)
 * or all at once ("Fetch all", which keeps the last 10,000); the statement is let go when the result
 * goes away.
 */
function useResultWindow(sessionId: string, result: StatementResult) {
  const [window, setWindow] = useState<ResultWindow>(() => windowOf(result))
  const [dropped, setDropped] = useState(0)
  const [fetching, setFetching] = useState<'page' | 'all' | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const busy = useRef(false)
  const open = useRef(result.resultId !== undefined)
  const { resultId } = result

  useEffect(
    () => () => {
      if (resultId && open.current) void api.call('query.close', { sessionId, resultId }).catch(() => undefined)
    },
    [sessionId, resultId],
  )

  const fetch = useCallback(
    async (all: boolean) => {
      if (!resultId || !open.current || busy.current) return
      busy.current = true
      setFetching(all ? 'all' : 'page')
      try {
        const fetched = await api.call('query.fetch', { sessionId, resultId, count: FETCH_PAGE, all })
        open.current = !fetched.done
        setWindow((current) => {
          const next = applyFetched(current, fetched)
          setDropped(next.dropped)
          return next.window
        })
      } catch (error) {
        open.current = false
        setWindow((current) => ({ ...current, open: false }))
        setFailure(error)
      } finally {
        busy.current = false
        setFetching(null)
      }
    },
    [sessionId, resultId],
  )
  const nearEnd = useCallback(() => void fetch(false), [fetch])
  return { window, dropped, fetching, failure, fetch, nearEnd }
}

function RowsView({
  sessionId,
  result,
  onStagedChange,
}: {
  sessionId: string
  result: StatementResult
  onStagedChange?: ((index: number, count: number) => void) | undefined
}) {
  const { window, dropped, fetching, failure, fetch, nearEnd } = useResultWindow(sessionId, result)
  const readThrough = !window.open && result.moreRows && window.total === null
  const edits = useResultEdits(sessionId, result.editable, window.rows)
  useEffect(() => onStagedChange?.(result.index, edits.count), [result.index, edits.count, onStagedChange])
  const [reviewing, setReviewing] = useState(false)
  return (
    <>
      <ResultExport sessionId={sessionId} sql={result.sql} />
      {result.editable ? (
        <p className="query-result-editability muted">
          Editable: double-click a cell (or Enter) to edit a row of {result.editable.table}, Delete to delete one.
        </p>
      ) : (
        result.readOnly && <p className="query-result-editability muted">Read-only: {result.readOnly}</p>
      )}
      <ResultGrid
        columns={result.columns}
        rows={window.rows}
        firstRow={window.firstRow}
        dropped={dropped}
        onNearEnd={window.open ? nearEnd : null}
        {...(edits.grid ? { edit: { ...edits.grid, undo: edits.undo, commit: () => void edits.commit() } } : {})}
      />
      {result.editable && (
        <PendingChangesBar
          count={edits.count}
          committing={edits.committing}
          canUndo={edits.canUndo}
          error={edits.error}
          errorPlace={null}
          onGoToError={() => undefined}
          onReview={() => setReviewing(true)}
          onCommit={() => void edits.commit()}
          onDiscard={edits.discard}
          onUndo={edits.undo}
        />
      )}
      {reviewing && (
        <ReviewDialog
          open
          sessionId={sessionId}
          operations={edits.operations}
          committing={edits.committing}
          describeOperation={(i) => `${result.editable?.table ?? ''} row ${i + 1}`}
          onProblems={() => undefined}
          onGoTo={() => setReviewing(false)}
          onCommit={() => {
            setReviewing(false)
            void edits.commit()
          }}
          onClose={() => setReviewing(false)}
        />
      )}
      {result.editable && (
        <ConflictDialog
          open={edits.conflict !== null}
          table={result.editable.table}
          yours={edits.conflict?.item.kind === 'update' ? edits.conflict.item.values : {}}
          original={edits.conflict && edits.conflict.item.kind !== 'insert' ? edits.conflict.item.original : {}}
          theirs={edits.conflict?.theirs ?? null}
          seen={edits.conflict?.seen ?? null}
          onKeepMine={() => edits.resolve('keepMine')}
          onTakeTheirs={() => edits.resolve('takeTheirs')}
          onReedit={() => edits.resolve('reedit')}
          onClose={edits.closeConflict}
        />
      )}
      <div className="query-result-more muted">
        <span aria-live="polite">{windowSummary(window)}</span>
        {window.open && (
          <>
            <Button small disabled={fetching !== null} onClick={() => void fetch(false)}>
              {fetching === 'page' ? 'Fetching…' : 'Fetch more'}
            </Button>
            <Button
              small
              disabled={fetching !== null}
              onClick={() => void fetch(true)}
              title="Read to the end, counting; the last 10,000 rows are kept"
            >
              {fetching === 'all' ? 'Fetching all…' : 'Fetch all'}
            </Button>
          </>
        )}
        {readThrough && <span>The statement is no longer open; run it again to read on.</span>}
      </div>
      {failure !== null && <ErrorNote error={failure} />}
    </>
  )
}

/** One statement's outcome: its rows in a read-only grid, or its count, or its error with the place. */
export function ResultView({
  sessionId,
  result,
  onShowError,
  onStagedChange,
}: {
  sessionId: string
  result: StatementResult
  /** Absent when the text run is not the editor's (a History entry run again): the place is then not in the editor. */
  onShowError?: (offset: number) => void
  /** How many of this result's rows have edits staged, not committed (the Query tab asks before they would go). */
  onStagedChange?: (index: number, count: number) => void
}) {
  return (
    <section className="query-result" aria-label={`Result of statement ${result.index + 1}`}>
      <div className="query-result-head muted">
        <code className="query-result-sql">{result.sql.length > 120 ? `${result.sql.slice(0, 120)}…` : result.sql}</code>
        <span role="status">{summary(result)}</span>
      </div>
      {result.error && (
        <div className="note note-error" role="alert">
          <strong>{result.error.code === 'CANCELLED' ? 'Cancelled' : 'Error'}</strong>{' '}
          {result.error.position &&
            (onShowError ? (
              <button type="button" className="link" onClick={() => onShowError(result.error!.position!.offset)}>
                line {result.error.position.line}, column {result.error.position.column}
              </button>
            ) : (
              <span>
                line {result.error.position.line}, column {result.error.position.column}
              </span>
            ))}
          : {result.error.message}
          {result.error.hint && <div className="muted">{result.error.hint}</div>}
        </div>
      )}
      {result.notices.length > 0 && (
        <ul className="note query-notices">
          {result.notices.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {result.outcome === 'rows' && <RowsView sessionId={sessionId} result={result} onStagedChange={onStagedChange} />}
    </section>
  )
}
