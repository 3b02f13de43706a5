// The architecture as lint rules: which folder may import which (docs/architecture.md, "Layers").
// Kept apart from eslint.config.mjs so a test can lint a deliberate forbidden import with these
// rules alone (src/main/lint-layers.test.ts).

/** An import pattern that no file in `files` may use, and why. */
const ban = (regex, message) => ({ regex, message })

const ELECTRON = ban('^electron(/|$)', 'Only src/main/host/electron (and the preload) may import electron.')
const NODE = ban(
  '^(node:|(fs|path|os|crypto|child_process|http|net|stream|util|worker_threads)$)',
  'src/shared runs in both processes: no Node modules.',
)
const SERVER_LIBS = ban(
  '^(sequelize|sqlite3|mysql2|pg|pg-copy-streams|umzug|pino|rotating-file-stream)(/|$)',
  'This code runs in the page: database drivers, Sequelize and the log belong to the main process.',
)
const MAIN = ban('(^|/)main/', 'The renderer talks to the main process only through the typed API (src/renderer/src/api.ts).')
const API = ban('(^|/)api(/|$)', 'The engine is called by the API, never the other way round.')
const HOST = ban('(^|/)host(/|$)', 'Hosts call the API and engine; nothing below them imports a host.')
const RENDERER = ban('(^|/)renderer/', 'Main-process code never imports the renderer.')
const ZOD = ban('^zod(/|$)', 'The preload stays small: it takes channel names from a zod-free module.')

const restrict = (files, patterns, moreRules = {}) => ({
  files,
  // A unit test beside the code may build its fixtures with Node.
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { patterns }], ...moreRules },
})

/** Globals of the page that shared code must not touch (it also runs in Node). */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest'].map(
  (name) => ({
    name,
    message: 'src/shared runs in both processes: no DOM.',
  }),
)

export const layers = [
  restrict(['src/shared/**'], [ELECTRON, NODE, SERVER_LIBS, MAIN, RENDERER], { 'no-restricted-globals': ['error', ...DOM_GLOBALS] }),
  restrict(['src/renderer/**'], [ELECTRON, NODE, SERVER_LIBS, MAIN]),
  restrict(['src/preload/**'], [ZOD, NODE, SERVER_LIBS, MAIN, RENDERER]),
  restrict(['src/main/engine/**', 'src/main/models/**', 'src/main/store/**'], [ELECTRON, API, HOST, RENDERER]),
  restrict(['src/main/api/**'], [ELECTRON, HOST, RENDERER]),
  restrict(['src/main/host/browser/**', 'src/main/host/*.ts'], [ELECTRON, RENDERER]),
  restrict(['src/main/log/**'], [ELECTRON, API, HOST, RENDERER]),
  restrict(['tests/**', 'bench/**', 'scripts/**', 'migrations/**'], [ELECTRON]),
]
