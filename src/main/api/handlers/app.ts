import type { Handlers } from '../router'

declare const __APP_VERSION__: string | undefined

export const appHandlers: Pick<Handlers, 'app.info' | 'app.startup'> = {
  'app.info': async (_input, { host }) => ({
    name: 'Rowboat',
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
    host: host.kind,
    dialects: ['sqlite', 'mysql', 'postgres'],
    exportDir: host.exportDir,
    uploads: host.uploads,
  }),
  'app.startup': async (_input, { connections }) => ({ open: connections.takeStartOffer() }),
}
