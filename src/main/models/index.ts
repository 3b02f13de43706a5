import type { Model, ModelStatic, Sequelize } from 'sequelize'
import { matchModel } from './match'
import { defineNote, type NoteModel } from './note'
import { definePost, POST_AUTHOR_FK, type PostModel } from './post'
import { defineUser, type UserModel } from './user'

export interface AppModels {
  User: UserModel
  Post: PostModel
  Note: NoteModel
}

// Models belong to one Sequelize instance (one per session), so each instance gets its own set, once.
const modelsBySequelize = new WeakMap<Sequelize, AppModels>()

export function defineModels(sequelize: Sequelize): AppModels {
  const cached = modelsBySequelize.get(sequelize)
  if (cached) return cached
  const User = defineUser(sequelize)
  const Post = definePost(sequelize)
  const Note = defineNote(sequelize)
  const foreignKey = { name: 'user_id', allowNull: false }
  User.hasMany(Post, { as: 'posts', foreignKey, ...POST_AUTHOR_FK })
  Post.belongsTo(User, { as: 'author', foreignKey, ...POST_AUTHOR_FK })
  const models = { User, Post, Note }
  modelsBySequelize.set(sequelize, models)
  return models
}

/** The app's model for a table, only when the table has the model's columns (see matchModel). */
export function modelForTable(sequelize: Sequelize, table: string, columnNames: readonly string[]): ModelStatic<Model> | null {
  const name = matchModel(table, columnNames)
  return name ? defineModels(sequelize)[name] : null
}

export type { UserAttributes, UserInstance, UserModel } from './user'
export type { PostAttributes, PostInstance, PostModel } from './post'
export type { NoteAttributes, NoteInstance, NoteModel } from './note'
