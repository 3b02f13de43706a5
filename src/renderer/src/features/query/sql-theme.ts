import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorView } from '@codemirror/view'
import { tags } from '@lezer/highlight'

/**
 * The editor in the app's light and dark themes. Colours are CSS variables (query.css, each a
 * `light-dark()` pair), so the editor follows the theme the page shows — the system's or the app's
 * choice — with no editor reconfiguration when it changes. CodeMirror's default highlight style is
 * made for a light background (its purple keywords and blue numbers are hard to read on dark).
 */
const sqlHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--sql-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--sql-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--sql-number)' },
  { tag: [tags.lineComment, tags.blockComment, tags.comment], color: 'var(--sql-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--sql-type)' },
  { tag: [tags.special(tags.name), tags.quote], color: 'var(--sql-quoted)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--sql-punctuation)' },
])

const chrome = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-activeLine': { backgroundColor: 'var(--sql-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sql-active-line)', color: 'var(--text)' },
  '.cm-gutters': { color: 'var(--text-soft)', borderRight: '1px solid var(--border)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--sql-selection) !important',
  },
  '.cm-matchingBracket': { backgroundColor: 'var(--sql-bracket)', outline: '1px solid var(--border)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
  '.cm-panels': { backgroundColor: 'var(--bg-soft)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--sql-search-match)' },
})

export const sqlTheme = [chrome, syntaxHighlighting(sqlHighlight)]
