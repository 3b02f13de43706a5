import type { Model, ModelStatic } from 'sequelize'
import { isDateKind } from '../../../shared/datetime'
import { modelForTable } from '../../models'
import type { Session } from '../connection/sessions'
import type { WriteValues } from './statements'
import type { SqlTarget } from './target'

/**
 * The app's own tables (users, posts, notes) keep their models' rules (required, lengths, email;
 * unique is the database's) but are written through the same exact path as the grid
 * (write.ts): handing typed text to a Sequelize model turns dates into JS Dates, which reads them in
 * the host's time zone, drops microseconds and writes Sequelize's own form whatever the column uses.
 * Values are passed through the codec (target.encode) before the validators see them.
 */
export interface ModelWriter {
  model: ModelStatic<Model>
  /** The column an attribute is stored in (validation errors name attributes). */
  columnOfAttribute(attribute: string): string
}

export function modelWriterFor(session: Session, target: SqlTarget): ModelWriter | null {
  if (target.table.kind !== 'table') return null
  const model = modelForTable(
    session.sequelize,
    target.table.name,
    target.table.columns.map((c) => c.name),
  )
  if (!model) return null
  const attributes = model.getAttributes()
  return {
    model,
    columnOfAttribute: (attribute) => attributes[attribute]?.field ?? attribute,
  }
}

function attributeOfColumn(writer: ModelWriter, column: string): string {
  const attributes = writer.model.getAttributes()
  const found = Object.entries(attributes).find(([name, attribute]) => (attribute.field ?? name) === column)
  return found ? found[0] : column
}

/**
 * Column values → model attributes, encoded by the codec. Dates stay out: a model would make JS
 * Dates of them (date-values.ts checks them instead).
 */
function modelAttributes(writer: ModelWriter, target: SqlTarget, values: WriteValues): Record<string, unknown> {
  // Object.fromEntries: an attribute named after a column such as __proto__ stays an own property.
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => {
      const column = target.table.columns.find((c) => c.name === name)!
      return isDateKind(column.kind) ? [] : [[attributeOfColumn(writer, name), target.encode(value, column)]]
    }),
  )
}

/** Dates (checked by date-values.ts; the timestamps are stamped there) and the generated key: not for the model to check. */
function unchecked(writer: ModelWriter, target: SqlTarget): string[] {
  const generated = Object.entries(writer.model.getAttributes())
    .filter(([, a]) => a.autoIncrement)
    .map(([name]) => name)
  const dates = target.table.columns.filter((c) => isDateKind(c.kind)).map((c) => attributeOfColumn(writer, c.name))
  return [...generated, ...dates]
}

/**
 * Checks a new row with the model's validators, as `Model.create` would; answers the values to
 * insert, with the model's defaults for the columns not given (is_active true, score 0…), which
 * a table created by another tool may not have as database defaults.
 */
export async function checkNewWithModel(writer: ModelWriter, target: SqlTarget, values: WriteValues): Promise<WriteValues> {
  const instance = writer.model.build(modelAttributes(writer, target, values))
  await instance.validate({ skip: unchecked(writer, target) })
  const withDefaults: WriteValues = Object.fromEntries(Object.entries(values))
  for (const [name, attribute] of Object.entries(writer.model.getAttributes())) {
    const column = attribute.field ?? name
    const value: unknown = attribute.defaultValue
    if (Object.hasOwn(values, column) || !target.table.columns.some((c) => c.name === column)) continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') withDefaults[column] = value
  }
  return withDefaults
}

/** Checks changed values with the model's validators, only the given attributes (updates and bulk updates). */
export async function validateWithModel(writer: ModelWriter, target: SqlTarget, values: WriteValues): Promise<void> {
  const attributes = modelAttributes(writer, target, values)
  const all = Object.keys(writer.model.getAttributes())
  const skip = new Set(unchecked(writer, target))
  await writer.model.build(attributes).validate({ skip: all.filter((a) => skip.has(a) || !Object.hasOwn(attributes, a)) })
}
