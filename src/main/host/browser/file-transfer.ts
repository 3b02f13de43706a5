import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, realpath, rm, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import { join, relative, isAbsolute } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { safeFileName, type FileGrants } from '../../api/file-grants'
import type { PickedFile } from '../../../shared/contract/files'

/**
 * Files through the browser host. A page cannot hand the host a path on disk, so an import's
 * file is streamed up into the uploads folder (never held in memory) and granted to the page as a
 * handle; an export goes to a file the host names in the exports folder and is streamed down.
 * Nothing outside those two folders is ever read or written for the page.
 */
export interface FileFolders {
  uploadDir: string
  exportDir: string
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number
  /** Where uploads are granted as handles (the API's registry). */
  grants: FileGrants
}

/** Longest name the file routes accept (longer ones are refused, never cut into another name). */
export const MAX_NAME_LENGTH = 255

export async function receiveUpload(request: IncomingMessage, folders: FileFolders, name: string): Promise<PickedFile> {
  await mkdir(folders.uploadDir, { recursive: true, mode: 0o700 })
  const shown = safeFileName(name, 'upload.csv')
  // A private name: random, so no page can guess another's upload; the grant carries the shown name.
  const path = join(folders.uploadDir, `${randomBytes(12).toString('hex')}.upload`)
  let bytes = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > folders.maxUploadBytes) done(new UploadTooLarge(folders.maxUploadBytes))
      else done(null, chunk)
    },
  })
  try {
    await pipeline(request, limit, createWriteStream(path, { mode: 0o600, flags: 'wx' }))
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  const grant = folders.grants.grantRead(path, { temporary: true, name: shown })
  return { file: grant.id, name: shown, bytes }
}

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 ** 2)} MB.`)
  }
}

/**
 * The file of `folder` that `name` names, after every symlink is followed, or null when it is not
 * a regular file inside that folder (a link out of it, a name with separators, a folder).
 */
export async function fileInside(folder: string, name: string): Promise<{ path: string; size: number } | null> {
  if (name !== safeFileName(name) || name.length > MAX_NAME_LENGTH) return null
  try {
    const root = await realpath(folder)
    const path = await realpath(join(folder, name))
    const rel = relative(root, path)
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) return null
    const info = await stat(path)
    return info.isFile() ? { path, size: info.size } : null
  } catch {
    return null
  }
}

/** Streams a file of the exports folder as a download; 404 for anything else. */
export async function sendExport(
  folders: FileFolders,
  name: string,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const file = await fileInside(folders.exportDir, name)
  if (!file) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('No such export.')
    return
  }
  response.writeHead(200, {
    ...headers,
    'content-type': 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  })
  createReadStream(file.path).pipe(response)
}
