import { ColumnField, TimestampFields } from './FormFields'
import type { RecordFormProps } from './UserForm'

export function NoteForm({ form }: RecordFormProps) {
  return (
    <>
      <ColumnField form={form} name="title" label="Title" autoFocus />
      <ColumnField form={form} name="content" label="Content" multiline />
      <TimestampFields form={form} />
    </>
  )
}
