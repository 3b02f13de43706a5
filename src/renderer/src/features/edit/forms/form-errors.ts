/**
 * Turns the engine's refusal of a save or delete into what the form shows: a message beside each
 * field it is about, and whatever concerns no single field as one note. Branches on `code` and the
 * structured `details`, never on message text.
 */
import type { TableInfo } from '../../../../../shared/contract'
import { AppError } from '../../../../../shared/errors'
import type { Cell } from '../../../../../shared/cells'
import { singular } from './field-values'

export interface FormErrors {
  /** Column → message, for the fields on screen. */
  fields: Record<string, string>
  /** What no field on screen can show. */
  general: AppError | null
}

const NONE: FormErrors = { fields: {}, general: null }

function shown(value: Cell | undefined): string {
  if (value === undefined || value === null) return 'NULL'
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`
  if (typeof value === 'object') return '(binary value)'
  return String(value)
}

/** "this user has 3 posts", from an FK_VIOLATION on delete. */
export function dependentsMessage(table: string, error: AppError): string | null {
  const count = error.details?.dependentRows
  const relation = error.details?.relation
  if (count === undefined || !relation) return null
  const what = count === 1 ? singular(relation.table) : relation.table
  return `This ${singular(table)} has ${count} ${what} (${relation.table}.${relation.columns.join(', ')} refers to it).`
}

export function formErrorsOf(error: unknown, table: TableInfo, onScreen: readonly string[]): FormErrors {
  if (!(error instanceof AppError)) return { ...NONE, general: unknownError() }
  const fields: Record<string, string> = {}
  const leftOver: string[] = []
  const put = (field: string, message: string) => {
    if (onScreen.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${message}` : message
    else leftOver.push(field ? `${field}: ${message}` : message)
  }

  if (error.details?.fields && error.details.fields.length > 0) {
    for (const issue of error.details.fields) put(issue.field, issue.message)
  } else if (error.code === 'UNIQUE_VIOLATION' && error.details?.columns?.length) {
    const columns = error.details.columns
    const values = error.details.values ?? {}
    const what =
      columns.length === 1
        ? `${columns[0]} ${shown(values[columns[0]])}`
        : `(${columns.join(', ')}) = (${columns.map((c) => shown(values[c])).join(', ')})`
    put(columns.find((c) => onScreen.includes(c)) ?? columns[0], `${what} is taken.`)
  } else if (error.code === 'FK_VIOLATION' && error.details?.dependentRows !== undefined) {
    return {
      fields,
      general: new AppError({ code: error.code, message: dependentsMessage(table.name, error) ?? error.message, hint: error.hint }),
    }
  } else if (error.code === 'FK_VIOLATION' && error.details?.relation?.table === table.name) {
    put(error.details.relation.columns[0] ?? error.field ?? '', error.message)
  } else if (error.field && onScreen.includes(error.field) && error.code !== 'CONFLICT') {
    put(error.field, error.message)
  } else {
    return { fields, general: error }
  }

  if (leftOver.length === 0) return { fields, general: null }
  return {
    fields,
    general: new AppError({ code: error.code, message: leftOver.join(' '), ...(error.hint ? { hint: error.hint } : {}) }),
  }
}

function unknownError(): AppError {
  return new AppError({
    code: 'INTERNAL',
    message: 'Something unexpected went wrong.',
    hint: 'Try again; if it keeps happening, the log has details.',
  })
}
