/**
 * Certificates generated for one test run with openssl: a CA, a server certificate it signs for
 * `localhost` only (so 127.0.0.1 is "another host name"), a client certificate it signs (its key
 * also encrypted with a passphrase), and a second CA that signed none of them (the "wrong CA").
 */
import { execFile } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TestCertificates {
  dir: string
  caCert: string
  wrongCaCert: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
  /** The client key again, encrypted (AES-256, PKCS#8) with `clientKeyPassphrase`. */
  clientKeyEncrypted: string
  clientKeyPassphrase: string
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 60_000 })
}

async function selfSignedCa(dir: string, name: string): Promise<void> {
  await openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
    ],
    dir,
  )
}

async function signed(dir: string, name: string, cn: string, extensions: string): Promise<void> {
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir)
  writeFileSync(join(dir, `${name}.ext`), extensions)
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ],
    dir,
  )
  chmodSync(join(dir, `${name}.key`), 0o600)
}

export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  await selfSignedCa(dir, 'ca')
  await selfSignedCa(dir, 'wrong-ca')
  await signed(dir, 'server', 'localhost', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n')
  await signed(dir, 'client', 'rowboat', 'extendedKeyUsage=clientAuth\n')
  const clientKeyPassphrase = 'tls-canary-9Zr&x y'
  await openssl(['pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${clientKeyPassphrase}`, '-out', 'client-encrypted.key'], dir)
  chmodSync(join(dir, 'client-encrypted.key'), 0o600)
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    wrongCaCert: join(dir, 'wrong-ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'),
    clientKey: join(dir, 'client.key'),
    clientKeyEncrypted: join(dir, 'client-encrypted.key'),
    clientKeyPassphrase,
  }
}
