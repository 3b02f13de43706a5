import { useEffect, useMemo, useState } from 'react'
import type { ResultEditable, TableInfo } from '../../../../shared/contract'
import { cellOf, type Cell, type Row } from '../../../../shared/cells'
import { api } from '../../api'
import { countChanges, emptyStaged, keyOf, rowIdOf, stageCell, toOperations, type EditValue, type Staged } from '../edit/staging/model'
import type { ResultGridEdit } from './ResultGrid'

/**
 * Edits of a console result the engine found editable: staged with the grid's own model (keys,
 * the values the user saw as `original` for the conflict check) and committed with records.batch,
 * the grid's write path. Committed values stay shown over the rows read (the result is not re-run).
 */
export function useResultEdits(sessionId: string, editable: ResultEditable | undefined, rows: Cell[][]) {
  const [info, setInfo] = useState<TableInfo | null>(null)
  const [staged, setStaged] = useState<Staged>(() => emptyStaged(editable?.table ?? ''))
  const [history, setHistory] = useState<Staged[]>([])
  const [saved, setSaved] = useState<Record<string, Record<string, EditValue>>>({})
  const [committing, setCommitting] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    if (!editable) return
    let live = true
    void api
      .call('schema.describe', { sessionId, table: editable.table })
      .then((described) => live && setInfo(described))
      .catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [sessionId, editable])

  const rowAt = (index: number): Row | null => {
    const cells = rows[index]
    if (!editable || !cells) return null
    const row: Row = Object.fromEntries(editable.columns.map((name, i) => [name, cells[i] ?? null]))
    const committed = saved[rowIdOf(editable.keyColumns, row)]
    return committed ? { ...row, ...committed } : row
  }

  const grid: ResultGridEdit | undefined = useMemo(() => {
    if (!editable || !info) return undefined
    return {
      columnInfo: (col) => info.columns.find((c) => c.name === editable.columns[col]) ?? null,
      cellAt(row, col) {
        const seen = rowAt(row)
        if (!seen) return undefined
        const item = staged.items[rowIdOf(editable.keyColumns, seen)]
        const name = editable.columns[col] ?? ''
        if (item?.kind === 'update' && Object.hasOwn(item.values, name)) return item.values[name]
        return cellOf(seen, name) ?? null
      },
      isStaged(row, col) {
        const seen = rowAt(row)
        const item = seen ? staged.items[rowIdOf(editable.keyColumns, seen)] : undefined
        return item?.kind === 'update' && Object.hasOwn(item.values, editable.columns[col] ?? '')
      },
      onStage(row, col, value) {
        const seen = rowAt(row)
        if (!seen) return
        const target = { rowId: rowIdOf(editable.keyColumns, seen), key: keyOf(editable.keyColumns, seen), row: seen }
        setHistory((h) => [...h, staged])
        setStaged(stageCell(staged, target, editable.columns[col] ?? '', value))
        setError(null)
      },
    }
    // rowAt reads rows and saved, listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable, info, staged, rows, saved])

  const operations = useMemo(() => toOperations(staged).operations, [staged])

  async function commit(): Promise<void> {
    if (operations.length === 0) return
    setCommitting(true)
    setError(null)
    try {
      await api.call('records.batch', { sessionId, operations })
      const next = { ...saved }
      for (const item of Object.values(staged.items))
        if (item.kind === 'update') next[item.rowId] = { ...(next[item.rowId] ?? {}), ...item.values }
      setSaved(next)
      setStaged(emptyStaged(staged.table))
      setHistory([])
    } catch (failure) {
      setError(failure)
    } finally {
      setCommitting(false)
    }
  }

  return {
    grid,
    operations,
    count: countChanges(staged),
    committing,
    error,
    canUndo: history.length > 0,
    commit,
    undo() {
      const previous = history.at(-1)
      if (!previous) return
      setHistory(history.slice(0, -1))
      setStaged(previous)
    },
    discard() {
      setStaged(emptyStaged(staged.table))
      setHistory([])
      setError(null)
    },
  }
}
