import { useId, useState } from 'react'
import type { SavedConnection } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { useConnectionsStore } from '../../stores/connections'
import { ConnectionItem } from './ConnectionItem'

export interface ConnectionListProps {
  onEdit: (connection: SavedConnection) => void
  /** After a delete: the form may be editing the connection that is gone. */
  onDeleted: (id: string) => void
  announce: (message: string) => void
}

/** The start screen's list of saved connections, with the list's warnings and delete confirmation. */
export function ConnectionList({ onEdit, onDeleted, announce }: ConnectionListProps) {
  const headingId = useId()
  const { connections, warnings, status, loadError, load, duplicate, remove } = useConnectionsStore()
  const [deleting, setDeleting] = useState<SavedConnection | null>(null)
  const [deleteBusy, setDeleteBusy] = useState(false)
  const [actionError, setActionError] = useState<unknown>(null)

  const onDuplicate = async (c: SavedConnection) => {
    setActionError(null)
    try {
      const copy = await duplicate(c.id)
      announce(`Duplicated “${c.name}” as “${copy.name}”.`)
    } catch (error) {
      setActionError(error)
    }
  }

  const confirmDelete = async () => {
    if (!deleting || deleteBusy) return
    setDeleteBusy(true)
    setActionError(null)
    try {
      await remove(deleting.id)
      announce(`Deleted “${deleting.name}”.`)
      onDeleted(deleting.id)
      setDeleting(null)
    } catch (error) {
      setActionError(error)
      setDeleting(null)
    } finally {
      setDeleteBusy(false)
    }
  }

  return (
    <section className="conn-saved" aria-labelledby={headingId}>
      <h2 id={headingId}>Saved connections</h2>
      {warnings.map((warning) => (
        <div key={warning} className="note note-warning" role="alert">
          {warning}
        </div>
      ))}
      {actionError !== null && <ErrorNote error={actionError} />}
      {status === 'loading' && (
        <p className="row muted">
          <Spinner label="Loading saved connections…" /> Loading saved connections…
        </p>
      )}
      {status === 'failed' && (
        <>
          <ErrorNote error={loadError} title="Could not read the saved connections" />
          <Button onClick={() => void load()}>Try again</Button>
        </>
      )}
      {status === 'ready' && connections.length === 0 && <p className="muted">No saved connections yet: fill in the form and Save.</p>}
      <ul className="conn-list" aria-labelledby={headingId}>
        {connections.map((c) => (
          <ConnectionItem
            key={c.id}
            connection={c}
            onEdit={() => onEdit(c)}
            onDuplicate={() => void onDuplicate(c)}
            onDelete={() => setDeleting(c)}
          />
        ))}
      </ul>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete “${deleting?.name ?? ''}”?`}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="danger-solid" onClick={() => void confirmDelete()} aria-disabled={deleteBusy || undefined}>
              Delete
            </Button>
          </>
        }
      >
        <p>The saved connection and any password kept for it are removed. The database itself is not touched.</p>
      </Dialog>
    </section>
  )
}
