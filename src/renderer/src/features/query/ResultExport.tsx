import { useState } from 'react'
import type { ExportResult } from '../../../../shared/contract'
import { api, browserToken, downloadExport } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { plural } from '../../text/plural'

type Kind = 'csv' | 'jsonl'

/**
 * Every row of a result into a file: the statement is run again, read-only, straight into the
 * exporter's writer (never through the console's window). The host grants the file (the desktop
 * Save dialog, or a name in the browser host's exports area, then downloaded).
 */
export function ResultExport({ sessionId, sql }: { sessionId: string; sql: string }) {
  const [state, setState] = useState<
    { phase: 'idle' } | { phase: 'running'; jobId: string } | { phase: 'done'; result: ExportResult } | { phase: 'failed'; error: unknown }
  >({ phase: 'idle' })

  const run = async (kind: Kind) => {
    const jobId = `query-export-${crypto.randomUUID()}`
    try {
      const target = await api.call('files.pickExport', { table: 'query', kind, name: `query.${kind === 'csv' ? 'csv' : 'jsonl'}` })
      if (!target) return
      setState({ phase: 'running', jobId })
      const result = await api.call('query.export', {
        sessionId,
        sql,
        format: kind === 'csv' ? { kind: 'csv' } : { kind: 'jsonl' },
        destination: { file: target.file, overwrite: target.overwriteConfirmed },
        jobId,
      })
      setState({ phase: 'done', result })
      if (browserToken()) await downloadExport(result.name)
    } catch (error) {
      setState({ phase: 'failed', error })
    }
  }

  return (
    <div className="query-export row">
      {state.phase === 'running' ? (
        <>
          <span className="muted">Exporting…</span>
          <Button small onClick={() => void api.call('transfer.cancel', { jobId: state.jobId }).catch(() => undefined)}>
            Stop export
          </Button>
        </>
      ) : (
        <>
          <Button small onClick={() => void run('csv')} title="Run the statement again, read-only, and write every row to a CSV file">
            Export CSV
          </Button>
          <Button
            small
            onClick={() => void run('jsonl')}
            title="Run the statement again, read-only, and write every row to a JSON Lines file"
          >
            Export JSON Lines
          </Button>
        </>
      )}
      {state.phase === 'done' && (
        <span aria-live="polite" className="muted query-export-done">
          Exported {plural(state.result.rows, 'row')} to {state.result.name}
        </span>
      )}
      {state.phase === 'failed' && <ErrorNote error={state.error} />}
    </div>
  )
}
