import { describe, expect, it } from 'vitest'
import { applyTheme, parseTheme } from './theme'

describe('theme', () => {
  it('reads light and dark; anything else is the system’s choice', () => {
    expect(parseTheme('light')).toBe('light')
    expect(parseTheme('dark')).toBe('dark')
    for (const other of [null, undefined, '', 'Dark', 'solarized', 1]) expect(parseTheme(other)).toBe('system')
  })

  it('sets data-theme for light and dark, removes it for the system’s', () => {
    const attributes = new Map<string, string>()
    const root = {
      setAttribute: (name: string, value: string) => void attributes.set(name, value),
      removeAttribute: (name: string) => void attributes.delete(name),
    }
    applyTheme('dark', root)
    expect(attributes.get('data-theme')).toBe('dark')
    applyTheme('light', root)
    expect(attributes.get('data-theme')).toBe('light')
    applyTheme('system', root)
    expect(attributes.has('data-theme')).toBe(false)
  })
})
