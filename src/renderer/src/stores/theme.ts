import { create } from 'zustand'

/**
 * Light, dark, or the system's choice; remembered in the renderer's storage. The choice is the
 * `data-theme` attribute of the document element (absent for "system"), which styles.css reads.
 */
export type Theme = 'light' | 'dark' | 'system'

const STORAGE_KEY = 'rowboat.theme'

/** Anything stored that is not a known theme (an older build, a hand edit) means the system's. */
export function parseTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'system'
}

function stored(): Theme {
  try {
    return parseTheme(globalThis.localStorage?.getItem(STORAGE_KEY))
  } catch {
    return 'system'
  }
}

/** Sets the attribute styles.css keys on; "system" removes it so the media query decides. */
export function applyTheme(
  theme: Theme,
  root: { setAttribute(name: string, value: string): void; removeAttribute(name: string): void } | undefined = globalThis.document
    ?.documentElement,
): void {
  if (!root) return
  if (theme === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', theme)
}

interface ThemeState {
  theme: Theme
  setTheme(theme: Theme): void
}

export const useThemeStore = create<ThemeState>((set) => ({
  theme: stored(),
  setTheme(theme) {
    try {
      if (theme === 'system') globalThis.localStorage?.removeItem(STORAGE_KEY)
      else globalThis.localStorage?.setItem(STORAGE_KEY, theme)
    } catch {
      // Disabled storage: the choice lasts for this window only.
    }
    applyTheme(theme)
    set({ theme })
  },
}))

// The remembered choice applies as soon as the renderer loads, before the first paint of the app.
applyTheme(useThemeStore.getState().theme)
