import { defaultKeymap, history, historyKeymap, toggleComment } from '@codemirror/commands'
import { MariaSQL, PostgreSQL, sql, SQLite, type SQLNamespace } from '@codemirror/lang-sql'
import { Compartment, EditorState, Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { Dialect } from '../../../../shared/connection-types'
import { historyInsertion } from './history-insert'
import { sqlTheme } from './sql-theme'

const DIALECTS = { sqlite: SQLite, mysql: MariaSQL, postgres: PostgreSQL } as const

export interface EditorCommands {
  /** The statement under the cursor, or the selection (offsets into the text). */
  runCurrent(range: { from: number; to: number }): void
  runAll(): void
  cancel(): void
  changed(text: string): void
  /** The selection (or cursor) moved: offsets into the text. */
  selected?(range: { from: number; to: number }): void
}

interface Props {
  dialect: Dialect
  initialText: string
  /** Table → columns, for completion. */
  schema: SQLNamespace
  commands: EditorCommands
  /** Where to put the cursor (an error's position), when it changes. */
  focusOffset: number | null
  /** A History entry to put in (see historyInsertion); a new `key` puts the same text in again. */
  insert: { text: string; key: number } | null
}

/**
 * CodeMirror 6 with the dialect's SQL (highlighting, keywords, table and column completion),
 * bracket matching, comment toggling and search from the basic setup. Ctrl/Cmd+Enter runs the
 * statement under the cursor (or the selection), Ctrl/Cmd+Shift+Enter runs all, Esc cancels.
 */
export function SqlEditor({ dialect, initialText, schema, commands, focusOffset, insert }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const language = useRef(new Compartment())
  const latest = useRef(commands)
  // The key bindings are made once; they call whatever commands the latest render gave.
  useLayoutEffect(() => {
    latest.current = commands
  })

  useEffect(() => {
    if (!host.current) return
    const runKeys = Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: (v) => {
            const { from, to } = v.state.selection.main
            latest.current.runCurrent({ from, to })
            return true
          },
        },
        { key: 'Mod-Shift-Enter', run: () => (latest.current.runAll(), true) },
        { key: 'Escape', run: () => (latest.current.cancel(), false) },
        { key: 'Mod-/', run: toggleComment },
      ]),
    )
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          runKeys,
          basicSetup,
          sqlTheme,
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          language.current.of(sql({ dialect: DIALECTS[dialect], schema, upperCaseKeywords: true })),
          EditorView.contentAttributes.of({ 'aria-label': 'SQL' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.changed(update.state.doc.toString())
            if (update.docChanged || update.selectionSet) {
              const { from, to } = update.state.selection.main
              latest.current.selected?.({ from, to })
            }
          }),
        ],
      }),
    })
    view.current = editor
    editor.focus()
    return () => {
      editor.destroy()
      view.current = null
    }
    // The editor is made once per mount; text and language changes go through transactions below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: DIALECTS[dialect], schema, upperCaseKeywords: true })) })
  }, [dialect, schema])

  useEffect(() => {
    const editor = view.current
    if (!editor || focusOffset === null) return
    const at = Math.min(focusOffset, editor.state.doc.length)
    editor.dispatch({ selection: { anchor: at }, scrollIntoView: true })
    editor.focus()
  }, [focusOffset])

  useEffect(() => {
    const editor = view.current
    if (!editor || insert === null) return
    const change = historyInsertion(editor.state.doc.toString(), editor.state.selection.main, insert.text)
    // One transaction, so a single undo takes the entry out again.
    editor.dispatch({
      changes: { from: change.from, to: change.to, insert: change.insert },
      selection: { anchor: change.cursor },
      scrollIntoView: true,
      userEvent: 'input.paste',
    })
    editor.focus()
  }, [insert])

  return <div className="sql-editor" ref={host} />
}
