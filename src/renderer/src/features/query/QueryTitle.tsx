import { useState, type KeyboardEvent } from 'react'
import { Button } from '../../components/Button'

/** The engine's limit on a tab's name (contract/console.ts). */
const TITLE_MAX = 100

/**
 * A Query tab's name, renamed in place: double-click it or press Rename, type, Enter keeps the new
 * name and Esc the old one. A blank name is not a name: the old one stays.
 */
export function QueryTitle({ title, onRename }: { title: string; onRename(title: string): Promise<void> }) {
  const [draft, setDraft] = useState<string | null>(null)

  const finish = async (keep: boolean) => {
    const next = draft?.trim() ?? ''
    setDraft(null)
    if (keep && next !== '' && next !== title) await onRename(next)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void finish(true)
    else if (event.key === 'Escape') {
      // Esc here ends the rename, not a run (the panel's Cancel key).
      event.stopPropagation()
      void finish(false)
    }
  }

  if (draft !== null)
    return (
      <input
        className="query-title-input"
        aria-label="Query tab name"
        value={draft}
        maxLength={TITLE_MAX}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void finish(true)}
      />
    )
  return (
    <>
      <h1 className="query-title" onDoubleClick={() => setDraft(title)} title="Double-click to rename">
        {title}
      </h1>
      <Button small variant="ghost" onClick={() => setDraft(title)} aria-label={`Rename ${title}`}>
        Rename
      </Button>
    </>
  )
}
