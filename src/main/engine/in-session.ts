import { AppError } from '../../shared/errors'
import { diagnoseError } from './connection/diagnose'
import type { Engine } from './engine'
import type { Session } from './connection/sessions'

/**
 * Runs engine work in a session. Connection-class failures (the server went away, a timeout)
 * become their diagnosed AppError and a `sessions.lost` event; the pool drops the dead
 * connection, so the next call reconnects. Any other error is left for the caller to map.
 */
export async function inSession<T>(engine: Engine, sessionId: string, work: (session: Session) => Promise<T>): Promise<T> {
  const session = engine.sessions.get(sessionId)
  try {
    return await work(session)
  } catch (error) {
    if (error instanceof AppError) throw error
    const diagnosed = diagnoseError(error, { config: session.config, password: session.password, baseDir: engine.baseDir })
    if (!diagnosed) throw error
    if (diagnosed.code === 'CONNECTION_LOST') {
      engine.emit('sessions.lost', { sessionId, message: diagnosed.message })
    }
    throw diagnosed
  }
}
