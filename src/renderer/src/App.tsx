import { useEffect, useState } from 'react'
import type { AppInfo } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { api } from './api'

/** Placeholder until the screens land: proves the renderer reaches the API. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api.call('app.info', {}).then(setInfo, (e: unknown) => setError(e instanceof AppError ? e.message : 'Rowboat did not answer.'))
  }, [])

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Rowboat</h1>
      {info && <p>Connected to the {info.host} host, version {info.version}.</p>}
      {error && <p role="alert">{error}</p>}
    </main>
  )
}
