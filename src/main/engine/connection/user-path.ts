import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'

/** A path a person wrote (a SQLite file, a certificate): `~/` is the home folder, a relative path is read from `baseDir`. */
export function resolveUserPath(path: string, baseDir: string): string {
  const expanded = path.startsWith('~/') ? resolve(process.env.HOME ?? homedir(), path.slice(2)) : path
  return isAbsolute(expanded) ? expanded : resolve(baseDir, expanded)
}
