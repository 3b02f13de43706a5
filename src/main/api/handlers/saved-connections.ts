import { openSession } from '../../engine/connection/open-session'
import type { Handlers } from '../router'

export const savedConnectionHandlers: Pick<
  Handlers,
  'connections.list' | 'connections.save' | 'connections.update' | 'connections.delete' | 'connections.duplicate' | 'connections.open'
> = {
  'connections.list': async (_input, { connections }) => connections.list(),
  'connections.save': async (input, { connections }) => connections.save(input),
  'connections.update': async ({ id, ...fields }, { connections }) => connections.update(id, fields),
  'connections.delete': async ({ id }, { connections }) => ({ deleted: connections.delete(id) }),
  'connections.duplicate': async ({ id }, { connections }) => connections.duplicate(id),
  // The password is looked up here, in the main process: the renderer never holds a saved one.
  'connections.open': async ({ id, password, timeoutMs, sshSecret }, { engine, connections }) => {
    const resolved = connections.resolve(id, password, sshSecret)
    engine.rememberPassword(resolved.ssh?.passphrase)
    engine.rememberPassword(resolved.ssh?.password)
    return openSession(engine, {
      config: resolved.config,
      password: resolved.password,
      timeoutMs,
      display: resolved.display,
      readOnly: resolved.readOnly,
      ssh: resolved.ssh,
    })
  },
}
