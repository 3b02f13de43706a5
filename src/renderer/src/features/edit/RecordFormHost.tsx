import { useId, useState, type ComponentType } from 'react'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { useFormStore, type FormTarget } from '../../stores/forms'
import { ConflictDialog } from './ConflictDialog'
import { singular } from './forms/field-values'
import { NoteForm } from './forms/NoteForm'
import { PostForm } from './forms/PostForm'
import { useRecordForm, type RecordForm } from './forms/useRecordForm'
import { UserForm, type RecordFormProps } from './forms/UserForm'
import './forms/forms.css'

const FORMS: Record<'User' | 'Post' | 'Note', ComponentType<RecordFormProps>> = { User: UserForm, Post: PostForm, Note: NoteForm }

/** The open record form (users, posts, notes), as a dialog. Rendered once by the workspace. */
export function RecordFormHost() {
  const current = useFormStore((s) => s.current)
  const openCount = useFormStore((s) => s.openCount)
  if (!current) return null
  // Keyed by each opening, so a record opened again (or another one) starts from a fresh load.
  return <FormDialog key={openCount} target={current} />
}

function titleOf(form: RecordForm): string {
  const noun = singular(form.target.table)
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1)
  if (!form.row) return `New ${noun}`
  const name = form.row.username ?? form.row.title ?? null
  const id = Object.values(form.target.key ?? {})[0]
  return typeof name === 'string' && name !== '' ? `${Noun}: ${name}` : `${Noun} #${String(id)}`
}

function FormDialog({ target }: { target: FormTarget }) {
  const form = useRecordForm(target)
  const trail = useFormStore((s) => s.trail)
  const { back, close, openNested } = useFormStore.getState()
  const formId = useId()
  const [pending, setPending] = useState<{ action: () => void } | null>(null)
  const [deleting, setDeleting] = useState(false)

  /** Runs `action` now, or after the user agrees to drop unsaved changes. */
  const leave = (action: () => void) => (form.dirty ? setPending({ action }) : action())
  const Form = form.table?.model ? FORMS[form.table.model] : null

  const footer = (
    <>
      {form.row && (
        <Button variant="danger" onClick={() => setDeleting(true)} disabled={form.busy !== null}>
          Delete…
        </Button>
      )}
      {trail.length > 0 && <Button onClick={() => leave(back)}>Back</Button>}
      <span className="grow form-status" role="status">
        {form.busy === 'saving' && <Spinner label="Saving" />} {form.notice}
      </span>
      <Button onClick={() => leave(close)}>Close</Button>
      {Form && (
        <Button variant="primary" type="submit" form={formId} disabled={form.busy !== null}>
          {form.busy === 'saving' ? 'Saving…' : form.row ? 'Save' : 'Create'}
        </Button>
      )}
    </>
  )

  return (
    <Dialog open title={titleOf(form)} onClose={() => leave(close)} footer={footer} wide={form.table?.model === 'User'}>
      {form.status === 'loading' && <Spinner label="Loading the record" />}
      {form.status === 'failed' && (
        <>
          <ErrorNote error={form.loadError} title="Could not open this record" />
          <Button onClick={() => void form.reload()}>Try again</Button>
        </>
      )}
      {form.status === 'ready' && !Form && (
        <p className="note note-warning">
          {target.table} is not one of the app’s own tables (users, posts, notes) as its model defines them, so it has no form. Edit its
          rows in the grid.
        </p>
      )}
      {form.status === 'ready' && Form && (
        <form
          id={formId}
          className="record-form"
          noValidate
          aria-label={titleOf(form)}
          onSubmit={(event) => {
            event.preventDefault()
            void form.save()
          }}
        >
          {form.generalError && <ErrorNote error={form.generalError} title="Not saved" />}
          <Form form={form} onOpenRecord={(next) => leave(() => openNested(next))} />
        </form>
      )}

      <DeleteConfirm form={form} open={deleting} onClose={() => setDeleting(false)} onDeleted={back} />

      <Dialog
        open={pending !== null}
        title="Discard unsaved changes?"
        onClose={() => setPending(null)}
        footer={
          <>
            <Button onClick={() => setPending(null)}>Keep editing</Button>
            <Button
              variant="danger-solid"
              onClick={() => {
                const action = pending?.action
                setPending(null)
                action?.()
              }}
            >
              Discard changes
            </Button>
          </>
        }
      >
        <p>This {singular(target.table)} has changes that are not saved. They will be lost.</p>
      </Dialog>

      {form.conflict && (
        <ConflictDialog
          open
          table={target.table}
          yours={form.conflict.yours}
          original={form.conflict.original}
          theirs={form.conflict.theirs}
          seen={form.conflict.seen}
          onKeepMine={() => void form.keepMine()}
          onTakeTheirs={() => {
            if (!form.takeTheirs()) back()
          }}
          onReedit={form.reedit}
          onClose={form.dismissConflict}
        />
      )}
    </Dialog>
  )
}

function DeleteConfirm({ form, open, onClose, onDeleted }: { form: RecordForm; open: boolean; onClose(): void; onDeleted(): void }) {
  const noun = singular(form.target.table)
  const conflict = form.deleteError?.code === 'CONFLICT'
  const dismiss = () => {
    form.clearDeleteError()
    onClose()
  }
  return (
    <Dialog
      open={open}
      title={`Delete this ${noun}?`}
      onClose={dismiss}
      footer={
        <>
          <Button onClick={dismiss}>Cancel</Button>
          {conflict ? (
            <Button
              variant="primary"
              onClick={() => {
                dismiss()
                void form.reload()
              }}
            >
              Reload the {noun}
            </Button>
          ) : (
            <Button
              variant="danger-solid"
              disabled={form.busy !== null || form.deleteError !== null}
              onClick={() => {
                void form.remove().then((removed) => {
                  if (!removed) return
                  onClose()
                  onDeleted()
                })
              }}
            >
              {form.busy === 'deleting' ? 'Deleting…' : `Delete ${noun}`}
            </Button>
          )}
        </>
      }
    >
      <p>
        This deletes the {noun} from <strong>{form.target.table}</strong>. It cannot be undone.
      </p>
      {form.deleteError && <ErrorNote error={form.deleteError} title={`The ${noun} was not deleted`} />}
    </Dialog>
  )
}
