import { realpathSync } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'
import { AppError } from '../../../shared/errors'

/**
 * Where connections.createDatabase may create a SQLite file. The URL comes from the page, so on
 * its own it must not be able to make files anywhere the process can write:
 *
 * 1. The path is resolved to an absolute one, its folder through every symlink.
 * 2. That folder must exist (nothing is created on the way) and must not be a system folder.
 * 3. The request must carry `confirmPath` equal to that resolved path, which the server itself
 *    answered the first time (CONFIRMATION_REQUIRED with `details.resolvedPath`) and the page
 *    showed the user. A page cannot create a file the user was not shown.
 * 4. The file is created exclusively (never over an existing file or link), 0600.
 */
const UNIX_SYSTEM = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib',
  '/var/log',
  '/var/spool',
  '/var/cache',
  '/var/run',
  '/System',
  '/Library',
  '/private/etc',
  '/private/var/db',
  '/private/var/lib',
  '/private/var/log',
  '/private/var/spool',
  '/private/var/cache',
  '/private/var/run',
  '/Applications',
]
const WINDOWS_SYSTEM = ['\\windows', '\\program files', '\\program files (x86)', '\\programdata']

/** Whether `folder` (absolute, resolved) is a system folder or inside one, or a file system root. */
export function isSystemFolder(folder: string, separator: string = sep): boolean {
  if (separator === '\\') {
    const lower = folder.toLowerCase().replace(/\\+$/, '')
    const rest = lower.replace(/^[a-z]:/, '')
    if (rest === '' || lower.startsWith('\\\\')) return true
    return WINDOWS_SYSTEM.some((dir) => rest === dir || rest.startsWith(`${dir}\\`))
  }
  // macOS disks ignore case by default: /USR is /usr there.
  const folded = process.platform === 'darwin' ? (text: string) => text.toLowerCase() : (text: string) => text
  const clean = folded(folder.replace(/\/+$/, '') || '/')
  if (clean === '/') return true
  return UNIX_SYSTEM.map(folded).some((dir) => clean === dir || clean.startsWith(`${dir}/`))
}

/** The absolute path a SQLite file would be created at, after the rule's checks 1 and 2. */
export function sqliteCreatePath(file: string): string {
  let folder: string
  try {
    folder = realpathSync(dirname(file))
  } catch {
    throw new AppError({
      code: 'SQLITE_DIR_MISSING',
      field: 'url',
      message: `The folder ${dirname(file)} does not exist.`,
      hint: 'Create the folder first, or choose one that exists.',
      details: { address: file },
    })
  }
  if (isSystemFolder(folder)) {
    throw new AppError({
      code: 'PERMISSION_DENIED',
      field: 'url',
      message: `Rowboat does not create databases in ${folder}: it is a system folder.`,
      hint: 'Choose a folder of your own, such as one in your home folder.',
    })
  }
  return join(folder, basename(file))
}

/** Check 3: the page confirmed exactly this path. */
export function requireConfirmation(resolved: string, confirmPath: string | undefined): void {
  if (confirmPath === resolved) return
  throw new AppError({
    code: 'CONFIRMATION_REQUIRED',
    field: 'confirmPath',
    message: `Create a new SQLite database file at ${resolved}?`,
    hint: 'Confirm to create it there.',
    details: { resolvedPath: resolved },
  })
}
