/**
 * Builds native/sqlite-csv: the SQLite extension whose rowboat_csv_line writes an export's CSV lines
 * inside SQLite (engine/transfer/export/sqlite-csv.ts). Run by `npm install` (postinstall) and by
 * `npm run build:native`. Its headers are SQLite's own, from the source node-sqlite3 bundles (the
 * extension then matches the SQLite it is loaded into); it is compiled by the node-gyp npm ships.
 * Without it the export still works: SQLite writes the lines by SQL expressions, about 2× slower;
 * so when npm install runs this and the build fails (no C compiler, say), it warns and the install
 * goes on, while `npm run build:native` fails with the reason.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const project = join(root, 'native', 'sqlite-csv')
const include = join(project, 'build', 'sqlite-include')

function build() {
  const sqliteDeps = join(dirname(createRequire(import.meta.url).resolve('sqlite3/package.json')), 'deps')
  const tarball = readdirSync(sqliteDeps).find((name) => /^sqlite-autoconf-\d+\.tar\.gz$/.test(name))
  if (!tarball) throw new Error(`build-sqlite-csv: no SQLite source in ${sqliteDeps}; reinstall sqlite3 (npm ci)`)
  const folder = tarball.replace(/\.tar\.gz$/, '')
  mkdirSync(include, { recursive: true })
  execFileSync(
    'tar',
    ['-xzf', join(sqliteDeps, tarball), '-C', include, '--strip-components=1', `${folder}/sqlite3.h`, `${folder}/sqlite3ext.h`],
    {
      stdio: 'inherit',
    },
  )

  // npm names its node-gyp to the scripts it runs; run by hand, the one beside npm.
  const npmGyp = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
  const nodeGyp = process.env.npm_config_node_gyp ?? npmGyp
  if (!existsSync(nodeGyp)) throw new Error(`build-sqlite-csv: node-gyp not found (${nodeGyp}); run this through npm: npm run build:native`)
  execFileSync(process.execPath, [nodeGyp, 'rebuild', '--loglevel=error'], { cwd: project, stdio: 'inherit' })
  console.log(`build-sqlite-csv: built ${join('native', 'sqlite-csv', 'build', 'Release', 'rowboat_csv.node')}`)
}

try {
  build()
} catch (error) {
  if (process.env.npm_lifecycle_event !== 'postinstall') throw error
  console.warn(`build-sqlite-csv: the SQLite CSV extension was not built (${error.message}).`)
  console.warn('SQLite exports will work, about twice as slowly. To build it later: npm run build:native')
}
