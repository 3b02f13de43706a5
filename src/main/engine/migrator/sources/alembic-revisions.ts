import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { QueryTypes, type Sequelize } from 'sequelize'
import { tableExists } from '../catalog'

/** One Alembic revision file, read as text (never run): what `flask db history` shows of it. */
export interface AlembicRevision {
  revision: string
  /** down_revision: none for a base, two or more for a merge point. */
  parents: string[]
  /** The first line of the file's docstring (the `-m` message). */
  message: string | null
  file: string
}

const QUOTED = /(['"])([^'"]+)\1/g

/** Every revision in `versions/`, each file's `revision` and `down_revision` read as Python literals. */
export function readRevisions(versionsDir: string): AlembicRevision[] {
  const revisions: AlembicRevision[] = []
  for (const file of readdirSync(versionsDir)
    .filter((name) => name.endsWith('.py'))
    .sort()) {
    const text = readFileSync(join(versionsDir, file), 'utf8')
    const revision = /^revision\s*(?::[^=]+)?=\s*(['"])([^'"]+)\1/m.exec(text)?.[2]
    if (!revision) continue
    const down = /^down_revision\s*(?::[^=]+)?=\s*(.+)$/m.exec(text)?.[1] ?? 'None'
    const parents = [...down.matchAll(QUOTED)].map((m) => m[2])
    const doc = /^\s*(?:"""|''')\s*(.*)$/m
      .exec(text)?.[1]
      ?.replace(/("""|''').*$/, '')
      .trim()
    revisions.push({ revision, parents, message: doc || null, file })
  }
  return revisions
}

/** Base first; a revision always after its parents; otherwise in file order (stable). */
export function orderRevisions(revisions: AlembicRevision[]): AlembicRevision[] {
  const known = new Set(revisions.map((r) => r.revision))
  const placed = new Set<string>()
  const ordered: AlembicRevision[] = []
  while (ordered.length < revisions.length) {
    const next = revisions.find((r) => !placed.has(r.revision) && r.parents.every((p) => placed.has(p) || !known.has(p)))
    if (!next) break // a cycle: Alembic itself refuses such a folder; show what could be ordered
    placed.add(next.revision)
    ordered.push(next)
  }
  return ordered
}

export function headsOf(revisions: AlembicRevision[]): string[] {
  const parents = new Set(revisions.flatMap((r) => r.parents))
  return revisions.filter((r) => !parents.has(r.revision)).map((r) => r.revision)
}

/** The revisions at or below any of `tips`: what Alembic counts as applied when alembic_version holds `tips`. */
export function ancestorsOf(revisions: AlembicRevision[], tips: string[]): Set<string> {
  const byId = new Map(revisions.map((r) => [r.revision, r]))
  const seen = new Set<string>()
  const stack = [...tips]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...(byId.get(id)?.parents ?? []))
  }
  return seen
}

/** alembic_version's rows (one per applied head); empty when the table is not there yet. Read-only. */
export async function readAlembicCurrent(sequelize: Sequelize): Promise<string[]> {
  if (!(await tableExists(sequelize, 'alembic_version'))) return []
  const rows = await sequelize.query<{ v: unknown }>('SELECT version_num AS v FROM alembic_version', { type: QueryTypes.SELECT })
  return rows.map((row) => String(row.v)).sort()
}
