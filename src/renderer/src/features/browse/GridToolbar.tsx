import type { ForeignKey, TableInfo } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { MenuButton } from '../../components/MenuButton'

export interface GridToolbarProps {
  info: TableInfo
  editable: boolean
  /** Whether the active row is a saved one (not new, not to be deleted). */
  rowSaved: boolean
  hasRow: boolean
  selectedCount: number
  onInsert(): void
  onDuplicate(): void
  onDelete(): void
  onNewRecord(): void
  onReferencedBy(key: ForeignKey): void
  onReload(): void
  /** The columns' own order and default widths again (after dragging or resizing them). */
  onResetColumns(): void
  columnsChanged: boolean
  bulk: React.ReactNode
  /** Export this view and copy the selected rows (features/transfer). */
  transfer?: React.ReactNode
}

const MODEL_NOUN = { User: 'user', Post: 'post', Note: 'note' } as const

/** Row actions: insert, duplicate, delete, the app's record forms, "referenced by", bulk changes, export and copy. */
export function GridToolbar(props: GridToolbarProps) {
  const { info, editable, hasRow, rowSaved, selectedCount } = props
  const noun = info.model ? MODEL_NOUN[info.model] : null
  return (
    <div className="grid-toolbar" role="group" aria-label="Row actions">
      {editable && (
        <>
          <Button small onClick={props.onInsert} title="Add a new row (staged until you commit)">
            Insert row
          </Button>
          <Button small onClick={props.onDuplicate} disabled={!hasRow} title="Copy the active row into a new one">
            Duplicate row
          </Button>
          <Button small variant="danger" onClick={props.onDelete} disabled={!hasRow && selectedCount === 0}>
            {selectedCount > 1 ? `Delete ${selectedCount} selected rows` : 'Delete selected'}
          </Button>
        </>
      )}
      {noun && editable && (
        <>
          <span className="toolbar-sep" aria-hidden />
          <Button small onClick={props.onNewRecord}>
            New {noun}
          </Button>
        </>
      )}
      {info.referencedBy.length > 0 && <ReferencedByMenu keys={info.referencedBy} disabled={!rowSaved} onOpen={props.onReferencedBy} />}
      <span className="toolbar-sep" aria-hidden />
      {props.bulk}
      {props.transfer && (
        <>
          <span className="toolbar-sep" aria-hidden />
          {props.transfer}
        </>
      )}
      <span className="grow" />
      <MenuButton
        label="Columns ▾"
        title="The grid's columns"
        disabled={!props.columnsChanged}
        listLabel="Columns"
        choices={[{ key: 'reset', label: 'Reset column order and widths', onChoose: props.onResetColumns }]}
      />
      <Button small variant="ghost" onClick={props.onReload} title="Load the rows again">
        Reload
      </Button>
    </div>
  )
}

/** The rows of other tables that point at the active row (a user's posts), one choice each. */
function ReferencedByMenu({ keys, disabled, onOpen }: { keys: ForeignKey[]; disabled: boolean; onOpen(key: ForeignKey): void }) {
  const choices = keys.map((key, index) => ({
    key: `${key.table}-${index}`,
    label: `${key.table} (${key.columns.join(', ')})`,
    onChoose: () => onOpen(key),
  }))
  return (
    <MenuButton
      label="Referenced by ▾"
      title="Rows of other tables that point at the active row"
      disabled={disabled}
      listLabel="Referenced by"
      choices={choices}
    />
  )
}
