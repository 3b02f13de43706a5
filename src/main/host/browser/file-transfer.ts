import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'

/**
 * Files through the browser host. A page cannot hand the host a path on disk, so an import's
 * file is streamed up into the uploads folder (never held in memory), and an export written into
 * the exports folder is streamed down. Nothing outside those two folders is ever read.
 */
export interface FileFolders {
  uploadDir: string
  exportDir: string
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number
}

/** A name safe to put in a folder: no separators, no leading dots, printable, bounded. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
  return cleaned || 'upload'
}

export async function receiveUpload(request: IncomingMessage, folders: FileFolders, name: string): Promise<{ path: string; bytes: number }> {
  await mkdir(folders.uploadDir, { recursive: true })
  const path = join(folders.uploadDir, `${randomBytes(6).toString('hex')}-${safeFileName(name)}`)
  let bytes = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > folders.maxUploadBytes) done(new UploadTooLarge(folders.maxUploadBytes))
      else done(null, chunk)
    },
  })
  try {
    await pipeline(request, limit, createWriteStream(path, { mode: 0o600 }))
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  return { path, bytes }
}

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 ** 2)} MB.`)
  }
}

/** Streams a file of the exports folder as a download; 404 for anything else. */
export async function sendExport(folders: FileFolders, name: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const safe = safeFileName(name)
  const path = join(folders.exportDir, safe)
  const info = safe === name ? await stat(path).catch(() => null) : null
  if (!info?.isFile()) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('No such export.')
    return
  }
  response.writeHead(200, {
    ...headers,
    'content-type': 'application/octet-stream',
    'content-length': String(info.size),
    'content-disposition': `attachment; filename="${safe}"`,
    'cache-control': 'no-store',
  })
  createReadStream(path).pipe(response)
}
