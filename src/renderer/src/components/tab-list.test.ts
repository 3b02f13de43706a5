import type { KeyboardEvent } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tabListControls } from './tab-list'

const TABS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }] as const
type Tab = (typeof TABS)[number]['id']

function press(key: string, current: Tab) {
  const focused: string[] = []
  // The unit project runs in Node: a stand-in document records which tab would get focus.
  vi.stubGlobal('document', { getElementById: (id: string) => ({ focus: () => focused.push(id) }) })
  const chosen: Tab[] = []
  const preventDefault = vi.fn()
  tabListControls('t', TABS, current, (tab) => chosen.push(tab)).onKeyDown({ key, preventDefault } as unknown as KeyboardEvent)
  return { chosen, focused, prevented: preventDefault.mock.calls.length > 0 }
}

afterEach(() => vi.unstubAllGlobals())

describe('tabListControls', () => {
  it('moves to the next or previous tab with the arrow keys, wrapping round, and focuses it', () => {
    expect(press('ArrowRight', 'a')).toEqual({ chosen: ['b'], focused: ['t-tab-b'], prevented: true })
    expect(press('ArrowRight', 'c')).toEqual({ chosen: ['a'], focused: ['t-tab-a'], prevented: true })
    expect(press('ArrowLeft', 'a')).toEqual({ chosen: ['c'], focused: ['t-tab-c'], prevented: true })
  })

  it('leaves other keys alone', () => {
    expect(press('Enter', 'a')).toEqual({ chosen: [], focused: [], prevented: false })
  })

  it('keeps only the current tab in the Tab order', () => {
    const { tabProps } = tabListControls('t', TABS, 'b', () => undefined)
    expect(tabProps('b')).toMatchObject({ id: 't-tab-b', role: 'tab', 'aria-selected': true, tabIndex: 0 })
    expect(tabProps('a')).toMatchObject({ id: 't-tab-a', 'aria-selected': false, tabIndex: -1 })
  })
})
