import { z } from 'zod'

/**
 * An SSH bastion a connection goes through (issue 13). The main process opens the tunnel and owns
 * it with the session; the database URL keeps naming the database as the bastion sees it
 * (`127.0.0.1:5432` is the bastion's own PostgreSQL).
 *
 * The private key is a path the person typed, read by the main process only (as the URL's
 * sslkey/ssl_key are): its contents never cross the API. Secrets (key passphrase, SSH password)
 * follow the database password's rules.
 */
export const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/

export const sshTunnelInput = z
  .object({
    host: z.string().trim().min(1, 'SSH host is required').max(255),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().trim().min(1, 'SSH user is required').max(100),
    /** Absolute (or `~/`) path of an OpenSSH or PEM private key. Without one, `password` is used. */
    privateKeyPath: z.string().trim().min(1).max(4096).optional(),
    /** The key's passphrase; never logged, never answered back. */
    passphrase: z.string().max(1024).optional(),
    /** SSH password authentication, when there is no key. */
    password: z.string().max(1024).optional(),
    /** Sign in with the keys of the running SSH agent (SSH_AUTH_SOCK of the Rowboat process). */
    agent: z.boolean().optional(),
    /**
     * The host key the person trusts, as `SHA256:…` (what `ssh-keygen -lf` prints). Missing: the
     * first connection answers SSH_HOST_KEY_UNKNOWN with the server's fingerprint to confirm.
     */
    hostKey: z.string().regex(SSH_FINGERPRINT, 'host key must look like SHA256:… (43 characters)').optional(),
  })
  .strict()
export type SshTunnelInput = z.input<typeof sshTunnelInput>
export type SshTunnel = z.output<typeof sshTunnelInput>

/** What the connection list and test results say about a tunnel: never a secret. */
export interface SshTunnelView {
  host: string
  port: number
  user: string
  privateKeyPath: string | null
  agent: boolean
  hostKey: string | null
  /** Whether a passphrase or SSH password is known, and how long it is kept. */
  secret: 'none' | 'session' | 'remembered'
}
