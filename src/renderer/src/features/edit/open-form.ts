import type { Row } from '../../../../shared/cells'
import type { FormView } from '../../stores/tab-strip'
import { useWorkspaceStore } from '../../stores/workspace'
import { singular } from './forms/field-values'

let drafts = 0

/** A form view of the record with `key` in `table`, or of a new one (its own tab each time: a fresh draft). */
export function formView(table: string, key: Row | null): FormView {
  return key ? { kind: 'form', table, key } : { kind: 'form', table, key: null, draft: `draft-${++drafts}` }
}

/** Opens a record's form in a tab of its own (the tab it already has, if open). */
export function openRecordForm(table: string, key: Row | null): Promise<boolean> {
  return useWorkspaceStore.getState().navigate(formView(table, key))
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * What a form and its tab are called: "New user", "User: alice" (the username or a post's title
 * once loaded), "User #6" before that.
 */
export function formTitle(table: string, key: Row | null, row: Row | null): string {
  const noun = singular(table)
  if (!key && !row) return `New ${noun}`
  const name = row ? (row.username ?? row.title ?? null) : null
  if (typeof name === 'string' && name !== '') return `${capital(noun)}: ${name}`
  return `${capital(noun)} #${Object.values(key ?? {})
    .map(String)
    .join(', ')}`
}
