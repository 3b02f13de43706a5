/**
 * Turns a driver's connection failure into an AppError a person can act on: what went wrong in
 * plain words, naming where we tried to go (host:port, user, database or file; never the
 * password), and a hint with the fix. Only connection-class errors are diagnosed; anything else
 * (a syntax error, a constraint) answers null and is left to the caller.
 */
import type { ConnectionConfig } from '../../../shared/connection-types'
import { maskPasswordIn } from '../../../shared/connection-url'
import { AppError, type ErrorDetails } from '../../../shared/errors'
import { resolveSqliteStorage } from './connect'
import { addressOf, diagnoseServer, timedOut, type Diagnosis } from './diagnose-server'
import { diagnoseSqlite } from './diagnose-sqlite'
import { driverCodeOf, readDriverFacts } from './driver-error'

export interface DiagnoseTarget {
  config: ConnectionConfig
  password: string | null
  baseDir: string
  /** The time limit in force, so a TIMEOUT message can say how long we waited. */
  timeoutMs?: number
}

export function diagnoseError(error: unknown, target: DiagnoseTarget): AppError | null {
  if (error instanceof AppError) return null
  const facts = readDriverFacts(error)
  if (!facts) return null
  const { config, baseDir } = target
  const diagnosis =
    config.dialect === 'sqlite' ? diagnoseSqlite(facts, { config, baseDir }) : diagnoseServer(facts, config, target.timeoutMs)
  if (!diagnosis) return null
  const details: ErrorDetails = { ...diagnosis.details, address: addressFor(target) }
  const driverCode = driverCodeOf(facts)
  if (driverCode) details.driverCode = driverCode
  return scrubbed({ ...diagnosis, details }, target.password)
}

/** Where we tried to go: host:port, the unix socket, or the SQLite file. */
export function addressFor(target: Pick<DiagnoseTarget, 'config' | 'baseDir'>): string {
  const { config } = target
  return config.dialect === 'sqlite' ? resolveSqliteStorage(config.storage, target.baseDir) : addressOf(config)
}

/**
 * Messages are built from the user, host and database names, never the password; but a password
 * may also appear in those names (or in a driver message we quote), so it is masked everywhere.
 */
export function scrubbed(diagnosis: Diagnosis, password: string | null): AppError {
  const mask = (text: string) => maskPasswordIn(text, password)
  const details: ErrorDetails | undefined = diagnosis.details && { ...diagnosis.details }
  if (details) {
    for (const key of ['createStatement', 'address', 'driverCode'] as const) {
      const value = details[key]
      if (value !== undefined) details[key] = mask(value)
    }
  }
  return new AppError({
    code: diagnosis.code,
    message: mask(diagnosis.message),
    ...(diagnosis.hint !== undefined ? { hint: mask(diagnosis.hint) } : {}),
    ...(details ? { details } : {}),
  })
}

/** For catch blocks: the diagnosed AppError when there is one, else the error unchanged. */
export function diagnoseOrRethrow(error: unknown, target: DiagnoseTarget): never {
  throw diagnoseError(error, target) ?? error
}

/** What the overall backstop throws when a connection attempt outlives its time limit. */
export function connectionTimeoutError(target: DiagnoseTarget): AppError {
  const { config } = target
  if (config.dialect !== 'sqlite')
    return scrubbed({ ...timedOut(config, target.timeoutMs), details: { address: addressOf(config) } }, target.password)
  const file = addressFor(target)
  return scrubbed(
    {
      code: 'TIMEOUT',
      message: `The SQLite file ${file} did not answer in time.`,
      hint: 'Another program may be holding a lock on it (a long write or an open transaction): close it, or try again in a moment.',
      details: { address: file },
    },
    target.password,
  )
}
