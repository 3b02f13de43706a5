import { useId } from 'react'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { ErrorNote, describeError } from '../../components/ErrorNote'
import { useTransferStore, type ExportRun, type TransferProgress } from '../../stores/transfer'
import { JobProgress } from './JobProgress'
import { coarsePercent, formatBytes, formatElapsed, plural } from './transfer-format'
import { useFocusWhenFinished } from './useFocusWhenFinished'

const cancelled = (error: unknown) => error instanceof AppError && error.code === 'CANCELLED'

/** A running export (progress, Cancel) or how it ended: rows, size, where it went, the download. */
export function ExportReport({ run }: { run: ExportRun }) {
  const id = useId()
  const ref = useFocusWhenFinished(run.running)
  const progress = useTransferStore((state) => state.progress[run.jobId])

  return (
    <section ref={ref} tabIndex={-1} className="transfer-run" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="transfer-run-title">
        Export of {run.table}
      </h2>
      <div role="status" aria-label="Export status" className="transfer-announce">
        {announce(run, progress)}
      </div>
      {run.running && (
        <JobProgress
          label="Export progress"
          progress={progress}
          cancelling={run.cancelling !== false}
          cancelLabel="Cancel export"
          onCancel={() => void useTransferStore.getState().cancel(run.jobId)}
        />
      )}
      {run.result && (
        <p className="muted">
          {formatBytes(run.result.bytes)} in {formatElapsed(run.result.elapsedMs)}, written to{' '}
          <span className="mono">{run.result.name}</span>.
        </p>
      )}
      {run.result && run.download !== 'none' && (
        <div className="row">
          <Button small onClick={() => void useTransferStore.getState().retryDownload()} disabled={run.download === 'pending'}>
            Download {run.fileName} again
          </Button>
        </div>
      )}
      {run.download === 'failed' && <ErrorNote error={run.downloadError} title="The download did not start" />}
      {run.error !== null && !cancelled(run.error) && <ErrorNote error={run.error} title="The export failed" />}
    </section>
  )
}

function announce(run: ExportRun, progress: TransferProgress | undefined): string {
  if (run.running) {
    if (run.cancelling === 'stopping') return 'Cancelling: the export is being stopped and its file removed…'
    const percent = coarsePercent(progress)
    return `Exporting ${run.table}…${percent !== null ? ` ${percent}%` : ''}`
  }
  if (run.error !== null)
    return cancelled(run.error) ? `${describeError(run.error).message} No file was left behind.` : 'The export failed.'
  if (!run.result) return ''
  const done = `Exported ${plural(run.result.rows, 'row')} to ${run.fileName}.`
  if (run.download === 'pending') return `${done} Downloading…`
  if (run.download === 'done') return `${done} Your browser has the download.`
  return done
}
