/** How a History entry goes into the editor: one change and where the cursor lands after it. */
export interface Insertion {
  from: number
  to: number
  insert: string
  /** The cursor after the change: the end of the inserted statement. */
  cursor: number
}

/**
 * A selection is replaced by the entry (as in any editor); with only a cursor, the entry goes in on
 * a line of its own there, so the statement around the cursor is left whole and the entry stays a
 * separate statement for Ctrl/Cmd+Enter (what TablePlus and Beekeeper users expect).
 */
export function historyInsertion(doc: string, selection: { from: number; to: number }, entry: string): Insertion {
  const from = Math.min(selection.from, selection.to)
  const to = Math.max(selection.from, selection.to)
  if (from !== to) return { from, to, insert: entry, cursor: from + entry.length }
  const before = from > 0 && doc[from - 1] !== '\n' ? '\n' : ''
  const after = from < doc.length && doc[from] !== '\n' ? '\n' : ''
  return { from, to, insert: `${before}${entry}${after}`, cursor: from + before.length + entry.length }
}
