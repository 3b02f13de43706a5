import { existsSync } from 'node:fs'
import type { Emit } from '../../shared/contract'
import { createLogger, type Logger } from '../log/log'
import { KnownPasswords } from './connection/known-passwords'
import { SessionRegistry } from './connection/sessions'
import { closeAllResults } from './query/open-results'
import { releaseSessionTabs } from './query/tab-connections'

export interface EngineOptions {
  /** Relative SQLite paths resolve against this folder (the host's working folder). */
  baseDir: string
  /** Where main → renderer events go; a no-op until a host subscribes. */
  emit?: Emit
  /**
   * The host's log (createApi makes one in the data folder whose `known` rule is this engine's
   * scrubPasswords). Without one, standard error, with the same rules.
   */
  logger?: Logger
  /**
   * The CSV reading thread's bundle (csv-worker.ts, built beside the host's own), so imports parse
   * on a core of their own. Without it (or if the file is missing) they parse on this thread:
   * the same results, slower.
   */
  csvWorker?: string
  /**
   * The SQLite extension that writes CSV lines inside SQLite (native/sqlite-csv, built by npm
   * install), so SQLite exports run near the sqlite3 shell's speed. Without it (or if the file is
   * missing) SQLite writes them by SQL expressions: the same bytes, slower.
   */
  sqliteCsvExtension?: string
  /** SSH bastions: OpenSSH's known_hosts to consult (never written); default ~/.ssh/known_hosts. Tests give a file of their own. */
  knownHostsFile?: string
}

/** Everything the API handlers work on. One per host process. */
export class Engine {
  readonly sessions = new SessionRegistry()
  readonly baseDir: string
  emit: Emit
  /** The host's log; every known password is masked in what it writes (open sessions', recent tests'). */
  readonly log: Logger
  private readonly passwords = new KnownPasswords()
  readonly csvWorker: string | null
  readonly sqliteCsvExtension: string | null
  readonly knownHostsFile: string | undefined

  constructor(options: EngineOptions) {
    this.baseDir = options.baseDir
    this.knownHostsFile = options.knownHostsFile
    this.emit = options.emit ?? (() => undefined)
    this.log = options.logger ?? createLogger({ known: (text) => this.scrubPasswords(text) })
    this.csvWorker = options.csvWorker && existsSync(options.csvWorker) ? options.csvWorker : null
    if (options.csvWorker && !this.csvWorker)
      this.log.warn(`The CSV reader ${options.csvWorker} is missing: imports parse on the main thread.`)
    this.sqliteCsvExtension = options.sqliteCsvExtension && existsSync(options.sqliteCsvExtension) ? options.sqliteCsvExtension : null
    if (options.sqliteCsvExtension && !this.sqliteCsvExtension)
      this.log.warn(
        `The SQLite CSV extension ${options.sqliteCsvExtension} is missing (npm run build:native builds it): SQLite exports are slower.`,
      )
    // A Query tab's own connection rolls back and closes before its session's pool does.
    this.sessions.onClose((sessionId) => releaseSessionTabs(this, sessionId))
  }

  /** Handlers call this with every password they are given, before using it. */
  rememberPassword(password: string | null | undefined): void {
    this.passwords.remember(password)
  }

  scrubPasswords(text: string): string {
    return this.passwords.scrub(text, this.sessions.passwords())
  }

  async shutdown(): Promise<void> {
    await closeAllResults(this) // open console results hold pooled connections
    await this.sessions.closeAll()
  }
}
