import { accessSync, constants, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SqliteConnection } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import { isRelativeSqliteStorage } from '../../../shared/sqlite-path'
import { resolveSqliteStorage } from './connect'
import type { Diagnosis } from './diagnose-server'
import type { DriverFacts } from './driver-error'

const NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const NOT_WRITABLE = new Set(['SQLITE_READONLY', 'EACCES', 'EPERM', 'EROFS'])

interface SqliteTarget {
  config: SqliteConnection
  baseDir: string
}

/**
 * Looks at the file and its folder before SQLite does: sqlite3 answers every one of these with
 * the same SQLITE_CANTOPEN "unable to open database file". Null when the file looks openable.
 */
export function inspectSqliteFile(target: SqliteTarget): Diagnosis | null {
  if (target.config.storage === ':memory:') return null
  const file = resolveSqliteStorage(target.config.storage, target.baseDir)
  const folder = dirname(file)
  const folderKind = kindOf(folder)
  if (folderKind !== 'folder') {
    return {
      code: 'SQLITE_DIR_MISSING',
      message:
        folderKind === 'missing'
          ? `The folder ${folder} does not exist, so there is no SQLite file ${file}.`
          : `${folder} is a file, not a folder, so there is no SQLite file ${file}.`,
      hint: `Check the path${relativeNote(target)}, or create the folder first.`,
    }
  }
  const fileKind = kindOf(file)
  if (fileKind === 'missing') {
    return {
      code: 'SQLITE_FILE_MISSING',
      message: `There is no SQLite file at ${file}.`,
      hint: `Check the path${relativeNote(target)}, or create an empty database there with Create database.`,
    }
  }
  if (fileKind === 'folder') {
    return {
      code: 'SQLITE_NOT_A_DATABASE',
      message: `${file} is a folder, not an SQLite database file.`,
      hint: 'Point the connection at the database file inside it (often ending in .db, .sqlite or .sqlite3).',
    }
  }
  if (!can(file, constants.R_OK)) return notWritable(file, 'read')
  return null
}

/** Throws the precise AppError when the file cannot be opened; used before connecting. */
export function assertSqliteFileUsable(target: SqliteTarget): void {
  const problem = inspectSqliteFile(target)
  if (problem) {
    const file = resolveSqliteStorage(target.config.storage, target.baseDir)
    throw new AppError({ ...problem, field: 'url', details: { ...problem.details, address: file } })
  }
}

export function diagnoseSqlite(facts: DriverFacts, target: SqliteTarget): Diagnosis | null {
  const file = resolveSqliteStorage(target.config.storage, target.baseDir)
  const code = facts.code ?? ''
  if (NOT_A_DATABASE.has(code)) {
    return code === 'SQLITE_CORRUPT'
      ? {
          code: 'SQLITE_NOT_A_DATABASE',
          message: `The SQLite file ${file} is damaged (database disk image is malformed).`,
          hint: "Restore it from a backup, or try the sqlite3 shell's .recover command on a copy.",
        }
      : {
          code: 'SQLITE_NOT_A_DATABASE',
          message: `${file} is not an SQLite database (or it is encrypted).`,
          hint: 'Check that the path points at the database file and not at another file; an encrypted database (SQLCipher) needs a tool that supports it.',
        }
  }
  if (NOT_WRITABLE.has(code)) return notWritable(file, 'write')
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT') {
    const precise = inspectSqliteFile(target)
    if (precise) return precise
    // The file is there and readable: SQLite also needs to write a journal next to it.
    if (!can(dirname(file), constants.W_OK) || !can(file, constants.W_OK)) return notWritable(file, 'write')
    return {
      code: 'SQLITE_FILE_MISSING',
      message: `SQLite could not open ${file}.`,
      hint: 'Check that the file and its folder exist and that Rowboat may read and write them.',
    }
  }
  return null
}

function notWritable(file: string, what: 'read' | 'write'): Diagnosis {
  return {
    code: 'SQLITE_READ_ONLY',
    message:
      what === 'read' ? `Rowboat is not allowed to read ${file}.` : `Rowboat cannot write to ${file}: the file or its folder is read-only.`,
    hint: 'Check the permissions of the file and of its folder (SQLite writes a journal file next to the database), or copy the database somewhere writable.',
  }
}

function relativeNote(target: SqliteTarget): string {
  const storage = target.config.storage
  return !isRelativeSqliteStorage(storage)
    ? ''
    : ` (relative paths resolve against ${target.baseDir}: choose the folder for relative paths, for a Flask app its project folder)`
}

function kindOf(path: string): 'missing' | 'folder' | 'file' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file'
  } catch {
    return 'missing'
  }
}

function can(path: string, mode: number): boolean {
  try {
    accessSync(path, mode)
    return true
  } catch {
    return false
  }
}
