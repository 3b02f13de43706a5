/**
 * TLS through an SSH tunnel: the drivers connect to the tunnel's 127.0.0.1, but verify-full still
 * checks the certificate against the URL's host (the name the database's certificate carries), and
 * refuses where that host is not the certificate's. Servers of the test's own: sshd, and PostgreSQL
 * and MariaDB with certificates made for the run (for `localhost` only).
 */
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { QueryTypes } from 'sequelize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSequelize } from '../../src/main/engine/connection/connect'
import { OpenTunnel } from '../../src/main/engine/connection/ssh-tunnel'
import { testConnection } from '../../src/main/engine/connection/test-connection'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import type { SshTunnel } from '../../src/shared/contract/ssh'
import { AppError } from '../../src/shared/errors'
import { privateMariadbUnavailable, startPrivateMariadb, type PrivateMariadb } from '../support/private-mariadb'
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres'
import { privateSshdUnavailable, startPrivateSshd, type PrivateSshd } from '../support/private-sshd'
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates'

const unavailable = privateSshdUnavailable() ?? privatePostgresUnavailable() ?? privateMariadbUnavailable()
const skip = Boolean(unavailable) && process.env.CI !== 'true'
if (unavailable && skip) console.warn(`[rowboat tests] TLS-through-SSH tests skipped: ${unavailable}.`)

let dir = ''
let certs: TestCertificates
let sshd: PrivateSshd
let pgServer: PrivatePostgres
let mariadb: PrivateMariadb

const bastion = (): SshTunnel => ({
  host: sshd.host,
  port: sshd.port,
  user: sshd.user,
  privateKeyPath: sshd.clientKey,
  hostKey: sshd.hostKey,
})

/** The TLS version the session reports, reading through the tunnel. */
async function tlsThroughTunnel(url: string): Promise<string | null> {
  const config = parseConnectionUrl(url)
  if (config.dialect === 'sqlite') throw new Error('a server URL')
  const tunnel = await OpenTunnel.open(bastion(), { target: { host: config.host, port: config.port }, timeoutMs: 5000, baseDir: dir })
  const sequelize = createSequelize(config, {
    baseDir: dir,
    poolMax: 1,
    timeoutMs: 5000,
    via: { host: tunnel.localHost, port: tunnel.localPort },
  })
  try {
    if (config.dialect === 'postgres') {
      const rows = await sequelize.query<{ ssl: boolean; version: string | null }>(
        'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
        {
          type: QueryTypes.SELECT,
        },
      )
      return rows[0]?.ssl ? (rows[0].version ?? 'TLS') : null
    }
    const rows = await sequelize.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Ssl_version'", { type: QueryTypes.SELECT })
    return rows[0]?.Value || null
  } finally {
    await sequelize.close()
    await tunnel.close()
  }
}

async function refusal(url: string): Promise<AppError> {
  try {
    await testConnection(parseConnectionUrl(url), { baseDir: dir, display: 'tls over ssh', timeoutMs: 5000, ssh: bastion() })
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error(`expected ${url} to be refused`)
}

describe.skipIf(skip)('TLS through an SSH tunnel', () => {
  beforeAll(async () => {
    if (unavailable) throw new Error(`CI must run this test: ${unavailable}`)
    dir = mkdtempSync(join(tmpdir(), 'rowboat-ssh-tls-'))
    certs = await makeTestCertificates(dir)
    if (userInfo().uid === 0) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
      for (const file of [dir, certs.serverKey, certs.serverCert, certs.caCert]) chownSync(file, id('-u'), id('-g'))
    }
    const settings = { ssl: 'on', ssl_cert_file: certs.serverCert, ssl_key_file: certs.serverKey, ssl_ca_file: certs.caCert }
    ;[sshd, pgServer, mariadb] = await Promise.all([
      startPrivateSshd(),
      startPrivatePostgres({ settings }),
      startPrivateMariadb({ tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } }),
    ])
  }, 180_000)

  afterAll(async () => {
    await Promise.all([sshd?.destroy(), pgServer?.destroy(), mariadb?.destroy()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('PostgreSQL verify-full: encrypted at the certificate host name through the tunnel, refused at another', async () => {
    const url = (host: string) => `postgres://postgres@${host}:${pgServer.port}/postgres?sslmode=verify-full&sslrootcert=${certs.caCert}`
    expect(await tlsThroughTunnel(url('localhost'))).toMatch(/^TLSv1/)
    expect((await refusal(url('127.0.0.1'))).code).toBe('TLS_CERT_INVALID')
  })

  it('MariaDB verify-identity: encrypted at the certificate host name through the tunnel, refused at another', async () => {
    const url = (host: string) => `mysql://root@${host}:${mariadb.port}/mysql?ssl-mode=VERIFY_IDENTITY&ssl_ca=${certs.caCert}`
    expect(await tlsThroughTunnel(url('localhost'))).toMatch(/^TLSv1/)
    expect((await refusal(url('127.0.0.1'))).code).toBe('TLS_CERT_INVALID')
  })
})
