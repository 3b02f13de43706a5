import { useState } from 'react'
import type { SavedConnection } from '../../../../shared/contract'
import type { SshTunnelView } from '../../../../shared/contract/ssh'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { describeError, ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { useConnectionsStore } from '../../stores/connections'
import { HostKeyPrompt } from './SshSection'

export interface SavedSshRecoveryProps {
  connection: SavedConnection
  ssh: SshTunnelView
  error: unknown
  /** Connect again, with the SSH secret typed here (or none, after trusting a host key). */
  onRetry: (sshSecret?: string) => void
}

/**
 * What a saved connection's failed Connect offers for its SSH tunnel: the key passphrase or SSH
 * password when it is not known (or was refused), and trusting the bastion's host key on first use,
 * stored with the connection.
 */
export function SavedSshRecovery({ connection: c, ssh, error, onRetry }: SavedSshRecoveryProps) {
  const [secret, setSecret] = useState('')
  const [trustError, setTrustError] = useState<unknown>(null)
  const code = describeError(error).code
  const fingerprint = error instanceof AppError && code === 'SSH_HOST_KEY_UNKNOWN' ? error.details?.hostKey : undefined
  if (fingerprint !== undefined && c.source === 'saved') {
    const trust = async () => {
      setTrustError(null)
      try {
        const { host, port, user, privateKeyPath, agent } = ssh
        await useConnectionsStore.getState().update({
          id: c.id,
          ssh: {
            host,
            port,
            user,
            ...(privateKeyPath !== null ? { privateKeyPath } : {}),
            ...(agent ? { agent } : {}),
            hostKey: fingerprint,
          },
        })
        onRetry()
      } catch (failure) {
        setTrustError(failure)
      }
    }
    return (
      <>
        <HostKeyPrompt
          fingerprint={fingerprint}
          address={error instanceof AppError ? error.details?.sshAddress : undefined}
          onTrust={() => void trust()}
        />
        {trustError !== null && <ErrorNote error={trustError} title="Could not save the host key" />}
      </>
    )
  }
  if (code !== 'SSH_KEY_UNREADABLE' && code !== 'SSH_AUTH_FAILED') return null
  const what = ssh.privateKeyPath !== null ? 'SSH key passphrase' : 'SSH password'
  return (
    <form
      className="conn-item-password"
      onSubmit={(e) => {
        e.preventDefault()
        onRetry(secret)
      }}
    >
      <Field label={`${what} for ${c.name}`}>
        <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </Field>
      <Button type="submit">Try it</Button>
    </form>
  )
}
