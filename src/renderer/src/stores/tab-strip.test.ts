import { describe, expect, it } from 'vitest'
import {
  activateTab,
  closeTab,
  cycleTab,
  EMPTY_STRIP,
  followInTab,
  HISTORY_LIMIT,
  openTab,
  restoreStrip,
  saveStrip,
  setActiveView,
  setTabView,
  stepHistory,
  type TabStrip,
  type TabView,
} from './tab-strip'
const queryView = { kind: 'query', tabId: 'q1', title: 'Query 1' } as const

const table = (name: string, tab: 'data' | 'structure' = 'data'): TabView => ({ kind: 'table', table: name, tab })
const names = (strip: TabStrip) => strip.tabs.map((t) => (t.view.kind === 'table' ? t.view.table : t.view.kind))
const active = (strip: TabStrip) => strip.tabs.find((t) => t.id === strip.activeId)?.view
let n = 0
const id = () => `t${++n}`

function strip(...views: TabView[]): TabStrip {
  return views.reduce((s, v) => openTab(s, v, id()), EMPTY_STRIP)
}

describe('tab strip', () => {
  it('opens a new tab right after the active one, and reuses the tab already showing a table or panel', () => {
    let s = strip(table('users'), table('posts'))
    s = activateTab(s, s.tabs[0].id)
    s = openTab(s, queryView, id())
    expect(names(s)).toEqual(['users', 'query', 'posts'])
    s = openTab(s, { kind: 'transfer', table: 'users' }, id())
    s = openTab(s, { kind: 'transfer', table: 'posts' }, id())
    expect(names(s)).toEqual(['users', 'query', 'transfer', 'posts'])
    expect(active(s)).toEqual({ kind: 'transfer', table: 'posts' })
  })

  it('opening a table again keeps its Structure sub-view', () => {
    let s = strip(table('users'))
    s = setActiveView(s, table('users', 'structure'))
    s = openTab(s, queryView, id())
    s = openTab(s, table('users'), id())
    expect(active(s)).toEqual(table('users', 'structure'))
  })

  it('closing the active tab activates its right neighbour, or the left one at the end; the last close leaves none', () => {
    let s = strip(table('a'), table('b'), table('c'))
    s = activateTab(s, s.tabs[1].id)
    s = closeTab(s, s.activeId!)
    expect(names(s)).toEqual(['a', 'c'])
    expect(active(s)).toEqual(table('c'))
    s = closeTab(s, s.activeId!)
    expect(active(s)).toEqual(table('a'))
    // Closing a background tab keeps the active one.
    s = openTab(s, table('d'), id())
    s = closeTab(s, s.tabs[0].id)
    expect(active(s)).toEqual(table('d'))
    s = closeTab(s, s.activeId!)
    expect(s).toEqual({ tabs: [], activeId: null })
    expect(closeTab(s, 'nope')).toBe(s)
  })

  it('cycles both ways, wrapping around', () => {
    let s = strip(table('a'), table('b'), table('c'))
    expect(active(cycleTab(s, 1))).toEqual(table('a'))
    s = cycleTab(s, -1)
    expect(active(s)).toEqual(table('b'))
    expect(cycleTab(EMPTY_STRIP, 1)).toBe(EMPTY_STRIP)
  })

  it('follows links inside the active tab with Back and Forward; a new link clears Forward', () => {
    let s = strip(table('users'))
    s = followInTab(s, table('posts'), null, id())
    s = followInTab(s, table('notes'), null, id())
    expect(names(s)).toEqual(['notes'])
    s = stepHistory(s, -1, null)
    s = stepHistory(s, -1, null)
    expect(active(s)).toEqual(table('users'))
    expect(stepHistory(s, -1, null)).toBe(s)
    s = stepHistory(s, 1, null)
    expect(active(s)).toEqual(table('posts'))
    s = followInTab(s, table('comments'), null, id())
    expect(stepHistory(s, 1, null)).toBe(s)
    s = stepHistory(s, -1, null)
    expect(active(s)).toEqual(table('posts'))
  })

  it('keeps the view as it stood (its query) on the Back list, and only so many steps', () => {
    const filtered: TabView = { kind: 'table', table: 'users', tab: 'data', query: { sort: [], filters: [], search: 'bob' } }
    let s = strip(table('users'))
    s = followInTab(s, table('posts'), filtered, id())
    s = stepHistory(s, -1, null)
    expect(active(s)).toEqual(filtered)
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) s = followInTab(s, table(`t${i}`), null, id())
    expect(s.tabs[0].back).toHaveLength(HISTORY_LIMIT)
  })

  it('with no tab yet, following a link opens one', () => {
    expect(names(followInTab(EMPTY_STRIP, table('users'), null, id()))).toEqual(['users'])
  })

  it('saves the views and the active tab only (no history, no filter values), and restores only what it can read', () => {
    let s = strip(table('users'), queryView)
    s = followInTab(
      s,
      {
        kind: 'table',
        table: 'posts',
        tab: 'structure',
        query: { sort: [], filters: [{ column: 'x', op: 'eq', value: 'secret' }], search: '' },
      },
      null,
      id(),
    )
    const saved = saveStrip(s)
    expect(saved).toEqual({ views: [table('users'), { kind: 'table', table: 'posts', tab: 'structure' }], active: 1 })
    expect(JSON.stringify(saved)).not.toContain('secret')
    const back = restoreStrip(JSON.parse(JSON.stringify(saved)), id)
    expect(names(back)).toEqual(['users', 'posts'])
    expect(active(back)).toEqual({ kind: 'table', table: 'posts', tab: 'structure' })
    expect(back.tabs.every((t) => t.back.length === 0)).toBe(true)

    expect(restoreStrip(null, id)).toEqual(EMPTY_STRIP)
    expect(restoreStrip({ views: 'x' }, id)).toEqual(EMPTY_STRIP)
    const odd = restoreStrip(
      { views: [{ kind: 'table', table: 5 }, { kind: 'shell' }, { kind: 'migrations' }, { kind: 'transfer', table: null }], active: 7 },
      id,
    )
    expect(names(odd)).toEqual(['migrations', 'transfer'])
    expect(active(odd)).toEqual({ kind: 'migrations' })
  })

  it('a record form is a tab per record (each new one its own); its key is kept, never its label or an uncreated draft', () => {
    const alice: TabView = { kind: 'form', table: 'users', key: { id: 1 }, label: 'User: alice' }
    let s = strip(table('users'), alice, { kind: 'form', table: 'users', key: { id: 1 } })
    // Opened again: the same tab, as it was (its name kept).
    expect(active(s)).toEqual(alice)
    s = openTab(s, { kind: 'form', table: 'users', key: null, draft: 'd1' }, id())
    s = openTab(s, { kind: 'form', table: 'users', key: null, draft: 'd2' }, id())
    expect(s.tabs).toHaveLength(4)
    // A created record: the tab's view takes its key in place.
    s = setTabView(s, s.tabs[3].id, { kind: 'form', table: 'users', key: { id: 12 }, draft: 'd2' })
    s = activateTab(s, s.tabs[1].id)
    const saved = saveStrip(s)
    expect(saved).toEqual({
      views: [table('users'), { kind: 'form', table: 'users', key: { id: 1 } }, { kind: 'form', table: 'users', key: { id: 12 } }],
      active: 1,
    })
    const back = restoreStrip(JSON.parse(JSON.stringify(saved)), id)
    expect(active(back)).toEqual({ kind: 'form', table: 'users', key: { id: 1 } })
    // A key that is not plain values (binary, a hand edit) is not trusted.
    const odd = restoreStrip(
      {
        views: [
          { kind: 'form', table: 'users', key: { id: { base64: 'AA==' } } },
          { kind: 'form', table: 'users', key: {} },
        ],
        active: 0,
      },
      id,
    )
    expect(odd).toEqual({ tabs: [], activeId: null })
  })
})
