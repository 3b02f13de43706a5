import type { KeyboardEvent, MouseEvent } from 'react'
import { Button } from '../../components/Button'
import { canStep, EMPTY_STRIP, type WorkspaceTab } from '../../stores/tab-strip'
import { useWorkspaceStore } from '../../stores/workspace'
import { stepBack } from '../browse/navigation'
import { panelOf, titleOf } from './panels'
import './workspace.css'

/**
 * The session's open tabs in one strip, with Back/Forward for the active one. A tab closes with its
 * × button, a middle click, or Ctrl/Cmd+W (useWorkspaceKeys); arrows move between tabs.
 */
export function TabStrip() {
  const strip = useWorkspaceStore((state) => (state.sessionId ? (state.strips[state.sessionId] ?? EMPTY_STRIP) : EMPTY_STRIP))
  const { activate, closeTab } = useWorkspaceStore.getState()
  if (strip.tabs.length === 0) return null

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0 || event.altKey) return
    event.preventDefault()
    const index = strip.tabs.findIndex((t) => t.id === strip.activeId)
    const next = strip.tabs[(index + step + strip.tabs.length) % strip.tabs.length]
    void activate(next.id).then((moved) => moved && document.getElementById(domId(next))?.focus())
  }

  return (
    <div className="tab-strip">
      <Button variant="ghost" small aria-label="Back" title="Back (Alt+←)" disabled={!canStep(strip, -1)} onClick={() => void stepBack(-1)}>
        ←
      </Button>
      <Button
        variant="ghost"
        small
        aria-label="Forward"
        title="Forward (Alt+→)"
        disabled={!canStep(strip, 1)}
        onClick={() => void stepBack(1)}
      >
        →
      </Button>
      <div role="tablist" aria-label="Open tabs" className="tab-strip-tabs" onKeyDown={onKeyDown}>
        {strip.tabs.map((tab) => (
          <StripTab
            key={tab.id}
            tab={tab}
            active={tab.id === strip.activeId}
            onActivate={() => void activate(tab.id)}
            onClose={() => void closeTab(tab.id)}
          />
        ))}
      </div>
    </div>
  )
}

const domId = (tab: WorkspaceTab) => `workspace-${tab.id}`

function StripTab({ tab, active, onActivate, onClose }: { tab: WorkspaceTab; active: boolean; onActivate(): void; onClose(): void }) {
  const title = titleOf(tab.view)
  const preload = panelOf(tab.view.kind).preload
  // A middle click closes, as in a browser; its default (autoscroll) is not wanted here.
  const onAuxClick = (event: MouseEvent) => {
    if (event.button !== 1) return
    event.preventDefault()
    onClose()
  }
  return (
    <span
      className={`strip-tab${active ? ' strip-tab-active' : ''}`}
      data-kind={tab.view.kind}
      onAuxClick={onAuxClick}
      onMouseDown={(e) => e.button === 1 && e.preventDefault()}
    >
      <button
        id={domId(tab)}
        type="button"
        role="tab"
        aria-selected={active}
        tabIndex={active ? 0 : -1}
        className="strip-tab-name"
        onClick={onActivate}
        onPointerEnter={preload}
        title={title}
      >
        {title}
      </button>
      <button
        type="button"
        className="strip-tab-close"
        aria-label={`Close ${title}`}
        title="Close (Ctrl+W)"
        tabIndex={-1}
        onClick={onClose}
      >
        ×
      </button>
    </span>
  )
}
