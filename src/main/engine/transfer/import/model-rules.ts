import { ValidationError, type Model, type ModelStatic } from 'sequelize'
import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo, TableInfo } from '../../../../shared/contract'
import { modelForTable } from '../../../models'
import type { Session } from '../../connection/sessions'
import { toDbValue } from '../../records/value-codec'

/**
 * users/posts/notes: each row is checked by the app's own model (its validators: required
 * fields, lengths, email format…), and the columns the model fills itself are filled as it
 * would: created_at/updated_at with the import's start time, model defaults the table lacks.
 */
export interface ModelRules {
  /** Columns the file does not map that the model fills, with the value to write. */
  constants: Array<{ column: ColumnInfo; value: unknown }>
  /** The model's complaints about one row (column → message); empty when it passes. */
  check(values: Record<string, unknown>): Promise<Array<{ column: string; message: string }>>
}

export function modelRulesFor(session: Session, table: TableInfo, mapped: ReadonlySet<string>, startedAt: Date): ModelRules | null {
  if (table.kind !== 'table') return null
  const model = modelForTable(
    session.sequelize,
    table.name,
    table.columns.map((c) => c.name),
  )
  if (!model) return null
  const dialect = session.config.dialect
  const attributes = model.getAttributes()
  const columnOf = (attribute: string) => attributes[attribute]?.field ?? attribute
  const attributeOf = new Map(Object.keys(attributes).map((name) => [columnOf(name), name]))
  const timestamps = new Set(
    (['createdAt', 'updatedAt'] as const).map((option) => timestampColumn(model, option)).filter((c): c is string => c !== null),
  )

  const constants: ModelRules['constants'] = []
  for (const column of table.columns) {
    if (mapped.has(column.name)) continue
    if (timestamps.has(column.name)) {
      constants.push({ column, value: timestampText(startedAt, dialect) })
      continue
    }
    const attribute = attributeOf.get(column.name)
    const fallback: unknown = attribute ? attributes[attribute]?.defaultValue : undefined
    // Only plain defaults; the database's own default wins when it has one.
    if (column.default === null && (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean')) {
      constants.push({ column, value: toDbValue(fallback, column, dialect) })
    }
  }

  const allAttributes = Object.keys(attributes)
  return {
    constants,
    async check(values) {
      const given = Object.fromEntries(Object.entries(values).map(([column, value]) => [attributeOf.get(column) ?? column, value]))
      try {
        await model.build(given).validate({ skip: allAttributes.filter((a) => !Object.hasOwn(given, a)) })
        return []
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return error.errors.map((item) => ({ column: columnOf(item.path ?? ''), message: item.message }))
      }
    },
  }
}

/** The column of the model's createdAt/updatedAt attribute (as named in its options), if it keeps one. */
function timestampColumn(model: ModelStatic<Model>, option: 'createdAt' | 'updatedAt'): string | null {
  const options = model.options
  if (options.timestamps === false || options[option] === false) return null
  const attribute = typeof options[option] === 'string' ? options[option] : option
  return model.getAttributes()[attribute]?.field ?? attribute
}

/** A time the way Sequelize writes DATE columns for the dialect (UTC). */
export function timestampText(date: Date, dialect: Dialect): string {
  const iso = date.toISOString() // 2024-05-01T12:30:00.123Z
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
  return dialect === 'mysql' ? base : `${base} +00:00`
}
