import { describe, expect, it } from 'vitest'
import { EMPTY_SSH, sshDraftFromSaved, sshInputOf, withSshField } from './ssh-draft'

const FINGERPRINT = `SHA256:${'b'.repeat(43)}`

describe('the SSH tunnel section', () => {
  it('sends nothing while the tunnel is off', () => {
    expect(sshInputOf({ ...EMPTY_SSH, host: 'x' })).toEqual({ input: undefined, errors: {} })
  })

  it('names each missing field, and sends a complete key tunnel', () => {
    expect(sshInputOf({ ...EMPTY_SSH, enabled: true, port: '70000' }).errors).toEqual({
      host: 'SSH host is required.',
      port: 'A port is a whole number from 1 to 65535.',
      user: 'SSH user is required.',
      privateKeyPath: 'Give the private key file, e.g. ~/.ssh/id_ed25519.',
    })
    const draft = {
      ...EMPTY_SSH,
      enabled: true,
      host: ' bastion ',
      user: 'deploy',
      privateKeyPath: '~/.ssh/id_ed25519',
      passphrase: 'p',
      password: 'ignored',
      hostKey: FINGERPRINT,
    }
    expect(sshInputOf(draft).input).toEqual({
      host: 'bastion',
      port: 22,
      user: 'deploy',
      privateKeyPath: '~/.ssh/id_ed25519',
      passphrase: 'p',
      hostKey: FINGERPRINT,
    })
  })

  it('asks for the SSH password unless a saved connection knows it', () => {
    const draft = { ...EMPTY_SSH, enabled: true, host: 'b', user: 'u', auth: 'password' as const }
    expect(sshInputOf(draft).errors.privateKeyPath).toContain('SSH password')
    expect(sshInputOf(draft, true).input).toEqual({ host: 'b', port: 22, user: 'u' })
    expect(sshInputOf({ ...draft, password: 'pw' }).input).toEqual({ host: 'b', port: 22, user: 'u', password: 'pw' })
  })

  it('forgets the trusted host key when the bastion changes', () => {
    const trusted = { ...EMPTY_SSH, host: 'b', hostKey: FINGERPRINT }
    expect(withSshField(trusted, 'user', 'x').hostKey).toBe(FINGERPRINT)
    expect(withSshField(trusted, 'host', 'c').hostKey).toBe('')
    expect(withSshField(trusted, 'port', '2222').hostKey).toBe('')
  })

  it('edits a saved tunnel without its secret', () => {
    const draft = sshDraftFromSaved({
      host: 'b',
      port: 2222,
      user: 'u',
      privateKeyPath: null,
      agent: false,
      hostKey: FINGERPRINT,
      secret: 'remembered',
    })
    expect(draft).toMatchObject({ enabled: true, port: '2222', auth: 'password', password: '', hostKey: FINGERPRINT })
  })
})
