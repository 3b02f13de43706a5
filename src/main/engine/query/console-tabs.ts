import { randomUUID } from 'node:crypto'
import type { ConsoleTab, SavedQuery } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { ConsoleFiles, StoredTab } from './history'

/**
 * A connection's Query tabs and saved queries in its console file (history.ts). Only the text and
 * the settings are kept; whether a transaction is open is the engine's to say (tab-connections.ts).
 */
const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12)

export const withState = (tab: StoredTab, transactionOpen: boolean): ConsoleTab => ({ ...tab, transactionOpen })

export function listTabs(files: ConsoleFiles, connection: string): StoredTab[] {
  return files.read(connection).tabs
}

/** A new tab after the others, named "Query N" with N one more than the highest in use. */
export function newTab(files: ConsoleFiles, connection: string): StoredTab {
  return files.update(connection, (file) => {
    const used = file.tabs.map((t) => Number(/^Query (\d+)$/.exec(t.title)?.[1] ?? 0))
    const tab: StoredTab = { id: shortId(), title: `Query ${Math.max(0, ...used) + 1}`, text: '', timeoutSeconds: null, mode: 'auto' }
    return { file: { ...file, tabs: [...file.tabs, tab] }, answer: tab }
  })
}

export function findTab(files: ConsoleFiles, connection: string, tabId: string): StoredTab {
  const tab = listTabs(files, connection).find((t) => t.id === tabId)
  if (!tab)
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'That Query tab is not open any more.',
      hint: 'Open a new Query tab.',
      field: 'tabId',
    })
  return tab
}

export function updateTab(files: ConsoleFiles, connection: string, tabId: string, change: Partial<Omit<StoredTab, 'id'>>): StoredTab {
  findTab(files, connection, tabId)
  return files.update(connection, (file) => {
    const tabs = file.tabs.map((t) => (t.id === tabId ? { ...t, ...change } : t))
    return { file: { ...file, tabs }, answer: tabs.find((t) => t.id === tabId)! }
  })
}

export function removeTab(files: ConsoleFiles, connection: string, tabId: string): boolean {
  return files.update(connection, (file) => ({
    file: { ...file, tabs: file.tabs.filter((t) => t.id !== tabId) },
    answer: file.tabs.some((t) => t.id === tabId),
  }))
}

/** Saved queries, by name (case-insensitive). */
export function listSaved(files: ConsoleFiles, connection: string): SavedQuery[] {
  return [...files.read(connection).saved].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0

/** Saves under a name; saving again under a name in use replaces that query's text. */
export function saveQuery(files: ConsoleFiles, connection: string, name: string, sql: string): SavedQuery {
  return files.update(connection, (file) => {
    const existing = file.saved.find((q) => sameName(q.name, name))
    const query: SavedQuery = { id: existing?.id ?? shortId(), name, sql, savedAt: new Date().toISOString() }
    const saved = existing ? file.saved.map((q) => (q.id === existing.id ? query : q)) : [...file.saved, query]
    return { file: { ...file, saved }, answer: query }
  })
}

export function renameSaved(files: ConsoleFiles, connection: string, id: string, name: string): SavedQuery {
  return files.update(connection, (file) => {
    const query = file.saved.find((q) => q.id === id)
    if (!query) throw new AppError({ code: 'NOT_FOUND', message: 'That saved query is not there any more.', field: 'id' })
    if (file.saved.some((q) => q.id !== id && sameName(q.name, name)))
      throw new AppError({
        code: 'VALIDATION',
        message: `A saved query is already called “${name}”.`,
        hint: 'Choose another name.',
        field: 'name',
      })
    const renamed = { ...query, name, savedAt: new Date().toISOString() }
    return { file: { ...file, saved: file.saved.map((q) => (q.id === id ? renamed : q)) }, answer: renamed }
  })
}

export function deleteSaved(files: ConsoleFiles, connection: string, id: string): boolean {
  return files.update(connection, (file) => ({
    file: { ...file, saved: file.saved.filter((q) => q.id !== id) },
    answer: file.saved.some((q) => q.id === id),
  }))
}
