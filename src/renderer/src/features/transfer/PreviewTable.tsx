import type { ImportInspection, PreviewRow } from '../../../../shared/contract'
import { cellOf, isBinaryCell, type Cell } from '../../../../shared/cells'
import { formatBytes, plural } from './transfer-format'

const CELL_CHARS = 80

/** The first rows exactly as the import would write them, with each row's problems beside it. */
export function PreviewTable({ inspection }: { inspection: ImportInspection }) {
  const { preview, targetColumns } = inspection
  if (preview.length === 0) return <p className="muted">No rows to preview: the source has no data rows, or no CSV column is mapped.</p>
  const shown = targetColumns.filter((column) => preview.some((row) => Object.hasOwn(row.values, column.name)))
  const bad = preview.filter((row) => row.issues.length > 0).length
  return (
    <>
      <p className="muted transfer-preview-note">
        The first {plural(preview.length, 'row')} as they will be written
        {bad > 0 ? `; ${plural(bad, 'has', 'have')} problems` : ''}. <span className="cell-null">NULL</span> is an empty field without
        quotes; an empty string is written as "".
      </p>
      <div className="transfer-table-wrap transfer-preview">
        <table className="transfer-table" aria-label="Preview of the rows to import">
          <thead>
            <tr>
              <th scope="col">Row</th>
              {shown.map((column) => (
                <th key={column.name} scope="col" className="mono">
                  {column.name}
                </th>
              ))}
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((row) => (
              <PreviewLine key={row.row} row={row} columns={shown.map((c) => c.name)} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

function PreviewLine({ row, columns }: { row: PreviewRow; columns: string[] }) {
  const badColumns = new Set(row.issues.map((issue) => issue.column))
  return (
    <tr className={row.issues.length > 0 ? 'transfer-row-bad' : undefined}>
      <th scope="row" className="muted">
        {row.row}
      </th>
      {columns.map((name) => (
        <td key={name} className={badColumns.has(name) ? 'transfer-cell-bad' : undefined}>
          {row.defaults.includes(name) ? (
            <span className="transfer-default">default</span>
          ) : (
            <CellText cell={cellOf(row.values, name) ?? null} />
          )}
        </td>
      ))}
      <td>
        {row.issues.length > 0 && (
          <ul className="transfer-issue-list">
            {row.issues.map((issue, i) => (
              <li key={i}>{issue.message}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  )
}

export function CellText({ cell }: { cell: Cell }) {
  if (cell === null) return <span className="cell-null">NULL</span>
  if (isBinaryCell(cell)) return <span className="muted">binary · {formatBytes(cell.bytes)}</span>
  const text = String(cell)
  if (text === '') return <span className="transfer-empty">empty</span>
  const line = text.replace(/\r?\n/g, ' ⏎ ')
  return line.length > CELL_CHARS ? <span title={text}>{line.slice(0, CELL_CHARS)}…</span> : <>{line}</>
}
