import { useThemeStore, type Theme } from '../stores/theme'
import { ChoiceSelect } from './ChoiceSelect'

const CHOICES = [
  { value: 'system', label: '◐ System' },
  { value: 'light', label: '☀ Light' },
  { value: 'dark', label: '☾ Dark' },
] as const satisfies ReadonlyArray<{ value: Theme; label: string }>

/** Light, dark or the system's theme, remembered. */
export function ThemeToggle() {
  const theme = useThemeStore((state) => state.theme)
  const setTheme = useThemeStore((state) => state.setTheme)
  return <ChoiceSelect aria-label="Theme" title="Theme" className="theme-toggle" value={theme} choices={CHOICES} onChoose={setTheme} />
}
