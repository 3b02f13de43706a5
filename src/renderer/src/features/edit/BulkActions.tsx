import { useEffect, useState } from 'react'
import type { ColumnInfo, Filter } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { CellInput } from '../../../../shared/cells'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { Spinner } from '../../components/Spinner'
import './forms/forms.css'
import { plural } from '../../text/plural'

export interface BulkActionsProps {
  sessionId: string
  table: string
  /** The grid's current selection: the same rows are counted, then changed. */
  filters: Filter[]
  search?: string
  /** After a bulk change, with how many rows it affected (the grid reloads). */
  onDone?(affected: number): void
}

type Mode = 'update' | 'delete'

const rowsWord = (n: number | string) => plural(Number(n), 'row')

/** "Bulk update…" and "Bulk delete…" for every row matching the grid's filter and search. */
export function BulkActions({ sessionId, table, filters, search, onDone }: BulkActionsProps) {
  const [mode, setMode] = useState<Mode | null>(null)
  const [report, setReport] = useState<string | null>(null)
  const start = (next: Mode) => {
    setReport(null)
    setMode(next)
  }
  return (
    <div className="bulk-actions">
      <Button small onClick={() => start('update')}>
        Bulk update…
      </Button>
      <Button small variant="danger" onClick={() => start('delete')}>
        Bulk delete…
      </Button>
      <span role="status" className="muted">
        {report}
      </span>
      {mode && (
        <BulkDialog
          key={mode}
          mode={mode}
          selection={{ sessionId, table, filters, ...(search ? { search } : {}) }}
          onClose={() => setMode(null)}
          onDone={(affected) => {
            setMode(null)
            setReport(`${mode === 'update' ? 'Updated' : 'Deleted'} ${rowsWord(affected)} of ${table}.`)
            onDone?.(affected)
          }}
        />
      )}
    </div>
  )
}

interface Selection {
  sessionId: string
  table: string
  filters: Filter[]
  search?: string
}

function BulkDialog({
  mode,
  selection,
  onClose,
  onDone,
}: {
  mode: Mode
  selection: Selection
  onClose(): void
  onDone(affected: number): void
}) {
  const { table } = selection
  const [count, setCount] = useState<number | string | null>(null)
  const [columns, setColumns] = useState<ColumnInfo[]>([])
  const [column, setColumn] = useState('')
  const [text, setText] = useState('')
  const [isNull, setIsNull] = useState(false)
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const filtered = selection.filters.length > 0 || Boolean(selection.search)

  // The exact count of the same selection, so the confirmation says what will really change.
  useEffect(() => {
    let live = true
    api.call('records.count', { ...selection, exact: true }).then(
      (n) => live && setCount(n.value),
      (e: unknown) => live && setError(e),
    )
    if (mode === 'update') {
      api.call('schema.describe', { sessionId: selection.sessionId, table }).then(
        (info) => {
          if (!live) return
          const editable = info.columns.filter((c) => !c.primaryKey && !c.autoIncrement && c.kind !== 'binary')
          setColumns(editable)
          setColumn(editable[0]?.name ?? '')
        },
        (e: unknown) => live && setError(e),
      )
    }
    return () => {
      live = false
    }
    // Counted once, when the dialog opens: the selection stays as it was while the dialog is up.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const chosen = columns.find((c) => c.name === column)
  const value: CellInput = isNull ? null : chosen?.kind === 'boolean' ? text === 'true' : text
  const valueError = error instanceof AppError ? (error.details?.fields?.find((f) => f.field === column)?.message ?? null) : null
  const ready = count !== null && count !== 0 && !running && (mode === 'delete' || chosen !== undefined)

  const run = async () => {
    setRunning(true)
    setError(null)
    try {
      const result =
        mode === 'update'
          ? await api.call('records.bulkUpdate', { ...selection, values: { [column]: value } })
          : await api.call('records.bulkDelete', selection)
      onDone(result.affected)
    } catch (e) {
      setError(e)
      setRunning(false)
    }
  }

  const verb = mode === 'update' ? 'Update' : 'Delete'
  const scope = filtered ? 'matching the current filter' : 'in the table: no filter is applied'
  return (
    <Dialog
      open
      title={mode === 'update' ? `Bulk update ${table}` : `Bulk delete from ${table}`}
      onClose={() => !running && onClose()}
      footer={
        <>
          {running && <Spinner label={mode === 'update' ? 'Updating' : 'Deleting'} />}
          <Button onClick={onClose} disabled={running}>
            Cancel
          </Button>
          <Button variant={mode === 'delete' ? 'danger-solid' : 'primary'} disabled={!ready} onClick={() => void run()}>
            {count === null ? `${verb}…` : `${verb} ${rowsWord(count)}`}
          </Button>
        </>
      }
    >
      <p className="bulk-summary" role="status">
        {count === null ? (
          error === null && <Spinner label="Counting rows" />
        ) : count === 0 ? (
          <>
            No rows of <strong>{table}</strong> match the current filter: there is nothing to {verb.toLowerCase()}.
          </>
        ) : (
          <>
            <strong>{rowsWord(count)}</strong> of <strong>{table}</strong> {mode === 'update' ? 'will change' : 'will be deleted'} ({scope}
            ).
            {mode === 'delete' && ' This cannot be undone.'}
          </>
        )}
      </p>
      {!filtered && count !== null && count !== 0 && (
        <p className="note note-warning">No filter or search is applied: this affects every row of {table}.</p>
      )}
      {mode === 'update' && columns.length > 0 && (
        <>
          <Field label="Column">
            <select
              value={column}
              onChange={(e) => {
                setColumn(e.target.value)
                setText('')
                setError(null)
              }}
            >
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.type})
                </option>
              ))}
            </select>
          </Field>
          <div className="bulk-value">
            <Field label="New value" error={valueError} help={chosen && !chosen.nullable ? 'This column does not allow NULL.' : undefined}>
              {chosen?.kind === 'boolean' ? (
                <select value={text || 'false'} disabled={isNull} onChange={(e) => setText(e.target.value)}>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : (
                <input
                  value={isNull ? '' : text}
                  disabled={isNull}
                  placeholder={isNull ? 'NULL' : undefined}
                  onChange={(e) => setText(e.target.value)}
                />
              )}
            </Field>
            <label className="bulk-null">
              <input type="checkbox" checked={isNull} onChange={(e) => setIsNull(e.target.checked)} />
              NULL
            </label>
          </div>
        </>
      )}
      {error !== null && !valueError && (
        <ErrorNote error={error} title={mode === 'update' ? 'Nothing was updated' : 'Nothing was deleted'} />
      )}
    </Dialog>
  )
}
