import { useEffect, useRef, useState } from 'react'
import { AppError } from '../../../../shared/errors'
import type { Row } from '../../../../shared/cells'
import { api } from '../../api'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { MenuButton, type MenuButtonHandle } from '../../components/MenuButton'
import type { GridQuery } from '../../stores/browser'
import { useTransferStore } from '../../stores/transfer'
import { useWorkspaceStore } from '../../stores/workspace'
import { plural } from './transfer-format'

type CopyFormat = 'csv' | 'json' | 'sql'
/** transfer.copyRows takes this many rows at most. */
const COPY_LIMIT = 10_000
const COPY_FORMATS: Array<{ format: CopyFormat; label: string }> = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'sql', label: 'SQL INSERT' },
]

export interface GridTransferActionsProps {
  sessionId: string
  table: string
  /** The grid's filters, search and sort: "Export…" offers exactly these rows. */
  query: GridQuery | null
  /** How many rows a copy takes (the selected ones, else the active one). */
  copyCount: number
  /** The rows to copy, read only when asked (the grid's selection can be large). */
  rowsToCopy(): Row[]
}

/** The grid toolbar's "Export…" (this view, on the transfer screen) and "Copy as ▾" (the selected rows). */
export function GridTransferActions({ sessionId, table, query, copyCount, rowsToCopy }: GridTransferActionsProps) {
  const [copying, setCopying] = useState(false)
  const [report, setReport] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const menu = useRef<MenuButtonHandle>(null)
  /** Set when a copy ends: the menu's button takes the focus back once it is enabled again. */
  const refocus = useRef(false)

  // A disabled button cannot take the focus, so this waits for the render that enables it.
  useEffect(() => {
    if (copying || !refocus.current) return
    refocus.current = false
    menu.current?.focusButton()
  }, [copying])

  // A report is news for a moment, not a label that stays.
  useEffect(() => {
    if (!report) return
    const timer = window.setTimeout(() => setReport(null), 5000)
    return () => window.clearTimeout(timer)
  }, [report])

  const exportView = () => {
    useTransferStore
      .getState()
      .handOver({ sessionId, table, filters: query?.filters ?? [], search: query?.search ?? '', sort: query?.sort ?? [] })
    void useWorkspaceStore.getState().navigate({ kind: 'transfer', table })
  }

  const copy = async (format: CopyFormat, label: string) => {
    setError(null)
    setReport(null)
    setCopying(true)
    try {
      const chosen = rowsToCopy()
      if (chosen.length > COPY_LIMIT) {
        throw new AppError({
          code: 'INVALID_INPUT',
          message: `A copy takes at most ${plural(COPY_LIMIT, 'row')}; ${plural(chosen.length, 'row is', 'rows are')} selected.`,
          hint: 'Use Export… for this many rows.',
        })
      }
      const { text, rows } = await api.call('transfer.copyRows', { sessionId, table, rows: chosen, format })
      try {
        await navigator.clipboard.writeText(text)
      } catch {
        throw new AppError({
          code: 'PERMISSION_DENIED',
          message: 'The clipboard refused the text.',
          hint: 'Allow this page to use the clipboard, or try again with the window focused.',
        })
      }
      setReport(`Copied ${plural(rows, 'row')} as ${label}`)
    } catch (failure) {
      setError(failure)
    } finally {
      refocus.current = true
      setCopying(false)
    }
  }

  return (
    <>
      <Button small onClick={exportView} title="Export these rows (with the filters, search and sort shown) as CSV or JSON Lines">
        Export…
      </Button>
      <MenuButton
        ref={menu}
        label="Copy as ▾"
        title="Copy the selected rows (or the active row) to the clipboard"
        disabled={copyCount === 0 || copying}
        listLabel={`Copy ${plural(copyCount, 'row')} as`}
        choices={COPY_FORMATS.map((item) => ({ key: item.format, label: item.label, onChoose: () => void copy(item.format, item.label) }))}
      />
      <span role="status" className="muted">
        {report}
      </span>
      {error !== null && <ErrorNote error={error} title="Could not copy the rows" />}
    </>
  )
}
