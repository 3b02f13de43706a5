import { useEffect, useId } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { useTransferStore } from '../../stores/transfer'
import { ColumnMapping } from './ColumnMapping'
import { FormatOptions } from './FormatOptions'
import { ImportOptions } from './ImportOptions'
import { ImportReport } from './ImportReport'
import { PreviewTable } from './PreviewTable'
import { SourcePicker } from './SourcePicker'

/**
 * CSV → table on one page: the source and its format, the options and actions on the left; the
 * result, the column mapping and the preview on the right. Every change inspects the source again,
 * so the preview always shows the rows as they would be written.
 */
export function ImportWizard({ sessionId, table, readOnly }: { sessionId: string; table: string; readOnly: boolean }) {
  const id = useId()
  const draft = useTransferStore((state) => state.draft)
  const info = useTransferStore((state) => state.info)
  const importRun = useTransferStore((state) => state.importRun)
  // Actions never change; progress is read by the report alone (it changes four times a second).
  const store = useTransferStore.getState()
  const { startDraft } = store
  useEffect(() => startDraft(sessionId, table), [startDraft, sessionId, table])
  if (!draft || draft.sessionId !== sessionId || draft.table !== table) return null

  const inspection = draft.inspection
  const run = importRun?.sessionId === sessionId ? importRun : null
  const busy = run?.running ?? false
  const mapping = inspection ? csvMapping(draft.mapping ?? inspection.mapping, inspection.csvColumns.length) : []
  const blocked = inspection?.warnings.length ? inspection.warnings : null
  // A check runs the real writes before rolling them back (counters still move), so read-only sessions get neither.
  const canRun = Boolean(inspection) && !draft.inspecting && !busy && !blocked && draft.inspectError === null && !readOnly

  return (
    <div className="transfer-import">
      <div className="transfer-side">
        {readOnly && <p className="note note-warning">This connection is read-only: you can preview a file, not import it.</p>}
        <SourcePicker info={info} label={draft.sourceLabel} disabled={busy} onSource={store.setSource} />
        {inspection && (
          <FormatOptions
            inspection={inspection}
            overrides={draft.overrides}
            decoded={draft.decoded}
            disabled={busy}
            onChange={(o) => void store.setOverrides(o)}
          />
        )}
        {inspection && (
          <ImportOptions draft={draft} inspection={inspection} mapping={mapping} disabled={busy} onChange={store.patchDraft} />
        )}
        {inspection && (
          <div className="transfer-actions">
            {blocked && (
              <div className="note note-warning" role="note">
                {blocked.map((warning) => (
                  <div key={warning}>{warning}</div>
                ))}
              </div>
            )}
            <div className="row">
              <Button
                onClick={() => void store.runImport(true)}
                disabled={!canRun}
                title="Runs the whole import and rolls it back: the counts and problems, nothing written"
              >
                Check file
              </Button>
              <Button variant="primary" onClick={() => void store.runImport(false)} disabled={!canRun}>
                Import into {table}
              </Button>
            </div>
          </div>
        )}
      </div>
      <div className="transfer-main">
        {run && <ImportReport run={run} onCancel={() => void store.cancel(run.jobId)} />}
        {draft.inspecting && (
          <p className="row">
            <Spinner label="Reading the CSV" /> Reading the CSV…
          </p>
        )}
        {draft.inspectError !== null && <ErrorNote error={draft.inspectError} title="Rowboat could not read this CSV this way" />}
        {!inspection && !draft.inspecting && <Intro table={table} />}
        {inspection && (
          <>
            <section aria-labelledby={`${id}-columns`} className="transfer-section">
              <h2 id={`${id}-columns`}>Columns</h2>
              <ColumnMapping inspection={inspection} mapping={mapping} disabled={busy} onChange={(m) => void store.setMapping(m)} />
            </section>
            <section aria-labelledby={`${id}-preview`} className="transfer-section">
              <h2 id={`${id}-preview`}>Preview</h2>
              <PreviewTable inspection={inspection} />
            </section>
          </>
        )}
      </div>
    </div>
  )
}

/** The mapping as wide as the CSV (a mapping asked for before a format change may be shorter or longer). */
function csvMapping(mapping: ReadonlyArray<string | null>, width: number): Array<string | null> {
  return Array.from({ length: width }, (_, i) => mapping[i] ?? null)
}

function Intro({ table }: { table: string }) {
  return (
    <div className="transfer-intro">
      <h2>Import a CSV into {table}</h2>
      <p>
        Choose a file or paste CSV text. Rowboat detects the delimiter, quotes, header row and encoding, matches the CSV's columns to the
        table's by name, and shows the first rows as they will be written. Nothing is written until you press Import.
      </p>
      <ul>
        <li>An empty field without quotes is NULL; an empty field in quotes ("") is an empty string.</li>
        <li>"Check file" runs the whole import and rolls it back: you see the counts and every problem first.</li>
        <li>By default an import is all or nothing: a bad row leaves the table as it was.</li>
      </ul>
    </div>
  )
}
