import type { Cell, Row } from '../../../../shared/cells'
import { cellOf, isBinaryCell } from '../../../../shared/cells'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import './forms/forms.css'

export interface ConflictDialogProps {
  open: boolean
  table: string
  /** The changed columns as the user wants them. */
  yours: Row
  /** The same columns as they were when the user loaded the row. */
  original: Row
  /** The whole row as the user loaded it, so a change someone made to another column is shown too. */
  seen?: Row | null
  /** The row as the database holds it now; null when it was deleted meanwhile. */
  theirs: Row | null
  /** Write the user's values anyway (or re-create the row when it was deleted). */
  onKeepMine(): void
  /** Drop the user's values for the database's (or discard them when the row was deleted). */
  onTakeTheirs(): void
  /** Keep editing from the database's values, the user's changes still in place. */
  onReedit(): void
  onClose(): void
}

/**
 * Someone else changed (or deleted) a row while the user was editing it. Nothing has been
 * written: this shows, per changed column, what the user typed, what they started from and what the
 * database holds now, and lets them decide. Used by the record forms and by the grid.
 */
export function ConflictDialog({
  open,
  table,
  yours,
  original,
  theirs,
  seen,
  onKeepMine,
  onTakeTheirs,
  onReedit,
  onClose,
}: ConflictDialogProps) {
  const deleted = theirs === null
  const mine = new Set([...Object.keys(yours), ...Object.keys(original)])
  // Every column that differs: the ones the user edited, then the ones only someone else changed.
  const othersChanged =
    theirs && seen
      ? Object.keys(theirs).filter(
          (column) =>
            !mine.has(column) && Object.hasOwn(seen, column) && !sameCell(cellOf(theirs, column) ?? null, cellOf(seen, column) ?? null),
        )
      : []
  const columns = [...mine, ...othersChanged]
  const startedFrom = (column: string) => (mine.has(column) ? cellOf(original, column) : seen ? cellOf(seen, column) : undefined)
  const footer = deleted ? (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button variant="danger" onClick={onTakeTheirs}>
        Discard my changes
      </Button>
      <Button variant="primary" onClick={onKeepMine}>
        Re-create the row
      </Button>
    </>
  ) : (
    <>
      <Button onClick={onReedit}>Re-edit</Button>
      <Button onClick={onTakeTheirs}>Take theirs</Button>
      <Button variant="primary" onClick={onKeepMine}>
        Keep mine
      </Button>
    </>
  )
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={deleted ? 'This row was deleted meanwhile' : 'This row was changed meanwhile'}
      label="Edit conflict"
      wide
      footer={footer}
    >
      <div role="alert" className="note note-warning">
        {deleted ? (
          <>
            Someone deleted this <strong>{table}</strong> row after you loaded it, so your changes were not saved. You can re-create it with
            your values, or discard your changes.
          </>
        ) : (
          <>
            Someone changed this <strong>{table}</strong> row after you loaded it, so nothing was saved. Compare the values, then keep yours
            (write them now over theirs), take theirs (drop your edits), or re-edit starting from theirs.
            {othersChanged.length > 0 && <> Columns you did not edit keep their new values either way.</>}
          </>
        )}
      </div>
      <table className="conflict-table">
        <caption className="sr-only">
          Your values, the values you started from and the database’s values, for every column that differs
        </caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Yours</th>
            <th scope="col">Original</th>
            <th scope="col">Theirs (now in the database)</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column) => {
            const theirsValue = theirs ? cellOf(theirs, column) : undefined
            const before = startedFrom(column)
            const changedByThem = theirs !== null && before !== undefined && !sameCell(theirsValue ?? null, before)
            return (
              <tr key={column}>
                <th scope="row" className="mono">
                  {column}
                </th>
                <td>{mine.has(column) ? <CellText value={cellOf(yours, column)} /> : <span className="muted">(not edited)</span>}</td>
                <td>
                  <CellText value={before} />
                </td>
                <td className={changedByThem ? 'conflict-changed' : undefined}>
                  {deleted ? <span className="muted">(row deleted)</span> : <CellText value={theirsValue} />}
                  {changedByThem && <span className="badge conflict-badge">changed</span>}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Dialog>
  )
}

function sameCell(a: Cell, b: Cell): boolean {
  if (isBinaryCell(a) || isBinaryCell(b)) return isBinaryCell(a) && isBinaryCell(b) && a.base64 === b.base64 && a.bytes === b.bytes
  // The user's text "92.50" and the database's 92.5 are different cells but may be the same number.
  return a === b || (a !== null && b !== null && String(a) === String(b))
}

/** A cell as text; NULL looks unlike any string (even the string "NULL"). */
function CellText({ value }: { value: Cell | undefined }) {
  if (value === undefined) return <span className="muted">—</span>
  if (value === null) return <span className="cell-null">NULL</span>
  if (isBinaryCell(value)) return <span className="muted">binary, {value.bytes} bytes</span>
  if (typeof value === 'string' && value === '') return <span className="muted">(empty text)</span>
  return <span className="conflict-value">{String(value)}</span>
}
