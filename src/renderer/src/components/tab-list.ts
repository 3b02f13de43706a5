import type { KeyboardEvent } from 'react'

/**
 * Not a hook (it keeps no state): the keyboard side of a tab list (WAI-ARIA tabs, automatic activation): only the current tab is in
 * the Tab order, and the arrow keys choose the next or previous tab and move focus to it. `idPrefix`
 * names the tabs `${idPrefix}-tab-${tab}`, so a panel can point back at its tab by that id.
 */
export function tabListControls<T extends string>(idPrefix: string, tabs: readonly { id: T }[], current: T, choose: (tab: T) => void) {
  const tabId = (tab: T) => `${idPrefix}-tab-${tab}`

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const index = tabs.findIndex((tab) => tab.id === current)
    const next = tabs[(index + step + tabs.length) % tabs.length].id
    choose(next)
    document.getElementById(tabId(next))?.focus()
  }

  const tabProps = (tab: T) =>
    ({
      id: tabId(tab),
      type: 'button',
      role: 'tab',
      'aria-selected': tab === current,
      tabIndex: tab === current ? 0 : -1,
      onClick: () => choose(tab),
    }) as const

  return { tabId, onKeyDown, tabProps }
}
