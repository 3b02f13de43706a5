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
export function ConflictDialog({ open, table, yours, original, theirs, onKeepMine, onTakeTheirs, onReedit, onClose }: ConflictDialogProps) {
  const columns = [...new Set([...Object.keys(yours), ...Object.keys(original)])]
  const deleted = theirs === null
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
    <Dialog open={open} onClose={onClose} title={deleted ? 'This row was deleted meanwhile' : 'This row was changed meanwhile'} label="Edit conflict" wide footer={footer}>
      <div role="alert" className="note note-warning">
        {deleted ? (
          <>
            Someone deleted this <strong>{table}</strong> row after you loaded it, so your changes were not saved. You can
            re-create it with your values, or discard your changes.
          </>
        ) : (
          <>
            Someone changed this <strong>{table}</strong> row after you loaded it, so nothing was saved. Compare the values,
            then keep yours (overwrite theirs), take theirs (drop your edits), or re-edit starting from theirs.
          </>
        )}
      </div>
      <table className="conflict-table">
        <caption className="sr-only">Your values, the values you started from and the database’s values, per changed column</caption>
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
            const changedByThem = theirs !== null && !sameCell(theirsValue ?? null, cellOf(original, column) ?? null)
            return (
              <tr key={column}>
                <th scope="row" className="mono">
                  {column}
                </th>
                <td>
                  <CellText value={cellOf(yours, column)} />
                </td>
                <td>
                  <CellText value={cellOf(original, column)} />
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
