import { useEffect, useId, useRef } from 'react'
import type { ColumnInfo } from '../../../../../shared/contract'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { constraintsOf, isNumeric, labelOf, roundingNote } from './field-values'
import type { RecordForm } from './useRecordForm'

interface ColumnFieldProps {
  form: RecordForm
  name: string
  label?: string
  /** Long text as a textarea (bio, content). */
  multiline?: boolean
  inputType?: 'text' | 'email'
  autoFocus?: boolean
}

/** One column of the record as a labelled control with its constraints and its message. */
export function ColumnField({ form, name, label, multiline, inputType = 'text', autoFocus }: ColumnFieldProps) {
  const column = form.table?.columns.find((c) => c.name === name)
  if (!column) return null
  const text = label ?? labelOf(name)
  const value = form.draft[name] ?? null
  const error = form.errorOf(name)
  if (column.kind === 'boolean') return <CheckboxField form={form} column={column} label={text} error={error} />
  // A float that cannot hold the digits typed says what it will store, as the value is typed.
  const help = [constraintsOf(column), roundingNote(column, value)].filter(Boolean).join(' · ')
  const placeholder = value === null ? placeholderOf(column, form.isNew) : undefined
  const onChange = (next: string) => form.setField(name, next)
  return (
    <div className="form-field">
      <Field label={text} help={help} error={error}>
        {multiline ? (
          <textarea
            rows={4}
            value={value === null ? '' : String(value)}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
            autoFocus={autoFocus}
          />
        ) : (
          <input
            type={inputType}
            inputMode={isNumeric(column) ? 'decimal' : undefined}
            autoComplete="off"
            spellCheck={inputType === 'email' || isNumeric(column) ? false : undefined}
            value={value === null ? '' : String(value)}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
            autoFocus={autoFocus}
          />
        )}
      </Field>
      {column.nullable && value !== null && (
        <Button variant="ghost" small className="form-null" onClick={() => form.setField(name, null)} aria-label={`Set ${text} to NULL`}>
          Set NULL
        </Button>
      )}
    </div>
  )
}

/** An empty optional field is NULL (or, on a new record, the column's default). */
function placeholderOf(column: ColumnInfo, isNew: boolean): string {
  // Defaults are SQL text: '0', 0::double precision, ('x')… shown as the bare value.
  if (isNew && column.default !== null) return `Default: ${column.default.replace(/::[\w\s]+$/, '').replace(/^\(?'(.*)'\)?$/, '$1')}`
  return 'NULL'
}

function CheckboxField({ form, column, label, error }: { form: RecordForm; column: ColumnInfo; label: string; error: string | null }) {
  const id = useId()
  const ref = useRef<HTMLInputElement>(null)
  const value = form.draft[column.name] ?? null
  // NULL is neither checked nor unchecked: the browser's "indeterminate" look says so.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = value === null
  }, [value])
  return (
    <div className="form-field form-check">
      <div className="row">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          checked={value === true}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          onChange={(e) => form.setField(column.name, e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
        {value === null && <span className="muted">(NULL)</span>}
        {column.nullable && value !== null && (
          <Button variant="ghost" small onClick={() => form.setField(column.name, null)} aria-label={`Set ${label} to NULL`}>
            Set NULL
          </Button>
        )}
      </div>
      <span id={`${id}-help`} className="field-help">
        {constraintsOf(column) || 'Yes or no'}
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/** The timestamps the model sets: shown, never edited. */
export function TimestampFields({ form }: { form: RecordForm }) {
  if (!form.row) return <p className="muted form-timestamps">Created and updated times are set when the record is saved.</p>
  const names = ['created_at', 'updated_at'].filter((n) => form.table?.columns.some((c) => c.name === n))
  return (
    <div className="form-timestamps row">
      {names.map((name) => (
        <Field key={name} label={labelOf(name)}>
          <input readOnly value={form.row?.[name] === null || form.row?.[name] === undefined ? 'NULL' : String(form.row[name])} />
        </Field>
      ))}
    </div>
  )
}
