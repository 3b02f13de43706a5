import { openSession } from '../../engine/connection/open-session'
import { sqliteBaseFor } from '../../engine/connection/sqlite-relative'
import type { FileGrants } from '../file-grants'
import type { Handlers } from '../router'

/** A folder grant becomes the path the store keeps (the page never sends a path); null forgets it. */
function folderPath(files: FileGrants, grant: string | null | undefined): string | null | undefined {
  return grant === undefined || grant === null ? grant : files.resolve(grant, 'folder', 'relativeFolder').path
}

export const savedConnectionHandlers: Pick<
  Handlers,
  'connections.list' | 'connections.save' | 'connections.update' | 'connections.delete' | 'connections.duplicate' | 'connections.open'
> = {
  'connections.list': async (_input, { connections }) => connections.list(),
  'connections.save': async ({ relativeFolder, ...fields }, { connections, files }) =>
    connections.save({ ...fields, relativeFolder: folderPath(files, relativeFolder) }),
  'connections.update': async ({ id, relativeFolder, ...fields }, { connections, files }) =>
    connections.update(id, { ...fields, ...(relativeFolder !== undefined ? { relativeFolder: folderPath(files, relativeFolder) } : {}) }),
  'connections.delete': async ({ id }, { connections }) => ({ deleted: connections.delete(id) }),
  'connections.duplicate': async ({ id }, { connections }) => connections.duplicate(id),
  // The password is looked up here, in the main process: the renderer never holds a saved one.
  'connections.open': async ({ id, password, timeoutMs, sshSecret, sslPassword }, { engine, connections }) => {
    const resolved = connections.resolve(id, password, sshSecret, sslPassword)
    engine.rememberPassword(resolved.ssh?.passphrase)
    engine.rememberPassword(resolved.ssh?.password)
    if (resolved.config.dialect !== 'sqlite') engine.rememberPassword(resolved.config.sslPassword)
    return openSession(engine, {
      config: resolved.config,
      password: resolved.password,
      timeoutMs,
      display: resolved.display,
      readOnly: resolved.readOnly,
      ssh: resolved.ssh,
      baseDir: sqliteBaseFor(resolved.config, engine.baseDir, resolved.relativeFolder ?? null).baseDir,
      savedConnectionId: id,
    })
  },
}
