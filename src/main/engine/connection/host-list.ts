/**
 * libpq's list of hosts (`postgresql://h1:5432,h2:5433/db`): each is tried in order, and the first
 * that answers is the one connected to. Here "answers" is "accepts the TCP connection" within the
 * time limit (libpq's connect_timeout applies per host too); the driver then connects to that one.
 */
import { connect } from 'node:net'
import type { ConnectionConfig } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'

type Address = { host: string; port: number }

/** The config with its first answering host as the one to connect to; a config with one host unchanged. */
export async function withFirstAnsweringHost<T extends ConnectionConfig>(config: T, timeoutMs: number, viaSsh: boolean): Promise<T> {
  if (config.dialect === 'sqlite' || !config.alternateHosts?.length) return config
  if (viaSsh) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'url',
      message: 'A list of hosts cannot be tried in turn through an SSH tunnel: the bastion forwards to one host.',
      hint: 'Give the one host the bastion should reach, e.g. postgresql://user@127.0.0.1:5432/database.',
    })
  }
  const { alternateHosts, ...single } = config
  const all: Address[] = [{ host: config.host, port: config.port }, ...alternateHosts]
  const failures: string[] = []
  for (const address of all) {
    const problem = await reach(address, timeoutMs)
    if (problem === null) return { ...single, host: address.host, port: address.port } as T
    failures.push(`${address.host}:${address.port} (${problem})`)
  }
  throw new AppError({
    code: 'CONNECTION_REFUSED',
    field: 'url',
    message: `None of the hosts answered, tried in order as libpq does: ${failures.join(', ')}.`,
    hint: 'Check that a PostgreSQL server runs on one of them and that this computer can reach it.',
    details: { address: all.map((a) => `${a.host}:${a.port}`).join(',') },
  })
}

/** null when something accepts a TCP connection there, else why not in a few words. */
function reach({ host, port }: Address, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (problem: string | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(problem)
    }
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs)
    socket.once('connect', () => done(null))
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ENOTFOUND' ? 'unknown host' : (error.code ?? error.message)),
    )
  })
}
