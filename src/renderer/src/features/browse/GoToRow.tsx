import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { Field } from '../../components/Field'

/** "Go to row N" (Ctrl/Cmd+G): a row number of the selection, 1-based, as the status line counts. */
export function GoToRow({ open, rowCount, onClose, onGo }: { open: boolean; rowCount: number; onClose(): void; onGo(row: number): void }) {
  const [text, setText] = useState('')
  useEffect(() => {
    if (open) setText('')
  }, [open])
  const n = Number(text)
  const valid = /^\d+$/.test(text.trim()) && n >= 1 && n <= Math.max(1, rowCount)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) onGo(n)
  }
  return (
    <Dialog open={open} onClose={onClose} title="Go to row" label="Go to row">
      <form onSubmit={submit}>
        <Field
          label="Row number"
          help={`1 to ${Math.max(1, rowCount).toLocaleString()}`}
          error={text && !valid ? 'A row number within the table.' : null}
        >
          <input
            type="number"
            min={1}
            max={Math.max(1, rowCount)}
            value={text}
            autoFocus
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <div className="row">
          <Button type="submit" variant="primary" disabled={!valid}>
            Go
          </Button>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
