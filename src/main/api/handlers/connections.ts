import type { ConnectionConfig, ServerConnection } from '../../../shared/connection-types'
import { displayConnectionUrl, formatConnectionUrl, parseConnectionUrl } from '../../../shared/connection-url'
import type { ConnectionUrlInput } from '../../../shared/contract'
import { createDatabase } from '../../engine/connection/create-database'
import type { Engine } from '../../engine/engine'
import { openSession } from '../../engine/connection/open-session'
import { checkServerDatabase, listServerDatabases } from '../../engine/connection/server-databases'
import type { Session } from '../../engine/connection/sessions'
import { closeResultsOf } from '../../engine/query/open-results'
import { testConnection } from '../../engine/connection/test-connection'
import { sqliteBaseFor, type SqliteBase } from '../../engine/connection/sqlite-relative'
import type { ConnectionStore } from '../../store/connections-store'
import { AppError } from '../../../shared/errors'
import type { FileGrants } from '../file-grants'
import type { Handlers } from '../router'

/** Parses the URL and tells the engine its password(s) first, so no later log line can show them. */
function readConnection(engine: Engine, input: ConnectionUrlInput): ConnectionConfig {
  engine.rememberPassword(input.password)
  engine.rememberPassword(input.ssh?.passphrase)
  engine.rememberPassword(input.ssh?.password)
  engine.rememberPassword(input.sslPassword)
  const parsed = parseConnectionUrl(input.url)
  if (parsed.dialect === 'sqlite') return parsed
  engine.rememberPassword(parsed.password)
  engine.rememberPassword(parsed.sslPassword)
  return input.sslPassword === undefined ? parsed : { ...parsed, sslPassword: input.sslPassword }
}

/** Where a relative SQLite path resolves: the granted folder (or its Flask instance/), else the engine's base folder. */
function sqliteBase(
  { engine, files, connections }: { engine: Engine; files: FileGrants; connections: ConnectionStore },
  config: ConnectionConfig,
  input: ConnectionUrlInput,
): SqliteBase {
  if (input.relativeFolder !== undefined && input.relativeFolderOf !== undefined) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'relativeFolderOf',
      message: 'Give either a folder or a saved connection whose folder to use, not both.',
    })
  }
  const folder =
    input.relativeFolder !== undefined
      ? files.resolve(input.relativeFolder, 'folder', 'relativeFolder').path
      : input.relativeFolderOf !== undefined
        ? (connections.resolve(input.relativeFolderOf).relativeFolder ?? null)
        : null
  return sqliteBaseFor(config, engine.baseDir, folder)
}

export const connectionHandlers: Pick<
  Handlers,
  | 'connections.test'
  | 'connections.createDatabase'
  | 'sessions.open'
  | 'sessions.close'
  | 'sessions.list'
  | 'sessions.databases'
  | 'sessions.useDatabase'
> = {
  'connections.test': async (input, ctx) => {
    const { engine } = ctx
    const config = readConnection(engine, input)
    const base = sqliteBase(ctx, config, input)
    const result = await testConnection(config, {
      password: input.password,
      timeoutMs: input.timeoutMs,
      baseDir: base.baseDir,
      display: displayConnectionUrl(input.url),
      ssh: input.ssh,
      knownHostsFile: engine.knownHostsFile,
    })
    return base.note === null ? result : { ...result, pathNote: base.note }
  },

  'connections.createDatabase': async (input, ctx) => {
    const { engine } = ctx
    const config = readConnection(engine, input)
    return createDatabase(config, {
      password: input.password,
      timeoutMs: input.timeoutMs,
      baseDir: sqliteBase(ctx, config, input).baseDir,
      confirmPath: input.confirmPath,
      ssh: input.ssh,
      knownHostsFile: engine.knownHostsFile,
    })
  },

  'sessions.open': async (input, ctx) => {
    const { engine } = ctx
    const config = readConnection(engine, input)
    return openSession(engine, {
      config,
      password: input.password,
      timeoutMs: input.timeoutMs,
      display: displayConnectionUrl(input.url),
      ssh: input.ssh,
      baseDir: sqliteBase(ctx, config, input).baseDir,
    })
  },

  'sessions.close': async (input, { engine }) => {
    await closeResultsOf(engine, input.sessionId) // they hold pooled connections
    return { closed: await engine.sessions.close(input.sessionId) }
  },

  'sessions.list': async (_input, { engine }) => engine.sessions.list(),

  'sessions.databases': async ({ sessionId }, { engine }) => listServerDatabases(serverLevelSession(engine, sessionId).session.sequelize),

  'sessions.useDatabase': async ({ sessionId, database }, { engine }) => {
    const { session, config: server } = serverLevelSession(engine, sessionId)
    const config: ServerConnection = { ...server, database }
    await checkServerDatabase(
      session.sequelize,
      database,
      `${config.flavor === 'mariadb' ? 'MariaDB' : 'MySQL'} at ${session.info.display}`,
    )
    const info = await openSession(engine, {
      config,
      password: session.password,
      display: formatConnectionUrl(config, { maskPassword: true }),
      readOnly: session.readOnly,
      ...(session.tunnel ? { ssh: session.tunnel.ssh } : {}),
      ...(session.savedConnectionId !== null ? { savedConnectionId: session.savedConnectionId } : {}),
    })
    await closeResultsOf(engine, sessionId)
    await engine.sessions.close(sessionId)
    return info
  },
}

/** The session, when it is a server-level one (a MySQL URL without a database); a typed error otherwise. */
function serverLevelSession(engine: Engine, sessionId: string): { session: Session; config: ServerConnection } {
  const session = engine.sessions.get(sessionId)
  const config = session.config
  if (session.info.serverLevel && config.dialect !== 'sqlite') return { session, config }
  throw new AppError({
    code: 'INVALID_INPUT',
    field: 'sessionId',
    message: `This session is already on the database "${session.info.database}".`,
    hint: 'Connect with a URL without a database (mysql://user@host:3306) to pick one.',
  })
}
