import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import type { Sequelize } from 'sequelize'
import { join } from 'node:path'
import { formatConnectionUrl, parseConnectionUrl } from '../../shared/connection-url'
import { isAppError } from '../../shared/errors'
import type { Api } from '../api'
import { createSequelize } from '../engine/connection/connect'
import { closeQuietly } from '../engine/connection/deadline'
import { applyPendingMigrations } from '../engine/migrator'
import { SAMPLE_NOTES, SAMPLE_POSTS, SAMPLE_USERS } from './sample-data'
import { cleanTransferFolders, lockDownDataDir } from './data-folder'
import { defineModels } from '../models'
import { ENVIRONMENT_CONNECTION_ID, SAMPLE_CONNECTION_ID, type BuiltInConnection } from '../store/connections-store'

export const SAMPLE_FILE = 'rowboat-sample.sqlite'

export interface FirstStart {
  samplePath: string
  sampleCreated: boolean
  /** Lines for the host to print (e.g. an unusable DATABASE_URL). */
  messages: string[]
}

/**
 * Every start: make sure the data folder and the sample database exist, and list the built-in
 * connections (the sample, and DATABASE_URL when set). The sample is created once and never
 * overwritten, so a person's edits to it survive restarts.
 */
export async function prepareDataDir(api: Api, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<FirstStart> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const samplePath = join(dataDir, SAMPLE_FILE)
  const sampleCreated = !existsSync(samplePath)
  if (sampleCreated) await createSampleDatabase(samplePath)
  // Folders 0700, files 0600, on every start (a folder from an older version is closed too).
  lockDownDataDir(dataDir)
  cleanTransferFolders(dataDir)

  const messages: string[] = []
  const builtIns: BuiltInConnection[] = [
    {
      id: SAMPLE_CONNECTION_ID,
      name: 'Sample database',
      url: formatConnectionUrl({ dialect: 'sqlite', storage: samplePath }),
      source: 'sample',
    },
  ]
  const fromEnv = env.DATABASE_URL?.trim()
  if (fromEnv) {
    try {
      parseConnectionUrl(fromEnv)
      builtIns.push({ id: ENVIRONMENT_CONNECTION_ID, name: 'From DATABASE_URL', url: fromEnv, source: 'environment' })
    } catch (error) {
      messages.push(`DATABASE_URL is set but not usable: ${isAppError(error) ? error.message : 'it does not parse'}`)
    }
  }
  api.connections.setBuiltIns(builtIns)
  if (sampleCreated) messages.push(`created the sample database at ${samplePath}`)
  // The very first start (the sample just made, nothing saved, no DATABASE_URL to prefer): the
  // window opens on the sample, as the README promises, rather than on an empty connect screen.
  const firstStart = sampleCreated && !fromEnv && api.connections.list().connections.every((c) => c.source !== 'saved')
  if (firstStart) api.connections.offerAtStart(SAMPLE_CONNECTION_ID)
  return { samplePath, sampleCreated, messages }
}

/** Built beside its final name and renamed into place, so a crash never leaves half a sample. */
async function createSampleDatabase(samplePath: string): Promise<void> {
  const building = `${samplePath}.building`
  rmSync(building, { force: true })
  mkdirSync(join(samplePath, '..'), { recursive: true, mode: 0o700 })
  const sequelize = createSequelize({ dialect: 'sqlite', storage: building }, { baseDir: '/', createSqliteFile: true })
  try {
    await applyPendingMigrations(sequelize)
    await seedSampleData(sequelize)
  } finally {
    await closeQuietly(sequelize)
  }
  // SQLite creates the file 0644 (umask permitting); the sample is the user's alone.
  chmodSync(building, 0o600)
  renameSync(building, samplePath)
}

/** The sample rows, through the models (so they pass the app's own validations), in one transaction. */
export async function seedSampleData(sequelize: Sequelize): Promise<void> {
  const { User, Post, Note } = defineModels(sequelize)
  await sequelize.transaction(async (transaction) => {
    const users = await User.bulkCreate(
      SAMPLE_USERS.map((u) => ({ ...u })),
      { transaction, validate: true },
    )
    await Post.bulkCreate(
      SAMPLE_POSTS.map((p) => ({ title: p.title, content: p.content, user_id: Number(users[p.author].get('id')) })),
      { transaction, validate: true },
    )
    await Note.bulkCreate(
      SAMPLE_NOTES.map((n) => ({ ...n })),
      { transaction, validate: true },
    )
  })
}
