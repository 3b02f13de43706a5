import { useMemo, useState } from 'react'
import type { TableInfo } from '../../../../shared/contract'
import { useEditorStore } from '../../stores/editor'
import { ConflictDialog } from './ConflictDialog'
import { PendingChangesBar } from './PendingChangesBar'
import { ReviewDialog } from './ReviewDialog'
import { countChanges, toOperations, type RowId } from './staging/model'

export interface PendingEditsProps {
  sessionId: string
  info: TableInfo
  /** Where a row is, in words ("users id = 3", "new row 1"), for error messages. */
  describeRow(rowId: RowId): string
  onCommit(): Promise<boolean>
}

/** The pending-changes bar with its Review dialog, and the conflict dialog a commit may open. */
export function PendingEdits({ sessionId, info, describeRow, onCommit }: PendingEditsProps) {
  const editor = useEditorStore()
  const [reviewing, setReviewing] = useState(false)
  const { operations, rowIds } = useMemo(() => toOperations(editor.staged), [editor.staged])
  const { conflict } = editor
  const firstError = editor.cellErrors[0]
  const errorPlace = firstError ? `${describeRow(firstError.rowId)}${firstError.column ? `, column ${firstError.column}` : ''}` : null

  const commit = async () => {
    // Closed either way: a failure shows in the bar (pointing at its cell) or in the conflict dialog.
    setReviewing(false)
    await onCommit()
  }

  return (
    <>
      <PendingChangesBar
        count={countChanges(editor.staged)}
        committing={editor.committing}
        canUndo={editor.past.length > 0}
        error={conflict ? null : editor.commitError}
        errorPlace={errorPlace}
        onGoToError={() => firstError && editor.requestFocus(firstError.rowId, firstError.column)}
        onReview={() => setReviewing(true)}
        onCommit={() => void commit()}
        onDiscard={() => editor.discard()}
        onUndo={() => editor.undo()}
      />
      <ReviewDialog
        open={reviewing}
        sessionId={sessionId}
        operations={operations}
        committing={editor.committing}
        describeOperation={(index) => {
          const rowId = rowIds[index]
          return rowId ? describeRow(rowId) : `Operation ${index + 1}`
        }}
        onProblems={(problems) => {
          // The refused cells are marked in the grid too, as after a failed commit.
          const columns = new Set(info.columns.map((c) => c.name))
          editor.markCells(
            problems.flatMap((p) => {
              const rowId = rowIds[p.operationIndex]
              return rowId ? [{ rowId, column: p.column && columns.has(p.column) ? p.column : null, message: p.message }] : []
            }),
          )
        }}
        onGoTo={(problem) => {
          const rowId = rowIds[problem.operationIndex]
          setReviewing(false)
          if (rowId) editor.requestFocus(rowId, problem.column, true)
        }}
        onCommit={() => void commit()}
        onClose={() => setReviewing(false)}
      />
      <ConflictDialog
        open={conflict !== null}
        table={info.name}
        yours={conflict?.item.kind === 'update' ? conflict.item.values : {}}
        original={conflict && conflict.item.kind !== 'insert' ? conflict.item.original : {}}
        theirs={conflict?.theirs ?? null}
        seen={conflict?.seen ?? null}
        onKeepMine={() => void editor.keepMine(sessionId, info)}
        onTakeTheirs={() => editor.takeTheirs()}
        onReedit={() => editor.reedit()}
        onClose={() => editor.closeConflict()}
      />
    </>
  )
}
