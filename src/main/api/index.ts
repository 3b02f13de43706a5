import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Engine, type EngineOptions } from '../engine/engine'
import { ConsoleFiles } from '../engine/query/history'
import { createFileLog, type FileLog } from '../log/log'
import { ConnectionStore } from '../store/connections-store'
import { localKeyCipher, SecretStore, type SecretCipher } from '../store/secrets'
import { FileGrants } from './file-grants'
import { noFilePicker, type FilePicker } from './file-picker'
import { handlers } from './handlers'
import { createRouter, type Handlers, type HostFacts, type Router } from './router'

export interface ApiOptions extends Omit<EngineOptions, 'logger'> {
  /** Saved connections, secrets and the sample database live here (default: baseDir). */
  dataDir?: string
  /** How remembered passwords are sealed; default: a key file in the data folder. */
  cipher?: (dataDir: string) => SecretCipher
  /** Default: a test host with no export folder and no uploads. */
  host?: HostFacts
  /** How the user chooses files (native dialogs, the browser host's export area), granting into `files`; default: none. */
  picker?: (files: FileGrants) => FilePicker
  /** The log's level; default ROWBOAT_LOG_LEVEL, else `info`. */
  logLevel?: string
  /** A copy of every log line as written to the file, after redaction (tests read it). */
  log?: (line: string) => void
  /** Default: the app's handlers; a test swaps one in to provoke what no real input can. */
  handlers?: Handlers
}

export interface Api {
  engine: Engine
  connections: ConnectionStore
  router: Router
  /** The files this process granted (uploads, dialog choices, server-named exports); hosts end them all on quit. */
  files: FileGrants
  /** `<dataDir>/logs/rowboat.log`; close it after the engine when the process ends. */
  log: FileLog
}

/** The engine, the saved connections, the log and the router, as every host (Electron, browser, tests) sets them up. */
export function createApi(options: ApiOptions): Api {
  const dataDir = options.dataDir ?? options.baseDir
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  // The log masks the passwords the engine knows of; the engine needs the log to start, hence the late binding.
  const masker: { engine?: Engine } = {}
  const log = createFileLog({
    dir: join(dataDir, 'logs'),
    level: options.logLevel ?? process.env.ROWBOAT_LOG_LEVEL,
    known: (text) => masker.engine?.scrubPasswords(text) ?? text,
    onLine: options.log,
  })
  const engine = new Engine({
    baseDir: options.baseDir,
    emit: options.emit,
    csvWorker: options.csvWorker,
    sqliteCsvExtension: options.sqliteCsvExtension,
    knownHostsFile: options.knownHostsFile,
    logger: log.logger,
  })
  masker.engine = engine
  const secrets = new SecretStore(dataDir, (options.cipher ?? localKeyCipher)(dataDir))
  const connections = new ConnectionStore(dataDir, secrets)
  const host = options.host ?? { kind: 'test', exportDir: null, uploads: false }
  const files = new FileGrants()
  return {
    engine,
    connections,
    log,
    files,
    router: createRouter(options.handlers ?? handlers, {
      engine,
      connections,
      host,
      logFile: log.file,
      files,
      picker: options.picker?.(files) ?? noFilePicker,
      consoleFiles: new ConsoleFiles(dataDir),
    }),
  }
}
