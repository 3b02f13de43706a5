import type { StatementResult } from '../../../../shared/contract'
import { isBinaryCell, type Cell } from '../../../../shared/cells'
import { formatCount, inflect, plural } from '../../text/plural'

/** A cell as text, exactly as the engine sent it (binary as its size and a base64 preview). */
export function cellText(cell: Cell): string {
  if (cell === null) return 'NULL'
  if (isBinaryCell(cell)) return `0x… (${cell.bytes} bytes${cell.truncated ? ', cut' : ''}) ${cell.base64.slice(0, 40)}`
  return String(cell)
}

function summary(result: StatementResult): string {
  const time = `${result.durationMs} ms`
  if (result.outcome === 'rows')
    return `${formatCount(result.rows.length)}${result.moreRows ? '+' : ''} ${inflect(result.rows.length, 'row')} · ${time}`
  if (result.outcome === 'done')
    return `${result.affectedRows === null ? 'Done' : `${plural(result.affectedRows, 'row')} affected`} · ${time}`
  if (result.outcome === 'cancelled') return `Cancelled · ${time}`
  return `Failed · ${time}`
}

/** One statement's outcome: its rows in a read-only grid, or its count, or its error with the place. */
export function ResultView({
  result,
  onShowError,
}: {
  result: StatementResult
  /** Absent when the text run is not the editor's (a History entry run again): the place is then not in the editor. */
  onShowError?: (offset: number) => void
}) {
  return (
    <section className="query-result" aria-label={`Result of statement ${result.index + 1}`}>
      <div className="query-result-head muted">
        <code className="query-result-sql">{result.sql.length > 120 ? `${result.sql.slice(0, 120)}…` : result.sql}</code>
        <span role="status">{summary(result)}</span>
      </div>
      {result.error && (
        <div className="note note-error" role="alert">
          <strong>{result.error.code === 'CANCELLED' ? 'Cancelled' : 'Error'}</strong>{' '}
          {result.error.position &&
            (onShowError ? (
              <button type="button" className="link" onClick={() => onShowError(result.error!.position!.offset)}>
                line {result.error.position.line}, column {result.error.position.column}
              </button>
            ) : (
              <span>
                line {result.error.position.line}, column {result.error.position.column}
              </span>
            ))}
          : {result.error.message}
          {result.error.hint && <div className="muted">{result.error.hint}</div>}
        </div>
      )}
      {result.notices.length > 0 && (
        <ul className="note query-notices">
          {result.notices.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {result.outcome === 'rows' && (
        <div className="query-grid-wrap">
          <table className="query-grid" aria-label="Result rows" aria-readonly="true">
            <thead>
              <tr>
                {result.columns.map((column, i) => (
                  <th key={i} scope="col" title={column.type}>
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={cell === null ? 'null' : typeof cell === 'number' ? 'num' : undefined}>
                      {cellText(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {result.moreRows && (
            <p className="muted">Only the first {result.rows.length.toLocaleString('en')} rows are shown; the statement returned more.</p>
          )}
        </div>
      )}
    </section>
  )
}
