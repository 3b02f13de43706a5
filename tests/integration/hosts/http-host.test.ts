import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../../src/main/api'
import { prepareDataDir } from '../../../src/main/host/first-start'
import { startHttpHost, type HttpHost } from '../../../src/main/host/browser/server'

/** A raw request, so tests can set any Host header (fetch would not let them). */
function send(host: HttpHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

describe('browser host over HTTP', () => {
  let dir: string
  let api: Api
  let host: HttpHost
  const good = () => ({ host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' })
  const saveBody = JSON.stringify({ name: 'Mine', url: 'sqlite:///mine.db' })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rowboat-http-'))
    const staticDir = join(dir, 'renderer')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Rowboat</title>')
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder')
    api = createApi({ baseDir: dir, dataDir: join(dir, 'data'), log: () => undefined })
    await prepareDataDir(api, join(dir, 'data'), {})
    host = await startHttpHost({
      router: api.router,
      staticDir,
      files: {
        uploadDir: join(dir, 'data', 'uploads'),
        exportDir: join(dir, 'data', 'exports'),
        maxUploadBytes: 64 * 1024,
        grants: api.files,
      },
    })
  })
  afterAll(async () => {
    await host.close()
    await api.engine.shutdown()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints an address on 127.0.0.1 with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers API calls that carry the token', async () => {
    const res = await send(host, { method: 'POST', path: '/api/app.info', headers: good(), body: '{}' })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Rowboat' } })
  })

  it.each([
    ['no token', (h: Record<string, string>) => ({ ...h, authorization: '' })],
    ['a wrong token', (h: Record<string, string>) => ({ ...h, authorization: 'Bearer not-the-token' })],
    ['a foreign Origin', (h: Record<string, string>) => ({ ...h, origin: 'http://evil.example' })],
    ['a foreign Host (DNS rebinding)', (h: Record<string, string>) => ({ ...h, host: `evil.example:${host.port}` })],
    ['a Host on another port', (h: Record<string, string>) => ({ ...h, host: '127.0.0.1:1' })],
  ])('refuses %s with 403 and changes nothing', async (_label, tamper) => {
    const res = await send(host, { method: 'POST', path: '/api/connections.save', headers: tamper(good()), body: saveBody })
    expect(res.status).toBe(403)
    expect(api.connections.list().connections.filter((c) => c.source === 'saved')).toEqual([])
  })

  it('accepts its own origin under both names', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const res = await send(host, {
        method: 'POST',
        path: '/api/app.info',
        headers: { ...good(), host: `${name}:${host.port}`, origin: `http://${name}:${host.port}` },
        body: '{}',
      })
      expect(res.status).toBe(200)
    }
  })

  it('serves the renderer and nothing outside it', async () => {
    const index = await send(host, { path: '/', headers: { host: `127.0.0.1:${host.port}` } })
    expect(index.status).toBe(200)
    expect(index.body).toContain('<title>Rowboat</title>')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/%00index.html']) {
      const res = await send(host, { path, headers: { host: `127.0.0.1:${host.port}` } })
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('outside the renderer folder')
    }
  })

  it('refuses a body over the cap', async () => {
    const small = await startHttpHost({ router: api.router, staticDir: dir, maxBodyBytes: 1024 })
    try {
      const res = await send(small, {
        method: 'POST',
        path: '/api/app.info',
        headers: { host: `127.0.0.1:${small.port}`, authorization: `Bearer ${small.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(5000) }),
      })
      expect(res.status).toBe(413)
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    } finally {
      await small.close()
    }
  })

  it('answers bad JSON and unknown channels as error values', async () => {
    const bad = await send(host, { method: 'POST', path: '/api/app.info', headers: good(), body: '{nope' })
    expect(bad.status).toBe(400)
    const unknown = await send(host, { method: 'POST', path: '/api/shell.exec', headers: good(), body: '{}' })
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
  })

  it('delivers events to a connected page', async () => {
    const controller = new AbortController()
    const response = await fetch(`http://127.0.0.1:${host.port}/api/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    await reader.read() // the ": connected" comment
    host.emit('sessions.lost', { sessionId: 's1', message: 'The server closed the connection.' })
    const { value } = await reader.read()
    controller.abort()
    expect(new TextDecoder().decode(value)).toBe(
      `data: ${JSON.stringify({ event: 'sessions.lost', payload: { sessionId: 's1', message: 'The server closed the connection.' } })}\n\n`,
    )
  })

  it('runs a full create, read, update, delete round trip on the sample database', async () => {
    const call = async (channel: string, input: unknown) => {
      const res = await send(host, { method: 'POST', path: `/api/${channel}`, headers: good(), body: JSON.stringify(input) })
      expect(res.status).toBe(200)
      const result = JSON.parse(res.body) as { ok: boolean; value?: never; error?: { code: string } }
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
      return result.value!
    }
    const { sessionId } = await call('connections.open', { id: 'sample' })
    const tables: Array<{ name: string; rowCount: { value: number } }> = await call('schema.tables', { sessionId })
    expect(tables.find((t) => t.name === 'users')?.rowCount.value).toBe(10)

    const created: Record<string, unknown> = await call('records.insert', {
      sessionId,
      table: 'users',
      values: { username: 'http_user', email: 'http@example.com' },
    })
    const page: { rows: Array<Record<string, unknown>> } = await call('records.page', {
      sessionId,
      table: 'users',
      filters: [{ column: 'username', op: 'eq', value: 'http_user' }],
    })
    expect(page.rows).toHaveLength(1)
    const updated: Record<string, unknown> = await call('records.update', {
      sessionId,
      table: 'users',
      key: { id: created.id },
      original: { bio: null },
      values: { bio: 'over HTTP' },
    })
    expect(updated.bio).toBe('over HTTP')
    expect(await call('records.delete', { sessionId, table: 'users', key: { id: created.id }, original: updated })).toEqual({ deleted: 1 })
    const after: { rows: unknown[] } = await call('records.page', {
      sessionId,
      table: 'users',
      filters: [{ column: 'username', op: 'eq', value: 'http_user' }],
    })
    expect(after.rows).toEqual([])
  })

  it('streams an upload into the uploads folder and answers a handle to it, never its path', async () => {
    const csv = 'id,name\n1,"Zoë, the 🚣"\n'
    const res = await send(host, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../evil name.csv')}`,
      headers: { ...good(), 'content-type': 'application/octet-stream' },
      body: csv,
    })
    expect(res.status).toBe(200)
    const { value } = JSON.parse(res.body) as { value: { file: string; name: string; bytes: number } }
    expect(value).toEqual({ file: expect.stringMatching(/^[\w-]{24}$/), name: 'evil name.csv', bytes: Buffer.byteLength(csv) })
    const grant = api.files.resolve(value.file, 'read', 'source.file')
    expect(grant.path.startsWith(join(dir, 'data', 'uploads') + '/')).toBe(true)
    expect(readFileSync(grant.path, 'utf8')).toBe(csv)
  })

  it('refuses uploads without the token or over the cap, keeping nothing', async () => {
    const denied = await send(host, {
      method: 'POST',
      path: '/api/upload?name=x.csv',
      headers: { ...good(), authorization: 'Bearer wrong' },
      body: 'a',
    })
    expect(denied.status).toBe(403)
    const big = await send(host, {
      method: 'POST',
      path: '/api/upload?name=big.csv',
      headers: { ...good(), 'content-type': 'application/octet-stream' },
      body: 'x'.repeat(70 * 1024),
    })
    expect(big.status).toBe(413)
    expect(readdirSync(join(dir, 'data', 'uploads')).filter((f) => f.endsWith('big.csv') || f.endsWith('x.csv'))).toEqual([])
  })

  it('serves exports only from the exports folder', async () => {
    mkdirSync(join(dir, 'data', 'exports'), { recursive: true })
    writeFileSync(join(dir, 'data', 'exports', 'users.csv'), 'id\n1\n')
    const ok = await send(host, { path: '/api/exports/users.csv', headers: good() })
    expect(ok.status).toBe(200)
    expect(ok.body).toBe('id\n1\n')
    for (const path of ['/api/exports/..%2Fconnections.json', '/api/exports/%2E%2E%2F..%2Fsecret.txt']) {
      expect((await send(host, { path, headers: good() })).status, path).toBe(400)
    }
    expect((await send(host, { path: '/api/exports/missing.csv', headers: good() })).status).toBe(404)
    expect((await send(host, { path: '/api/exports/users.csv', headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(403)
  })

  it('refuses the event stream without the token', async () => {
    const res = await send(host, { path: '/api/events', headers: { host: `127.0.0.1:${host.port}` } })
    expect(res.status).toBe(403)
  })
})
