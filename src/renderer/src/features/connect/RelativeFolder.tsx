import { useEffect, useId, useState } from 'react'
import type { PickedFolder } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import type { Outcome } from './useRunner'

/** The folder relative SQLite paths resolve in: a fresh grant (`grant`), or the saved connection's (display only). */
export interface ChosenFolder {
  grant: string | null
  path: string
}

export interface RelativeFolderProps {
  /** The URL's relative path, e.g. `app.db`. */
  relativePath: string
  folder: ChosenFolder | null
  /** The absolute file the last test or diagnosis named, when it is for this URL and folder. */
  resolvedPath: string | null
  /** How that path was found (e.g. in the Flask instance folder). */
  pathNote: string | null
  onChange: (folder: ChosenFolder | null) => void
}

/** The absolute file the last answer named: the test's resolved path, or the SQLite diagnosis's address. */
export function resolvedFileOf(outcome: Outcome): { resolvedPath: string | null; pathNote: string | null } {
  if (outcome.kind === 'tested') return { resolvedPath: outcome.result.resolvedPath ?? null, pathNote: outcome.result.pathNote ?? null }
  if (outcome.kind === 'failed' && outcome.error instanceof AppError && outcome.error.code.startsWith('SQLITE_')) {
    return { resolvedPath: outcome.error.details?.address ?? null, pathNote: null }
  }
  return { resolvedPath: null, pathNote: null }
}

/**
 * "Folder for relative paths": `sqlite:///app.db` means a file relative to the app (Flask-SQLAlchemy
 * 3: its instance/ folder), not to Rowboat. The page never sends a path of its own: the desktop app
 * shows the native folder dialog; the browser host resolves a typed path and grants it only once
 * the user confirmed the folder it answered (files.pickFolder, as the migrations panel does).
 */
export function RelativeFolder({ relativePath, folder, resolvedPath, pathNote, onChange }: RelativeFolderProps) {
  const id = useId()
  const [browserHost, setBrowserHost] = useState<boolean | null>(null)
  const [typing, setTyping] = useState(false)
  const [typed, setTyped] = useState('')
  const [confirmable, setConfirmable] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    api
      .call('app.info', {})
      .then((info) => live && setBrowserHost(info.uploads))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const adopt = (picked: PickedFolder | null) => {
    if (picked) onChange({ grant: picked.folder, path: picked.path })
    setTyping(false)
    setConfirmable(null)
  }

  const pick = async (input: { path?: string; confirmPath?: string }) => {
    setError(null)
    try {
      adopt(await api.call('files.pickFolder', input))
    } catch (caught) {
      const answer = caught instanceof AppError && caught.code === 'CONFIRMATION_REQUIRED' ? caught.details?.resolvedPath : undefined
      if (answer) setConfirmable(answer)
      else setError(caught)
    }
  }

  const guess = folder ? `${folder.path.replace(/[\\/]+$/, '')}/${relativePath.replace(/^\.\//, '')}` : null
  return (
    <div className="field conn-relative" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="field-label">
        Folder for relative paths
      </span>
      <div className="row">
        <span className="mono conn-relative-folder" aria-label="Folder for relative paths">
          {folder ? folder.path : "Rowboat's own folder"}
        </span>
        {browserHost === false && (
          <Button small onClick={() => void pick({})}>
            Choose folder…
          </Button>
        )}
        {browserHost === true && (
          <Button small aria-expanded={typing} onClick={() => (setTyping(!typing), setConfirmable(null))}>
            Choose folder…
          </Button>
        )}
        {folder && (
          <Button small variant="ghost" onClick={() => onChange(null)}>
            Use Rowboat's own folder
          </Button>
        )}
      </div>
      <span className="field-help">
        {resolvedPath ? (
          <>
            <span className="mono">{relativePath}</span> resolves to <span className="mono conn-resolved-path">{resolvedPath}</span>
            {pathNote ? ` — ${pathNote}` : ''}.
          </>
        ) : guess ? (
          <>
            <span className="mono">{relativePath}</span> resolves in <span className="mono">{folder?.path}</span> (
            <span className="mono">{guess}</span>, or its <span className="mono">instance/</span> subfolder for a Flask app); Test
            connection shows the exact file.
          </>
        ) : (
          <>
            <span className="mono">{relativePath}</span> is relative: for a Flask app choose its project folder (the file is looked for in{' '}
            <span className="mono">instance/</span> too). Test connection shows the exact file.
          </>
        )}
      </span>
      {typing && browserHost && (
        <div className="row conn-relative-typed">
          <input
            aria-label="Folder on this computer"
            className="mono grow"
            value={typed}
            placeholder="/home/me/my-flask-app"
            onChange={(event) => (setTyped(event.target.value), setConfirmable(null))}
          />
          {confirmable === null ? (
            <Button small disabled={typed.trim() === ''} onClick={() => void pick({ path: typed })}>
              Look at this folder
            </Button>
          ) : (
            <Button small variant="primary" onClick={() => void pick({ path: typed, confirmPath: confirmable })}>
              Use {confirmable}
            </Button>
          )}
        </div>
      )}
      {error !== null && <ErrorNote error={error} title="Could not use that folder" />}
    </div>
  )
}
