import type { ConnectionConfig } from '../../../shared/connection-types'
import { displayConnectionUrl, parseConnectionUrl } from '../../../shared/connection-url'
import type { ConnectionUrlInput } from '../../../shared/contract'
import { createDatabase } from '../../engine/connection/create-database'
import type { Engine } from '../../engine/engine'
import { openSession } from '../../engine/connection/open-session'
import { testConnection } from '../../engine/connection/test-connection'
import type { Handlers } from '../router'

/** Parses the URL and tells the engine its password(s) first, so no later log line can show them. */
function readConnection(engine: Engine, input: ConnectionUrlInput): ConnectionConfig {
  engine.rememberPassword(input.password)
  engine.rememberPassword(input.ssh?.passphrase)
  engine.rememberPassword(input.ssh?.password)
  const config = parseConnectionUrl(input.url)
  if (config.dialect !== 'sqlite') engine.rememberPassword(config.password)
  return config
}

export const connectionHandlers: Pick<
  Handlers,
  'connections.test' | 'connections.createDatabase' | 'sessions.open' | 'sessions.close' | 'sessions.list'
> = {
  'connections.test': async (input, { engine }) => {
    const config = readConnection(engine, input)
    return testConnection(config, {
      password: input.password,
      timeoutMs: input.timeoutMs,
      baseDir: engine.baseDir,
      display: displayConnectionUrl(input.url),
      ssh: input.ssh,
    })
  },

  'connections.createDatabase': async (input, { engine }) => {
    const config = readConnection(engine, input)
    return createDatabase(config, {
      password: input.password,
      timeoutMs: input.timeoutMs,
      baseDir: engine.baseDir,
      confirmPath: input.confirmPath,
      ssh: input.ssh,
    })
  },

  'sessions.open': async (input, { engine }) =>
    openSession(engine, {
      config: readConnection(engine, input),
      password: input.password,
      timeoutMs: input.timeoutMs,
      display: displayConnectionUrl(input.url),
      ssh: input.ssh,
    }),

  'sessions.close': async (input, { engine }) => ({ closed: await engine.sessions.close(input.sessionId) }),

  'sessions.list': async (_input, { engine }) => engine.sessions.list(),
}
