import { useEffect, useId, useState } from 'react'
import type { AppInfo, MigrationSourceInfo } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { useMigrationsStore } from '../../stores/migrations'
import { InterpreterField } from './InterpreterField'

const KIND_LABEL: Record<MigrationSourceInfo['kind'], string> = {
  rowboat: "Rowboat's sample schema",
  sequelize: 'sequelize-cli / Umzug project',
  alembic: 'Flask-Migrate / Alembic project',
  sql: 'SQL migration folder',
}

/**
 * Where this connection's migrations come from: Rowboat's sample set, or the user's project
 * folder. The page never sends a path of its own: the desktop app shows the native folder dialog;
 * the browser host takes a typed path, answers with the folder it resolved, and uses it only once
 * the user confirmed exactly that folder (like creating a SQLite file).
 */
export function MigrationSource({
  sessionId,
  source,
  disabled,
}: {
  sessionId: string
  source: MigrationSourceInfo | null
  disabled: boolean
}) {
  const setSource = useMigrationsStore((state) => state.setSource)
  const newMigration = useMigrationsStore((state) => state.newMigration)
  const [naming, setNaming] = useState(false)
  const [newName, setNewName] = useState('')
  const [created, setCreated] = useState<string[] | null>(null)
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [typing, setTyping] = useState(false)
  const [path, setPath] = useState('')
  const [resolved, setResolved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const id = useId()

  useEffect(() => {
    let live = true
    api
      .call('app.info', {})
      .then((value) => live && setInfo(value))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const adopt = (folder: string) => setSource(sessionId, { kind: 'folder', folder })

  /** Desktop: the main process shows the folder dialog and grants what the user chose. */
  const pickInMain = () =>
    attempt(async () => {
      const picked = await api.call('files.pickFolder', {})
      if (picked) await adopt(picked.folder)
    })

  /** Browser host, step 1: the server resolves the typed path and asks for confirmation. */
  const resolveTyped = () =>
    attempt(async () => {
      setResolved(null)
      try {
        const picked = await api.call('files.pickFolder', { path })
        if (picked) await adopt(picked.folder)
      } catch (caught) {
        const answer = caught instanceof AppError && caught.code === 'CONFIRMATION_REQUIRED' ? caught.details?.resolvedPath : undefined
        if (!answer) throw caught
        setResolved(answer)
      }
    })

  /** Step 2: the user confirmed exactly the folder the server showed. */
  const confirmTyped = (confirmPath: string) =>
    attempt(async () => {
      const picked = await api.call('files.pickFolder', { path, confirmPath })
      if (picked) await adopt(picked.folder)
      setTyping(false)
      setResolved(null)
    })

  const browserHost = info?.uploads === true
  return (
    <div className="migrations-source" role="group" aria-labelledby={`${id}-title`}>
      <div className="row migrations-source-row">
        <span id={`${id}-title`} className="migrations-source-title">
          Source
        </span>
        <span className="migrations-source-kind" aria-label="Migration source">
          {source ? (source.kind === 'rowboat' ? KIND_LABEL.rowboat : `${KIND_LABEL[source.kind]}: ${source.folder ?? ''}`) : '…'}
        </span>
        <div className="row grow migrations-source-actions">
          {source && source.canRun && (source.kind === 'sequelize' || source.kind === 'sql') && (
            <Button small disabled={disabled || busy} aria-expanded={naming} onClick={() => (setNaming(!naming), setCreated(null))}>
              New migration…
            </Button>
          )}
          {source && source.kind !== 'rowboat' && (
            <Button small disabled={disabled || busy} onClick={() => void attempt(() => setSource(sessionId, { kind: 'rowboat' }))}>
              Use Rowboat's sample schema
            </Button>
          )}
          {browserHost ? (
            <Button small disabled={disabled || busy} aria-expanded={typing} onClick={() => setTyping(!typing)}>
              Use a project folder…
            </Button>
          ) : (
            <Button small disabled={disabled || busy || info === null} onClick={() => void pickInMain()}>
              Choose a project folder…
            </Button>
          )}
        </div>
      </div>
      {source?.problem !== undefined && (
        <p className="note note-warning" role="note" aria-label="Source unavailable">
          {source.problem} Choose the project folder again where it is now, or use Rowboat's sample schema.
        </p>
      )}
      {source && source.kind !== 'rowboat' && source.problem === undefined && (
        <p className="muted migrations-source-found">
          Found {source.found}; state kept in <span className="mono">{source.table}</span>, as the tool itself keeps it.
        </p>
      )}
      {source?.kind === 'alembic' && source.canRun && source.interpreter !== undefined && (
        <InterpreterField sessionId={sessionId} interpreter={source.interpreter} disabled={disabled} />
      )}
      {naming && source && source.kind !== 'rowboat' && (
        <form
          className="migrations-source-form"
          onSubmit={(event) => {
            event.preventDefault()
            void attempt(async () => {
              setCreated(await newMigration(sessionId, newName))
              setNaming(false)
              setNewName('')
            })
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-new`}>New migration's name</label>
            <input id={`${id}-new`} value={newName} placeholder="add books isbn" onChange={(event) => setNewName(event.target.value)} />
            <span className="field-help">
              Writes an empty, correctly named up/down file into the project's migrations folder; fill it in with your editor.
            </span>
          </div>
          <Button type="submit" disabled={busy || newName.trim() === ''}>
            Write the file
          </Button>
        </form>
      )}
      {created && (
        <p className="muted" role="status">
          Written into the project: <span className="mono">{created.join(', ')}</span>
        </p>
      )}
      {typing && browserHost && (
        <form
          className="migrations-source-form"
          onSubmit={(event) => {
            event.preventDefault()
            void resolveTyped()
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-path`}>Project folder on this computer</label>
            <input
              id={`${id}-path`}
              className="mono"
              value={path}
              placeholder="/home/me/my-app"
              onChange={(event) => (setPath(event.target.value), setResolved(null))}
            />
            <span className="field-help">
              The folder holding .sequelizerc or migrations/*.js, alembic.ini or migrations/env.py (Flask-Migrate), or *.up.sql files.
              Rowboat loads and runs those files.
            </span>
          </div>
          {resolved === null ? (
            <Button type="submit" disabled={busy || path.trim() === ''}>
              Look at this folder
            </Button>
          ) : (
            <div className="note" role="note" aria-label="Confirm the project folder">
              <p>
                Use the migrations in <span className="mono">{resolved}</span>? Rowboat will load and run this project's own migration
                files.
              </p>
              <div className="row">
                <Button variant="primary" disabled={busy} onClick={() => void confirmTyped(resolved)}>
                  Use this folder
                </Button>
                <Button disabled={busy} onClick={() => setResolved(null)}>
                  Cancel
                </Button>
              </div>
            </div>
          )}
        </form>
      )}
      {error !== null && <ErrorNote error={error} title="Could not use that folder" />}
    </div>
  )
}
