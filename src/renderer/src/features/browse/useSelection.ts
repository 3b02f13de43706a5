import { useCallback, useRef, useState } from 'react'
import type { RowId } from '../edit/staging/model'
import { rowOf, type RowSpan } from './grid-rows'

const NONE: ReadonlySet<RowId> = new Set()

/** Selected rows by id: toggle one, Shift+click a range from the last toggled, or all / none (all: the rows in memory). */
export function useSelection(rows: RowSpan) {
  const [selected, setSelected] = useState<ReadonlySet<RowId>>(NONE)
  const anchor = useRef(0)
  const latestRows = useRef(rows)
  latestRows.current = rows

  const select = useCallback((index: number, mode: 'toggle' | 'range' | 'all') => {
    const list = latestRows.current
    setSelected((current) => {
      if (mode === 'all') return current.size >= list.items.length ? NONE : new Set(list.items.map((r) => r.rowId))
      const row = rowOf(list, index)
      if (!row) return current
      const next = new Set(current)
      if (mode === 'range') {
        for (let i = Math.min(anchor.current, index); i <= Math.max(anchor.current, index); i++) {
          const id = rowOf(list, i)?.rowId
          if (id) next.add(id)
        }
        return next
      }
      anchor.current = index
      if (next.has(row.rowId)) next.delete(row.rowId)
      else next.add(row.rowId)
      return next
    })
  }, [])

  const clear = useCallback(() => setSelected(NONE), [])
  return { selected, select, clear }
}
