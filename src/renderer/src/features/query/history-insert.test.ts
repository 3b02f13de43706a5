import { describe, expect, it } from 'vitest'
import { historyInsertion } from './history-insert'

/** Applies the change the way the editor does, and marks the cursor with `|`. */
function apply(doc: string, selection: { from: number; to: number }, entry: string): string {
  const change = historyInsertion(doc, selection, entry)
  const next = doc.slice(0, change.from) + change.insert + doc.slice(change.to)
  return `${next.slice(0, change.cursor)}|${next.slice(change.cursor)}`
}

describe('historyInsertion', () => {
  it('fills an empty editor', () => {
    expect(apply('', { from: 0, to: 0 }, 'SELECT 1')).toBe('SELECT 1|')
  })

  it('replaces the selection, in either direction', () => {
    expect(apply('SELECT 2; SELECT 3', { from: 0, to: 8 }, 'SELECT 1')).toBe('SELECT 1|; SELECT 3')
    expect(apply('SELECT 2; SELECT 3', { from: 8, to: 0 }, 'SELECT 1')).toBe('SELECT 1|; SELECT 3')
  })

  it('puts the entry on a new line after text the cursor ends', () => {
    expect(apply('SELECT 2;', { from: 9, to: 9 }, 'SELECT 1')).toBe('SELECT 2;\nSELECT 1|')
  })

  it('keeps the text after a cursor in the middle of a line on its own line', () => {
    expect(apply('SELECT 2; SELECT 3', { from: 10, to: 10 }, 'SELECT 1')).toBe('SELECT 2; \nSELECT 1|\nSELECT 3')
  })

  it('adds no blank line at the start of a line or before a line break', () => {
    expect(apply('SELECT 2;\n', { from: 10, to: 10 }, 'SELECT 1')).toBe('SELECT 2;\nSELECT 1|')
    expect(apply('SELECT 2;\n\nSELECT 3', { from: 10, to: 10 }, 'SELECT 1')).toBe('SELECT 2;\nSELECT 1|\nSELECT 3')
    expect(apply('SELECT 3', { from: 0, to: 0 }, 'SELECT 1')).toBe('SELECT 1|\nSELECT 3')
  })
})
