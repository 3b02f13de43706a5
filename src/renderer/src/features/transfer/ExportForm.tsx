import { useId, useState, type FormEvent } from 'react'
import { isBinaryCell } from '../../../../shared/cells'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { gridKey, useBrowserStore } from '../../stores/browser'
import { useTransferStore, type GridView } from '../../stores/transfer'
import { OPERATOR_LABELS } from '../browse/FilterBar'
import { ExportReport } from './ExportReport'
import { DELIMITERS, exportFileName, withExtension } from './transfer-format'

type Kind = 'csv' | 'jsonl'
type View = Omit<GridView, 'sessionId' | 'table'>

/**
 * Table or the grid's current view → CSV (RFC 4180 quoting, delimiter and header row to choose,
 * optionally spreadsheet-safe) or JSON Lines. The page only suggests a name: the desktop app asks
 * with its Save dialog, the browser host names the file in its exports folder and the browser
 * then downloads it.
 */
export function ExportForm({ sessionId, table }: { sessionId: string; table: string }) {
  const id = useId()
  const info = useTransferStore((state) => state.info)
  const handoff = useTransferStore((state) => state.handoff)
  const exportRun = useTransferStore((state) => state.exportRun)
  const gridQuery = useBrowserStore((state) => state.queries[gridKey(sessionId, table)])
  // The view handed over by the grid's "Export…" button, else the grid's current query for this table.
  const handed = handoff?.sessionId === sessionId && handoff.table === table ? handoff : null
  const view: View | null =
    handed ?? (gridQuery && (gridQuery.filters.length > 0 || gridQuery.search || gridQuery.sort.length > 0) ? gridQuery : null)
  const [scope, setScope] = useState<'view' | 'table'>(handed ? 'view' : 'table')
  const [kind, setKind] = useState<Kind>('csv')
  const [delimiter, setDelimiter] = useState(',')
  const [header, setHeader] = useState(true)
  const [spreadsheetSafe, setSpreadsheetSafe] = useState(false)
  const [fileName, setFileName] = useState(() => exportFileName(table, 'csv'))

  // A new hand-over from the grid selects "the view" again (adjusted while rendering, not in an effect).
  const [lastHanded, setLastHanded] = useState(handed)
  if (handed !== lastHanded) {
    setLastHanded(handed)
    if (handed) setScope('view')
  }

  const run = exportRun?.sessionId === sessionId ? exportRun : null
  const busy = run?.running ?? false
  const directory = info?.exportDir ?? null
  const name = fileName.trim()
  const canExport = Boolean(info) && !busy && name !== ''

  const chooseKind = (next: Kind) => {
    setKind(next)
    setFileName((current) => withExtension(current, next))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!canExport) return
    void useTransferStore.getState().runExport({
      sessionId,
      table,
      view: scope === 'view' ? view : null,
      format: kind === 'csv' ? { kind, delimiter, header, spreadsheetSafe } : { kind },
      fileName: name,
      download: info?.host === 'browser',
    })
  }

  return (
    <div className="transfer-export">
      <form className="transfer-side" onSubmit={submit} aria-label={`Export ${table}`}>
        <fieldset className="transfer-fieldset" disabled={busy}>
          <legend>Rows</legend>
          <div className="transfer-radios">
            <label>
              <input type="radio" name={`${id}-scope`} checked={scope === 'table'} onChange={() => setScope('table')} /> The whole table
            </label>
            <label>
              <input type="radio" name={`${id}-scope`} checked={scope === 'view'} disabled={!view} onChange={() => setScope('view')} />
              <span>
                The current view of the grid
                <span className="muted">{view ? `: ${describeView(view)}` : ' (no filter, search or sort set)'}</span>
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset className="transfer-fieldset" disabled={busy}>
          <legend>Format</legend>
          <div className="transfer-radios">
            <label>
              <input type="radio" name={`${id}-kind`} checked={kind === 'csv'} onChange={() => chooseKind('csv')} /> CSV
            </label>
            <label>
              <input type="radio" name={`${id}-kind`} checked={kind === 'jsonl'} onChange={() => chooseKind('jsonl')} /> JSON Lines{' '}
              <span className="muted">(one JSON object per line)</span>
            </label>
          </div>
          {kind === 'csv' && (
            <>
              <Field label="Delimiter">
                <select value={delimiter} onChange={(event) => setDelimiter(event.target.value)}>
                  {DELIMITERS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </Field>
              <label className="transfer-check">
                <input type="checkbox" checked={header} onChange={(event) => setHeader(event.target.checked)} /> Header row with the column
                names
              </label>
              <label className="transfer-check">
                <input
                  type="checkbox"
                  checked={spreadsheetSafe}
                  aria-describedby={`${id}-safe`}
                  onChange={(event) => setSpreadsheetSafe(event.target.checked)}
                />{' '}
                Spreadsheet-safe
              </label>
              <span id={`${id}-safe`} className="field-help">
                Cells starting with = + - @ get a leading ' so spreadsheet apps do not run them as formulas (the file then differs from the
                data).
              </span>
              <p className="field-help">Fields are quoted as RFC 4180 says. NULL is an empty field; an empty string is "".</p>
            </>
          )}
        </fieldset>
        <fieldset className="transfer-fieldset" disabled={busy}>
          <legend>File</legend>
          <Field
            label="File name"
            help={
              info?.host === 'browser'
                ? 'Written on the Rowboat side, then downloaded by your browser.'
                : directory
                  ? `Suggested in the Save dialog, in ${directory}.`
                  : undefined
            }
          >
            <input type="text" value={fileName} spellCheck={false} onChange={(event) => setFileName(event.target.value)} />
          </Field>
        </fieldset>
        <div className="row transfer-actions">
          <Button type="submit" variant="primary" disabled={!canExport}>
            Export {kind === 'csv' ? 'CSV' : 'JSON Lines'}
          </Button>
        </div>
      </form>
      <div className="transfer-main">
        {run ? (
          <ExportReport run={run} />
        ) : (
          <p className="muted">
            Values are written in full: big integers, decimals and dates exactly as the database holds them, binary as base64.
          </p>
        )}
      </div>
    </div>
  )
}

/** "is_active = true · matching “ali” · sorted by username ↑". */
function describeView(view: View): string {
  const parts = view.filters.map((f) => {
    const value =
      f.value === undefined || f.op === 'isNull' || f.op === 'isNotNull'
        ? ''
        : ` ${f.value === null ? 'NULL' : isBinaryCell(f.value) ? 'binary' : String(f.value)}`
    return `${f.column} ${OPERATOR_LABELS[f.op]}${value}`
  })
  if (view.search) parts.push(`matching “${view.search}”`)
  if (view.sort.length > 0) parts.push(`sorted by ${view.sort.map((s) => `${s.column} ${s.direction === 'asc' ? '↑' : '↓'}`).join(', ')}`)
  return parts.join(' · ')
}
