import type { ForeignKey, TableInfo } from '../../../../shared/contract'
import { SQLITE_DATE_FORMS, type StoredDateForm } from '../../../../shared/datetime'
import { Button } from '../../components/Button'
import { openTable } from './navigation'

/** A table's columns, keys, indexes and the foreign keys in both directions. */
export function StructureView({ sessionId, info }: { sessionId: string; info: TableInfo }) {
  return (
    <div className="structure">
      <section aria-labelledby="structure-columns">
        <h2 id="structure-columns">Columns</h2>
        <table className="structure-table" aria-labelledby="structure-columns">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Edited as</th>
              <th scope="col">Null</th>
              <th scope="col">Default</th>
              <th scope="col">Key</th>
            </tr>
          </thead>
          <tbody>
            {info.columns.map((column) => (
              <tr key={column.name}>
                <th scope="row" className="mono">
                  {column.name}
                </th>
                <td className="mono">{column.type}</td>
                <td>
                  {column.kind}
                  {column.storedForm ? <StoredForm form={column.storedForm} /> : null}
                </td>
                <td>{column.nullable ? 'yes' : 'no'}</td>
                <td className="mono">{column.default ?? <span className="muted">none</span>}</td>
                <td>
                  {[
                    column.primaryKey ? 'primary key' : null,
                    column.unique ? 'unique' : null,
                    column.autoIncrement ? 'auto-increment' : null,
                    foreignKeyOf(info, column.name),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="structure-pk">
        <h2 id="structure-pk">Primary key</h2>
        {info.primaryKey.length > 0 ? (
          <p className="mono">{info.primaryKey.join(', ')}</p>
        ) : (
          <p className="muted">None: rows of this table can be browsed but not edited, since nothing identifies a row for sure.</p>
        )}
      </section>

      <section aria-labelledby="structure-indexes">
        <h2 id="structure-indexes">Indexes</h2>
        {info.indexes.length === 0 ? (
          <p className="muted">No indexes.</p>
        ) : (
          <table className="structure-table" aria-labelledby="structure-indexes">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Columns</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {info.indexes.map((index) => (
                <tr key={index.name}>
                  <th scope="row" className="mono">
                    {index.name}
                  </th>
                  <td className="mono">{index.columns.join(', ')}</td>
                  <td>{index.primary ? 'primary' : index.unique ? 'unique' : 'index'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <KeyTable
        id="structure-fks"
        title="Foreign keys"
        empty="This table points at no other table."
        keys={info.foreignKeys}
        sessionId={sessionId}
        side="references"
      />
      <KeyTable
        id="structure-referenced"
        title="Referenced by"
        empty="No other table points at this one."
        keys={info.referencedBy}
        sessionId={sessionId}
        side="referencedBy"
      />
    </div>
  )
}

function foreignKeyOf(info: TableInfo, column: string): string | null {
  const key = info.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === column)
  return key ? `→ ${key.referencedTable}.${key.referencedColumns.join(', ')}` : null
}

function KeyTable(props: {
  id: string
  title: string
  empty: string
  keys: ForeignKey[]
  sessionId: string
  side: 'references' | 'referencedBy'
}) {
  const { id, title, empty, keys, sessionId, side } = props
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {keys.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="structure-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{side === 'references' ? 'Columns' : 'Table'}</th>
              <th scope="col">{side === 'references' ? 'References' : 'Columns'}</th>
              <th scope="col">{side === 'references' ? 'Referenced columns' : 'Point at'}</th>
              <th scope="col">On delete</th>
              <th scope="col">On update</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key, index) => {
              const other = side === 'references' ? key.referencedTable : key.table
              const link = (
                <Button variant="ghost" small onClick={() => void openTable(sessionId, other, null)} aria-label={`Open ${other}`}>
                  {other}
                </Button>
              )
              return (
                <tr key={`${key.name ?? ''}-${index}`}>
                  {side === 'references' ? (
                    <>
                      <td className="mono">{key.columns.join(', ')}</td>
                      <td>{link}</td>
                      <td className="mono">{key.referencedColumns.join(', ')}</td>
                    </>
                  ) : (
                    <>
                      <td>{link}</td>
                      <td className="mono">{key.columns.join(', ')}</td>
                      <td className="mono">{key.referencedColumns.join(', ')}</td>
                    </>
                  )}
                  <td>{key.onDelete ?? <span className="muted">default</span>}</td>
                  <td>{key.onUpdate ?? <span className="muted">default</span>}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** How a SQLite date column keeps its values; every edit is written in this same form. */
function StoredForm({ form }: { form: StoredDateForm }) {
  const { label, pattern } = SQLITE_DATE_FORMS[form.form]
  const source = form.detected ? 'found in its values' : 'no values yet: implied by its declared type'
  return (
    <div className="muted" data-stored-form={form.form} title={`Rowboat writes every value of this column in this form (${source}).`}>
      stored as {label}: <span className="mono">{pattern}</span> ({source})
    </div>
  )
}
