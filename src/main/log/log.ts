/**
 * Rowboat's log: JSON lines from pino into `<dataDir>/logs/rowboat.log`, rotated by size
 * (rotating-file-stream, classical `rowboat.log.1` … `.4`), so a packaged app keeps what went
 * wrong and never fills the disk. Every entry passes the rules in `redact.ts` before it is written.
 */
import { chmod, chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Level, type Logger } from 'pino'
import { createStream } from 'rotating-file-stream'
import { REDACT_PATHS, CENSOR, redactDeep, scrubText } from './redact'

export type { Logger } from 'pino'

export const LOG_FILE = 'rowboat.log'
export const LOG_LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']
/** Strings are cut in redact.ts; this is the backstop for an entry with very many fields. */
const MAX_LINE = 64 * 1024

export interface LogOptions {
  /** `trace`…`fatal` or `silent`; anything else falls back to `info` (and says so in the log). */
  level?: string
  /** Masks passwords the caller knows of (the engine's), before the generic rules run. */
  known?: (text: string) => string
  /** A copy of every line as written, after redaction (tests read it). */
  onLine?: (line: string) => void
}

export interface FileLogOptions extends LogOptions {
  /** The folder the log files go in (created 0700). */
  dir: string
  /** Bytes per file before it rotates; default 5 MB. */
  maxBytes?: number
  /** Files kept, the current one included; default 5. */
  files?: number
}

export interface FileLog {
  logger: Logger
  /** The current log file's path, for messages that send the user to it. */
  file: string
  /** Writes out what is buffered and closes the file; call before the process exits. */
  close(): Promise<void>
}

/** The log of a host or a test: a file in `dir`, 0600 in a 0700 folder, rotated and capped. */
export function createFileLog(options: FileLogOptions): FileLog {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  chmodSync(options.dir, 0o700) // mkdir leaves an existing folder's mode alone
  const file = join(options.dir, LOG_FILE)
  const files = Math.max(1, options.files ?? 5)
  const stream = createStream(LOG_FILE, {
    path: options.dir,
    size: `${Math.max(1, Math.ceil((options.maxBytes ?? 5 * 1024 * 1024) / 1024))}K`,
    // Classical rotation: rowboat.log, then rowboat.log.1 … rowboat.log.<files-1>, the oldest dropped.
    ...(files > 1 ? { rotate: files - 1 } : {}),
    mode: 0o600,
  })
  // A file made before this version, or by hand, is brought to 0600 as well.
  stream.on('open', (name: string) => chmod(name, 0o600, () => undefined))
  let warned = false
  stream.on('error', (error: Error) => {
    // The log cannot log its own failure; say it once where a person running Rowboat may see it.
    if (!warned) console.error(`Rowboat: the log file ${file} cannot be written (${error.message}).`)
    warned = true
  })
  const logger = createLogger(options, (line) => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(line)
  })
  return {
    logger,
    file,
    close: () => new Promise<void>((resolve) => (stream.writableEnded ? resolve() : stream.end(() => resolve()))),
  }
}

/** A logger with the same rules writing somewhere else (an engine without a host: standard error). */
export function createLogger(options: LogOptions, write: (line: string) => void = (line) => void process.stderr.write(line)): Logger {
  const known = options.known ?? ((text: string) => text)
  const scrub = (text: string) => scrubText(text, known)
  const level = parseLevel(options.level)
  const logger = pino(
    {
      level: level ?? 'info',
      // No host name: people paste their log into bug reports.
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: { log: (fields) => redactDeep(fields, scrub) as Record<string, unknown> },
      // `formatters.log` has already made errors plain; pino's own error serializer would undo that.
      serializers: { err: (err: unknown) => err, msg: (msg: unknown) => (typeof msg === 'string' ? scrub(msg) : msg) },
    },
    {
      write(line: string) {
        // A last pass over the whole line catches what came in another way (child bindings).
        let clean = scrub(line)
        if (clean.length > MAX_LINE)
          clean = `${JSON.stringify({ level: 50, time: Date.now(), msg: 'A log entry was too long and was cut', head: clean.slice(0, MAX_LINE) })}\n`
        options.onLine?.(clean)
        write(clean)
      },
    },
  )
  if (options.level && !level)
    logger.warn({ asked: options.level.slice(0, 20) }, `Unknown log level; using info (one of ${LOG_LEVELS.join(', ')}, silent)`)
  return logger
}

function parseLevel(text: string | undefined): Level | 'silent' | null {
  const level = text?.trim().toLowerCase()
  if (level === 'silent') return 'silent'
  return LOG_LEVELS.find((known) => known === level) ?? null
}
