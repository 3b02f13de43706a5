/**
 * TLS for server connections, with libpq's meaning of each mode (see SslMode). The certificate and
 * key files a URL names are read here, in the main process, when connecting: the page never sends
 * a file's content, and a missing file is an error naming the option that named it.
 */
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { PeerCertificate } from 'node:tls'
import type { ServerConnection, SslMode } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import { resolveUserPath } from './user-path'

/** What the drivers take: node-postgres passes it to tls.connect, mysql2 to its own TLS upgrade. */
export interface DriverTls {
  rejectUnauthorized: boolean
  ca?: string
  cert?: string
  key?: string
  /** The client key's passphrase, when it is encrypted. */
  passphrase?: string
  /** verify-ca: the chain is checked, the host name is not. */
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined
  /** The name TLS sends and checks, when it is not the host connected to (an SSH tunnel's 127.0.0.1). */
  servername?: string
  /** mysql2 checks the host name only when asked. */
  verifyIdentity?: boolean
}

/**
 * Whether this connection goes over TLS at all. A Unix socket never does: libpq ignores sslmode
 * there (the socket is local), and MariaDB/MySQL servers treat a socket as secure transport.
 */
export function usesTls(config: ServerConnection): boolean {
  return config.socket === null && config.ssl !== 'disable'
}

/**
 * The driver's TLS options for a mode that uses TLS (`prefer` and `allow` when they do), or null
 * for a plain connection. Reads the files the URL names; throws TLS_FILE_UNREADABLE when one
 * cannot be read.
 */
export function driverTls(config: ServerConnection, mode: SslMode, baseDir: string): DriverTls | null {
  if (config.socket !== null || mode === 'disable') return null
  const { key } = readFile(config, 'sslKey', baseDir)
  if (key !== undefined) checkKeyOpens(config, key)
  const files = {
    ...readFile(config, 'sslCa', baseDir),
    ...readFile(config, 'sslCert', baseDir),
    ...(key === undefined ? {} : { key }),
    ...(key !== undefined && config.sslPassword !== undefined ? { passphrase: config.sslPassword } : {}),
  }
  if (mode === 'verify-full') return { rejectUnauthorized: true, verifyIdentity: true, ...files }
  if (mode === 'verify-ca') return { rejectUnauthorized: true, verifyIdentity: false, checkServerIdentity: () => undefined, ...files }
  // require, prefer, allow: encrypted, certificate not checked (libpq's require with a CA file is
  // verify-ca, which the URL parser has already made of it).
  return { rejectUnauthorized: false, ...files }
}

const OPTION_NAMES: Record<'sslCa' | 'sslCert' | 'sslKey', Record<ServerConnection['dialect'], string>> = {
  sslCa: { postgres: 'sslrootcert', mysql: 'ssl_ca' },
  sslCert: { postgres: 'sslcert', mysql: 'ssl_cert' },
  sslKey: { postgres: 'sslkey', mysql: 'ssl_key' },
}
const WHAT = { sslCa: 'CA certificate', sslCert: 'client certificate', sslKey: 'client key' } as const
const DRIVER_KEY = { sslCa: 'ca', sslCert: 'cert', sslKey: 'key' } as const

function readFile(
  config: ServerConnection,
  field: 'sslCa' | 'sslCert' | 'sslKey',
  baseDir: string,
): Partial<Record<'ca' | 'cert' | 'key', string>> {
  const path = config[field]
  // libpq's sslrootcert=system: the operating system's authorities, which Node uses by default.
  if (path === null || (field === 'sslCa' && path === 'system')) return {}
  const full = resolveTlsPath(path, baseDir)
  try {
    return { [DRIVER_KEY[field]]: readFileSync(full, 'utf8') }
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'there is no such file'
        : (error as NodeJS.ErrnoException).code === 'EACCES'
          ? 'permission denied'
          : 'it could not be read'
    const option = OPTION_NAMES[field][config.dialect]
    throw new AppError({
      code: 'TLS_FILE_UNREADABLE',
      message: `The ${WHAT[field]} file named by ${option} (${full}) cannot be used: ${reason}.`,
      hint: `Check the path in the connection string's ${option} option (a relative path is read from ${baseDir}).`,
      field: 'url',
    })
  }
}

/**
 * Opens the client key as TLS will, so that an encrypted key without its passphrase (or with a
 * wrong one) is a plain error naming the option, not OpenSSL's "bad decrypt" from inside the
 * driver. Never quotes the passphrase.
 */
function checkKeyOpens(config: ServerConnection, key: string): void {
  try {
    createPrivateKey(config.sslPassword === undefined ? { key } : { key, passphrase: config.sslPassword })
  } catch (error) {
    const keyOption = OPTION_NAMES.sslKey[config.dialect]
    const passOption = config.dialect === 'postgres' ? 'sslpassword' : 'ssl_key_password'
    // PKCS#8 `BEGIN ENCRYPTED PRIVATE KEY`, or a traditional PEM with `Proc-Type: 4,ENCRYPTED`.
    const encrypted = /ENCRYPTED/.test(key) || (error as NodeJS.ErrnoException).code === 'ERR_OSSL_BAD_DECRYPT'
    throw new AppError({
      code: 'TLS_KEY_UNREADABLE',
      message: encrypted
        ? config.sslPassword === undefined
          ? `The client key named by ${keyOption} is encrypted, and no passphrase was given.`
          : `The client key named by ${keyOption} could not be opened with the passphrase given (${passOption}).`
        : `The file named by ${keyOption} is not a private key Rowboat can read (PEM expected).`,
      hint: encrypted
        ? `Type the key's passphrase in the TLS section (Key passphrase), or add ${passOption}=… to the connection string.`
        : 'Give the PEM file of the client certificate’s private key.',
      field: 'sslPassword',
    })
  }
}

/** Relative paths are read from the engine's base folder (as SQLite files are); `~/` is the home folder. */
export function resolveTlsPath(path: string, baseDir: string): string {
  return resolveUserPath(path, baseDir)
}
