import { DataTypes, Sequelize, type Model, type ModelStatic, type Optional } from 'sequelize'

/** A row of `users`. Attribute names are the column names, so generic code can map one to the other. */
export interface UserAttributes {
  id: number
  username: string
  email: string
  bio: string | null
  is_active: boolean | null
  score: number | null
  created_at: Date
  updated_at: Date
}
export type UserCreationAttributes = Optional<UserAttributes, 'id' | 'bio' | 'is_active' | 'score' | 'created_at' | 'updated_at'>
export interface UserInstance extends Model<UserAttributes, UserCreationAttributes>, UserAttributes {}
export type UserModel = ModelStatic<UserInstance>

// Sequelize bundles validator.js and exposes it at run time as Sequelize.Validator, but its typings
// declare it only as an interface; this is the one method we use.
const { Validator } = Sequelize as unknown as { Validator: { isEmail(value: string): boolean } }

/** What a boolean column may be given: MySQL stores it as TINYINT(1), so 0/1 arrive as well as true/false. */
const BOOLEAN_SPELLINGS = new Set<unknown>([true, false, 0, 1, '0', '1', 'true', 'false'])

/** Sequelize adds the timestamp columns itself (NOT NULL, set on save), so the models do not declare them. */
export type TimestampColumn = 'created_at' | 'updated_at'
/** Timestamps named as the columns are (created_at), not camelCase attributes mapped to them. */
export const TIMESTAMP_OPTIONS = { timestamps: true, underscored: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const

/** The integer key every model table has. */
export const ID_ATTRIBUTE = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false }

/** Posts and notes share the tutorials' `db.String(200), nullable=False` title. */
export const TITLE_ATTRIBUTE = {
  type: DataTypes.STRING(200),
  allowNull: false,
  validate: {
    notNull: { msg: 'Title is required' },
    notEmpty: { msg: 'Title is required' },
    len: { args: [0, 200] as [number, number], msg: 'Title can be at most 200 characters' },
  },
}

export function defineUser(sequelize: Sequelize): UserModel {
  return sequelize.define<UserInstance, Omit<UserAttributes, TimestampColumn>>(
    'User',
    {
      id: ID_ATTRIBUTE,
      username: {
        type: DataTypes.STRING(80),
        allowNull: false,
        unique: true,
        validate: {
          notNull: { msg: 'Username is required' },
          notEmpty: { msg: 'Username is required' },
          len: { args: [0, 80], msg: 'Username can be at most 80 characters' },
        },
      },
      email: {
        type: DataTypes.STRING(120),
        allowNull: false,
        unique: true,
        validate: {
          notNull: { msg: 'Email is required' },
          notEmpty: { msg: 'Email is required' },
          len: { args: [0, 120], msg: 'Email can be at most 120 characters' },
          // Not the built-in isEmail: that one also fires on an empty value, giving two messages for one mistake.
          isEmailAddress(value: unknown) {
            if (value === '') return
            if (typeof value !== 'string' || !Validator.isEmail(value)) throw new Error('Email must be a valid email address')
          },
        },
      },
      bio: { type: DataTypes.TEXT, allowNull: true },
      is_active: {
        type: DataTypes.BOOLEAN,
        allowNull: true,
        defaultValue: true,
        validate: {
          isBoolean(value: unknown) {
            if (!BOOLEAN_SPELLINGS.has(value)) throw new Error('Active must be true or false')
          },
        },
      },
      // DOUBLE, not FLOAT: MySQL's FLOAT is single precision and would not give back 0.1 as written.
      score: { type: DataTypes.DOUBLE, allowNull: true, defaultValue: 0, validate: { isFloat: { msg: 'Score must be a number' } } },
    },
    { tableName: 'users', ...TIMESTAMP_OPTIONS },
  )
}
