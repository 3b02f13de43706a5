/**
 * TLS as the URL says it, against servers of the test's own with certificates made for the run
 * (never the shared servers' configuration): every mode encrypts, verifies or falls back exactly
 * as libpq / PyMySQL / node-postgres would, and the session really is encrypted (pg_stat_ssl,
 * Ssl_version). The shared servers, which have no TLS, are only connected to, for the fallbacks.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { QueryTypes } from 'sequelize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSequelize } from '../../src/main/engine/connection/connect'
import { testConnection } from '../../src/main/engine/connection/test-connection'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import { AppError } from '../../src/shared/errors'
import type { PrivateMariadb } from '../support/private-mariadb'
import type { PrivatePostgres } from '../support/private-postgres'
import { privateTlsServersUnavailable, startPrivateTlsServers, type PrivateTlsServers } from '../support/private-tls-servers'
import type { TestCertificates } from '../support/test-certificates'

const unavailable = privateTlsServersUnavailable()
const skip = Boolean(unavailable) && process.env.CI !== 'true'
if (skip) console.warn(`[rowboat tests] TLS tests skipped: ${unavailable}.`)

let servers: PrivateTlsServers | undefined
let dir = ''
let certs: TestCertificates
let pgServer: PrivatePostgres
let mariadb: PrivateMariadb

/** What the session says about its own encryption: the TLS version, or null when plain. */
async function sessionTls(url: string): Promise<string | null> {
  const config = parseConnectionUrl(url)
  const sequelize = createSequelize(config, { baseDir: dir, poolMax: 1, timeoutMs: 5000 })
  try {
    if (config.dialect === 'postgres') {
      const rows = await sequelize.query<{ ssl: boolean; version: string | null }>(
        'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
        { type: QueryTypes.SELECT },
      )
      return rows[0]?.ssl ? (rows[0].version ?? 'TLS') : null
    }
    const rows = await sequelize.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Ssl_version'", { type: QueryTypes.SELECT })
    return rows[0]?.Value || null
  } finally {
    await sequelize.close()
  }
}

/** What Test connection says about the session's encryption. */
async function testedEncryption(url: string) {
  const result = await testConnection(parseConnectionUrl(url), { baseDir: dir, display: 'tls test', timeoutMs: 5000 })
  return result.encryption
}

/** Test connection's refusal, as the user sees it. */
async function refusal(url: string): Promise<AppError> {
  try {
    await testConnection(parseConnectionUrl(url), { baseDir: dir, display: 'tls test', timeoutMs: 5000 })
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error(`expected ${url} to be refused`)
}

describe.skipIf(skip)('TLS with the meaning the URL gives it', () => {
  beforeAll(async () => {
    if (unavailable) throw new Error(`CI must run this test: ${unavailable}`)
    servers = await startPrivateTlsServers()
    ;({ dir, certs, postgres: pgServer, mariadb } = servers)
  }, 180_000)

  afterAll(async () => {
    await servers?.destroy()
  })

  const pg = (host: string, query: string) => `postgres://postgres@${host}:${pgServer.port}/postgres?${query}`
  const maria = (host: string, query: string, scheme = 'mysql') => `${scheme}://root@${host}:${mariadb.port}/mysql?${query}`

  describe('PostgreSQL', () => {
    it('encrypts with sslmode=require, and without any ssl option stays plain (node-postgres)', async () => {
      expect(await sessionTls(pg('127.0.0.1', 'sslmode=require'))).toMatch(/^TLSv1\.[23]$/)
      expect(await sessionTls(pg('127.0.0.1', ''))).toBeNull()
    })

    it('Test connection reports the encryption the server sees: TLS version and cipher, or not encrypted', async () => {
      expect(await testedEncryption(pg('127.0.0.1', 'sslmode=require'))).toEqual({
        encrypted: true,
        version: expect.stringMatching(/^TLSv1\.[23]$/),
        cipher: expect.stringMatching(/^TLS_|^ECDHE-|^DHE-|^AES/),
      })
      expect(await testedEncryption(pg('127.0.0.1', ''))).toEqual({ encrypted: false })
    })

    it("verify-full with sslrootcert: encrypted at the certificate's host name, refused at another", async () => {
      expect(await sessionTls(pg('localhost', `sslmode=verify-full&sslrootcert=${certs.caCert}`))).toMatch(/^TLSv1/)
      const error = await refusal(pg('127.0.0.1', `sslmode=verify-full&sslrootcert=${certs.caCert}`))
      expect(error.code).toBe('TLS_CERT_INVALID')
      expect(error.message).toMatch(/another host name/)
    })

    it('verify-ca checks the authority but not the host name; require with a CA file is verify-ca (libpq)', async () => {
      expect(await sessionTls(pg('127.0.0.1', `sslmode=verify-ca&sslrootcert=${certs.caCert}`))).toMatch(/^TLSv1/)
      expect((await refusal(pg('127.0.0.1', `sslmode=verify-ca&sslrootcert=${certs.wrongCaCert}`))).code).toBe('TLS_CERT_INVALID')
      expect((await refusal(pg('127.0.0.1', `sslmode=require&sslrootcert=${certs.wrongCaCert}`))).code).toBe('TLS_CERT_INVALID')
    })

    it('ssl=true checks the certificate as node-postgres does (this one is signed by a CA the system does not trust)', async () => {
      expect((await refusal(pg('localhost', 'ssl=true'))).code).toBe('TLS_CERT_INVALID')
      expect(await sessionTls(pg('localhost', `ssl=true&sslrootcert=${certs.caCert}`))).toMatch(/^TLSv1/)
    })

    it('sends the client certificate named by sslcert/sslkey', async () => {
      const url = pg('localhost', `sslmode=verify-full&sslrootcert=${certs.caCert}&sslcert=${certs.clientCert}&sslkey=${certs.clientKey}`)
      const sequelize = createSequelize(parseConnectionUrl(url), { baseDir: dir, poolMax: 1 })
      try {
        const rows = await sequelize.query<{ client_dn: string | null }>('SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()', {
          type: QueryTypes.SELECT,
        })
        expect(rows[0]?.client_dn).toBe('/CN=rowboat')
      } finally {
        await sequelize.close()
      }
    })

    it('a server that requires a client certificate: an encrypted key opens with sslpassword, and says plainly when it does not', async () => {
      const hba = join(pgServer.dir, 'data', 'pg_hba.conf')
      const withCert = (key: string, extra = '') =>
        pg('localhost', `sslmode=verify-full&sslrootcert=${certs.caCert}&sslcert=${certs.clientCert}&sslkey=${key}${extra}`)
      const passphrase = `&sslpassword=${encodeURIComponent(certs.clientKeyPassphrase)}`
      writeFileSync(hba, 'local all all trust\nhostssl all all 127.0.0.1/32 trust clientcert=verify-ca\n')
      await reload(withCert(certs.clientKey))
      try {
        // Without a certificate the server refuses; with the encrypted key and its passphrase it lets us in.
        expect((await refusal(pg('localhost', `sslmode=verify-full&sslrootcert=${certs.caCert}`))).code).not.toBe('TLS_KEY_UNREADABLE')
        expect(await testedEncryption(withCert(certs.clientKeyEncrypted, passphrase))).toMatchObject({ encrypted: true })
        const missing = await refusal(withCert(certs.clientKeyEncrypted))
        expect(missing.code).toBe('TLS_KEY_UNREADABLE')
        expect(missing.message).toMatch(/sslkey is encrypted, and no passphrase was given/)
        const wrong = await refusal(withCert(certs.clientKeyEncrypted, '&sslpassword=not-it'))
        expect(wrong.code).toBe('TLS_KEY_UNREADABLE')
        expect(wrong.message).toMatch(/could not be opened with the passphrase given \(sslpassword\)/)
        expect(JSON.stringify(wrong)).not.toContain('not-it')
      } finally {
        writeFileSync(hba, 'local all all trust\nhost all all 127.0.0.1/32 trust\n')
        await reload(withCert(certs.clientKey))
      }
    })

    it('prefer: TLS where the server has it, plain where it has none (the shared server has ssl off)', async () => {
      expect(await sessionTls(pg('127.0.0.1', 'sslmode=prefer'))).toMatch(/^TLSv1/)
      const shared = process.env.TEST_PG_URL
      if (!shared) return
      const base = shared.replace(/\?.*$/, '')
      expect(await sessionTls(`${base}?sslmode=prefer`)).toBeNull()
      expect((await refusal(`${base}?sslmode=require`)).code).toBe('TLS_UNAVAILABLE')
    })

    it('allow: plain, unless the server accepts only TLS (pg_hba.conf hostssl)', async () => {
      expect(await sessionTls(pg('127.0.0.1', 'sslmode=allow'))).toBeNull()
      const hba = join(pgServer.dir, 'data', 'pg_hba.conf')
      writeFileSync(hba, 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n')
      await reload()
      try {
        expect(await sessionTls(pg('127.0.0.1', 'sslmode=allow'))).toMatch(/^TLSv1/)
        const plain = await refusal(pg('127.0.0.1', 'sslmode=disable'))
        expect(plain.code).toBe('HOST_NOT_ALLOWED')
        expect(plain.hint).toMatch(/ssl=require/)
      } finally {
        writeFileSync(hba, 'local all all trust\nhost all all 127.0.0.1/32 trust\n')
        await reload()
      }
    })

    it('a certificate file that is not there is a plain error naming the option', async () => {
      const error = await refusal(pg('localhost', `sslmode=verify-full&sslrootcert=${join(dir, 'nope.crt')}`))
      expect(error.code).toBe('TLS_FILE_UNREADABLE')
      expect(error.message).toMatch(/sslrootcert/)
      expect(error.message).toMatch(/no such file/)
    })

    it("options=-c search_path and Prisma's schema= set the search_path", async () => {
      for (const query of ['options=-csearch_path%3Dmyschema', 'options=-c%20search_path%3Dmyschema', 'schema=myschema']) {
        const sequelize = createSequelize(parseConnectionUrl(pg('127.0.0.1', query)), { baseDir: dir, poolMax: 1 })
        try {
          const rows = await sequelize.query<{ search_path: string }>('SHOW search_path', { type: QueryTypes.SELECT })
          expect(rows[0]?.search_path, query).toBe('myschema')
        } finally {
          await sequelize.close()
        }
      }
    })
  })

  describe('MariaDB', () => {
    it('encrypts with ssl=require, and without any ssl option stays plain', async () => {
      expect(await sessionTls(maria('127.0.0.1', 'ssl=require'))).toMatch(/^TLSv1\.[23]$/)
      expect(await sessionTls(maria('127.0.0.1', ''))).toBeNull()
    })

    it('Test connection reports the encryption the server sees: TLS version and cipher, or not encrypted', async () => {
      expect(await testedEncryption(maria('127.0.0.1', 'ssl=require'))).toEqual({
        encrypted: true,
        version: expect.stringMatching(/^TLSv1\.[23]$/),
        cipher: expect.stringMatching(/^TLS_|^ECDHE-|^DHE-|^AES/),
      })
      expect(await testedEncryption(maria('127.0.0.1', ''))).toEqual({ encrypted: false })
    })

    it("PyMySQL's ssl_ca: TLS with that CA and the host name checked; ssl_check_hostname=false checks only the CA", async () => {
      expect(await sessionTls(maria('localhost', `ssl_ca=${certs.caCert}`, 'mysql+pymysql'))).toMatch(/^TLSv1/)
      const wrongHost = await refusal(maria('127.0.0.1', `ssl_ca=${certs.caCert}`, 'mysql+pymysql'))
      expect(wrongHost.code, wrongHost.message).toBe('TLS_CERT_INVALID')
      expect(await sessionTls(maria('127.0.0.1', `ssl_ca=${certs.caCert}&ssl_check_hostname=false`, 'mysql+pymysql'))).toMatch(/^TLSv1/)
      const wrongCa = await refusal(maria('127.0.0.1', `ssl_ca=${certs.wrongCaCert}&ssl_check_hostname=false`, 'mysql+pymysql'))
      expect(wrongCa.code, wrongCa.message).toBe('TLS_CERT_INVALID')
    })

    it('ssl-mode=VERIFY_IDENTITY checks the host name (mysql2 does not unless asked)', async () => {
      expect((await refusal(maria('127.0.0.1', `ssl-mode=VERIFY_IDENTITY&ssl_ca=${certs.caCert}`))).code).toBe('TLS_CERT_INVALID')
      expect(await sessionTls(maria('localhost', `ssl-mode=VERIFY_IDENTITY&ssl_ca=${certs.caCert}`))).toMatch(/^TLSv1/)
    })

    it('ssl-mode=PREFERRED: TLS where the server has it, plain where it has none (the shared server)', async () => {
      expect(await sessionTls(maria('127.0.0.1', 'ssl-mode=PREFERRED'))).toMatch(/^TLSv1/)
      const shared = process.env.TEST_MYSQL_URL
      if (!shared) return
      const base = shared.replace(/\?.*$/, '')
      expect(await sessionTls(`${base}?ssl-mode=PREFERRED`)).toBeNull()
      expect((await refusal(`${base}?ssl-mode=REQUIRED`)).code).toBe('TLS_UNAVAILABLE')
    })

    it('an account that REQUIRE X509: an encrypted client key opens with ssl_key_password, and says plainly when it does not', async () => {
      const admin = createSequelize(parseConnectionUrl(maria('127.0.0.1', '')), { baseDir: dir, poolMax: 1 })
      try {
        await admin.query("CREATE USER IF NOT EXISTS 'x509'@'%' REQUIRE X509")
      } finally {
        await admin.close()
      }
      const url = (key: string, extra = '') =>
        `mysql+pymysql://x509@localhost:${mariadb.port}/information_schema?ssl_ca=${certs.caCert}&ssl_cert=${certs.clientCert}&ssl_key=${key}${extra}`
      const passphrase = `&ssl_key_password=${encodeURIComponent(certs.clientKeyPassphrase)}`
      expect((await refusal(`mysql+pymysql://x509@localhost:${mariadb.port}/information_schema?ssl_ca=${certs.caCert}`)).code).toBe(
        'AUTH_FAILED',
      )
      expect(await testedEncryption(url(certs.clientKeyEncrypted, passphrase))).toMatchObject({ encrypted: true })
      const missing = await refusal(url(certs.clientKeyEncrypted))
      expect(missing.code).toBe('TLS_KEY_UNREADABLE')
      expect(missing.message).toMatch(/ssl_key is encrypted/)
      const wrong = await refusal(url(certs.clientKeyEncrypted, '&ssl_key_password=not-it'))
      expect(wrong.code).toBe('TLS_KEY_UNREADABLE')
      expect(wrong.message).toMatch(/ssl_key_password/)
      expect(JSON.stringify(wrong)).not.toContain('not-it')
    })

    it('a key file that is not there names ssl_key', async () => {
      const error = await refusal(
        maria('localhost', `ssl_ca=${certs.caCert}&ssl_cert=${certs.clientCert}&ssl_key=${join(dir, 'nope.key')}`, 'mysql+pymysql'),
      )
      expect(error.code).toBe('TLS_FILE_UNREADABLE')
      expect(error.message).toMatch(/ssl_key/)
    })
  })
})

async function reload(url = `postgres://postgres@127.0.0.1:${pgServer.port}/postgres?sslmode=prefer`): Promise<void> {
  const sequelize = createSequelize(parseConnectionUrl(url), {
    baseDir: dir,
    poolMax: 1,
  })
  try {
    await sequelize.query('SELECT pg_reload_conf()')
    await new Promise((r) => setTimeout(r, 300))
  } finally {
    await sequelize.close()
  }
}
