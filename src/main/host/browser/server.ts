import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Emit } from '../../../shared/contract'
import type { AppErrorData } from '../../../shared/errors'
import type { Router } from '../../api/router'
import { hostIsOurs, originIsOurs, tokenMatches, type HostIdentity } from './request-checks'
import { MAX_NAME_LENGTH, receiveUpload, sendExport, UploadTooLarge, type FileFolders } from './file-transfer'
import { serveStatic } from './static-files'

export interface HttpHostOptions {
  router: Router
  /** The built renderer (out/renderer). Nothing outside it is ever served. */
  staticDir: string
  /** 0 or absent: a free port. */
  port?: number
  /** A fresh random token when absent. */
  token?: string
  maxBodyBytes?: number
  /** Upload and export folders; without them the file routes answer 404. */
  files?: FileFolders
}

export interface HttpHost {
  port: number
  token: string
  /** The address to open: the token rides in the fragment, which browsers never send to servers. */
  url: string
  /** Sends a main → renderer event to every connected page. */
  emit: Emit
  close(): Promise<void>
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
}

/** The browser host: the same router as the Electron window, over HTTP on 127.0.0.1 only. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const identity: HostIdentity = { port: 0, token: options.token ?? randomBytes(24).toString('base64url') }
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const streams = new Set<ServerResponse>()
  const sockets = new Set<Socket>()

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // Never an empty 500: the page reads every answer as a Result.
      if (!response.headersSent) answer(response, 500, failure('INTERNAL', 'Something went wrong inside Rowboat.'))
      else response.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    if (path.length > 2048) return answer(response, 414, failure('INVALID_INPUT', 'The address is too long.'))
    if (!hostIsOurs(request, identity) || !originIsOurs(request, identity)) {
      return refuse(response, 'This address is served for Rowboat on this computer only.')
    }
    if (!path.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed')
      return serveStatic(options.staticDir, path, response, SECURITY_HEADERS)
    }
    if (!tokenMatches(request, identity)) return refuse(response, 'Missing or wrong Rowboat token.')
    if (path === '/api/events' && request.method === 'GET') return openEventStream(response)
    if (options.files && path === '/api/upload' && request.method === 'POST') return upload(request, response, options.files)
    if (options.files && path.startsWith('/api/exports/') && request.method === 'GET') {
      const name = decodedName(path.slice('/api/exports/'.length))
      if (name === null) return answer(response, 400, failure('INVALID_INPUT', 'That export name is not valid.'))
      return sendExport(options.files, name, response, SECURITY_HEADERS)
    }
    if (request.method !== 'POST') return plain(response, 405, 'Method not allowed')
    if (!isJsonContentType(request.headers['content-type'])) {
      return answer(response, 415, failure('INVALID_INPUT', 'Send JSON (content-type: application/json).'))
    }
    const body = await readBody(request, maxBody)
    if (body === null) {
      request.resume()
      return answer(response, 413, failure('INVALID_INPUT', `The request is larger than ${maxBody} bytes.`))
    }
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch {
      return answer(response, 400, failure('INVALID_INPUT', 'The request body is not valid JSON.'))
    }
    const channel = decodedName(path.slice('/api/'.length))
    if (channel === null) return answer(response, 400, failure('UNKNOWN_CHANNEL', 'The channel name is not valid.'))
    answer(response, 200, await options.router.invoke(channel, input))
  }

  async function upload(request: IncomingMessage, response: ServerResponse, files: FileFolders): Promise<void> {
    let name: string
    try {
      name = new URL(request.url ?? '/', 'http://x').searchParams.get('name') ?? 'upload.csv'
    } catch {
      request.resume()
      return answer(response, 400, failure('INVALID_INPUT', 'The upload address is not valid.'))
    }
    if (name.includes('\0') || name.length > MAX_NAME_LENGTH) {
      request.resume()
      return answer(response, 400, failure('INVALID_INPUT', 'That file name is not accepted.'))
    }
    try {
      answer(response, 200, { ok: true, value: await receiveUpload(request, files, name) })
    } catch (error) {
      request.resume()
      const message = error instanceof UploadTooLarge ? error.message : 'The upload did not arrive whole.'
      answer(response, error instanceof UploadTooLarge ? 413 : 400, failure('INVALID_INPUT', message))
    }
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    response.write(': connected\n\n')
    streams.add(response)
    response.on('close', () => streams.delete(response))
  }

  const emit: Emit = (event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  identity.port = (server.address() as AddressInfo).port

  return {
    port: identity.port,
    token: identity.token,
    url: `http://127.0.0.1:${identity.port}/#token=${identity.token}`,
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}

/** `application/json`, optionally with `; charset=utf-8`, and nothing else (a prefix match let `application/jsonx` through). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase())
  if (type !== 'application/json') return false
  return parameters.length === 0 || (parameters.length === 1 && /^charset="?utf-8"?$/.test(parameters[0]))
}

/** A percent-encoded path segment, decoded; null when it is malformed, holds a NUL or a separator, or is too long. */
export function decodedName(segment: string): string | null {
  let name: string
  try {
    name = decodeURIComponent(segment)
  } catch {
    return null
  }
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || name.includes('\0') || name.includes('/') || name.includes('\\')) return null
  return name
}

function failure(code: AppErrorData['code'], message: string) {
  return { ok: false as const, error: { code, message } }
}

function answer(response: ServerResponse, status: number, result: unknown): void {
  const body = JSON.stringify(result)
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(body)
}

function refuse(response: ServerResponse, message: string): void {
  plain(response, 403, message)
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(message)
}

/** The whole body, or null as soon as it passes the cap (nothing more is buffered). */
function readBody(request: IncomingMessage, cap: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > cap) return resolve(null)
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    request.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > cap) {
        done = true
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    request.on('error', reject)
  })
}
