import { DataTypes } from 'sequelize'
import type { Migration } from '../src/main/engine/migrator/types'

/** users as the first tutorial chapter has it: no profile fields yet (0004 adds them). */
export const createUsers: Migration = {
  name: '0001-create-users',
  drops: [{ table: 'users' }],
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      'users',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        username: { type: DataTypes.STRING(80), allowNull: false, unique: true },
        email: { type: DataTypes.STRING(120), allowNull: false, unique: true },
        created_at: { type: DataTypes.DATE, allowNull: false },
        updated_at: { type: DataTypes.DATE, allowNull: false },
      },
      { transaction },
    )
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable('users', { transaction })
  },
}
