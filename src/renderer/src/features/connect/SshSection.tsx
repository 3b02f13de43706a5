import type { ChangeEvent } from 'react'
import type { SshTunnelView } from '../../../../shared/contract/ssh'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import type { SshDraft, SshErrors } from './ssh-draft'
import type { Outcome } from './useRunner'

export interface SshSectionProps {
  draft: SshDraft
  errors: SshErrors
  onField: <K extends keyof SshDraft>(field: K, value: SshDraft[K]) => void
  /** The saved connection's tunnel, when editing one: says whether its secret is known. */
  saved: SshTunnelView | null
}

/**
 * "SSH tunnel": reach the database through a bastion. Collapsed unless a tunnel is in use. The
 * database's host and port above are then as the bastion sees them (often 127.0.0.1).
 */
export function SshSection({ draft, errors, onField, saved }: SshSectionProps) {
  const text = (field: 'host' | 'port' | 'user' | 'privateKeyPath') => ({
    value: draft[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onField(field, e.target.value),
    spellCheck: false,
    autoComplete: 'off',
  })
  const secretKnown = saved !== null && saved.secret !== 'none'
  const keptPlaceholder = secretKnown
    ? saved.secret === 'remembered'
      ? 'Remembered — leave empty to keep it'
      : 'Known until Rowboat quits — leave empty to keep it'
    : undefined
  return (
    <details className="conn-ssh" open={draft.enabled || undefined}>
      <summary>SSH tunnel{draft.enabled ? `: ${draft.user || '…'}@${draft.host || '…'}` : ''}</summary>
      <label className="check conn-ssh-toggle">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => onField('enabled', e.target.checked)} />
        Connect through an SSH bastion
      </label>
      {draft.enabled && (
        <>
          <p className="field-help conn-ssh-help">
            The database host and port above are as the bastion sees them: 127.0.0.1 is the bastion itself.
          </p>
          <div className="conn-grid">
            <div className="span-3">
              <Field label="SSH host" error={errors.host}>
                <input type="text" placeholder="bastion.example.com" {...text('host')} />
              </Field>
            </div>
            <div className="span-1">
              <Field label="SSH port" error={errors.port}>
                <input type="text" inputMode="numeric" placeholder="22" {...text('port')} />
              </Field>
            </div>
            <div className="span-2">
              <Field label="SSH user" error={errors.user}>
                <input type="text" {...text('user')} />
              </Field>
            </div>
            <div className="span-6 conn-ssh-auth" role="radiogroup" aria-label="SSH authentication">
              <label className="check">
                <input type="radio" name="ssh-auth" checked={draft.auth === 'key'} onChange={() => onField('auth', 'key')} />
                Sign in with a key
              </label>
              <label className="check">
                <input type="radio" name="ssh-auth" checked={draft.auth === 'password'} onChange={() => onField('auth', 'password')} />
                Sign in with a password
              </label>
              <label className="check">
                <input type="radio" name="ssh-auth" checked={draft.auth === 'agent'} onChange={() => onField('auth', 'agent')} />
                Use the SSH agent
              </label>
            </div>
            {draft.auth === 'agent' ? (
              <p className="span-6 field-help">Rowboat signs in with the keys your running ssh-agent holds (ssh-add -l lists them).</p>
            ) : draft.auth === 'key' ? (
              <>
                <div className="span-4">
                  <Field
                    label="Private key file"
                    help="Read by Rowboat on this computer when connecting; the key never leaves it. OpenSSH or PEM."
                    error={errors.privateKeyPath}
                  >
                    <input type="text" className="mono" placeholder="~/.ssh/id_ed25519" {...text('privateKeyPath')} />
                  </Field>
                </div>
                <div className="span-2">
                  <Field label="Key passphrase" help="Only if the key has one.">
                    <input
                      type="password"
                      autoComplete="new-password"
                      placeholder={keptPlaceholder}
                      value={draft.passphrase}
                      onChange={(e) => onField('passphrase', e.target.value)}
                    />
                  </Field>
                </div>
              </>
            ) : (
              <div className="span-3">
                <Field label="SSH password" error={errors.privateKeyPath}>
                  <input
                    type="password"
                    autoComplete="new-password"
                    placeholder={keptPlaceholder}
                    value={draft.password}
                    onChange={(e) => onField('password', e.target.value)}
                  />
                </Field>
              </div>
            )}
          </div>
          <p className="field-help conn-ssh-hostkey">
            {draft.hostKey ? (
              <>
                Trusted host key: <code>{draft.hostKey}</code>{' '}
                <Button variant="ghost" small onClick={() => onField('hostKey', '')}>
                  Forget
                </Button>
              </>
            ) : (
              'The first connection shows the bastion’s host key fingerprint for you to confirm.'
            )}
          </p>
        </>
      )}
    </details>
  )
}

/** The fingerprint a failed attempt asks to trust (SSH_HOST_KEY_UNKNOWN), or null. */
export function hostKeyToConfirm(outcome: Outcome): string | null {
  if (outcome.kind !== 'failed' || !(outcome.error instanceof AppError) || outcome.error.code !== 'SSH_HOST_KEY_UNKNOWN') return null
  return outcome.error.details?.hostKey ?? null
}

export interface HostKeyPromptProps {
  fingerprint: string
  address: string | undefined
  onTrust: () => void
}

/** First use of a bastion: its fingerprint, to compare with what the administrator says, then trust. */
export function HostKeyPrompt({ fingerprint, address, onTrust }: HostKeyPromptProps) {
  return (
    <div className="note conn-hostkey" role="group" aria-label="Confirm the SSH host key">
      <div className="note-title">Trust this SSH host key?</div>
      <p>
        {address ?? 'The bastion'} presents the host key <code className="conn-fingerprint">{fingerprint}</code>. Compare it with the
        fingerprint the server’s administrator gives you (<code>ssh-keygen -lf</code> on the server’s host key). A saved connection
        remembers it, and refuses to connect if it ever changes.
      </p>
      <Button variant="primary" small onClick={onTrust}>
        Trust and try again
      </Button>
    </div>
  )
}

/** A successful test through a tunnel says so. */
export function tunnelNote(outcome: Outcome): string | null {
  if (outcome.kind !== 'tested' || !outcome.result.tunnel) return null
  return `Tested ${outcome.result.tunnel.description} (host key ${outcome.result.tunnel.hostKey}).`
}
