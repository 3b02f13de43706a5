import { AuthorPicker } from './AuthorPicker'
import { constraintsOf } from './field-values'
import { ColumnField, TimestampFields } from './FormFields'
import type { RecordFormProps } from './UserForm'

export function PostForm({ form }: RecordFormProps) {
  const table = form.table!
  // Follow the table's own foreign key (posts.user_id → users.id) rather than assuming names.
  const fk = table.foreignKeys.find((k) => k.columns.length === 1 && k.columns[0] === 'user_id')
  const column = table.columns.find((c) => c.name === 'user_id')
  const value = form.draft.user_id ?? null
  return (
    <>
      <ColumnField form={form} name="title" label="Title" autoFocus />
      {column && (
        <AuthorPicker
          sessionId={form.target.sessionId}
          usersTable={fk?.referencedTable ?? 'users'}
          idColumn={fk?.referencedColumns[0] ?? 'id'}
          value={typeof value === 'string' ? value : null}
          onChange={(id) => form.setField('user_id', id ?? '')}
          label="Author"
          help={`${constraintsOf(column).replace(/ · a whole number/, '')} · search by username`}
          error={form.errorOf('user_id')}
        />
      )}
      <ColumnField form={form} name="content" label="Content" multiline />
      <TimestampFields form={form} />
    </>
  )
}
