import { spawn } from 'node:child_process'
import { AppError } from '../../../../shared/errors'

export interface ToolResult {
  code: number
  /** stdout and stderr interleaved as they came, capped. */
  output: string
  stdout: string
}

const MAX_OUTPUT = 200_000
export const DEFAULT_TOOL_TIMEOUT_MS = 10 * 60_000

/**
 * Runs a project's own migration tool (Alembic, Flask-Migrate) in a child process in the project
 * folder, the way its developer would, with a time limit; the database URL goes in `env` only.
 */
export function runTool(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let stdout = ''
    const keep = (text: string, into: string) => (into.length < MAX_OUTPUT ? into + text.slice(0, MAX_OUTPUT - into.length) : into)
    child.stdout.setEncoding('utf8').on('data', (text: string) => ((stdout = keep(text, stdout)), (output = keep(text, output))))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output = keep(text, output)))
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(
        new AppError({
          code: 'MIGRATION_FAILED',
          message: `Could not start ${command}: ${error.message}.`,
          hint: 'Install Python 3 with Alembic (Debian: apt-get install python3-alembic python3-flask-migrate).',
        }),
      )
    })
    child.on('close', (code) => {
      clearTimeout(timer)
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
      resolve({ code: code ?? -1, output, stdout })
    })
  })
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
