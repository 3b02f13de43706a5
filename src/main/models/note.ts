import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize'
import { ID_ATTRIBUTE, TIMESTAMP_OPTIONS, TITLE_ATTRIBUTE, type TimestampColumn } from './user'

export interface NoteAttributes {
  id: number
  title: string
  content: string | null
  created_at: Date
  updated_at: Date
}
export type NoteCreationAttributes = Optional<NoteAttributes, 'id' | 'content' | 'created_at' | 'updated_at'>
export interface NoteInstance extends Model<NoteAttributes, NoteCreationAttributes>, NoteAttributes {}
export type NoteModel = ModelStatic<NoteInstance>

export function defineNote(sequelize: Sequelize): NoteModel {
  return sequelize.define<NoteInstance, Omit<NoteAttributes, TimestampColumn>>(
    'Note',
    {
      id: ID_ATTRIBUTE,
      title: TITLE_ATTRIBUTE,
      // MySQL cannot give a TEXT column a default (Sequelize leaves it out there); the model's default still applies.
      content: { type: DataTypes.TEXT, allowNull: true, defaultValue: '' },
    },
    { tableName: 'notes', ...TIMESTAMP_OPTIONS },
  )
}
