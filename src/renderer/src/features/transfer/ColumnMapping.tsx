import type { ColumnMapping as Mapping, ImportInspection, TargetColumn } from '../../../../shared/contract'

export interface ColumnMappingProps {
  inspection: ImportInspection
  /** The mapping on screen (the one last asked for, even while it is being inspected). */
  mapping: Mapping
  disabled: boolean
  onChange(mapping: Mapping): void
}

/**
 * Which table column each CSV column goes into (or none), and beside it every table column with its
 * type, whether it is required, and where its value will come from.
 */
export function ColumnMapping({ inspection, mapping, disabled, onChange }: ColumnMappingProps) {
  const { csvColumns, targetColumns } = inspection
  const change = (position: number, target: string) =>
    onChange(csvColumns.map((_, i) => (i === position ? target || null : (mapping[i] ?? null))))
  return (
    <div className="transfer-columns">
      <div className="transfer-table-wrap">
        <table className="transfer-table" aria-label="File columns">
          <thead>
            <tr>
              <th scope="col">CSV column</th>
              <th scope="col">Goes into</th>
            </tr>
          </thead>
          <tbody>
            {csvColumns.map((name, position) => {
              const target = mapping[position] ?? ''
              const twice = target !== '' && mapping.filter((m) => m === target).length > 1
              return (
                <tr key={position}>
                  <th scope="row" className="mono">
                    {name}
                  </th>
                  <td>
                    <select
                      aria-label={`Table column for CSV column ${name}`}
                      value={target}
                      disabled={disabled}
                      aria-invalid={twice || undefined}
                      onChange={(event) => change(position, event.target.value)}
                    >
                      <option value="">Skip this column</option>
                      {targetColumns.map((column) => (
                        <option key={column.name} value={column.name}>
                          {column.name}
                        </option>
                      ))}
                    </select>
                    {twice && <span className="transfer-bad"> also chosen for another CSV column</span>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="transfer-table-wrap">
        <table className="transfer-table" aria-label="Table columns">
          <thead>
            <tr>
              <th scope="col">Table column</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Gets</th>
            </tr>
          </thead>
          <tbody>
            {targetColumns.map((column) => {
              const source = sourceOf(column, inspection, mapping)
              return (
                <tr key={column.name}>
                  <th scope="row" className="mono">
                    {column.name}
                    {column.primaryKey && <span className="badge transfer-badge">key</span>}
                  </th>
                  <td className="mono muted">{column.type}</td>
                  <td>{column.required ? 'required' : 'optional'}</td>
                  <td className={source.bad ? 'transfer-bad' : source.fromFile ? '' : 'muted'}>{source.text}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

/** Where a table column's value comes from: a CSV column, the app's model, the database, or nowhere. */
function sourceOf(
  column: TargetColumn,
  inspection: ImportInspection,
  mapping: Mapping,
): { text: string; fromFile?: boolean; bad?: boolean } {
  const positions = mapping.flatMap((m, i) => (m === column.name ? [i] : []))
  if (positions.length > 0) return { text: `from ${positions.map((i) => `“${inspection.csvColumns[i]}”`).join(' and ')}`, fromFile: true }
  // Columns the app's model fills (its timestamps) show up in the preview without being mapped.
  if (inspection.preview.some((row) => Object.hasOwn(row.values, column.name))) return { text: 'filled in by the app' }
  if (column.autoIncrement) return { text: 'numbered by the database' }
  if (column.hasDefault) return { text: 'its default' }
  if (column.nullable) return { text: 'NULL' }
  return { text: 'nothing: map a CSV column to it', bad: true }
}
