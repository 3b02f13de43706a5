import type { Dialect } from '../../../../shared/connection-types'
import { parseConnectionUrl } from '../../../../shared/connection-url'

type Flavor = 'postgres' | 'mysql' | 'mariadb' | 'sqlite'

const NAMES: Record<Flavor, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', sqlite: 'SQLite' }
const MARKS: Record<Flavor, string> = { postgres: 'PG', mysql: 'My', mariadb: 'Ma', sqlite: 'SQ' }

export function dialectName(dialect: Dialect | Flavor): string {
  return NAMES[dialect]
}

/** MariaDB shares MySQL's dialect; only the URL's scheme tells them apart. */
export function flavorOf(url: string, dialect: Dialect): Flavor {
  try {
    const config = parseConnectionUrl(url)
    return config.dialect === 'sqlite' ? 'sqlite' : config.flavor
  } catch {
    return dialect
  }
}

/** A small coloured mark per database kind, named for screen readers. */
export function DialectIcon({ url, dialect }: { url: string; dialect: Dialect }) {
  const flavor = flavorOf(url, dialect)
  return (
    <span className="dialect-icon" data-flavor={flavor} role="img" aria-label={NAMES[flavor]} title={NAMES[flavor]}>
      {MARKS[flavor]}
    </span>
  )
}
