import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize'
import { TIMESTAMP_OPTIONS, type TimestampColumn } from './user'

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
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      title: {
        type: DataTypes.STRING(200),
        allowNull: false,
        validate: {
          notNull: { msg: 'Title is required' },
          notEmpty: { msg: 'Title is required' },
          len: { args: [0, 200], msg: 'Title can be at most 200 characters' },
        },
      },
      // MySQL cannot give a TEXT column a default (Sequelize leaves it out there); the model's default still applies.
      content: { type: DataTypes.TEXT, allowNull: true, defaultValue: '' },
    },
    { tableName: 'notes', ...TIMESTAMP_OPTIONS },
  )
}
