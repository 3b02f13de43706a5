import { useEffect, useId, useRef, useState, type ChangeEvent, type CSSProperties, type KeyboardEvent } from 'react'
import type { ColumnInfo } from '../../../../shared/contract'
import type { Cell } from '../../../../shared/cells'
import type { EditValue } from './staging/model'
import { editText, floatWarning, parseCellText } from './staging/values'
import './edit.css'

export type EditorExit = 'stay' | 'down' | 'right' | 'left'

export interface CellEditorProps {
  column: ColumnInfo
  value: Cell
  /** A key typed on the grid replaces the value, as in a spreadsheet. */
  initialText?: string
  style: CSSProperties
  onCommit(value: EditValue, exit: EditorExit): void
  onCancel(): void
}

/**
 * Edits one cell as text the way the server prints it (dates keep their fractions and zone), checked
 * before it is staged; booleans are a true/false choice; nullable columns have a NULL toggle.
 * Enter stages, Esc cancels, Tab stages and moves on; leaving the editor stages a valid value.
 */
export function CellEditor({ column, value, initialText, style, onCommit, onCancel }: CellEditorProps) {
  const [text, setText] = useState(initialText ?? editText(value))
  const [isNull, setIsNull] = useState(value === null && initialText === undefined)
  const [bool, setBool] = useState<boolean>(value === true || (value === null && column.kind === 'boolean'))
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const root = useRef<HTMLDivElement>(null)
  const errorId = useId()
  const helpId = useId()
  const multiline =
    column.kind === 'json' || text.includes('\n') || (column.kind === 'text' && column.maxLength === null && text.length > 60)
  const done = useRef(false)
  const warning = isNull ? null : floatWarning(column, text)

  useEffect(() => {
    const element = input.current ?? root.current?.querySelector<HTMLElement>('input, button')
    element?.focus()
    if (!input.current) return
    if (initialText === undefined) input.current.select()
    else input.current.setSelectionRange(initialText.length, initialText.length)
  }, [initialText])

  const result = (): { ok: true; value: EditValue } | { ok: false; message: string } => {
    if (isNull) return { ok: true, value: null }
    if (column.kind === 'boolean') return { ok: true, value: bool }
    return parseCellText(column, text)
  }

  const commit = (exit: EditorExit, refocus = true): boolean => {
    if (done.current) return true
    const parsed = result()
    if (!parsed.ok) {
      setError(parsed.message)
      if (refocus) input.current?.focus()
      return false
    }
    done.current = true
    onCommit(parsed.value, exit)
    return true
  }

  const cancel = () => {
    if (done.current) return
    done.current = true
    onCancel()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      cancel()
    } else if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault()
      event.stopPropagation()
      commit('stay')
    } else if (event.key === 'Tab' && event.target === input.current) {
      event.preventDefault()
      event.stopPropagation()
      commit(event.shiftKey ? 'left' : 'right')
    } else if (mod && event.key.toLowerCase() === 's') {
      // Stage this value first; the window's Ctrl+S handler then commits everything.
      if (!commit('stay')) event.preventDefault()
    }
  }

  // What the one-line and the multi-line text editors share.
  const textProps = {
    'aria-label': column.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `${error ? errorId : ''} ${helpId}`.trim(),
    value: isNull ? '' : text,
    placeholder: isNull ? 'NULL' : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      // Typing into a NULL cell gives it a value; the NULL button makes it NULL again.
      setText(e.target.value)
      setIsNull(false)
      setError(null)
    },
  }

  return (
    <div
      ref={root}
      className="cell-editor"
      style={style}
      role="group"
      aria-label={`Edit ${column.name}`}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Leaving for somewhere outside the editor keeps a valid value, as spreadsheets do.
        if (root.current?.contains(event.relatedTarget)) return
        commit('stay', false)
      }}
    >
      {column.kind === 'boolean' ? (
        <div className="cell-editor-bool" role="radiogroup" aria-label={column.name}>
          {[true, false].map((option) => (
            <label key={String(option)}>
              <input
                type="radio"
                name={`${errorId}-bool`}
                checked={!isNull && bool === option}
                onChange={() => {
                  setBool(option)
                  setIsNull(false)
                }}
              />
              {String(option)}
            </label>
          ))}
        </div>
      ) : multiline ? (
        <textarea
          ref={input}
          {...textProps}
          rows={Math.min(12, Math.max(4, text.split('\n').length + 1))}
          spellCheck={column.kind === 'text'}
        />
      ) : (
        <input
          ref={input}
          {...textProps}
          inputMode={column.kind === 'integer' ? 'numeric' : column.kind === 'decimal' || column.kind === 'float' ? 'decimal' : undefined}
          spellCheck={false}
        />
      )}
      <div className="cell-editor-foot">
        {column.nullable && (
          <button
            type="button"
            className={`btn btn-small${isNull ? ' btn-primary' : ''}`}
            aria-pressed={isNull}
            onClick={() => {
              setIsNull(!isNull)
              if (!isNull) setText('')
              setError(null)
              requestAnimationFrame(() => input.current?.focus())
            }}
          >
            NULL
          </button>
        )}
        <span id={helpId} className="cell-editor-help">
          {hintFor(column)} · Enter saves{multiline ? ', Shift+Enter new line' : ''} · Esc cancels
        </span>
      </div>
      {warning && !error && (
        <div className="cell-editor-warning" role="status">
          {warning}
        </div>
      )}
      {error && (
        <div id={errorId} className="cell-editor-error" role="alert">
          {error}
        </div>
      )}
    </div>
  )
}

function hintFor(column: ColumnInfo): string {
  switch (column.kind) {
    case 'datetime':
      return `${column.type}, as the server prints it`
    case 'date':
      return 'YYYY-MM-DD'
    case 'time':
      return 'HH:MM:SS'
    case 'json':
      return 'JSON'
    default:
      return column.maxLength ? `${column.type}, at most ${column.maxLength}` : column.type
  }
}
