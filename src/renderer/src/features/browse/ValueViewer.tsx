import { useMemo, useState } from 'react'
import type { ColumnInfo } from '../../../../shared/contract'
import { isBinaryCell, type Cell } from '../../../../shared/cells'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { formatBytes } from '../edit/staging/values'
import { plural } from '../../text/plural'

export interface ViewedValue {
  column: ColumnInfo
  value: Cell
  /** Which row, in words ("users id = 3"). */
  where: string
}

/** The whole of a long text, JSON (pretty-printed) or binary value (hex and base64), read-only. */
export function ValueViewer({ viewed, onClose }: { viewed: ViewedValue | null; onClose(): void }) {
  const [copied, setCopied] = useState(false)
  const body = useMemo(() => (viewed ? render(viewed) : null), [viewed])
  return (
    <Dialog
      open={viewed !== null}
      onClose={() => {
        setCopied(false)
        onClose()
      }}
      title={viewed ? `${viewed.column.name} · ${viewed.where}` : ''}
      wide
      footer={
        <>
          {copied && (
            <span className="muted" role="status">
              Copied.
            </span>
          )}
          {body?.copy !== undefined && (
            <Button
              onClick={() => {
                void navigator.clipboard
                  ?.writeText(body.copy ?? '')
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false))
              }}
            >
              Copy
            </Button>
          )}
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </>
      }
    >
      {body && (
        <>
          <p className="muted">{body.summary}</p>
          <pre className="value-viewer" tabIndex={0} aria-label={`${viewed?.column.name} value`}>
            {body.text}
          </pre>
        </>
      )}
    </Dialog>
  )
}

function render({ column, value }: ViewedValue): { summary: string; text: string; copy?: string } {
  if (value === null) return { summary: `${column.type}: NULL (no value)`, text: 'NULL' }
  if (isBinaryCell(value)) {
    const bytes = Uint8Array.from(atob(value.base64), (c) => c.charCodeAt(0))
    const shown = bytes.slice(0, 4096)
    const lines: string[] = []
    for (let offset = 0; offset < shown.length; offset += 16) {
      const chunk = Array.from(shown.slice(offset, offset + 16))
      const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ')
      const ascii = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')
      lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`)
    }
    const cut = value.truncated || bytes.length > shown.length
    return {
      summary: `${column.type}: ${formatBytes(value.bytes)}${cut ? `, showing the first ${formatBytes(shown.length)}` : ''}. Copy gives the base64 of what was loaded.`,
      text: lines.join('\n'),
      copy: value.base64,
    }
  }
  const text = String(value)
  if (column.kind === 'json') {
    try {
      return {
        summary: `${column.type}, pretty-printed (${plural(text.length, 'character')})`,
        text: JSON.stringify(JSON.parse(text), null, 2),
        copy: text,
      }
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return { summary: `${column.type}, ${plural([...text].length, 'character')}`, text, copy: text }
}
