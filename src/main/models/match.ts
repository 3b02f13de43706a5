/**
 * Which tables are the app's own models. A table counts only when its name matches AND it has the
 * model's columns: a `users` table of some other app must not get our validations.
 */
export type ModelName = 'User' | 'Post' | 'Note'

export const MODEL_TABLES: Record<string, { model: ModelName; columns: string[] }> = {
  users: {
    model: 'User',
    columns: ['id', 'username', 'email', 'bio', 'is_active', 'score', 'created_at', 'updated_at'],
  },
  posts: { model: 'Post', columns: ['id', 'title', 'content', 'user_id', 'created_at', 'updated_at'] },
  notes: { model: 'Note', columns: ['id', 'title', 'content', 'created_at', 'updated_at'] },
}

export function matchModel(table: string, columnNames: readonly string[]): ModelName | null {
  const entry = Object.hasOwn(MODEL_TABLES, table) ? MODEL_TABLES[table] : undefined
  if (!entry) return null
  const present = new Set(columnNames)
  return entry.columns.every((c) => present.has(c)) ? entry.model : null
}
