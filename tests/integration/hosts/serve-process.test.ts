import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rawQuery } from '../../support/databases'

const ROOT = resolve(__dirname, '../../..')
const SERVE = join(ROOT, 'out/main/serve.js')

describe('npm run serve as a process', () => {
  it('prints its address, and on Ctrl+C closes every session and exits cleanly', { timeout: 90_000 }, async () => {
    if (!existsSync(SERVE))
      execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
        cwd: ROOT,
        stdio: 'ignore',
      })
    const dataDir = mkdtempSync(join(tmpdir(), 'rowboat-serve-'))
    const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setInterval(() => {
          const match = /Rowboat is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
          if (match) {
            clearInterval(timer)
            resolveUrl(match[1])
          }
        }, 50)
        child.once('exit', () => reject(new Error(output)))
      })
      const { origin, hash } = new URL(url)
      const call = async (channel: string, input: unknown) => {
        const res = await fetch(`${origin}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${hash.slice('#token='.length)}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        })
        return (await res.json()) as { ok: boolean; value: { sessionId: string } }
      }
      expect((await call('connections.open', { id: 'sample' })).ok).toBe(true)

      const pgUrl = process.env.TEST_PG_URL
      const countRowboatConnections = async () =>
        (
          await rawQuery(
            'postgres',
            pgUrl!,
            "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = 'Rowboat' AND pid <> pg_backend_pid()",
          )
        )[0] as { n: number }
      let before = 0
      if (pgUrl) {
        before = (await countRowboatConnections()).n
        expect((await call('sessions.open', { url: pgUrl })).ok).toBe(true)
        expect((await countRowboatConnections()).n).toBeGreaterThan(before)
      }

      child.kill('SIGINT')
      const code = await new Promise<number | null>((r) => child.once('exit', r))
      expect(code).toBe(0)
      expect(output).toContain('closing database sessions')
      if (pgUrl) expect((await countRowboatConnections()).n).toBeLessThanOrEqual(before)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
