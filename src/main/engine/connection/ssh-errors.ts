/**
 * SSH failures in plain words, each with a stable code (SSH_*), naming the bastion and never a
 * secret: the messages are built from host, port and user only, and ssh2's own text is quoted
 * only for protocol-level failures (it never holds a key, passphrase or password).
 */
import type { SshTunnel } from '../../../shared/contract/ssh'
import { AppError } from '../../../shared/errors'

export function sshAddress(ssh: Pick<SshTunnel, 'host' | 'port' | 'user'>): string {
  const host = ssh.host.includes(':') ? `[${ssh.host}]` : ssh.host
  return `${ssh.user}@${host}:${ssh.port}`
}

interface Ssh2Error extends Error {
  level?: string
  code?: string | number
}

export function hostKeyUnknown(ssh: SshTunnel, fingerprint: string): AppError {
  return new AppError({
    code: 'SSH_HOST_KEY_UNKNOWN',
    message: `The SSH bastion ${sshAddress(ssh)} is not trusted yet. Its host key fingerprint is ${fingerprint}.`,
    hint: "Compare it with what the server's administrator gives you (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server); trust it only if they match.",
    field: 'ssh.hostKey',
    details: { hostKey: fingerprint, sshAddress: sshAddress(ssh) },
  })
}

export function hostKeyChanged(ssh: SshTunnel, fingerprint: string): AppError {
  return new AppError({
    code: 'SSH_HOST_KEY_CHANGED',
    message: `The SSH bastion ${sshAddress(ssh)} presented a different host key (${fingerprint}) from the one trusted (${ssh.hostKey}). Rowboat did not connect: someone may be intercepting the connection, or the server was reinstalled.`,
    hint: "Ask the server's administrator whether its host key changed. Only if it did, edit the connection and trust the new fingerprint.",
    field: 'ssh.hostKey',
    details: { hostKey: fingerprint, sshAddress: sshAddress(ssh) },
  })
}

/** The bastion's key contradicts the user's known_hosts (another key listed, or this one @revoked). */
export function knownHostsRefused(ssh: SshTunnel, fingerprint: string, file: string, line: number, revoked: boolean): AppError {
  const where = `${file} line ${line}`
  return new AppError({
    code: 'SSH_HOST_KEY_CHANGED',
    message: revoked
      ? `The SSH bastion ${sshAddress(ssh)} presented a host key (${fingerprint}) that ${where} marks @revoked. Rowboat did not connect.`
      : `The SSH bastion ${sshAddress(ssh)} presented a different host key (${fingerprint}) from the one ${where} lists for it. Rowboat did not connect: someone may be intercepting the connection, or the server was reinstalled.`,
    hint: revoked
      ? "Ask the server's administrator for its current host key."
      : `Ask the server's administrator whether its host key changed. Only if it did, remove the old entry (ssh-keygen -R ${ssh.host}${ssh.port === 22 ? '' : ` -p ${ssh.port}`} or edit ${where}); Rowboat never edits that file.`,
    field: 'ssh.hostKey',
    details: { hostKey: fingerprint, sshAddress: sshAddress(ssh) },
  })
}

export function keyUnreadable(path: string, reason: string, hint: string): AppError {
  return new AppError({
    code: 'SSH_KEY_UNREADABLE',
    message: `The SSH private key ${path} cannot be used: ${reason}.`,
    hint,
    field: 'ssh.privateKeyPath',
  })
}

/** A failure while connecting or authenticating to the bastion. */
export function sshConnectError(error: unknown, ssh: SshTunnel, timeoutMs: number): AppError {
  const e = error as Ssh2Error
  const where = sshAddress(ssh)
  const details = { sshAddress: where }
  if (e.level === 'client-authentication') {
    const how =
      ssh.privateKeyPath !== undefined ? `the key ${ssh.privateKeyPath}` : ssh.agent === true ? "the SSH agent's keys" : 'the SSH password'
    return new AppError({
      code: 'SSH_AUTH_FAILED',
      message: `The SSH bastion ${where} refused ${how} for user ${ssh.user}.`,
      hint:
        ssh.privateKeyPath !== undefined
          ? "Check that this key's public half is in ~/.ssh/authorized_keys of that user on the bastion, and the user name."
          : 'Check the SSH user and password.',
      field: 'ssh',
      details,
    })
  }
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT') {
    return new AppError({
      code: 'SSH_UNREACHABLE',
      message: `The SSH bastion ${where} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
      hint: 'Check the SSH host and port, and that a firewall lets you reach it.',
      field: 'ssh.host',
      details,
    })
  }
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'nothing accepts SSH connections on that port'
      : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
        ? 'there is no such host'
        : e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH'
          ? 'the network cannot reach it'
          : e.level === 'client-socket'
            ? 'the connection failed'
            : `the SSH handshake failed (${e.message})`
  return new AppError({
    code: 'SSH_UNREACHABLE',
    message: `Could not reach the SSH bastion ${where}: ${reason}.`,
    hint: 'Check the SSH host and port (22 unless the administrator says otherwise).',
    field: 'ssh.host',
    details,
  })
}

/** The tunnel is up, but the bastion could not open a connection to the database. */
export function forwardFailed(ssh: SshTunnel, target: string, reason: string): AppError {
  return new AppError({
    code: 'SSH_FORWARD_FAILED',
    message: `The SSH bastion ${sshAddress(ssh)} is reachable, but it could not connect to the database at ${target} (${reason}).`,
    hint: 'The database host and port are as the bastion sees them (127.0.0.1 is the bastion itself). Check them, and that the bastion allows TCP forwarding (AllowTcpForwarding).',
    field: 'url',
    details: { sshAddress: sshAddress(ssh), address: target },
  })
}

export function tunnelLostMessage(ssh: SshTunnel): string {
  return `The SSH tunnel through ${sshAddress(ssh)} closed, so the connection to the database is lost. Rowboat reconnects it on the next action, or reconnect from the connection list.`
}
