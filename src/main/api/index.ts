import { mkdirSync } from 'node:fs'
import { Engine, type EngineOptions } from '../engine/engine'
import { ConnectionStore } from '../store/connections-store'
import { localKeyCipher, SecretStore, type SecretCipher } from '../store/secrets'
import { handlers } from './handlers'
import { createRouter, type HostFacts, type Router } from './router'

export interface ApiOptions extends EngineOptions {
  /** Saved connections, secrets and the sample database live here (default: baseDir). */
  dataDir?: string
  /** How remembered passwords are sealed; default: a key file in the data folder. */
  cipher?: (dataDir: string) => SecretCipher
  /** Default: a test host with no export folder and no uploads. */
  host?: HostFacts
}

export interface Api {
  engine: Engine
  connections: ConnectionStore
  router: Router
}

/** The engine, the saved connections and the router, as every host (Electron, browser, tests) sets them up. */
export function createApi(options: ApiOptions): Api {
  const engine = new Engine(options)
  const dataDir = options.dataDir ?? options.baseDir
  mkdirSync(dataDir, { recursive: true })
  const secrets = new SecretStore(dataDir, (options.cipher ?? localKeyCipher)(dataDir))
  const connections = new ConnectionStore(dataDir, secrets)
  const host = options.host ?? { kind: 'test', exportDir: null, uploads: false }
  return { engine, connections, router: createRouter(handlers, { engine, connections, host }) }
}
