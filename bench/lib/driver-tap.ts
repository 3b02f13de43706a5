/**
 * The statements the engine hands its drivers, as the drivers receive them: the bench replays the
 * very same SQL with the very same values through a plain connection of the same driver. The tap
 * sits on the drivers' own query methods (mysql2 Connection, pg Client, sqlite3 Database), below
 * Sequelize and below any shortcut the engine takes past it, and records only while `capturing`.
 */
import mysql from 'mysql2'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import type { Dialect } from '../../src/shared/connection-types'

export interface Statement {
  /** mysql2's `query` (text protocol) or `execute` (prepared, binary protocol); pg and sqlite3 have one way. */
  method: 'query' | 'execute' | 'all'
  sql: string
  values: unknown
}

export interface DriverTap {
  statements: Statement[]
  capturing: boolean
}

type Method = (this: unknown, ...args: unknown[]) => unknown

function wrap(owner: Record<string, unknown>, name: string, tap: DriverTap, read: (args: unknown[]) => Statement | null): void {
  const original = owner[name] as Method
  owner[name] = function (this: unknown, ...args: unknown[]) {
    if (tap.capturing) {
      const statement = read(args)
      if (statement) tap.statements.push(statement)
    }
    return original.apply(this, args)
  }
}

/** Taps every connection of the dialect's driver in this process. */
export function tapDriver(dialect: Dialect): DriverTap {
  const tap: DriverTap = { statements: [], capturing: false }
  const values = (args: unknown[]) => (typeof args[1] === 'function' ? undefined : args[1])
  if (dialect === 'mysql') {
    const proto = mysql.Connection.prototype as unknown as Record<string, unknown>
    const read = (method: 'query' | 'execute') => (args: unknown[]) => {
      const first = args[0]
      const sql = typeof first === 'string' ? first : (first as { sql?: unknown } | null)?.sql
      return typeof sql === 'string' ? { method, sql, values: values(args) } : null
    }
    wrap(proto, 'query', tap, read('query'))
    wrap(proto, 'execute', tap, read('execute'))
  } else if (dialect === 'postgres') {
    wrap(pg.Client.prototype as unknown as Record<string, unknown>, 'query', tap, (args) => {
      const first = args[0]
      if (typeof first === 'string') return { method: 'query', sql: first, values: values(args) }
      const config = first as { text?: unknown; values?: unknown } | null
      return typeof config?.text === 'string' ? { method: 'query', sql: config.text, values: config.values ?? values(args) } : null
    })
  } else {
    wrap(sqlite3.Database.prototype as unknown as Record<string, unknown>, 'all', tap, (args) =>
      typeof args[0] === 'string' ? { method: 'all', sql: args[0], values: values(args) } : null,
    )
  }
  return tap
}
