import type { ConnectionEncryption, ConnectionTestResult, CreatedDatabase, MigrationSummary } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { describeError, ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import { serverLabel } from '../../../../shared/server-label'
import type { Action, Outcome } from './useRunner'

const BUSY_TEXT: Record<Action, string> = {
  test: 'Testing the connection…',
  connect: 'Connecting…',
  create: 'Creating the database, then testing again…',
}

const FAILED_TITLE: Record<Action, string> = {
  test: 'The connection test failed',
  connect: 'Could not connect',
  create: 'Could not create the database',
}

export interface TestResultProps {
  outcome: Outcome
  onCancel: () => void
  onCreateDatabase: () => void
}

/** The answer of Test / Connect / Create database: progress, facts about the database, or the diagnosis. */
export function TestResult({ outcome, onCancel, onCreateDatabase }: TestResultProps) {
  switch (outcome.kind) {
    case 'idle':
      return null
    case 'busy':
      return (
        <div className="conn-result conn-busy">
          <Spinner label={BUSY_TEXT[outcome.action]} />
          <span>
            {BUSY_TEXT[outcome.action]} <span className="muted">(gives up after {Math.round(outcome.timeoutMs / 1000)} s)</span>
          </span>
          {outcome.action !== 'create' && (
            <Button small onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      )
    case 'cancelled':
      return (
        <div className="note conn-result conn-cancelled" role="status">
          {outcome.action === 'connect' ? 'Connecting' : 'The test'} was cancelled: Rowboat stopped waiting, and an answer that still
          arrives will be ignored.
        </div>
      )
    case 'tested':
      return <Success result={outcome.result} created={outcome.created} />
    case 'failed':
      return <Failure outcome={outcome} onCreateDatabase={onCreateDatabase} />
  }
}

/** What Create database did, in words: the statement it ran, or the file it made. */
function Created({ created, className }: { created: CreatedDatabase; className: string }) {
  return (
    <p className={className}>
      {created.file !== null ? (
        <>
          Created the empty SQLite database file <code>{created.file}</code>.
        </>
      ) : (
        <>
          Created the database with <code>{created.statement}</code>.
        </>
      )}
    </p>
  )
}

function Success({ result, created }: { result: ConnectionTestResult; created?: CreatedDatabase | undefined }) {
  return (
    <div className="note note-success conn-result" role="status" aria-label="Connection test result">
      {created && <Created created={created} className="conn-created" />}
      <div className="note-title">The connection works</div>
      <dl className="conn-facts">
        <dt>Server</dt>
        <dd>{serverLabel(result.dialect, result.serverVersion)}</dd>
        <dt>Latency</dt>
        <dd>{result.latencyMs} ms</dd>
        <dt>Database</dt>
        <dd className="mono">{result.database}</dd>
        {result.encryption !== undefined && (
          <>
            <dt>Encryption</dt>
            <dd>{describeEncryption(result.encryption)}</dd>
          </>
        )}
        {result.resolvedPath !== undefined && (
          <>
            <dt>File</dt>
            <dd>
              <span className="mono">{result.resolvedPath}</span>
              {result.pathNote !== undefined && <span className="muted"> — {result.pathNote}</span>}
            </dd>
          </>
        )}
        {result.databases !== undefined ? (
          <>
            <dt>Databases</dt>
            <dd>{result.databases.filter((d) => !d.system).length} of your own — no database named: Connect lists them to choose from</dd>
          </>
        ) : (
          <>
            <dt>Tables</dt>
            <dd>{result.tableCount}</dd>
            <dt>Migrations</dt>
            <dd>{describeMigrations(result.migrations)}</dd>
          </>
        )}
      </dl>
    </div>
  )
}

/** "TLS 1.3 (TLS_AES_256_GCM_SHA384)" or "not encrypted"; the servers spell the version "TLSv1.3". */
export function describeEncryption(e: ConnectionEncryption): string {
  if (!e.encrypted) return 'not encrypted'
  const version = e.version ? e.version.replace(/^TLSv/, 'TLS ') : 'encrypted'
  return e.cipher ? `${version} (${e.cipher})` : version
}

export function describeMigrations(m: MigrationSummary): string {
  if (!m.ownership.managed) {
    const tools = m.ownership.otherTools.map((t) => `${t.tool}${t.current ? ` at ${t.current}` : ''}`)
    return `not Rowboat's schema${tools.length > 0 ? `: kept by ${tools.join(', ')}` : ''}`
  }
  if (!m.tracked) return 'not tracked (no SequelizeMeta table yet)'
  const pending = m.pending === 0 ? 'none pending' : `${m.pending} pending`
  return `${m.applied} applied, ${pending}${m.current ? ` (newest: ${m.current})` : ''}`
}

function Failure({ outcome, onCreateDatabase }: { outcome: Extract<Outcome, { kind: 'failed' }>; onCreateDatabase: () => void }) {
  const { code } = describeError(outcome.error)
  const statement = outcome.error instanceof AppError ? outcome.error.details?.createStatement : undefined
  const file = outcome.error instanceof AppError ? outcome.error.details?.address : undefined
  const canCreate = (code === 'DATABASE_NOT_FOUND' && statement !== undefined) || code === 'SQLITE_FILE_MISSING'
  return (
    <div className="conn-result" data-error-code={code}>
      {outcome.created && <Created created={outcome.created} className="note note-success conn-created" />}
      <ErrorNote error={outcome.error} title={FAILED_TITLE[outcome.action]} />
      {canCreate && (
        <div className="conn-create">
          {statement ? (
            <>
              <p>Rowboat can create it by running:</p>
              <pre className="conn-statement">
                <code>{statement}</code>
              </pre>
            </>
          ) : (
            <p>
              Rowboat can create an empty SQLite database file at {file ? <span className="mono">{file}</span> : 'this path'} (it asks you
              to confirm the path first).
            </p>
          )}
          <Button variant="primary" onClick={onCreateDatabase}>
            Create database
          </Button>
        </div>
      )}
    </div>
  )
}
