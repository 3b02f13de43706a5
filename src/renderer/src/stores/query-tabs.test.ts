import { describe, expect, it } from 'vitest'
import { reconcileQueryTabs } from './query-tabs'
import { EMPTY_STRIP, openTab, type TabStrip } from './tab-strip'

let n = 0
const id = () => `t${++n}`
const shown = (strip: TabStrip) => strip.tabs.map((t) => (t.view.kind === 'query' ? `${t.view.tabId}:${t.view.title}` : t.view.kind))

describe('reconcileQueryTabs', () => {
  it('adds the engine’s tabs the strip lacks, at the end, without moving the focus', () => {
    const strip = openTab(EMPTY_STRIP, { kind: 'migrations' }, id())
    const next = reconcileQueryTabs(
      strip,
      [
        { id: 'a', title: 'Query 1' },
        { id: 'b', title: 'Query 2' },
      ],
      id,
    )
    expect(shown(next)).toEqual(['migrations', 'a:Query 1', 'b:Query 2'])
    expect(next.activeId).toBe(strip.activeId)
  })

  it('drops tabs the engine no longer has, follows its titles, and keeps the others where they are', () => {
    let strip = openTab(EMPTY_STRIP, { kind: 'query', tabId: 'gone', title: 'Query 1' }, id())
    strip = openTab(strip, { kind: 'query', tabId: 'b', title: 'old title' }, id())
    strip = openTab(strip, { kind: 'migrations' }, id())
    const next = reconcileQueryTabs(strip, [{ id: 'b', title: 'Query 2' }], id)
    expect(shown(next)).toEqual(['b:Query 2', 'migrations'])
    expect(next.activeId).toBe(strip.activeId)
  })

  it('activates the first tab when the active one went, and leaves an empty strip empty', () => {
    const strip = openTab(EMPTY_STRIP, { kind: 'query', tabId: 'gone', title: 'Query 1' }, id())
    const next = reconcileQueryTabs(strip, [{ id: 'c', title: 'Query 3' }], id)
    expect(next.activeId).toBe(next.tabs[0].id)
    expect(reconcileQueryTabs(EMPTY_STRIP, [], id)).toEqual({ tabs: [], activeId: null })
  })
})
