import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { version } from './package.json'

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/host/electron/main.ts'),
          // The browser host: plain Node, no Electron.
          serve: resolve(__dirname, 'src/main/host/browser/serve.ts'),
          // The CSV reading thread of imports (engine/transfer/csv/csv-thread.ts).
          'csv-worker': resolve(__dirname, 'src/main/engine/transfer/csv/csv-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
})
