/** A value that cannot go into its column; the message (for people) continues "<column> …". */
export class Invalid {
  constructor(readonly message: string) {}
}

/** A value for a message: short, and visibly empty when empty. */
export function show(value: string): string {
  if (value === '') return '"" (empty)'
  return value.length > 40 ? `"${value.slice(0, 37)}…"` : `"${value}"`
}
