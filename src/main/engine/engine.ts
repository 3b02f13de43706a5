import type { Emit } from '../../shared/contract'
import { SessionRegistry } from './sessions'

export interface EngineOptions {
  /** Relative SQLite paths resolve against this folder (the host's working folder). */
  baseDir: string
  /** Where main → renderer events go; a no-op until a host subscribes. */
  emit?: Emit
  /** Where unexpected errors are written, already scrubbed of secrets. */
  log?: (message: string) => void
}

/** Everything the API handlers work on. One per host process. */
export class Engine {
  readonly sessions = new SessionRegistry()
  readonly baseDir: string
  emit: Emit
  readonly log: (message: string) => void

  constructor(options: EngineOptions) {
    this.baseDir = options.baseDir
    this.emit = options.emit ?? (() => undefined)
    this.log = options.log ?? ((message) => console.error(message))
  }

  async shutdown(): Promise<void> {
    await this.sessions.closeAll()
  }
}
