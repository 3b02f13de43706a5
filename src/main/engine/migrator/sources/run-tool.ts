import { spawn, type ChildProcess } from 'node:child_process'
import { AppError } from '../../../../shared/errors'

export interface ToolResult {
  code: number
  /** stdout and stderr interleaved as they came, capped. */
  output: string
  stdout: string
  /** Stopped by the caller's signal (the whole process group was killed). */
  cancelled: boolean
}

export interface ToolOptions {
  cwd: string
  env: Record<string, string>
  timeoutMs?: number
  /** Each complete line as the tool prints it (the last, unterminated one when it ends). */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void
  /** Aborting kills the tool and everything it started (its process group). */
  signal?: AbortSignal
}

const MAX_OUTPUT = 200_000
export const DEFAULT_TOOL_TIMEOUT_MS = 10 * 60_000

/**
 * Runs a project's own migration tool (Alembic, Flask-Migrate) in a child process in the project
 * folder, the way its developer would, with a time limit; the database URL goes in `env` only.
 */
/**
 * The tools running now. They lead process groups of their own, so they would outlive the app
 * (and keep working on the database) if it quit mid-run: both hosts end with process.exit, and
 * then every one of them is stopped.
 */
const runningTools = new Set<ChildProcess>()
let stopsOnExit = false

export function runTool(command: string, args: string[], options: ToolOptions): Promise<ToolResult> {
  if (!stopsOnExit) {
    stopsOnExit = true
    process.once('exit', () => runningTools.forEach((tool) => killGroup(tool, 'SIGTERM')))
  }
  return new Promise((resolve, reject) => {
    // Its own process group, so stopping it also stops what it started (a shell, a database client).
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    runningTools.add(child)
    child.once('exit', () => runningTools.delete(child))
    let output = ''
    let stdout = ''
    const keep = (text: string, into: string) => (into.length < MAX_OUTPUT ? into + text.slice(0, MAX_OUTPUT - into.length) : into)
    const lines = { stdout: '', stderr: '' }
    const split = (stream: 'stdout' | 'stderr', text: string, end = false) => {
      if (!options.onLine) return
      const parts = (lines[stream] + text).split(/\r?\n/)
      lines[stream] = end ? '' : (parts.pop() ?? '')
      for (const line of parts) if (!end || line !== '') options.onLine(stream, line)
    }
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout = keep(text, stdout)
      output = keep(text, output)
      split('stdout', text)
    })
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      output = keep(text, output)
      split('stderr', text)
    })
    let stopping: NodeJS.Timeout | undefined
    const stop = () => {
      if (stopping) return
      killGroup(child, 'SIGTERM')
      stopping = setTimeout(() => killGroup(child, 'SIGKILL'), 5000)
      stopping.unref()
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, timeoutMs)
    let cancelled = false
    const onAbort = () => {
      cancelled = true
      stop()
    }
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    const settle = () => {
      clearTimeout(timer)
      if (stopping) clearTimeout(stopping)
      options.signal?.removeEventListener('abort', onAbort)
    }
    child.on('error', (error) => {
      settle()
      reject(
        new AppError({
          code: 'MIGRATION_FAILED',
          message: `Could not start ${command}: ${error.message}.`,
          hint: 'Install Python 3 with Alembic (Debian: apt-get install python3-alembic python3-flask-migrate).',
        }),
      )
    })
    child.on('close', (code) => {
      settle()
      split('stdout', '', true)
      split('stderr', '', true)
      if (timedOut) {
        reject(
          new AppError({
            code: 'TIMEOUT',
            message: `The project's migration tool did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped. Output:\n${output.slice(-4000)}`,
            hint: 'Look at the database with the tool itself: part of the migration may have run.',
          }),
        )
        return
      }
      resolve({ code: code ?? -1, output, stdout, cancelled })
    })
  })
}

/** Signals the tool's whole process group (it leads one: spawned detached; Windows has no groups); gone already is fine. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32' || child.pid === undefined) child.kill(signal)
    else process.kill(-child.pid, signal)
  } catch {
    // The group has already exited.
  }
}

/** The line a Python tool died with (`sqlalchemy.exc.OperationalError: …`), else the last line it printed. */
export function lastErrorLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return (
    [...lines].reverse().find((l) => /^[\w.]+(Error|Exception|Failure)\b.*:/.test(l) || /^ERROR\b/.test(l)) ?? lines.at(-1) ?? 'no output'
  )
}
