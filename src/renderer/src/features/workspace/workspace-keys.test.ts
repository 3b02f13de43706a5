import { describe, expect, it } from 'vitest'
import { workspaceKey, type KeyLike } from './workspace-keys'

const press = (key: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

describe('workspace keys', () => {
  it('closes the tab with Ctrl+W, Cmd+W or Alt+W, not with Ctrl+Alt+W or Ctrl+Shift+W', () => {
    expect(workspaceKey(press('w', { ctrlKey: true }), false)).toBe('close')
    expect(workspaceKey(press('W', { metaKey: true }), true)).toBe('close')
    expect(workspaceKey(press('w', { altKey: true }), false)).toBe('close')
    expect(workspaceKey(press('w', { ctrlKey: true, altKey: true }), false)).toBeNull()
    expect(workspaceKey(press('w', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
    expect(workspaceKey(press('w'), false)).toBeNull()
  })

  it('opens a new Query tab with Ctrl/Cmd+T or Alt+T, also while typing; not with Shift', () => {
    expect(workspaceKey(press('t', { ctrlKey: true }), true)).toBe('newQuery')
    expect(workspaceKey(press('T', { metaKey: true }), false)).toBe('newQuery')
    expect(workspaceKey(press('t', { altKey: true }), false)).toBe('newQuery')
    expect(workspaceKey(press('t', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
    expect(workspaceKey(press('t'), true)).toBeNull()
  })

  it('cycles with Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PageDown / PageUp; a plain Tab is focus', () => {
    expect(workspaceKey(press('Tab', { ctrlKey: true }), false)).toBe('next')
    expect(workspaceKey(press('Tab', { ctrlKey: true, shiftKey: true }), false)).toBe('previous')
    expect(workspaceKey(press('PageDown', { ctrlKey: true }), false)).toBe('next')
    expect(workspaceKey(press('PageUp', { metaKey: true }), false)).toBe('previous')
    expect(workspaceKey(press('Tab'), false)).toBeNull()
    expect(workspaceKey(press('PageDown'), false)).toBeNull()
  })

  it('steps back and forward with Alt+arrows, except while typing in a field', () => {
    expect(workspaceKey(press('ArrowLeft', { altKey: true }), false)).toBe('back')
    expect(workspaceKey(press('ArrowRight', { altKey: true }), false)).toBe('forward')
    expect(workspaceKey(press('ArrowLeft', { altKey: true }), true)).toBeNull()
    expect(workspaceKey(press('ArrowLeft'), false)).toBeNull()
    expect(workspaceKey(press('ArrowLeft', { altKey: true, shiftKey: true }), false)).toBeNull()
  })

  it('opens the shortcuts sheet on ? outside text fields', () => {
    expect(workspaceKey(press('?', { shiftKey: true }), false)).toBe('shortcuts')
    expect(workspaceKey(press('?', { shiftKey: true }), true)).toBeNull()
    expect(workspaceKey(press('?', { ctrlKey: true }), false)).toBeNull()
  })
})
