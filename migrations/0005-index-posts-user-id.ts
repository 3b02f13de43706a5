import type { Migration } from '../src/main/engine/migrator/types'

/** Listing a user's posts is the common query; PostgreSQL and SQLite do not index foreign keys themselves. */
export const indexPostsUserId: Migration = {
  name: '0005-index-posts-user-id',
  async up({ queryInterface, transaction }) {
    await queryInterface.addIndex('posts', ['user_id'], { name: 'posts_user_id', transaction })
  },
  async down({ queryInterface, dialect, transaction }) {
    if (dialect === 'mysql') {
      // MySQL/MariaDB indexed the foreign key itself (an index named after the column) and dropped that
      // index when ours arrived, and refuses to drop ours while the key needs it: put theirs back first.
      const indexes = (await queryInterface.showIndex('posts', { transaction })) as Array<{ name?: string }>
      if (!indexes.some((index) => index.name === 'user_id')) {
        await queryInterface.addIndex('posts', ['user_id'], { name: 'user_id', transaction })
      }
    }
    await queryInterface.removeIndex('posts', 'posts_user_id', { transaction })
  },
}
