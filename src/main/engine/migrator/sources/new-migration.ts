import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../../shared/errors'
import type { ProjectMigrations } from './detect'

const SEQUELIZE_TEMPLATE = `'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    /**
     * Add altering commands here.
     *
     * Example:
     * await queryInterface.createTable('users', { id: Sequelize.INTEGER });
     */
  },

  async down (queryInterface, Sequelize) {
    /**
     * Add reverting commands here.
     *
     * Example:
     * await queryInterface.dropTable('users');
     */
  }
};
`

/**
 * Writes an empty, correctly named migration into the project's migrations folder, the way the
 * tool's own generator names it: sequelize-cli `YYYYMMDDHHmmss-name.js`; golang-migrate the next
 * sequence number in the width the folder uses (or a timestamp when the folder uses those) with
 * `.up.sql` + `.down.sql`; dbmate `YYYYMMDDHHmmss_name.sql` with its two sections. Never over a file.
 */
export function writeNewMigration(project: ProjectMigrations, name: string, now: Date = new Date()): string[] {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, project.kind === 'sequelize' ? '-' : '_')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80)
  if (!slug)
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'name',
      message: 'Name the migration with letters or digits (for example "add-books-isbn").',
    })
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14)
  const files: Array<[string, string]> = []
  if (project.kind === 'sequelize') files.push([`${stamp}-${slug}.js`, SEQUELIZE_TEMPLATE])
  else if (project.kind === 'sql' && project.style === 'dbmate')
    files.push([`${stamp}_${slug}.sql`, '-- migrate:up\n\n\n-- migrate:down\n\n'])
  else if (project.kind === 'sql') {
    const versions = readdirSync(project.dir)
      .map((f) => /^(\d+)_.+\.up\.sql$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
    const widest = versions.reduce((w, v) => Math.max(w, v.length), 0)
    // golang-migrate's `create -seq` pads to 6 digits; a folder of timestamps keeps using timestamps.
    const version =
      widest >= 14
        ? stamp
        : String(versions.reduce((max, v) => (BigInt(v) > max ? BigInt(v) : max), 0n) + 1n).padStart(Math.max(widest, 6), '0')
    files.push([`${version}_${slug}.up.sql`, ''], [`${version}_${slug}.down.sql`, ''])
  } else {
    throw new AppError({
      code: 'INVALID_INPUT',
      message:
        'New Alembic revisions are made by Alembic itself: run "flask db migrate -m <message>" (or "flask db revision") in the project.',
    })
  }
  for (const [file, text] of files) {
    try {
      writeFileSync(join(project.dir, file), text, { flag: 'wx' })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new AppError({
        code: code === 'EEXIST' ? 'FILE_EXISTS' : 'INVALID_INPUT',
        message: `Could not write ${file} in the project's migrations folder: ${code === 'EEXIST' ? 'a file of that name is there already' : (error as Error).message}.`,
      })
    }
  }
  return files.map(([file]) => file)
}
