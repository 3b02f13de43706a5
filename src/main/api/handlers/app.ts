import type { Handlers } from '../router'

declare const __APP_VERSION__: string | undefined

export const appHandlers: Pick<Handlers, 'app.info'> = {
  'app.info': async () => ({
    name: 'Rowboat',
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
    host: process.versions.electron ? 'electron' : 'browser',
    dialects: ['sqlite', 'mysql', 'postgres'],
  }),
}
