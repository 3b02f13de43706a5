import { useEffect, useId, useState } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { useMigrationsStore } from '../../stores/migrations'

/**
 * The Python interpreter a Flask-Migrate / Alembic project's tool runs with, prefilled with the
 * one in use (the project's virtualenv, else /usr/bin/python3). A typed path, like an SSH key's:
 * the main process checks it runs and imports the tool before it keeps it with the source.
 */
export function InterpreterField({ sessionId, interpreter, disabled }: { sessionId: string; interpreter: string; disabled: boolean }) {
  const setInterpreter = useMigrationsStore((state) => state.setInterpreter)
  const [path, setPath] = useState(interpreter)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const id = useId()

  useEffect(() => setPath(interpreter), [interpreter])

  const changed = path.trim() !== '' && path.trim() !== interpreter
  return (
    <form
      className="migrations-source-form"
      onSubmit={(event) => {
        event.preventDefault()
        setBusy(true)
        setError(null)
        setInterpreter(sessionId, path.trim())
          .catch(setError)
          .finally(() => setBusy(false))
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-python`}>Python interpreter</label>
        <input
          id={`${id}-python`}
          className="mono"
          value={path}
          placeholder="/home/me/my-app/.venv/bin/python"
          onChange={(event) => (setPath(event.target.value), setError(null))}
        />
        <span className="field-help">Runs this project's Alembic (flask db / alembic); it must be able to import it.</span>
      </div>
      <Button type="submit" disabled={disabled || busy || !changed}>
        Use this interpreter
      </Button>
      {error !== null && <ErrorNote error={error} title="Could not use that interpreter" />}
    </form>
  )
}
