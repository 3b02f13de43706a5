import type { Model, ModelStatic, Transaction, WhereOptions } from 'sequelize'
import { modelForTable } from '../../models'
import type { Session } from '../connection/sessions'
import type { RowKey } from './row-key'
import type { WriteValues } from './statements'
import type { SqlTarget } from './target'

/**
 * The app's own tables (users, posts, notes) are written through their Sequelize models, so the
 * models' validations and timestamps apply exactly as in the app. Values are first passed through
 * the codec (target.encode): binary arrives decoded, and what SQLite would round is refused.
 */
export interface ModelWriter {
  model: ModelStatic<Model>
  /** The column an attribute is stored in (validation errors name attributes). */
  columnOfAttribute(attribute: string): string
}

export function modelWriterFor(session: Session, target: SqlTarget): ModelWriter | null {
  if (target.table.kind !== 'table') return null
  const model = modelForTable(session.sequelize, target.table.name, target.table.columns.map((c) => c.name))
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

/** Column values → model attributes, encoded by the codec. */
function modelAttributes(writer: ModelWriter, target: SqlTarget, values: WriteValues): Record<string, unknown> {
  // Object.fromEntries: an attribute named after a column such as __proto__ stays an own property.
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const column = target.table.columns.find((c) => c.name === name)!
      return [attributeOfColumn(writer, name), target.encode(value, column)]
    }),
  )
}

function keyWhere(writer: ModelWriter, key: RowKey): WhereOptions {
  return Object.fromEntries(Object.entries(key).map(([column, value]) => [attributeOfColumn(writer, column), value]))
}

/** Creates the row; answers its key as the model reports it. */
export async function createWithModel(writer: ModelWriter, target: SqlTarget, values: WriteValues, transaction: Transaction): Promise<RowKey> {
  const instance = await writer.model.create(modelAttributes(writer, target, values), { transaction })
  return Object.fromEntries(
    target.table.primaryKey.map((column) => {
      const value: unknown = instance.get(attributeOfColumn(writer, column))
      return [column, typeof value === 'number' || typeof value === 'string' ? value : value == null ? null : String(value)]
    }),
  )
}

/** Updates the row with this key (validating only the given attributes); answers the affected count. */
export async function updateWithModel(writer: ModelWriter, target: SqlTarget, key: RowKey, values: WriteValues, transaction: Transaction): Promise<number> {
  const [affected] = await writer.model.update(modelAttributes(writer, target, values), { where: keyWhere(writer, key), transaction })
  return affected
}

/** Updates the rows with these keys (one-column primary key); answers the affected count. */
export async function updateManyWithModel(
  writer: ModelWriter,
  target: SqlTarget,
  keys: RowKey[],
  values: WriteValues,
  transaction: Transaction,
): Promise<number> {
  const [keyColumn] = target.table.primaryKey
  if (!keyColumn || keys.length === 0) return 0
  const attribute = attributeOfColumn(writer, keyColumn)
  const [affected] = await writer.model.update(modelAttributes(writer, target, values), {
    where: { [attribute]: keys.map((k) => k[keyColumn]) },
    transaction,
  })
  return affected
}

/** Checks new values with the model's validators without writing (bulk updates validate once, up front). */
export async function validateWithModel(writer: ModelWriter, target: SqlTarget, values: WriteValues): Promise<void> {
  const attributes = modelAttributes(writer, target, values)
  const all = Object.keys(writer.model.getAttributes())
  await writer.model.build(attributes).validate({ skip: all.filter((a) => !Object.hasOwn(attributes, a)) })
}

export async function destroyWithModel(writer: ModelWriter, key: RowKey, transaction: Transaction): Promise<number> {
  return writer.model.destroy({ where: keyWhere(writer, key), transaction })
}
