/**
 * The shared logic of the record forms: load the table's description and the row, keep the edits,
 * save only the changed fields (with their values as loaded, so a change made meanwhile is a
 * CONFLICT, never silently overwritten), delete, and resolve conflicts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { TableInfo } from '../../../../../shared/contract'
import { AppError } from '../../../../../shared/errors'
import type { Row } from '../../../../../shared/cells'
import { api } from '../../../api'
import { useFormStore, type FormTarget } from '../../../stores/forms'
import {
  changedFields,
  checkField,
  draftCells,
  draftOf,
  insertValues,
  pick,
  rebase,
  toCellInput,
  type Draft,
  type FieldValue,
} from './field-values'
import { dependentsMessage, formErrorsOf } from './form-errors'

export interface ConflictState {
  /** The changed fields as the user typed them. */
  yours: Row
  /** The same fields as they were loaded. */
  original: Row
  /** The row as the database holds it now; null when it was deleted meanwhile. */
  theirs: Row | null
  /** The whole row as it was loaded, so a change someone made to another field shows too. */
  seen: Row
}

interface State {
  status: 'loading' | 'ready' | 'failed'
  loadError: unknown
  table: TableInfo | null
  /** The row as last loaded or saved; null for a record not yet created. */
  row: Row | null
  draft: Draft
  touched: ReadonlySet<string>
  /** A save was attempted: every field shows its early check. */
  submitted: boolean
  serverErrors: Record<string, string>
  generalError: AppError | null
  busy: 'saving' | 'deleting' | null
  notice: string | null
  conflict: ConflictState | null
  deleteError: AppError | null
}

const START: State = {
  status: 'loading',
  loadError: null,
  table: null,
  row: null,
  draft: {},
  touched: new Set(),
  submitted: false,
  serverErrors: {},
  generalError: null,
  busy: null,
  notice: null,
  conflict: null,
  deleteError: null,
}

export type RecordForm = ReturnType<typeof useRecordForm>

/** `onCreated` hears the key of a record the form created: the form edits that record from then on. */
export function useRecordForm(target: FormTarget, onCreated?: (key: Row) => void) {
  const [state, setState] = useState<State>(START)
  // Async steps read the latest state here (a closure would see the state of the render that started them).
  const latest = useRef(state)
  latest.current = state
  const update = useCallback((patch: Partial<State>) => {
    latest.current = { ...latest.current, ...patch }
    setState(latest.current)
  }, [])
  const { sessionId, table: tableName } = target
  const keyRef = useRef(target.key)

  const load = useCallback(async () => {
    update({ status: 'loading', loadError: null })
    try {
      const key = keyRef.current
      const [table, row] = await Promise.all([
        api.call('schema.describe', { sessionId, table: tableName }),
        key ? api.call('records.get', { sessionId, table: tableName, key }) : Promise.resolve(null),
      ])
      update({ ...START, status: 'ready', table, row, draft: draftOf(table, row) })
    } catch (error) {
      update({ status: 'failed', loadError: error })
    }
  }, [sessionId, tableName, update])

  useEffect(() => {
    void load()
  }, [load])

  const baseDraft = useMemo(() => (state.table ? draftOf(state.table, state.row) : {}), [state.table, state.row])
  const dirty = state.table ? changedFields(state.table, state.draft, baseDraft).length > 0 : false

  const setField = useCallback(
    (name: string, value: FieldValue) => {
      const s = latest.current
      const column = s.table?.columns.find((c) => c.name === name)
      // Typing into an empty optional text field and clearing it again leaves it NULL, as it was.
      const base = s.table ? draftOf(s.table, s.row)[name] : undefined
      const next = value === '' && column?.nullable && base === null ? null : value
      const serverErrors = { ...s.serverErrors }
      delete serverErrors[name]
      update({ draft: { ...s.draft, [name]: next }, touched: new Set(s.touched).add(name), serverErrors, notice: null })
    },
    [update],
  )

  const errorOf = (name: string): string | null => {
    const server = state.serverErrors[name]
    if (server) return server
    const column = state.table?.columns.find((c) => c.name === name)
    if (!column || !(state.submitted || state.touched.has(name))) return null
    return checkField(column, state.draft[name] ?? null)
  }

  const failed = (error: unknown) => {
    const s = latest.current
    const { fields, general } = formErrorsOf(
      error,
      s.table!,
      s.table!.columns.map((c) => c.name),
    )
    update({ busy: null, submitted: true, serverErrors: fields, generalError: general })
  }

  const saved = (row: Row, notice: string) => {
    const table = latest.current.table!
    update({
      busy: null,
      row,
      draft: draftOf(table, row),
      touched: new Set(),
      submitted: false,
      serverErrors: {},
      generalError: null,
      notice,
      conflict: null,
    })
    useFormStore.getState().markSaved()
  }

  const insert = async (draft: Draft, notice: string) => {
    const table = latest.current.table!
    update({ busy: 'saving', notice: null, generalError: null })
    try {
      const row = await api.call('records.insert', { sessionId, table: tableName, values: insertValues(table, draft) })
      keyRef.current = pick(row, table.primaryKey)
      onCreated?.(keyRef.current)
      saved(row, notice)
    } catch (error) {
      failed(error)
    }
  }

  /** Writes the fields that differ from `base`, telling the engine what they held in `base`. */
  const updateFrom = async (base: Row, draft: Draft) => {
    const table = latest.current.table!
    const changed = changedFields(table, draft, draftOf(table, base))
    if (changed.length === 0) return update({ notice: 'Nothing to save: no field was changed.', submitted: true })
    update({ busy: 'saving', notice: null, generalError: null })
    const values = Object.fromEntries(
      changed.map((name) => [
        name,
        toCellInput(
          table.columns.find((c) => c.name === name)!,
          draft[name] ?? null,
        ),
      ]),
    )
    try {
      const row = await api.call('records.update', {
        sessionId,
        table: tableName,
        key: keyRef.current!,
        original: pick(base, changed),
        values,
      })
      saved(row, 'Saved.')
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        const conflict = {
          yours: draftCells(table, draft, changed),
          original: pick(base, changed),
          theirs: error.details?.current ?? null,
          seen: base,
        }
        return update({ busy: null, conflict })
      }
      failed(error)
    }
  }

  const save = async () => {
    const s = latest.current
    if (!s.table || s.busy) return
    // The early checks only warn: the engine's validation decides, and its messages replace them.
    update({ submitted: true })
    if (s.row) await updateFrom(s.row, s.draft)
    else await insert(s.draft, 'Created.')
  }

  /** Deletes the row; answers true when it is gone. */
  const remove = async (): Promise<boolean> => {
    const s = latest.current
    if (!s.row || !s.table || s.busy) return false
    update({ busy: 'deleting', deleteError: null })
    try {
      await api.call('records.delete', { sessionId, table: tableName, key: keyRef.current!, original: s.row })
      update({ busy: null })
      useFormStore.getState().markSaved()
      return true
    } catch (error) {
      const appError = error instanceof AppError ? error : formErrorsOf(error, s.table, []).general
      const dependents = appError && appError.code === 'FK_VIOLATION' ? dependentsMessage(tableName, appError) : null
      update({
        busy: null,
        deleteError: dependents && appError ? new AppError({ code: appError.code, message: dependents, hint: appError.hint }) : appError,
      })
      return false
    }
  }

  const keepMine = async () => {
    const s = latest.current
    if (!s.conflict || !s.table || !s.row) return
    const { theirs } = s.conflict
    update({ conflict: null })
    if (theirs === null) {
      // The row is gone: create it again from what is in the form.
      keyRef.current = null
      update({ row: null })
      return insert(s.draft, 'Created again.')
    }
    const draft = rebase(s.table, s.draft, draftOf(s.table, s.row), theirs)
    update({ row: theirs, draft })
    await updateFrom(theirs, draft)
  }

  /** Takes the database's row; answers false when there is none (the caller closes the form). */
  const takeTheirs = (): boolean => {
    const s = latest.current
    if (!s.conflict || !s.table) return false
    const { theirs } = s.conflict
    if (theirs === null) {
      update({ conflict: null })
      useFormStore.getState().markSaved()
      return false
    }
    update({
      conflict: null,
      row: theirs,
      draft: draftOf(s.table, theirs),
      touched: new Set(),
      serverErrors: {},
      notice: 'Loaded the values the database holds now.',
    })
    return true
  }

  const reedit = () => {
    const s = latest.current
    if (!s.conflict || !s.table || !s.row) return
    const { theirs } = s.conflict
    if (theirs === null) {
      // Keep the values as a record to create: Save will create it again.
      keyRef.current = null
      return update({ conflict: null, row: null, notice: 'This record was deleted meanwhile: saving will create it again.' })
    }
    update({
      conflict: null,
      row: theirs,
      draft: rebase(s.table, s.draft, draftOf(s.table, s.row), theirs),
      notice: 'The form is now based on the current values; your edits are kept.',
    })
  }

  return {
    target,
    ...state,
    isNew: state.row === null,
    dirty,
    errorOf,
    setField,
    save,
    remove,
    keepMine,
    takeTheirs,
    reedit,
    dismissConflict: () => update({ conflict: null }),
    clearDeleteError: () => update({ deleteError: null }),
    reload: load,
  }
}
