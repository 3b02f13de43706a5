import type { SelectHTMLAttributes } from 'react'

export interface Choice<T extends string> {
  value: T
  label: string
}

type NativeProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>

/** A select over a fixed list of choices, typed by their values (Field passes id and aria props through). */
export function ChoiceSelect<T extends string>({
  value,
  choices,
  onChoose,
  ...rest
}: NativeProps & { value: T; choices: readonly Choice<T>[]; onChoose: (value: T) => void }) {
  return (
    <select {...rest} value={value} onChange={(e) => onChoose(e.target.value as T)}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  )
}
