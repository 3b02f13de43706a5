import { cloneElement, useId, type ReactElement } from 'react'

interface ControlProps {
  id?: string
  'aria-invalid'?: boolean
  'aria-describedby'?: string
}

export interface FieldProps {
  label: string
  /** Shown under the control: constraints such as "required, at most 80 characters". */
  help?: string
  error?: string | null
  children: ReactElement<ControlProps>
}

/** A labelled control with its help and its error, wired for screen readers. */
export function Field({ label, help, error, children }: FieldProps) {
  const id = useId()
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {help && (
        <span id={helpId} className="field-help">
          {help}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
