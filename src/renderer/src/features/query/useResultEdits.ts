import { useEffect, useMemo, useRef, useState } from 'react'
import type { ResultEditable, TableInfo } from '../../../../shared/contract'
import { cellOf, type Cell, type Row } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'
import {
  countChanges,
  emptyStaged,
  keyOf,
  resolveConflict,
  rowIdOf,
  stageCell,
  stageDelete,
  toOperations,
  type Conflict,
  type ConflictChoice,
  type Staged,
} from '../edit/staging/model'
import type { ResultGridEdit } from './ResultGrid'

/**
 * Edits of a console result the engine found editable: staged with the grid's own model (keys,
 * the values the user saw as `original` for the conflict check) and committed with records.batch,
 * the grid's write path. What the database holds after a commit stays shown over the rows read
 * (the result is not re-run). A CONFLICT opens the grid's conflict dialog, resolved the grid's way.
 */
export function useResultEdits(sessionId: string, editable: ResultEditable | undefined, rows: Cell[][]) {
  const [info, setInfo] = useState<TableInfo | null>(null)
  const [staged, setStagedState] = useState<Staged>(() => emptyStaged(editable?.table ?? ''))
  /** The staged edits as of the last change, before React renders them: Ctrl/Cmd+S in the cell editor stages the value and commits at once. */
  const latest = useRef(staged)
  const setStaged = (next: Staged) => {
    latest.current = next
    setStagedState(next)
  }
  const [history, setHistory] = useState<Staged[]>([])
  /** Rows as the database holds them since (after a commit, or theirs after a conflict), by row id, over the rows read. */
  const [saved, setSaved] = useState<Record<string, Row>>({})
  /** Rows deleted by a commit, by row id: still listed (the result is not re-run), shown as deleted, no longer editable. */
  const [gone, setGone] = useState<ReadonlySet<string>>(() => new Set())
  const [committing, setCommitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)

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

  /** The row the user acts on, as shown (the conflict check compares with what was seen). */
  const targetAt = (index: number) => {
    const seen = rowAt(index)
    if (!seen || !editable) return null
    return { rowId: rowIdOf(editable.keyColumns, seen), key: keyOf(editable.keyColumns, seen), row: seen }
  }

  const grid: Omit<ResultGridEdit, 'commit' | 'undo'> | undefined = useMemo(() => {
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
      isDeleted(row) {
        const seen = rowAt(row)
        if (!seen) return false
        const rowId = rowIdOf(editable.keyColumns, seen)
        return gone.has(rowId) || staged.items[rowId]?.kind === 'delete'
      },
      onStage(row, col, value) {
        const target = targetAt(row)
        if (!target) return
        setHistory((h) => [...h, staged])
        setStaged(stageCell(staged, target, editable.columns[col] ?? '', value))
        setError(null)
      },
      onDelete(indexes) {
        const targets = indexes.flatMap((index) => {
          const target = targetAt(index)
          return target && !gone.has(target.rowId) ? [target] : []
        })
        const next = stageDelete(staged, targets)
        if (next === staged) return
        setHistory((h) => [...h, staged])
        setStaged(next)
        setError(null)
      },
    }
    // rowAt and targetAt read rows and saved, listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable, info, staged, rows, saved, gone])

  const operations = useMemo(() => toOperations(staged).operations, [staged])

  /** The shown cells of the result's columns of a table row (the rest of the row is not in the result). */
  const shownOf = (row: Row): Row => Object.fromEntries((editable?.columns ?? []).map((name) => [name, cellOf(row, name) ?? null]))
  const seenRow = (rowId: string): Row | null => {
    for (let i = 0; i < rows.length; i++) {
      const row = rowAt(i)
      if (row && editable && rowIdOf(editable.keyColumns, row) === rowId) return row
    }
    return null
  }

  async function commitStaged(current: Staged): Promise<void> {
    const { operations: batch, rowIds } = toOperations(current)
    if (batch.length === 0 || !editable) return
    setCommitting(true)
    setError(null)
    try {
      const results = await api.call('records.batch', { sessionId, operations: batch })
      // Shown as the database now holds them (a value typed as 2.50 may read back as 2.5): a next edit compares with that.
      const now: Record<string, Row> = {}
      for (const result of results) if (result.kind !== 'delete') now[rowIdOf(editable.keyColumns, result.row)] = shownOf(result.row)
      setSaved((before) => ({ ...before, ...now }))
      const deleted = batch.flatMap((operation, i) => (operation.kind === 'delete' ? [rowIds[i] ?? ''] : []))
      if (deleted.length > 0) setGone((before) => new Set([...before, ...deleted]))
      setStaged(emptyStaged(current.table))
      setHistory([])
    } catch (failure) {
      const index = failure instanceof AppError ? failure.details?.operationIndex : undefined
      const rowId = index !== undefined ? rowIds[index] : undefined
      const item = rowId !== undefined ? current.items[rowId] : undefined
      if (failure instanceof AppError && failure.code === 'CONFLICT' && rowId !== undefined && item)
        setConflict({ rowId, item, theirs: failure.details?.current ?? null, seen: seenRow(rowId) })
      setError(failure)
    } finally {
      setCommitting(false)
    }
  }

  /** The user's choice in the conflict dialog: the row is shown as it is now, and the edits resolved as in the grid. */
  function resolve(choice: ConflictChoice): void {
    if (!conflict) return
    const next = resolveConflict(staged, conflict, choice)
    const theirs = conflict.theirs
    if (theirs) setSaved((before) => ({ ...before, [conflict.rowId]: shownOf(theirs) }))
    setHistory([...history, staged])
    setStaged(next)
    setConflict(null)
    setError(null)
    if (choice === 'keepMine') void commitStaged(next)
  }

  return {
    grid,
    operations,
    count: countChanges(staged),
    committing,
    error: conflict ? null : error,
    conflict,
    resolve,
    closeConflict: () => setConflict(null),
    canUndo: history.length > 0,
    commit: () => commitStaged(latest.current),
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
