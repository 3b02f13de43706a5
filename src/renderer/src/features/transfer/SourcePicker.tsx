import { useId, useRef, useState } from 'react'
import type { AppInfo, ImportSource } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Field } from '../../components/Field'
import { formatBytes } from './transfer-format'
import { sendFile } from './upload'

/** The contract's cap on a `{ text }` source (a file the desktop app reads, or pasted text). */
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
 * Where the CSV comes from: a file or pasted text. In the browser host a file is sent up to the
 * host (streamed from disk, never read whole in the page); the desktop app reads it here and sends
 * it as text (up to the contract's 64 MB).
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
    const { path, bytes } = await sendFile(file, (sent) => {
      // Chunks arrive often; the bar needs a new width a few times a second, not per chunk.
      const now = performance.now()
      if (now - lastShown.current < 100 && sent < file.size) return
      lastShown.current = now
      setUpload({ ...started, sent })
    })
    return { path, bytes }
  }

  const chooseFile = async (file: File | undefined) => {
    if (!file || !info) return
    setError(null)
    try {
      if (info.uploads) {
        const { path, bytes } = await send(file)
        setUpload(null)
        await onSource({ path }, `${file.name} · ${formatBytes(bytes)}`, false)
      } else {
        const { text: decoded, encoding } = await readDecoded(file)
        await onSource({ text: decoded }, `${file.name} · ${formatBytes(file.size)} · read as ${encoding}`, true)
      }
    } catch (failure) {
      setError(failure)
    } finally {
      setUpload(null)
    }
  }

  const submitPasted = async () => {
    setError(null)
    try {
      if (info?.uploads && text.length > PASTE_AS_FILE) {
        const { path, bytes } = await send(new File([text], 'pasted.csv', { type: 'text/csv' }))
        setUpload(null)
        await onSource({ path }, `pasted text · ${formatBytes(bytes)}`, true)
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
        <div className="field">
          {/* The native control's "No file chosen" would contradict the file being read: a button-like label stands in. */}
          <input
            id={`${id}-file`}
            className="sr-only transfer-file-input"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            disabled={!info}
            aria-describedby={info && !info.uploads ? `${id}-file-help` : undefined}
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
          {info && !info.uploads && (
            <span id={`${id}-file-help`} className="field-help">
              The desktop app reads files of up to 64 MB.
            </span>
          )}
        </div>
      ) : (
        <>
          <Field label="CSV text" help="The first row may hold the column names.">
            <textarea className="transfer-paste" rows={6} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} />
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
    hint: 'Split the file, or import it in the browser host (npm run serve), which streams files of any size.',
  })
}

/** Desktop app: the file as text. UTF-8 when it is valid UTF-8 (a BOM is dropped), else Latin-1 (Windows-1252). */
async function readDecoded(file: File): Promise<{ text: string; encoding: string }> {
  if (file.size > TEXT_LIMIT) throw tooBig(`${file.name} (${formatBytes(file.size)})`)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Latin-1 (Windows-1252)' }
  }
}
