import type { Sequelize } from 'sequelize'

/** The parts of a pg Client this relies on: its protocol connection, and Sequelize's own flag. */
interface PgClientLike {
  connection?: { on?: (event: 'errorMessage', listener: (message: { severity?: string }) => void) => unknown }
  _invalid?: boolean
}

/**
 * Makes the pool drop a PostgreSQL connection the server has ended. When a backend is terminated
 * mid-query (pg_terminate_backend, a server restart), pg hands the FATAL error to the running
 * query and only later, on the socket's end, marks the client dead; a query issued in between
 * would get the dead client back from the pool ("Connection terminated unexpectedly").
 * Sequelize's pg pool refuses clients flagged `_invalid`, so the flag is set as soon as a FATAL
 * message arrives. MySQL needs nothing: mysql2 marks the connection fatal before it rejects.
 */
export function dropConnectionsEndedByServer(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'postgres') return
  sequelize.addHook('afterConnect', (connection: unknown) => {
    const client = connection as PgClientLike
    client.connection?.on?.('errorMessage', (message) => {
      if (message.severity === 'FATAL' || message.severity === 'PANIC') client._invalid = true
    })
  })
}
