import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Emit } from '../../../shared/contract'
import type { AppErrorData } from '../../../shared/errors'
import type { Router } from '../../api/router'
import { hostIsOurs, originIsOurs, tokenMatches, type HostIdentity } from './request-checks'
import { receiveUpload, sendExport, UploadTooLarge, type FileFolders } from './file-transfer'
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
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS)
      response.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
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
      return sendExport(options.files, decodeURIComponent(path.slice('/api/exports/'.length)), response, SECURITY_HEADERS)
    }
    if (request.method !== 'POST') return plain(response, 405, 'Method not allowed')
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return plain(response, 415, 'Send JSON (content-type: application/json).')
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
    let channel: string
    try {
      channel = decodeURIComponent(path.slice('/api/'.length))
    } catch {
      return answer(response, 400, failure('UNKNOWN_CHANNEL', 'The channel name is not valid.'))
    }
    answer(response, 200, await options.router.invoke(channel, input))
  }

  async function upload(request: IncomingMessage, response: ServerResponse, files: FileFolders): Promise<void> {
    const name = new URL(request.url ?? '/', 'http://x').searchParams.get('name') ?? 'upload.csv'
    try {
      answer(response, 200, { ok: true, value: await receiveUpload(request, files, name) })
    } catch (error) {
      request.resume()
      const message = error instanceof UploadTooLarge ? error.message : 'The upload did not arrive whole.'
      answer(response, error instanceof UploadTooLarge ? 413 : 400, failure('INVALID_INPUT', message))
    }
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
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
