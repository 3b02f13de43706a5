import { useId, useRef, useState } from 'react'
import type { AppInfo, ImportSource } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { formatBytes } from './transfer-format'
import { sendFile } from './upload'

/** The contract's cap on a `{ text }` source (pasted text). */
const TEXT_LIMIT = 64 * 1024 * 1024
/** Pasted text above this goes up as a file in the browser host: inspecting re-reads the source on every change. */
const PASTE_AS_FILE = 1024 * 1024

interface Upload {
  name: string
  sent: number
  total: number
}

export interface SourcePickerProps {
  info: AppInfo | null
  label: string
  disabled: boolean
  onSource(source: ImportSource, label: string, decoded: boolean): Promise<void>
}

/**
 * Where the CSV comes from: a file or pasted text. The page never reads a file's content nor names
 * a path: in the browser host the file is streamed up to the host (never read whole in the page)
 * and the host answers a handle; in the desktop app the main process shows its Open dialog and
 * streams the chosen file from disk itself.
 */
export function SourcePicker({ info, label, disabled, onSource }: SourcePickerProps) {
  const id = useId()
  const [mode, setMode] = useState<'file' | 'paste'>('file')
  const [text, setText] = useState('')
  const [upload, setUpload] = useState<Upload | null>(null)
  const [error, setError] = useState<unknown>(null)
  const lastShown = useRef(0)

  const send = async (file: File) => {
    const started: Upload = { name: file.name, sent: 0, total: file.size }
    setUpload(started)
    lastShown.current = 0
    const picked = await sendFile(file, (sent) => {
      // Chunks arrive often; the bar needs a new width a few times a second, not per chunk.
      const now = performance.now()
      if (now - lastShown.current < 100 && sent < file.size) return
      lastShown.current = now
      setUpload({ ...started, sent })
    })
    return picked
  }

  const chooseFile = async (file: File | undefined) => {
    if (!file || !info?.uploads) return
    setError(null)
    try {
      const picked = await send(file)
      setUpload(null)
      await onSource({ file: picked.file }, `${picked.name} · ${formatBytes(picked.bytes)}`, false)
    } catch (failure) {
      setError(failure)
    } finally {
      setUpload(null)
    }
  }

  const pickInMain = async () => {
    setError(null)
    try {
      const picked = await api.call('files.pickImport', {})
      if (picked) await onSource({ file: picked.file }, `${picked.name} · ${formatBytes(picked.bytes)}`, false)
    } catch (failure) {
      setError(failure)
    }
  }

  const submitPasted = async () => {
    setError(null)
    try {
      if (info?.uploads && text.length > PASTE_AS_FILE) {
        const picked = await send(new File([text], 'pasted.csv', { type: 'text/csv' }))
        setUpload(null)
        await onSource({ file: picked.file }, `pasted text · ${formatBytes(picked.bytes)}`, true)
      } else {
        if (text.length > TEXT_LIMIT) throw tooBig('The pasted text')
        await onSource({ text }, `pasted text · ${formatBytes(new Blob([text]).size)}`, true)
      }
    } catch (failure) {
      setError(failure)
    } finally {
      setUpload(null)
    }
  }

  return (
    <fieldset className="transfer-fieldset" disabled={disabled || upload !== null}>
      <legend>Source</legend>
      <div className="transfer-choice" role="radiogroup" aria-label="Read the CSV from">
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'file'} onChange={() => setMode('file')} /> A CSV file
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'paste'} onChange={() => setMode('paste')} /> Pasted CSV text
        </label>
      </div>
      {mode === 'file' ? (
        info && !info.uploads ? (
          <div className="field">
            {/* Desktop app: the main process shows the Open dialog and reads the file from disk itself. */}
            <Button onClick={() => void pickInMain()}>Choose a CSV file…</Button>
          </div>
        ) : (
          <div className="field">
            {/* The native control's "No file chosen" would contradict the file being read: a button-like label stands in. */}
            <input
              id={`${id}-file`}
              className="sr-only transfer-file-input"
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              disabled={!info}
              onChange={(event) => {
                const file = event.target.files?.[0]
                // Cleared so choosing the same file again (after editing it) reads it again.
                event.target.value = ''
                void chooseFile(file)
              }}
            />
            <label htmlFor={`${id}-file`} className="btn transfer-file-button">
              Choose a CSV file…
            </label>
          </div>
        )
      ) : (
        <>
          <Field label="CSV text" help="The first row may hold the column names.">
            <textarea
              className="transfer-paste"
              rows={6}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </Field>
          <Button small onClick={() => void submitPasted()} disabled={text.trim() === ''}>
            Read this text
          </Button>
        </>
      )}
      {upload && (
        <div className="transfer-upload">
          <progress max={upload.total || 1} value={upload.sent} aria-label={`Uploading ${upload.name}`} />
          <span role="status">
            Uploading {upload.name}… {upload.total > 0 ? Math.floor((upload.sent / upload.total) * 100) : 0}%
          </span>
        </div>
      )}
      {label && !upload && (
        <p className="transfer-source-label">
          Reading <strong>{label}</strong>
        </p>
      )}
      {error !== null && <ErrorNote error={error} title="Could not read the CSV" />}
    </fieldset>
  )
}

function tooBig(what: string): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: `${what} is larger than 64 MB, more than the app can take as text.`,
    hint: 'Save it as a file and import the file, which is streamed whatever its size.',
  })
}
