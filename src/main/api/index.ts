import { mkdirSync } from 'node:fs'
import { Engine, type EngineOptions } from '../engine/engine'
import { ConnectionStore } from '../store/connections-store'
import { localKeyCipher, SecretStore, type SecretCipher } from '../store/secrets'
import { FileGrants } from './file-grants'
import { noFilePicker, type FilePicker } from './file-picker'
import { handlers } from './handlers'
import { createRouter, type HostFacts, type Router } from './router'

export interface ApiOptions extends EngineOptions {
  /** Saved connections, secrets and the sample database live here (default: baseDir). */
  dataDir?: string
  /** How remembered passwords are sealed; default: a key file in the data folder. */
  cipher?: (dataDir: string) => SecretCipher
  /** Default: a test host with no export folder and no uploads. */
  host?: HostFacts
  /** How the user chooses files (native dialogs, the browser host's export area); default: none. */
  picker?: FilePicker
}

export interface Api {
  engine: Engine
  connections: ConnectionStore
  router: Router
  /** The files this process granted (uploads, dialog choices, server-named exports); hosts end them all on quit. */
  files: FileGrants
}

/** The engine, the saved connections and the router, as every host (Electron, browser, tests) sets them up. */
export function createApi(options: ApiOptions): Api {
  const engine = new Engine(options)
  const dataDir = options.dataDir ?? options.baseDir
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const secrets = new SecretStore(dataDir, (options.cipher ?? localKeyCipher)(dataDir))
  const connections = new ConnectionStore(dataDir, secrets)
  const host = options.host ?? { kind: 'test', exportDir: null, uploads: false }
  const files = new FileGrants()
  return { engine, connections, files, router: createRouter(handlers, { engine, connections, host, files, picker: options.picker ?? noFilePicker }) }
}
