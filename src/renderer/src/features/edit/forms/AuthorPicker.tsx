import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Row } from '../../../../../shared/cells'
import { api } from '../../../api'
import { Spinner } from '../../../components/Spinner'

export interface AuthorPickerProps {
  sessionId: string
  /** The referenced table and column (users.id). */
  usersTable: string
  idColumn: string
  /** The author's id as the form holds it (text), or null. */
  value: string | null
  onChange(id: string | null): void
  label: string
  help?: string
  error?: string | null
}

const RESULTS = 8
const DEBOUNCE_MS = 150

/**
 * Picks a post's author by username: a combobox (ARIA 1.2) whose list is a search of users by
 * username (`contains`), keyboard-usable (arrows, Enter, Esc), never asking anyone to know an id.
 */
export function AuthorPicker({ sessionId, usersTable, idColumn, value, onChange, label, help, error }: AuthorPickerProps) {
  const id = useId()
  const listId = `${id}-list`
  const [selectedName, setSelectedName] = useState<string>('')
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState(false)
  const [open, setOpen] = useState(false)
  const [options, setOptions] = useState<Row[]>([])
  const [active, setActive] = useState(-1)
  const [searching, setSearching] = useState(false)
  const [searchError, setSearchError] = useState<string | null>(null)
  const searchSeq = useRef(0)

  // The chosen author's name, looked up by id (a post loads with user_id only).
  useEffect(() => {
    if (value === null || value.trim() === '') return setSelectedName('')
    let live = true
    const key = { [idColumn]: /^\d{1,15}$/.test(value) ? Number(value) : value }
    api.call('records.get', { sessionId, table: usersTable, key }).then(
      (row) => live && setSelectedName(String(row.username ?? `#${value}`)),
      () => live && setSelectedName(`#${value} (no such user)`),
    )
    return () => {
      live = false
    }
  }, [sessionId, usersTable, idColumn, value])

  // Search as the user types, debounced; only the newest answer is shown.
  useEffect(() => {
    if (!open) return
    const seq = ++searchSeq.current
    setSearching(true)
    const timer = setTimeout(() => {
      const filters = query.trim() ? [{ column: 'username', op: 'contains' as const, value: query.trim() }] : []
      api
        .call('records.page', {
          sessionId,
          table: usersTable,
          filters,
          sort: [{ column: 'username', direction: 'asc' }],
          pageSize: RESULTS,
        })
        .then(
          (page) => {
            if (seq !== searchSeq.current) return
            setOptions(page.rows)
            setActive(page.rows.length > 0 ? 0 : -1)
            setSearching(false)
            setSearchError(null)
          },
          () => {
            if (seq !== searchSeq.current) return
            setSearching(false)
            setSearchError('Could not search users.')
          },
        )
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [open, query, sessionId, usersTable])

  const choose = (row: Row) => {
    const chosen = row[idColumn]
    onChange(chosen === null || chosen === undefined ? null : String(chosen))
    setSelectedName(String(row.username ?? ''))
    setEditing(false)
    setOpen(false)
  }

  const cancel = () => {
    setEditing(false)
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) {
        setOpen(true)
        if (!editing) setQuery('')
        return
      }
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (options.length === 0 ? -1 : (i + step + options.length) % options.length))
    } else if (event.key === 'Enter' && open) {
      // Choosing, not submitting the form.
      event.preventDefault()
      const row = options[active]
      if (row) choose(row)
    } else if (event.key === 'Escape' && (open || editing)) {
      // Closes the list only; the dialog around stays open.
      event.preventDefault()
      event.stopPropagation()
      cancel()
    }
  }

  const optionId = (index: number) => `${id}-opt-${index}`
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined

  return (
    <div className="field author-picker">
      <label htmlFor={id}>{label}</label>
      <div className="author-picker-box">
        <input
          id={id}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          placeholder="Type a username…"
          value={editing ? query : selectedName}
          onChange={(e) => {
            setEditing(true)
            setQuery(e.target.value)
            setOpen(true)
          }}
          onFocus={(e) => e.target.select()}
          onBlur={cancel}
          onKeyDown={onKeyDown}
        />
        {open && searching && <Spinner label="Searching users" />}
        <ul id={listId} role="listbox" aria-label={`${label} choices`} className="author-picker-list" hidden={!open}>
          {options.map((row, index) => (
            <li
              key={String(row[idColumn])}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: the input keeps focus, so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault()
                choose(row)
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span>{String(row.username ?? '')}</span>
              {typeof row.email === 'string' && <span className="muted"> {row.email}</span>}
            </li>
          ))}
        </ul>
        {open && !searching && (
          <div role="status" className="author-picker-empty muted">
            {searchError ?? (options.length === 0 ? `No user matches “${query.trim()}”.` : '')}
          </div>
        )}
      </div>
      {help && (
        <span id={`${id}-help`} className="field-help">
          {help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
