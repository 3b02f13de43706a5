import { useEffect, useId, useRef, useState, type RefObject } from 'react'
import type { ColumnInfo, ColumnKind, Filter, FilterOperator } from '../../../../shared/contract'
import type { Cell } from '../../../../shared/cells'
import { Button } from '../../components/Button'
import { filterValue } from '../edit/staging/values'

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  contains: 'contains',
  startsWith: 'starts with',
  isNull: 'is NULL',
  isNotNull: 'is not NULL',
}

const TEXT_OPS: FilterOperator[] = ['contains', 'eq', 'ne', 'startsWith', 'lt', 'gt', 'isNull', 'isNotNull']
const ORDERED_OPS: FilterOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'isNull', 'isNotNull']

function operatorsFor(kind: ColumnKind): FilterOperator[] {
  if (kind === 'boolean') return ['eq', 'ne', 'isNull', 'isNotNull']
  if (kind === 'binary') return ['isNull', 'isNotNull']
  if (kind === 'text' || kind === 'other' || kind === 'json' || kind === 'uuid') return TEXT_OPS
  return ORDERED_OPS
}

const needsValue = (op: FilterOperator): boolean => op !== 'isNull' && op !== 'isNotNull'

interface Draft {
  column: string
  op: FilterOperator
  text: string
}

const textOf = (value: Cell | undefined): string =>
  value === null || value === undefined || typeof value === 'object' ? '' : String(value)
const draftsOf = (filters: Filter[]): Draft[] => filters.map((f) => ({ column: f.column, op: f.op, text: textOf(f.value) }))

export interface FilterBarProps {
  columns: ColumnInfo[]
  filters: Filter[]
  search: string
  searchRef: RefObject<HTMLInputElement | null>
  onApply(filters: Filter[], search: string): void
}

/**
 * Several filters at once (all must hold) and a search across the text columns. Filters apply with
 * the button or Enter; the search applies as you pause typing.
 */
export function FilterBar({ columns, filters, search, searchRef, onApply }: FilterBarProps) {
  const [drafts, setDrafts] = useState<Draft[]>(() => draftsOf(filters))
  const [searchText, setSearchText] = useState(search)
  const id = useId()
  const timer = useRef<number | undefined>(undefined)

  // The applied query can change from elsewhere (a foreign-key link): show it.
  useEffect(() => setDrafts(draftsOf(filters)), [filters])
  useEffect(() => setSearchText(search), [search])
  useEffect(() => () => window.clearTimeout(timer.current), [])

  const toFilters = (list: Draft[]): Filter[] =>
    list.map((draft) => {
      const kind = columns.find((c) => c.name === draft.column)?.kind ?? 'text'
      return needsValue(draft.op)
        ? { column: draft.column, op: draft.op, value: filterValue(kind, draft.text) }
        : { column: draft.column, op: draft.op }
    })

  const applied = JSON.stringify(draftsOf(filters)) === JSON.stringify(drafts)
  const apply = (list = drafts, text = searchText) => {
    window.clearTimeout(timer.current)
    onApply(toFilters(list), text.trim())
  }

  const update = (index: number, patch: Partial<Draft>) =>
    setDrafts((list) =>
      list.map((draft, i) => {
        if (i !== index) return draft
        const next = { ...draft, ...patch }
        const kind = columns.find((c) => c.name === next.column)?.kind ?? 'text'
        const ops = operatorsFor(kind)
        if (!ops.includes(next.op)) next.op = ops[0] ?? 'eq'
        if (kind === 'boolean' && next.text !== 'true' && next.text !== 'false') next.text = 'true'
        return next
      }),
    )

  const addFilter = () => {
    const column = columns[0]
    if (!column) return
    const op = operatorsFor(column.kind)[0] ?? 'eq'
    setDrafts((list) => [...list, { column: column.name, op, text: column.kind === 'boolean' ? 'true' : '' }])
  }

  return (
    <div className="filter-bar">
      <div className="row filter-search" role="search">
        {/* "Filter": the quick way to narrow rows; it looks for the text in every text column. */}
        <label htmlFor={`${id}-search`} className="sr-only">
          Filter
        </label>
        <input
          ref={searchRef}
          id={`${id}-search`}
          type="search"
          placeholder="Search text columns (Ctrl+F)"
          aria-describedby={`${id}-search-help`}
          value={searchText}
          onChange={(e) => {
            const text = e.target.value
            setSearchText(text)
            window.clearTimeout(timer.current)
            timer.current = window.setTimeout(() => apply(drafts, text), 450)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply()
          }}
        />
        <span id={`${id}-search-help`} hidden>
          Shows the rows with this text in any text column.
        </span>
        <Button small onClick={addFilter}>
          Add filter
        </Button>
        {drafts.length > 0 && (
          <>
            <Button small variant="primary" onClick={() => apply()} disabled={applied}>
              Apply filters
            </Button>
            <Button
              small
              onClick={() => {
                setDrafts([])
                apply([])
              }}
            >
              Clear filters
            </Button>
          </>
        )}
      </div>
      {drafts.length > 0 && (
        <ul className="filter-list" aria-label="Filters">
          {drafts.map((draft, index) => {
            const column = columns.find((c) => c.name === draft.column)
            const n = index + 1
            return (
              <li key={index} className="row filter-row">
                <label htmlFor={`${id}-${index}-col`} className="sr-only">{`Filter ${n} column`}</label>
                <select id={`${id}-${index}-col`} value={draft.column} onChange={(e) => update(index, { column: e.target.value })}>
                  {columns.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${id}-${index}-op`} className="sr-only">{`Filter ${n} operator`}</label>
                <select id={`${id}-${index}-op`} value={draft.op} onChange={(e) => update(index, { op: e.target.value as FilterOperator })}>
                  {operatorsFor(column?.kind ?? 'text').map((op) => (
                    <option key={op} value={op}>
                      {OPERATOR_LABELS[op]}
                    </option>
                  ))}
                </select>
                {needsValue(draft.op) && (
                  <>
                    <label htmlFor={`${id}-${index}-value`} className="sr-only">{`Filter ${n} value`}</label>
                    {column?.kind === 'boolean' ? (
                      <select id={`${id}-${index}-value`} value={draft.text} onChange={(e) => update(index, { text: e.target.value })}>
                        <option value="true">true</option>
                        <option value="false">false</option>
                      </select>
                    ) : (
                      <input
                        id={`${id}-${index}-value`}
                        value={draft.text}
                        placeholder="value"
                        onChange={(e) => update(index, { text: e.target.value })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') apply()
                        }}
                      />
                    )}
                  </>
                )}
                <Button
                  small
                  variant="ghost"
                  aria-label={`Remove filter ${n}`}
                  onClick={() => {
                    const next = drafts.filter((_, i) => i !== index)
                    setDrafts(next)
                    if (filters.length > 0) apply(next)
                  }}
                >
                  ×
                </Button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
