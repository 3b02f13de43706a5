import { DataTypes } from 'sequelize'
import { dropColumn } from '../src/main/engine/migrator/schema-ops'
import type { Migration } from '../src/main/engine/migrator/types'

export const addUserProfile: Migration = {
  name: '0004-add-user-profile',
  drops: [
    { table: 'users', column: 'bio' },
    { table: 'users', column: 'is_active' },
    { table: 'users', column: 'score' },
  ],
  async up({ queryInterface, transaction }) {
    await queryInterface.addColumn('users', 'bio', { type: DataTypes.TEXT, allowNull: true }, { transaction })
    await queryInterface.addColumn('users', 'is_active', { type: DataTypes.BOOLEAN, allowNull: true, defaultValue: true }, { transaction })
    // DOUBLE: MySQL's FLOAT is single precision and would not give back 0.1 as written.
    await queryInterface.addColumn('users', 'score', { type: DataTypes.DOUBLE, allowNull: true, defaultValue: 0 }, { transaction })
  },
  async down(ctx) {
    await dropColumn(ctx, 'users', 'score')
    await dropColumn(ctx, 'users', 'is_active')
    await dropColumn(ctx, 'users', 'bio')
  },
}
