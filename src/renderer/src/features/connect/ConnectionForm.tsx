import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { AppError } from '../../../../shared/errors'
import { relativeSqlitePath } from '../../../../shared/sqlite-path'
import type { SavedConnection } from '../../../../shared/contract'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { useConnectionsStore } from '../../stores/connections'
import { useSessionStore } from '../../stores/session'
import { ConnectionFields } from './ConnectionFields'
import { createDatabaseConfirmed } from './create-database'
import {
  draftFromSaved,
  EMPTY_DRAFT,
  resolveTarget,
  sameConnection,
  serverDialect,
  withDialect,
  withField,
  withPasswordMovedOut,
  withUrl,
  type Draft,
  type EditableField,
  type FieldErrors,
  type FieldName,
  type Target,
} from './draft'
import { RelativeFolder, resolvedFileOf, type ChosenFolder } from './RelativeFolder'
import { SaveOptions, type SaveSettings } from './SaveOptions'
import { sameSsh, sshDraftFromSaved, sshInputOf, withSshField, type SshDraft } from './ssh-draft'
import { hostKeyToConfirm, HostKeyPrompt, SshSection, tunnelNote } from './SshSection'
import { TestResult } from './TestResult'
import { TlsSection } from './TlsSection'
import { useRunner } from './useRunner'

/** The engine's default limit for a test or connect; a URL's connect_timeout overrides it. */
const DEFAULT_TIMEOUT_MS = 5000
/** How long typing must pause before the connection string's error shows (no flashing mid-word). */
const SETTLE_MS = 350

export interface ConnectionFormProps {
  /** The saved connection being edited, or null for a new one. */
  editing: SavedConnection | null
  onSaved: (connection: SavedConnection) => void
  onNew: () => void
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; message: string } | { kind: 'failed'; error: unknown }

/** The connection string and its parts kept in sync, Test / Connect, and Save with name, colour and read-only. */
export function ConnectionForm({ editing, onSaved, onNew }: ConnectionFormProps) {
  const headingId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const passwordProtection = useConnectionsStore((s) => s.passwordProtection)
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftFromSaved(editing.url) : EMPTY_DRAFT))
  const [settings, setSettings] = useState<SaveSettings>(() => ({
    name: editing?.name ?? '',
    color: editing?.color ?? null,
    readOnly: editing?.readOnly ?? false,
    rememberPassword: editing?.password === 'remembered',
  }))
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [urlSettled, setUrlSettled] = useState(true)
  const [passwordMoved, setPasswordMoved] = useState(false)
  const [nameError, setNameError] = useState<string | null>(null)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' })
  const runner = useRunner()
  const [ssh, setSsh] = useState<SshDraft>(() => sshDraftFromSaved(editing?.ssh ?? null))
  // A saved folder is known by its path only; choosing one here makes a grant the calls carry.
  const [folder, setFolder] = useState<ChosenFolder | null>(() =>
    editing?.relativeFolder ? { grant: null, path: editing.relativeFolder } : null,
  )

  useEffect(() => {
    if (urlSettled) return
    const timer = setTimeout(() => setUrlSettled(true), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [urlSettled, draft.url])

  const resolved = resolveTarget(draft)
  const relativePath = resolved.target ? relativeSqlitePath(resolved.target.url) : null
  /** The folder grant the calls carry, only while the URL is a relative SQLite path. */
  const folderInput =
    relativePath === null || folder === null
      ? {}
      : folder.grant !== null
        ? { relativeFolder: folder.grant }
        : editing
          ? { relativeFolderOf: editing.id }
          : {}
  const sshSecretKnown = editing?.ssh != null && editing.ssh.secret !== 'none'
  const sshResolved = sshInputOf(ssh, sshSecretKnown)
  const sshErrors = submitted ? sshResolved.errors : {}
  const shown: FieldErrors = {}
  if (draft.source === 'url') {
    if (submitted || (urlSettled && draft.url.trim() !== '')) shown.url = resolved.errors.url
  } else {
    for (const [field, message] of Object.entries(resolved.errors) as [FieldName, string][]) {
      if (submitted || touched.has(field) || field === 'url') shown[field] = message
    }
  }
  const fieldsIncomplete = draft.source === 'fields' && !resolved.target
  // A connection string that cannot be read: Test and Connect are off, and the reason is shown at once.
  const urlUnreadable = draft.source === 'url' && draft.url.trim() !== '' && !resolved.target
  if (urlUnreadable) shown.url = resolved.errors.url

  /** Any edit makes an old answer stale; one still coming in is left to finish. */
  const edited = () => {
    if (!runner.busy) runner.clear()
    if (saveState.kind !== 'saving') setSaveState({ kind: 'idle' })
  }

  const onUrl = (url: string) => {
    setDraft((d) => withUrl(d, url))
    setUrlSettled(false)
    setPasswordMoved(false)
    edited()
  }

  const onField = <K extends EditableField>(field: K, value: Draft[K]) => {
    setDraft((d) => withField(d, field, value))
    setTouched((t) => new Set(t).add(field as FieldName))
    edited()
  }

  const onSshField = <K extends keyof SshDraft>(field: K, value: SshDraft[K]) => {
    setSsh((d) => withSshField(d, field, value))
    edited()
  }

  /** Checks the input, showing every problem and focusing the first; answers what to call with. */
  const validTarget = (): Target | null => {
    setSubmitted(true)
    setUrlSettled(true)
    if (resolved.target && ssh.enabled && !sshResolved.input) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return null
    }
    if (resolved.target) return resolved.target
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
    return null
  }

  const timeoutOf = (target: Target) => (target.config.dialect === 'sqlite' ? null : target.config.connectTimeoutMs) ?? DEFAULT_TIMEOUT_MS

  // Each action takes the tunnel to use: "Trust and try again" passes the one with the new host key
  // (the draft's state has not been re-rendered yet at that moment).
  const test = (sshInput = sshResolved.input) => {
    const target = validTarget()
    if (!target || runner.busy) return
    void runner.run('test', timeoutOf(target), async () => ({
      kind: 'tested',
      result: await api.call('connections.test', {
        url: target.url,
        password: target.password,
        sslPassword: target.sslPassword,
        ssh: sshInput,
        ...folderInput,
      }),
    }))
  }

  const createDatabase = (sshInput = sshResolved.input) => {
    const target = validTarget()
    if (!target || runner.busy) return
    const input = { url: target.url, password: target.password, sslPassword: target.sslPassword, ssh: sshInput, ...folderInput }
    void runner.run('create', 2 * timeoutOf(target), async () => {
      const created = await createDatabaseConfirmed(input)
      try {
        return { kind: 'tested', result: await api.call('connections.test', input), created }
      } catch (error) {
        return { kind: 'failed', action: 'test', error, created }
      }
    })
  }

  const connect = (sshInput = sshResolved.input) => {
    const target = validTarget()
    if (!target || runner.busy) return
    // The saved connection as it is on disk: the engine then supplies its password itself.
    // A folder chosen in this form (not yet saved) is used through sessions.open with its grant.
    const saved = editing && sameConnection(target.url, editing.url) && sameSsh(sshInput, editing.ssh) && !folder?.grant ? editing : null
    const sshSecret = sshInput?.passphrase ?? sshInput?.password
    void runner.run('connect', timeoutOf(target), async (isCurrent) => {
      const info = saved
        ? await api.call('connections.open', {
            id: saved.id,
            password: target.password,
            sslPassword: target.sslPassword,
            ...(sshSecret !== undefined ? { sshSecret } : {}),
          })
        : await api.call('sessions.open', {
            url: target.url,
            password: target.password,
            sslPassword: target.sslPassword,
            ssh: sshInput,
            ...folderInput,
          })
      if (!isCurrent()) {
        // Cancelled while the server was answering: do not leave a session nobody sees.
        void api.call('sessions.close', { sessionId: info.sessionId }).catch(() => undefined)
        return { kind: 'idle' }
      }
      useSessionStore
        .getState()
        .adopt(
          info,
          saved
            ? { kind: 'saved', connection: { id: saved.id, name: saved.name, color: saved.color, readOnly: saved.readOnly } }
            : { kind: 'url', name: settings.name.trim() || info.display },
        )
      return { kind: 'idle' }
    })
  }

  const save = async () => {
    const name = settings.name.trim()
    setNameError(name === '' ? 'Give the connection a name to save it.' : null)
    const target = validTarget()
    if (name === '') setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
    if (!target || name === '' || saveState.kind === 'saving') return
    setSaveState({ kind: 'saving' })
    const rememberPassword = target.config.dialect !== 'sqlite' && settings.rememberPassword
    const fields = {
      name,
      url: target.url,
      password: target.password,
      sslPassword: target.sslPassword,
      color: settings.color,
      readOnly: settings.readOnly,
      rememberPassword,
      ...(sshResolved.input ? { ssh: sshResolved.input } : {}),
      ...('relativeFolder' in folderInput ? { relativeFolder: folderInput.relativeFolder } : {}),
    }
    try {
      const store = useConnectionsStore.getState()
      const saved = editing
        ? await store.update({
            id: editing.id,
            ...fields,
            ...(sshResolved.input ? {} : { ssh: null }),
            // Forgotten when the user went back to Rowboat's own folder or the URL is no longer relative.
            ...(editing.relativeFolder && (relativePath === null || folder === null) ? { relativeFolder: null } : {}),
          })
        : await store.save(fields)
      setSaveState({ kind: 'saved', message: editing ? `Saved the changes to “${saved.name}”.` : `Saved “${saved.name}”.` })
      onSaved(saved)
    } catch (error) {
      setSaveState({ kind: 'failed', error })
    }
  }

  const actions = { test, connect, create: createDatabase }
  const fingerprint = hostKeyToConfirm(runner.outcome)
  const tunnelTested = tunnelNote(runner.outcome)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault() // Enter anywhere in the form runs Test
    test()
  }

  const knownPassword = editing && editing.password !== 'none'
  return (
    <form ref={formRef} className="conn-form" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <div className="conn-form-head">
        <h2 id={headingId}>{editing ? `Edit “${editing.name}”` : 'New connection'}</h2>
        {editing && (
          <Button variant="ghost" small onClick={onNew}>
            New connection instead
          </Button>
        )}
      </div>
      {/* The help texts keep their length when the URL field loses focus: a button that moved
          between mouse-down and mouse-up would lose the click that blurred the field. */}
      <Field
        label="Connection string"
        help={
          fieldsIncomplete
            ? 'Follows the fields below once they are complete.'
            : 'Paste a URL such as postgresql+psycopg2://user@host/db, mysql+pymysql://…, mariadb://… or sqlite:///app.db — the fields below follow as you type.'
        }
        error={shown.url}
      >
        <input
          type="text"
          className="mono"
          spellCheck={false}
          autoComplete="off"
          placeholder="postgres://user@localhost:5432/database"
          value={draft.url}
          onChange={(e) => onUrl(e.target.value)}
          onBlur={() => {
            setUrlSettled(true)
            const moved = withPasswordMovedOut(draft)
            if (moved.moved) setDraft(moved.draft)
            if (moved.passwordMoved) setPasswordMoved(true)
          }}
        />
      </Field>
      <ConnectionFields
        draft={draft}
        errors={shown}
        onField={onField}
        onDialect={(dialect) => {
          setDraft((d) => withDialect(d, dialect))
          edited()
        }}
        passwordPlaceholder={
          knownPassword
            ? editing.password === 'remembered'
              ? 'Remembered — leave empty to keep it'
              : 'Known until Rowboat quits — leave empty to keep it'
            : undefined
        }
        passwordHelp={
          knownPassword
            ? 'Connect and Save keep the known password; Test connection needs it typed again.'
            : passwordMoved || draft.passwordOrigin?.from === 'url'
              ? 'Taken from the connection string; not shown there.'
              : 'Kept out of the connection string.'
        }
      />
      {relativePath !== null && (
        <RelativeFolder
          relativePath={relativePath}
          folder={folder}
          {...resolvedFileOf(runner.outcome)}
          onChange={(next) => {
            setFolder(next)
            edited()
          }}
        />
      )}
      {serverDialect(draft.dialect) !== null && (
        <TlsSection draft={draft} errors={shown} onField={onField} savedPassphrase={editing?.sslPassword ?? 'none'} />
      )}
      {serverDialect(draft.dialect) !== null && (
        <SshSection draft={ssh} errors={sshErrors} onField={onSshField} saved={editing?.ssh ?? null} />
      )}
      <div className="conn-actions">
        <Button type="submit" disabled={urlUnreadable} aria-disabled={runner.busy || undefined}>
          Test connection
        </Button>
        <Button variant="primary" onClick={() => connect()} disabled={urlUnreadable} aria-disabled={runner.busy || undefined}>
          Connect
        </Button>
        <span className="muted conn-kbd">
          {urlUnreadable ? 'Correct the connection string first (see above).' : 'Enter runs the test.'}
        </span>
      </div>
      <TestResult outcome={runner.outcome} onCancel={runner.cancel} onCreateDatabase={() => createDatabase()} />
      {tunnelTested && (
        <p className="muted conn-tunnel-note" role="status">
          {tunnelTested}
        </p>
      )}
      {fingerprint !== null && runner.outcome.kind === 'failed' && (
        <HostKeyPrompt
          fingerprint={fingerprint}
          address={runner.outcome.error instanceof AppError ? runner.outcome.error.details?.sshAddress : undefined}
          onTrust={() => {
            if (runner.outcome.kind !== 'failed') return
            const trusted = { ...ssh, hostKey: fingerprint }
            setSsh(trusted)
            actions[runner.outcome.action](sshInputOf(trusted, sshSecretKnown).input)
          }}
        />
      )}
      <SaveOptions
        settings={settings}
        onChange={(next) => {
          setSettings(next)
          if (next.name.trim() !== '') setNameError(null)
          if (saveState.kind !== 'saving') setSaveState({ kind: 'idle' })
        }}
        nameError={nameError}
        showRemember={serverDialect(draft.dialect) !== null}
        passwordProtection={passwordProtection}
      />
      <div className="conn-actions">
        <Button onClick={() => void save()} aria-disabled={saveState.kind === 'saving' || undefined}>
          {editing ? 'Save changes' : 'Save'}
        </Button>
        <span role="status" className="muted">
          {saveState.kind === 'saving' ? 'Saving…' : saveState.kind === 'saved' ? saveState.message : ''}
        </span>
      </div>
      {saveState.kind === 'failed' && <ErrorNote error={saveState.error} title="Could not save" />}
    </form>
  )
}
