import { DataTypes } from 'sequelize'
import type { Migration } from '../src/main/engine/migrator/types'

export const createNotes: Migration = {
  name: '0003-create-notes',
  drops: [{ table: 'notes' }],
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      'notes',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        // Sequelize leaves this default out on MySQL, which refuses defaults on TEXT columns.
        content: { type: DataTypes.TEXT, allowNull: true, defaultValue: '' },
        created_at: { type: DataTypes.DATE, allowNull: false },
        updated_at: { type: DataTypes.DATE, allowNull: false },
      },
      { transaction },
    )
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable('notes', { transaction })
  },
}
