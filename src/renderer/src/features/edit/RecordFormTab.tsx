import { useCallback, useEffect, useId, useRef, useState, type ComponentType } from 'react'
import { AppError } from '../../../../shared/errors'
import type { Row } from '../../../../shared/cells'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import type { FormTarget } from '../../stores/forms'
import type { FormView } from '../../stores/tab-strip'
import { findTab, useWorkspaceStore } from '../../stores/workspace'
import { stepBack } from '../browse/navigation'
import { ConflictDialog } from './ConflictDialog'
import { singular } from './forms/field-values'
import { NoteForm } from './forms/NoteForm'
import { PostForm } from './forms/PostForm'
import { useRecordForm, type RecordForm } from './forms/useRecordForm'
import { UserForm, type RecordFormProps } from './forms/UserForm'
import { formTitle, formView } from './open-form'
import './forms/forms.css'

const FORMS: Record<'User' | 'Post' | 'Note', ComponentType<RecordFormProps>> = { User: UserForm, Post: PostForm, Note: NoteForm }

/**
 * A record's form (users, posts, notes) as a tab of the workspace. The tab stays mounted while
 * another one shows, so what was typed waits; closing the tab, or replacing its record (Back, a
 * post opened from its user), asks first when something is not saved.
 */
export function RecordFormTab({ sessionId, tabId, view }: { sessionId: string; tabId: string; view: FormView }) {
  const onCreated = useCallback(
    (key: Row) => {
      const shown = findTab(tabId)?.view
      if (shown?.kind === 'form') useWorkspaceStore.getState().updateTab(tabId, { ...shown, key })
    },
    [tabId],
  )
  // The target is fixed for this mount: a created record keeps its tab and its form (keyed by the draft).
  const [target] = useState<FormTarget>(() => ({ sessionId, table: view.table, key: view.key }))
  const form = useRecordForm(target, onCreated)
  const canGoBack = useWorkspaceStore((state) => (findTab(tabId, state)?.back.length ?? 0) > 0)
  const formId = useId()
  const [deleting, setDeleting] = useState(false)
  const title = formTitle(view.table, view.key, form.row)
  const gone = form.status === 'failed' && form.loadError instanceof AppError && form.loadError.code === 'NOT_FOUND'

  // The tab is named after the record once it is loaded (and again when a save renames it).
  useEffect(() => {
    if (form.status !== 'ready' && !gone) return
    const shown = findTab(tabId)?.view
    if (shown?.kind === 'form' && shown.label !== title) useWorkspaceStore.getState().updateTab(tabId, { ...shown, label: title })
  }, [tabId, title, form.status, gone])

  // Unsaved changes are asked about before the tab closes or shows another record.
  const [asking, setAsking] = useState<((discard: boolean) => void) | null>(null)
  const answer = useRef<((discard: boolean) => void) | null>(null)
  const reply = (discard: boolean) => {
    answer.current?.(discard)
    answer.current = null
    setAsking(null)
  }
  useEffect(() => {
    if (!form.dirty) return
    const guard = () =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false)
        answer.current = resolve
        setAsking(() => resolve)
      })
    useWorkspaceStore.getState().setTabGuard(tabId, guard)
    return () => {
      if (useWorkspaceStore.getState().tabGuards[tabId] === guard) useWorkspaceStore.getState().setTabGuard(tabId, null)
    }
  }, [form.dirty, tabId])

  const close = () => void useWorkspaceStore.getState().closeTab(tabId)
  /** The record is gone (deleted here, or found deleted): back to the previous form, or the tab closes, without asking. */
  const leaveGone = () => {
    useWorkspaceStore.getState().setTabGuard(tabId, null)
    if (canGoBack) void stepBack(-1)
    else close()
  }
  const openNested = (next: FormTarget) => void useWorkspaceStore.getState().follow(formView(next.table, next.key), null)
  const Form = form.table?.model ? FORMS[form.table.model] : null

  return (
    <section className="form-tab" aria-label={title}>
      <header className="form-tab-head">
        <h1 className="form-tab-title">{title}</h1>
        <span className="badge">{view.table}</span>
      </header>
      <div className="form-tab-body">
        {form.status === 'loading' && <Spinner label="Loading the record" />}
        {gone && (
          <p className="note note-warning" role="alert">
            This {singular(view.table)} is no longer in <strong>{view.table}</strong>: it was deleted since the tab was opened.
          </p>
        )}
        {form.status === 'failed' && !gone && (
          <>
            <ErrorNote error={form.loadError} title="Could not open this record" />
            <Button onClick={() => void form.reload()}>Try again</Button>
          </>
        )}
        {form.status === 'ready' && !Form && (
          <p className="note note-warning">
            {view.table} is not one of the app’s own tables (users, posts, notes) as its model defines them, so it has no form. Edit its
            rows in the grid.
          </p>
        )}
        {form.status === 'ready' && Form && (
          <form
            id={formId}
            className="record-form"
            noValidate
            aria-label={title}
            onSubmit={(event) => {
              event.preventDefault()
              void form.save()
            }}
          >
            {form.generalError && <ErrorNote error={form.generalError} title="Not saved" />}
            <Form form={form} onOpenRecord={openNested} />
          </form>
        )}
      </div>
      <footer className="form-tab-foot">
        {form.row && (
          <Button variant="danger" onClick={() => setDeleting(true)} disabled={form.busy !== null}>
            Delete…
          </Button>
        )}
        {canGoBack && <Button onClick={() => void stepBack(-1)}>Back</Button>}
        <span className="grow form-status" role="status">
          {form.busy === 'saving' && <Spinner label="Saving" />} {form.notice}
        </span>
        <Button onClick={close}>Close</Button>
        {Form && (
          <Button variant="primary" type="submit" form={formId} disabled={form.busy !== null}>
            {form.busy === 'saving' ? 'Saving…' : form.row ? 'Save' : 'Create'}
          </Button>
        )}
      </footer>

      <DeleteConfirm form={form} open={deleting} onClose={() => setDeleting(false)} onDeleted={leaveGone} />

      <Dialog
        open={asking !== null}
        title="Discard unsaved changes?"
        onClose={() => reply(false)}
        footer={
          <>
            <Button onClick={() => reply(false)}>Keep editing</Button>
            <Button variant="danger-solid" onClick={() => reply(true)}>
              Discard changes
            </Button>
          </>
        }
      >
        <p>This {singular(view.table)} has changes that are not saved. They will be lost.</p>
      </Dialog>

      {form.conflict && (
        <ConflictDialog
          open
          table={view.table}
          yours={form.conflict.yours}
          original={form.conflict.original}
          theirs={form.conflict.theirs}
          seen={form.conflict.seen}
          onKeepMine={() => void form.keepMine()}
          onTakeTheirs={() => {
            if (!form.takeTheirs()) leaveGone()
          }}
          onReedit={form.reedit}
          onClose={form.dismissConflict}
        />
      )}
    </section>
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
