/**
 * The exploits of the "files belong to the main process" issue, replayed as a hostile page would
 * (it holds the token): through the HTTP host and through the router. Nothing outside the granted
 * files may be read, created or changed; canary files beside the data folder must stay byte-identical.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../../src/main/api'
import { browserFilePicker } from '../../../src/main/host/browser/export-picker'
import { startHttpHost, type HttpHost } from '../../../src/main/host/browser/server'
import { prepareDataDir } from '../../../src/main/host/first-start'

function send(host: HttpHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), type: res.headers['content-type'] }),
        )
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

/** Every file under `dir` (relative path → content), skipping the data folder: what must never change. */
function snapshot(dir: string, skip: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (path === skip) continue
      if (entry.isDirectory()) walk(path)
      else out[relative(dir, path)] = entry.isSymbolicLink() ? `link` : readFileSync(path, 'base64')
    }
  }
  walk(dir)
  return out
}

const CANARY = 'canary: must never be read or changed\n'

describe('files cross only as grants (hostile page with the token)', () => {
  let root: string
  let dataDir: string
  let api: Api
  let host: HttpHost
  let before: Record<string, string>
  let sessionId: string
  const headers = () => ({ host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' })
  const http = async (channel: string, input: unknown) => {
    const res = await send(host, { method: 'POST', path: `/api/${channel}`, headers: headers(), body: JSON.stringify(input) })
    return {
      status: res.status,
      result: JSON.parse(res.body) as {
        ok: boolean
        value?: unknown
        error?: { code: string; message: string; details?: { resolvedPath?: string } }
      },
      raw: res.body,
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rowboat-boundary-'))
    dataDir = join(root, 'data')
    writeFileSync(join(root, 'canary.txt'), CANARY)
    mkdirSync(join(root, 'elsewhere'))
    writeFileSync(join(root, 'elsewhere', 'hostname'), CANARY)
    const staticDir = join(root, 'renderer')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>')
    api = createApi({
      baseDir: root,
      dataDir,
      log: () => undefined,
      host: { kind: 'browser', exportDir: join(dataDir, 'exports'), uploads: true },
      picker: (grants) => browserFilePicker(grants, join(dataDir, 'exports')),
    })
    await prepareDataDir(api, dataDir, {})
    host = await startHttpHost({
      router: api.router,
      staticDir,
      files: { uploadDir: join(dataDir, 'uploads'), exportDir: join(dataDir, 'exports'), maxUploadBytes: 1024 * 1024, grants: api.files },
    })
    const opened = await http('connections.open', { id: 'sample' })
    sessionId = (opened.result.value as { sessionId: string }).sessionId
    before = snapshot(root, dataDir)
  })
  afterAll(async () => {
    await host.close()
    await api.engine.shutdown()
    rmSync(root, { recursive: true, force: true })
  })
  const untouched = () => {
    expect(snapshot(root, dataDir)).toEqual(before)
    expect(readFileSync(join(root, 'canary.txt'), 'utf8')).toBe(CANARY)
  }

  it('transfer.export with a path (relative, absolute or traversal) is refused and replaces nothing', async () => {
    for (const path of ['../canary.txt', '../../../../' + join(root, 'canary.txt'), join(root, 'canary.txt'), 'canary.txt']) {
      const { result } = await http('transfer.export', {
        sessionId,
        table: 'users',
        format: { kind: 'csv' },
        destination: { path },
        jobId: `x-${path}`,
      })
      expect(result, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    // A handle the host never made is refused too.
    const forged = await http('transfer.export', {
      sessionId,
      table: 'users',
      format: { kind: 'csv' },
      destination: { file: 'A'.repeat(24) },
      jobId: 'x-forged',
    })
    expect(forged.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    untouched()
  })

  it('transfer.inspect with a path is refused and shows nothing of the file', async () => {
    for (const path of [join(root, 'elsewhere', 'hostname'), '../elsewhere/hostname']) {
      const { result, raw } = await http('transfer.inspect', { sessionId, table: 'users', source: { path } })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(raw).not.toContain('canary')
    }
    untouched()
  })

  it('connections.createDatabase creates no SQLite file without confirming the shown path, and none in system folders', async () => {
    const target = join(root, 'made.db')
    const first = await http('connections.createDatabase', { url: `sqlite:///${target}` })
    expect(first.result).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } })
    expect(existsSync(target)).toBe(false)
    for (const url of ['sqlite:////etc/rowboat-exploit.db', 'sqlite:////usr/rowboat-exploit.db', 'sqlite:////rowboat-exploit.db']) {
      const system = await http('connections.createDatabase', { url, confirmPath: url.slice('sqlite:///'.length) })
      expect(system.result, url).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      expect(existsSync(url.slice('sqlite:///'.length)), url).toBe(false)
    }
    untouched()
  })

  it('answers bad names with 400 and a typed JSON error, and checks the JSON content type exactly', async () => {
    for (const path of [
      '/api/exports/a%00b.csv',
      '/api/exports/%E0%A4%A',
      '/api/exports/%',
      `/api/exports/${'a'.repeat(300)}.csv`,
      '/api/exports/..%2F..%2Fcanary.txt',
    ]) {
      const res = await send(host, { path, headers: headers() })
      expect(res.status, path).toBe(400)
      expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    const badChannel = await send(host, { method: 'POST', path: '/api/app%E0.info', headers: headers(), body: '{}' })
    expect(badChannel.status).toBe(400)
    expect(JSON.parse(badChannel.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    for (const type of ['application/jsonx', 'application/json-patch+json', 'text/plain', 'application/json; charset=latin1']) {
      const res = await send(host, { method: 'POST', path: '/api/app.info', headers: { ...headers(), 'content-type': type }, body: '{}' })
      expect(res.status, type).toBe(415)
    }
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect(
        (await send(host, { method: 'POST', path: '/api/app.info', headers: { ...headers(), 'content-type': type }, body: '{}' })).status,
        type,
      ).toBe(200)
    }
  })

  it('serves nothing a symlink in the exports folder points at', async () => {
    symlinkSync(join(root, 'canary.txt'), join(dataDir, 'exports', 'link.csv'))
    const res = await send(host, { path: '/api/exports/link.csv', headers: headers() })
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('canary')
    rmSync(join(dataDir, 'exports', 'link.csv'))
  })

  it('exports to a file the server names, 0600, with a single-use handle; an existing file is replaced only with overwrite', async () => {
    const picked = await http('files.pickExport', { table: 'users', kind: 'csv', name: '../../canary.txt' })
    const target = picked.result.value as { file: string; name: string; exists: boolean }
    expect(target.name).toBe('canary.csv')
    const done = await http('transfer.export', {
      sessionId,
      table: 'users',
      format: { kind: 'csv' },
      destination: { file: target.file },
      jobId: 'x-ok',
    })
    expect(done.result).toMatchObject({ ok: true, value: { rows: 10, name: 'canary.csv' } })
    expect(statSync(join(dataDir, 'exports', 'canary.csv')).mode & 0o777).toBe(0o600)
    const replay = await http('transfer.export', {
      sessionId,
      table: 'users',
      format: { kind: 'csv' },
      destination: { file: target.file },
      jobId: 'x-replay',
    })
    expect(replay.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    // The same name again: the server picks another name rather than replacing the first export.
    const second = (await http('files.pickExport', { table: 'users', kind: 'csv', name: 'canary.csv' })).result.value as { name: string }
    expect(second.name).not.toBe('canary.csv')

    // A grant for an existing file (as after a Save dialog) still asks before replacing it.
    const existing = join(root, 'elsewhere', 'hostname')
    const grant = api.files.grantWrite(existing)
    const refused = await api.router.invoke('transfer.export', {
      sessionId,
      table: 'users',
      format: { kind: 'csv' },
      destination: { file: grant.id },
      jobId: 'x-exists',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } })
    untouched()
  })

  it('imports only from an upload handle (the same file can run again); uploads are deleted when the app closes', async () => {
    const up = await send(host, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../canary.txt')}`,
      headers: { ...headers(), 'content-type': 'application/octet-stream' },
      body: 'title,content\nA note,from an upload\n',
    })
    expect(up.status).toBe(200)
    const picked = (JSON.parse(up.body) as { value: { file: string; name: string } }).value
    expect(picked.name).toBe('canary.txt')
    expect(JSON.stringify(picked)).not.toContain(dataDir)
    const uploads = readdirSync(join(dataDir, 'uploads'))
    expect(uploads).toHaveLength(1)
    expect(statSync(join(dataDir, 'uploads', uploads[0])).mode & 0o777).toBe(0o600)
    const inspected = await http('transfer.inspect', { sessionId, table: 'notes', source: { file: picked.file } })
    expect(inspected.result.ok).toBe(true)
    const imported = await http('transfer.import', { sessionId, table: 'notes', source: { file: picked.file }, jobId: 'i-1' })
    expect(imported.result).toMatchObject({ ok: true, value: { outcome: 'committed', inserted: 1 } })
    api.files.releaseAll() // what both hosts do on quit
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual([])
    const again = await http('transfer.import', { sessionId, table: 'notes', source: { file: picked.file }, jobId: 'i-2' })
    expect(again.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    untouched()
  })

  describe('fuzz: every file-carrying field with hostile values', () => {
    const hostile = (): unknown[] => [
      '../../../../etc/passwd',
      join(root, 'canary.txt'),
      '\\\\server\\share\\canary.txt',
      'C:\\Windows\\win.ini',
      `file://${join(root, 'canary.txt')}`,
      'canary\0.txt',
      join(root, 'link-to-canary'),
      'x'.repeat(10_000),
      '%2e%2e%2fcanary.txt',
      '',
    ]
    beforeAll(() => symlinkSync(join(root, 'canary.txt'), join(root, 'link-to-canary')))

    it('transfer.inspect/import source and transfer.export destination refuse them all, as path or as handle', async () => {
      before = snapshot(root, dataDir)
      for (const value of hostile()) {
        for (const shape of [{ path: value }, { file: value }, { file: value, path: value }, { text: 'a\n1\n', path: value }]) {
          for (const [channel, input] of [
            ['transfer.inspect', { sessionId, table: 'notes', source: shape }],
            ['transfer.import', { sessionId, table: 'notes', source: shape, jobId: 'fuzz' }],
            [
              'transfer.export',
              { sessionId, table: 'notes', format: { kind: 'csv' }, destination: { ...shape, overwrite: true }, jobId: 'fuzz' },
            ],
          ] as const) {
            const answer = await api.router.invoke(channel, input)
            expect(answer.ok, `${channel} ${JSON.stringify(shape).slice(0, 80)}`).toBe(false)
            expect(JSON.stringify(answer)).not.toContain('canary: must')
          }
        }
      }
      untouched()
    })

    it('files.pickExport names stay inside the exports folder', async () => {
      for (const value of hostile()) {
        if (typeof value !== 'string' || value.length > 255) continue
        const answer = await api.router.invoke('files.pickExport', { table: 'notes', kind: 'csv', name: value })
        if (!answer.ok) continue
        const target = answer.value as { name: string; file: string }
        expect(target.name).toMatch(/^[\w.\- ]+\.csv$/)
        expect(api.files.resolve(target.file, 'write', 'destination.file').path.startsWith(join(dataDir, 'exports') + '/')).toBe(true)
      }
      untouched()
    })

    it('connections.createDatabase creates nothing for any of them', async () => {
      for (const value of hostile()) {
        if (typeof value !== 'string' || value === '') continue
        for (const url of [`sqlite:///${value}`, `sqlite:${value}`, value]) {
          const answer = await api.router.invoke('connections.createDatabase', {
            url: url.slice(0, 4096),
            confirmPath: value.slice(0, 4096),
          })
          expect(answer.ok, url.slice(0, 80)).toBe(false)
        }
      }
      untouched()
    })
  })
})

describe('the data folder after a fresh start', () => {
  it('is 0700 with its files 0600; leftover uploads and day-old exports are removed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rowboat-modes-'))
    const dataDir = join(root, 'data')
    try {
      mkdirSync(join(dataDir, 'uploads'), { recursive: true, mode: 0o755 })
      mkdirSync(join(dataDir, 'exports'), { recursive: true, mode: 0o755 })
      writeFileSync(join(dataDir, 'uploads', 'left-over.upload'), 'x', { mode: 0o644 })
      writeFileSync(join(dataDir, 'exports', 'old.csv'), 'x', { mode: 0o644 })
      writeFileSync(join(dataDir, 'exports', 'new.csv'), 'x', { mode: 0o644 })
      const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000
      utimesSync(join(dataDir, 'exports', 'old.csv'), dayAgo, dayAgo)
      const api = createApi({ baseDir: root, dataDir, log: () => undefined })
      await prepareDataDir(api, dataDir, {})
      await api.router.invoke('connections.save', { name: 'Mine', url: 'sqlite:///mine.db' })
      await api.engine.shutdown()
      const mode = (path: string) => statSync(join(dataDir, path)).mode & 0o777
      expect(mode('.')).toBe(0o700)
      expect(mode('uploads')).toBe(0o700)
      expect(mode('exports')).toBe(0o700)
      expect(mode('rowboat-sample.sqlite')).toBe(0o600)
      expect(mode('connections.json')).toBe(0o600)
      expect(mode('secret.key')).toBe(0o600)
      expect(mode('exports/new.csv')).toBe(0o600)
      expect(readdirSync(join(dataDir, 'uploads'))).toEqual([])
      expect(readdirSync(join(dataDir, 'exports'))).toEqual(['new.csv'])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
