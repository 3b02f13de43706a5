import { useId, useState, type CSSProperties } from 'react'
import { displayConnectionUrl, formatConnectionUrl, parseConnectionUrl } from '../../../../shared/connection-url'
import type { SavedConnection } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { describeError, ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { Spinner } from '../../components/Spinner'
import { useConnectionsStore } from '../../stores/connections'
import { DialectIcon } from './DialectIcon'
import { SavedSshRecovery } from './SavedSshRecovery'

/** The saved URL never holds the password; when one is known, show that it exists, masked. */
export function maskedUrl(connection: SavedConnection): string {
  try {
    const config = parseConnectionUrl(connection.url)
    const shown = config.dialect !== 'sqlite' && connection.password !== 'none' ? { ...config, password: '' } : config
    return formatConnectionUrl(shown, { maskPassword: true })
  } catch {
    return displayConnectionUrl(connection.url)
  }
}

const SOURCE_BADGE: Record<SavedConnection['source'], string | null> = { saved: null, sample: 'sample', environment: 'DATABASE_URL' }
const PASSWORD_NOTE: Record<SavedConnection['password'], string | null> = {
  none: null,
  session: 'password kept until Rowboat quits',
  remembered: 'password remembered',
}

export interface ConnectionItemProps {
  connection: SavedConnection
  onEdit: () => void
  onDuplicate: () => void
  onDelete: () => void
}

/** One saved connection: Connect, and Edit / Duplicate / Delete (built-in ones can only be duplicated). */
export function ConnectionItem({ connection: c, onEdit, onDuplicate, onDelete }: ConnectionItemProps) {
  const nameId = useId()
  const [connecting, setConnecting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [password, setPassword] = useState('')
  const [keyPassphrase, setKeyPassphrase] = useState('')
  /** The SSH secret typed here last: trusting the host key afterwards retries with it. */
  const [sshSecret, setSshSecret] = useState<string | undefined>(undefined)
  const editable = c.source === 'saved'
  const masked = maskedUrl(c)
  const askPassword = error !== null && c.dialect !== 'sqlite' && describeError(error).code === 'AUTH_FAILED'
  // An encrypted TLS client key whose passphrase is not known (or was wrong): asked here, like a password.
  const askKeyPassphrase = error !== null && describeError(error).code === 'TLS_KEY_UNREADABLE'

  const connect = async (withPassword?: string, sshSecret?: string, sslPassword?: string) => {
    if (connecting) return
    setConnecting(true)
    setError(null)
    try {
      await useConnectionsStore.getState().open(c, withPassword, sshSecret, sslPassword)
    } catch (failure) {
      setError(failure)
      setConnecting(false)
    }
  }

  return (
    <li className="conn-item" style={{ '--conn-color': c.color ?? 'transparent' } as CSSProperties} data-color={c.color ?? undefined}>
      <div className="conn-item-row">
        <DialectIcon url={c.url} dialect={c.dialect} />
        <div className="conn-item-text">
          <div className="conn-item-title">
            {c.color && <span className="color-dot" style={{ background: c.color }} aria-hidden />}
            <span id={nameId} className="conn-item-name">
              {c.name}
            </span>
            {SOURCE_BADGE[c.source] && <span className="badge">{SOURCE_BADGE[c.source]}</span>}
            {c.readOnly && <span className="badge">read-only</span>}
          </div>
          <div className="conn-item-url mono" title={masked}>
            {masked}
          </div>
          {PASSWORD_NOTE[c.password] && <div className="conn-item-note muted">{PASSWORD_NOTE[c.password]}</div>}
        </div>
      </div>
      <div className="conn-item-actions">
        <Button variant="primary" small onClick={() => void connect()} aria-describedby={nameId} aria-disabled={connecting || undefined}>
          Connect
        </Button>
        {connecting && <Spinner label={`Connecting to ${c.name}…`} />}
        <span className="grow" />
        {editable && (
          <Button variant="ghost" small onClick={onEdit} aria-describedby={nameId}>
            Edit
          </Button>
        )}
        <Button variant="ghost" small onClick={onDuplicate} aria-describedby={nameId}>
          Duplicate
        </Button>
        {editable && (
          <Button variant="ghost" small className="btn-danger" onClick={onDelete} aria-describedby={nameId}>
            Delete
          </Button>
        )}
      </div>
      {error !== null && (
        <div className="conn-item-error" data-error-code={describeError(error).code}>
          <ErrorNote error={error} title="Could not connect" />
          {askPassword && (
            <form
              className="conn-item-password"
              onSubmit={(e) => {
                e.preventDefault()
                void connect(password)
              }}
            >
              <Field label={`Password for ${c.name}`}>
                <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
              </Field>
              <Button type="submit">Try password</Button>
            </form>
          )}
          {askKeyPassphrase && (
            <form
              className="conn-item-password"
              onSubmit={(e) => {
                e.preventDefault()
                void connect(undefined, sshSecret, keyPassphrase)
              }}
            >
              <Field label={`Client key passphrase for ${c.name}`}>
                <input type="password" autoComplete="off" value={keyPassphrase} onChange={(e) => setKeyPassphrase(e.target.value)} />
              </Field>
              <Button type="submit">Try passphrase</Button>
            </form>
          )}
          {c.ssh && (
            <SavedSshRecovery
              connection={c}
              ssh={c.ssh}
              error={error}
              onRetry={(typed) => {
                if (typed !== undefined) setSshSecret(typed)
                void connect(undefined, typed ?? sshSecret)
              }}
            />
          )}
        </div>
      )}
    </li>
  )
}
