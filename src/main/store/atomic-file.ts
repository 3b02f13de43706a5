import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new, never a
 * torn mix: write a temp file beside it, flush it to disk, then rename over the original.
 */
export function writeFileAtomic(
  path: string,
  content: string,
  mode = 0o600,
  rename: (from: string, to: string) => void = renameSync,
): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const fd = openSync(temp, 'w', mode)
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  rename(temp, path)
}

export type JsonRead<T> = { state: 'missing' } | { state: 'ok'; value: T } | { state: 'corrupt'; keptAs: string }

/**
 * Reads a JSON file checked by `accept`. A file that does not parse or fails the check is not
 * lost and not overwritten: it is renamed aside (`name.corrupt-<time>`) and reported.
 */
export function readJsonFile<T>(path: string, accept: (value: unknown) => T | null): JsonRead<T> {
  if (!existsSync(path)) return { state: 'missing' }
  let value: T | null
  try {
    value = accept(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    value = null
  }
  if (value !== null) return { state: 'ok', value }
  const keptAs = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  renameSync(path, keptAs)
  return { state: 'corrupt', keptAs }
}
