import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { access, link, rename, unlink } from 'node:fs/promises'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../../shared/errors'

/**
 * Where an export writes: a temporary file beside the destination, renamed into place by finish()
 * and removed by abort(), so a cancelled or failed export leaves nothing behind. Table exports
 * (export.ts) and console query exports (query/export-result.ts) both write through one.
 */
export interface FileSink {
  /** Writes with backpressure: resolves once the stream can take more. */
  write: (data: string | Buffer) => Promise<void>
  /** Flushes and closes the file, then gives it its name (refusing an existing file unless `replace`). */
  finish: () => Promise<void>
  /** Closes the file and removes it; never throws. */
  abort: () => Promise<void>
}

/** Opens the temporary file for `destination`; `onBytes` hears the size of each write (progress). */
export async function openFileSink(
  destination: { path: string; replace: boolean },
  onBytes: (bytes: number) => void = () => undefined,
): Promise<FileSink> {
  const { path, replace } = destination
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`)
  const file = await openFile(temporary, path)
  return {
    write: async (data) => {
      onBytes(typeof data === 'string' ? Buffer.byteLength(data) : data.length)
      if (!file.write(data)) await once(file, 'drain')
    },
    finish: async () => {
      file.end()
      await once(file, 'finish')
      await moveIntoPlace(temporary, path, replace)
    },
    abort: async () => {
      // A write may still be in flight: destroying the file fails it with an error nobody needs (unheard,
      // it would crash the process), and the file is closed before it is removed (Windows needs that).
      file.on('error', () => undefined)
      const closed = file.closed ? Promise.resolve() : new Promise<void>((resolve) => file.once('close', () => resolve()))
      file.destroy()
      await closed
      await unlink(temporary).catch(() => undefined)
    },
  }
}

async function openFile(temporary: string, path: string): Promise<WriteStream> {
  // 0600: an export holds the table's data; it is the user's alone.
  const file = createWriteStream(temporary, { flags: 'wx', mode: 0o600 })
  try {
    await once(file, 'open')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `Rowboat cannot write ${basename(path)}${code === 'ENOENT' ? ': the folder does not exist' : code === 'EACCES' ? ': permission denied' : ''}.`,
      hint: 'Choose another place to save the file.',
      field: 'destination.file',
    })
  }
  return file
}

/**
 * The finished file takes its name. Without leave to replace, a hard link is made and the temporary
 * name dropped: link fails with EEXIST when a file appeared there meanwhile, where rename would
 * silently replace it.
 */
async function moveIntoPlace(temporary: string, path: string, replace: boolean): Promise<void> {
  if (replace) return rename(temporary, path)
  try {
    await link(temporary, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // A file system without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EEXIST' && !(await exists(path))) return rename(temporary, path)
    throw new AppError({
      code: 'FILE_EXISTS',
      field: 'destination.overwrite',
      message: `${basename(path)} is already there; Rowboat does not replace it without asking.`,
      hint: 'Confirm replacing it, or choose another name.',
    })
  }
  await unlink(temporary)
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  )
