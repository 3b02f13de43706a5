/**
 * The connect form's SSH tunnel section as pure state: what the person typed, and the `ssh` input
 * the calls carry (or why it is not complete yet). The private key is a path the main process
 * reads; its passphrase and the SSH password travel like the database password.
 */
import type { SshTunnelInput, SshTunnelView } from '../../../../shared/contract/ssh'

export interface SshDraft {
  enabled: boolean
  host: string
  port: string
  user: string
  auth: 'key' | 'password' | 'agent'
  privateKeyPath: string
  passphrase: string
  password: string
  /** The fingerprint the person trusted (`SHA256:…`), or '' before the first connection. */
  hostKey: string
}

export type SshField = 'host' | 'port' | 'user' | 'privateKeyPath'
export type SshErrors = Partial<Record<SshField, string>>

export const EMPTY_SSH: SshDraft = {
  enabled: false,
  host: '',
  port: '22',
  user: '',
  auth: 'key',
  privateKeyPath: '',
  passphrase: '',
  password: '',
  hostKey: '',
}

/** A saved connection's tunnel, for editing: its secret stays in the main process. */
export function sshDraftFromSaved(view: SshTunnelView | null): SshDraft {
  if (!view) return EMPTY_SSH
  return {
    ...EMPTY_SSH,
    enabled: true,
    host: view.host,
    port: String(view.port),
    user: view.user,
    auth: view.agent ? 'agent' : view.privateKeyPath !== null || view.secret === 'none' ? 'key' : 'password',
    privateKeyPath: view.privateKeyPath ?? '',
    hostKey: view.hostKey ?? '',
  }
}

/**
 * The calls' `ssh` input, or the problems to show. `secretKnown`: a saved connection holds the
 * passphrase or password, so an empty field keeps it rather than meaning "none".
 */
export function sshInputOf(draft: SshDraft, secretKnown = false): { input: SshTunnelInput | undefined; errors: SshErrors } {
  if (!draft.enabled) return { input: undefined, errors: {} }
  const errors: SshErrors = {}
  const host = draft.host.trim()
  const user = draft.user.trim()
  const port = Number(draft.port.trim() || '22')
  if (host === '') errors.host = 'SSH host is required.'
  else if (/\s/.test(host)) errors.host = 'A host name has no spaces.'
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = 'A port is a whole number from 1 to 65535.'
  if (user === '') errors.user = 'SSH user is required.'
  const keyPath = draft.privateKeyPath.trim()
  if (draft.auth === 'key' && keyPath === '') errors.privateKeyPath = 'Give the private key file, e.g. ~/.ssh/id_ed25519.'
  if (draft.auth === 'password' && draft.password === '' && !secretKnown)
    errors.privateKeyPath = 'Give the SSH password, or choose a key file.'
  if (Object.keys(errors).length > 0) return { input: undefined, errors }
  const input: SshTunnelInput = { host, port, user }
  if (draft.auth === 'key') {
    input.privateKeyPath = keyPath
    if (draft.passphrase !== '') input.passphrase = draft.passphrase
  } else if (draft.auth === 'agent') input.agent = true
  else if (draft.password !== '') input.password = draft.password
  if (draft.hostKey !== '') input.hostKey = draft.hostKey
  return { input, errors }
}

/** Whether the trusted host key still belongs to the bastion typed (a new host starts untrusted). */
export function withSshField<K extends keyof SshDraft>(draft: SshDraft, field: K, value: SshDraft[K]): SshDraft {
  const next = { ...draft, [field]: value }
  if ((field === 'host' || field === 'port') && value !== draft[field]) next.hostKey = ''
  return next
}

/** Whether the form's tunnel is the saved one (so Connect may use the saved connection and its secret). */
export function sameSsh(input: SshTunnelInput | undefined, saved: SshTunnelView | null | undefined): boolean {
  if (!input || !saved) return !input && !saved
  return (
    input.host === saved.host &&
    (input.port ?? 22) === saved.port &&
    input.user === saved.user &&
    (input.privateKeyPath ?? null) === saved.privateKeyPath &&
    (input.agent ?? false) === saved.agent &&
    (input.hostKey ?? null) === saved.hostKey
  )
}
