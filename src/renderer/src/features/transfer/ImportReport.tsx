import { useId } from 'react'
import type { ImportResult } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { ErrorNote, describeError } from '../../components/ErrorNote'
import { useTransferStore, type ImportRun, type TransferProgress } from '../../stores/transfer'
import { useWorkspaceStore } from '../../stores/workspace'
import { JobProgress } from './JobProgress'
import { coarsePercent, formatCount, formatElapsed, plural } from './transfer-format'
import { useFocusWhenFinished } from './useFocusWhenFinished'

export interface ImportReportProps {
  run: ImportRun
  onCancel(): void
}

const cancelled = (error: unknown) => error instanceof AppError && error.code === 'CANCELLED'

/** A running import (progress, Cancel) or how the last one ended: counts, problems, or the error. */
export function ImportReport({ run, onCancel }: ImportReportProps) {
  const id = useId()
  const progress = useTransferStore((state) => state.progress[run.jobId])
  const ref = useFocusWhenFinished(run.running)

  return (
    <section ref={ref} tabIndex={-1} className="transfer-run" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="transfer-run-title">
        {run.dryRun ? 'Check' : 'Import'} into {run.table}
      </h2>
      <div role="status" aria-label="Import status" className="transfer-announce">
        {announce(run, progress)}
      </div>
      {run.running && (
        <JobProgress
          label="Import progress"
          progress={progress}
          cancelling={run.cancelling !== false}
          cancelLabel={run.dryRun ? 'Cancel check' : 'Cancel import'}
          onCancel={onCancel}
        />
      )}
      {run.result && <ResultDetails run={run} result={run.result} />}
      {run.error !== null && !cancelled(run.error) && (
        <ErrorNote error={run.error} title={run.dryRun ? 'The check failed' : 'The import failed'} />
      )}
      {run.error !== null && cancelled(run.error) && describeError(run.error).hint && (
        <p className="muted">{describeError(run.error).hint}</p>
      )}
    </section>
  )
}

/** One sentence for the live region: what is happening, or how it ended. */
function announce(run: ImportRun, progress: TransferProgress | undefined): string {
  if (run.running) {
    if (run.cancelling === 'stopping') return `Cancelling: ${run.dryRun ? 'the check is' : 'the import is'} being stopped and rolled back…`
    const percent = coarsePercent(progress)
    return `${run.dryRun ? 'Checking the file' : `Importing into ${run.table}`}…${percent !== null ? ` ${percent}% read` : ''}`
  }
  if (run.error !== null)
    return cancelled(run.error) ? describeError(run.error).message : `${run.dryRun ? 'The check' : 'The import'} failed.`
  const result = run.result
  if (!result) return ''
  const counts = `${formatCount(result.inserted)} inserted, ${formatCount(result.updated)} updated, ${formatCount(result.skipped)} skipped, ${formatCount(result.failed)} failed`
  if (result.outcome === 'dry-run') return `Check finished, nothing was written. An import would do this: ${counts}.`
  if (result.outcome === 'committed') return `Import finished: ${counts}.`
  const kept = result.inserted + result.updated
  return `Import stopped by a bad row: ${kept === 0 ? 'nothing was written' : `${plural(kept, 'row')} written by earlier batches stay`}. ${counts}.`
}

function ResultDetails({ run, result }: { run: ImportRun; result: ImportResult }) {
  const written = result.outcome === 'committed' && result.inserted + result.updated > 0
  return (
    <>
      <ul className="transfer-counts" aria-label={result.outcome === 'dry-run' ? 'What an import would do' : 'What the import did'}>
        <li>
          <strong>{formatCount(result.inserted)}</strong> inserted
        </li>
        <li>
          <strong>{formatCount(result.updated)}</strong> updated
        </li>
        <li>
          <strong>{formatCount(result.skipped)}</strong> skipped
        </li>
        <li className={result.failed > 0 ? 'transfer-bad' : undefined}>
          <strong>{formatCount(result.failed)}</strong> failed
        </li>
      </ul>
      <p className="muted">
        {plural(result.rows, 'row')} read in {formatElapsed(result.elapsedMs)}.
        {result.outcome === 'aborted' && run.atomic ? ' All or nothing: the table is as it was.' : ''}
      </p>
      {written && (
        <Button small onClick={() => void useWorkspaceStore.getState().navigate({ kind: 'table', table: run.table, tab: 'data' })}>
          Open {run.table}
        </Button>
      )}
      {result.skipped > 0 && <SkippedTable result={result} />}
      {result.issueCount > 0 && <IssueTable result={result} />}
    </>
  )
}

/** Each skipped row and why: its key was in the table already, or an earlier row of the file had it. */
function SkippedTable({ result }: { result: ImportResult }) {
  const id = useId()
  const listed = result.skippedRows
  const unlisted = result.skipped - listed.length
  return (
    <div className="transfer-issues">
      <h3 id={`${id}-title`}>
        Skipped{' '}
        {listed.length < result.skipped
          ? `(the first ${formatCount(listed.length)} of ${formatCount(result.skipped)})`
          : `(${formatCount(result.skipped)})`}
      </h3>
      <p className="muted">Insert only: a row whose key is already taken is left out. Row 1 is the first data row.</p>
      {listed.length > 0 && (
        <div className="transfer-table-wrap transfer-issues-wrap">
          <table className="transfer-table" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((skipped) => (
                <tr key={skipped.row}>
                  <td>{formatCount(skipped.row)}</td>
                  <td>
                    {skipped.sameAs === null
                      ? 'Its key was already in the table.'
                      : `Same key as row ${formatCount(skipped.sameAs)} of the file.`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unlisted > 0 && <p className="muted">{plural(unlisted, 'more skipped row is', 'more skipped rows are')} counted but not listed.</p>}
    </div>
  )
}

function IssueTable({ result }: { result: ImportResult }) {
  const id = useId()
  const more = result.issueCount > result.issues.length
  return (
    <div className="transfer-issues">
      <h3 id={`${id}-title`}>
        Problems{' '}
        {more
          ? `(the first ${formatCount(result.issues.length)} of ${formatCount(result.issueCount)})`
          : `(${formatCount(result.issueCount)})`}
      </h3>
      <p className="muted">Row 1 is the first data row (a header row is not counted).</p>
      <div className="transfer-table-wrap transfer-issues-wrap">
        <table className="transfer-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.issues.map((issue, i) => (
              <tr key={i}>
                <td>{formatCount(issue.row)}</td>
                <td className="mono">{issue.column ?? <span className="muted">whole row</span>}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
