import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize'
import { ID_ATTRIBUTE, TIMESTAMP_OPTIONS, TITLE_ATTRIBUTE, type TimestampColumn } from './user'

export interface PostAttributes {
  id: number
  title: string
  content: string | null
  user_id: number
  created_at: Date
  updated_at: Date
}
export type PostCreationAttributes = Optional<PostAttributes, 'id' | 'content' | 'created_at' | 'updated_at'>
export interface PostInstance extends Model<PostAttributes, PostCreationAttributes>, PostAttributes {}
export type PostModel = ModelStatic<PostInstance>

/** As Flask tutorials declare `db.ForeignKey('users.id')`: no cascade, so deleting a user with posts is refused. */
export const POST_AUTHOR_FK = { onDelete: 'RESTRICT', onUpdate: 'CASCADE' } as const

export function definePost(sequelize: Sequelize): PostModel {
  return sequelize.define<PostInstance, Omit<PostAttributes, TimestampColumn>>(
    'Post',
    {
      id: ID_ATTRIBUTE,
      title: TITLE_ATTRIBUTE,
      content: { type: DataTypes.TEXT, allowNull: true },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        ...POST_AUTHOR_FK,
        validate: {
          notNull: { msg: 'Author is required' },
          // One message per case: a form left without an author sends '' and isInt would call it "not a whole number".
          isAuthorId(value: unknown) {
            const text = typeof value === 'string' ? value.trim() : String(value)
            if (text === '') throw new Error('Author is required')
            if (!/^[+-]?\d+$/.test(text)) throw new Error('Author must be a whole number')
          },
        },
      },
    },
    // The same index migration 0005 adds, so a synced schema and a migrated one are identical.
    { tableName: 'posts', ...TIMESTAMP_OPTIONS, indexes: [{ name: 'posts_user_id', fields: ['user_id'] }] },
  )
}
