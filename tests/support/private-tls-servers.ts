/**
 * A private PostgreSQL and MariaDB with TLS on, on free loopback ports, with certificates made for
 * the run (test-certificates.ts): what the TLS integration tests and the TLS e2e test connect to.
 * Never the shared servers.
 */
import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { privateMariadbUnavailable, startPrivateMariadb, type PrivateMariadb } from './private-mariadb'
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from './private-postgres'
import { makeTestCertificates, type TestCertificates } from './test-certificates'

export interface PrivateTlsServers {
  /** The temp folder holding the certificates. */
  dir: string
  certs: TestCertificates
  postgres: PrivatePostgres
  mariadb: PrivateMariadb
  destroy(): Promise<void>
}

export function privateTlsServersUnavailable(): string | null {
  return privatePostgresUnavailable() ?? privateMariadbUnavailable()
}

export async function startPrivateTlsServers(): Promise<PrivateTlsServers> {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-tls-'))
  try {
    const certs = await makeTestCertificates(dir)
    if (userInfo().uid === 0) {
      // PostgreSQL runs as the postgres user and refuses a key others can read.
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
      for (const file of [dir, certs.serverKey, certs.serverCert, certs.caCert]) chownSync(file, id('-u'), id('-g'))
    }
    const settings = { ssl: 'on', ssl_cert_file: certs.serverCert, ssl_key_file: certs.serverKey, ssl_ca_file: certs.caCert }
    const [postgres, mariadb] = await Promise.all([
      startPrivatePostgres({ settings }),
      startPrivateMariadb({ tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } }),
    ])
    return {
      dir,
      certs,
      postgres,
      mariadb,
      async destroy() {
        await Promise.all([postgres.destroy(), mariadb.destroy()])
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
