import { DataTypes } from 'sequelize'
import type { Migration } from '../src/main/engine/migrator/types'

export const createPosts: Migration = {
  name: '0002-create-posts',
  drops: [{ table: 'posts' }],
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      'posts',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        content: { type: DataTypes.TEXT, allowNull: true },
        user_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: 'users', key: 'id' },
          // Flask's plain ForeignKey: deleting a user who still has posts is an error, not a cascade.
          onDelete: 'RESTRICT',
          onUpdate: 'CASCADE',
        },
        created_at: { type: DataTypes.DATE, allowNull: false },
        updated_at: { type: DataTypes.DATE, allowNull: false },
      },
      { transaction },
    )
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable('posts', { transaction })
  },
}
