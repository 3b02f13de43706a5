import { describe, expect, it } from 'vitest'
import { grantsPermission, isSafeExternal, mayNavigate, rendererUrlFor, sqliteBaseDir } from './window-policy'

const bundledFile = '/opt/Rowboat/resources/app/out/renderer/index.html'

describe('the desktop window policy', () => {
  it('honours the dev server only in a development build, and only on loopback', () => {
    expect(rendererUrlFor({ packaged: false, devBuild: true, envUrl: 'http://localhost:5173', bundledFile })).toBe('http://localhost:5173/')
    expect(rendererUrlFor({ packaged: true, devBuild: true, envUrl: 'http://localhost:5173', bundledFile })).toBe(`file://${bundledFile}`)
    expect(rendererUrlFor({ packaged: false, devBuild: false, envUrl: 'http://localhost:5173', bundledFile })).toBe(`file://${bundledFile}`)
    expect(rendererUrlFor({ packaged: false, devBuild: true, envUrl: 'https://evil.example', bundledFile })).toBe(`file://${bundledFile}`)
    expect(rendererUrlFor({ packaged: false, devBuild: true, envUrl: 'javascript:alert(1)', bundledFile })).toBe(`file://${bundledFile}`)
    expect(rendererUrlFor({ packaged: false, devBuild: true, envUrl: undefined, bundledFile })).toBe(`file://${bundledFile}`)
  })

  it('keeps navigation, redirects and frames on the app’s own page', () => {
    const own = `file://${bundledFile}`
    expect(mayNavigate(`${own}#/tables`, own)).toBe(true)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'data:text/html,hi', 'about:blank', 'not a url'])
      expect(mayNavigate(url, own), url).toBe(false)
  })

  it('grants no permission and opens only plain https links outside', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) expect(grantsPermission(p)).toBe(false)
    expect(isSafeExternal('https://sequelize.org/docs')).toBe(true)
    for (const url of ['http://x.example', 'https://user:pw@x.example', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share'])
      expect(isSafeExternal(url), url).toBe(false)
  })

  it('never resolves SQLite paths against the working directory of a packaged app', () => {
    expect(sqliteBaseDir({ packaged: true, cwd: '/', dataDir: '/home/ann/.config/Rowboat' })).toBe('/home/ann/.config/Rowboat')
    expect(sqliteBaseDir({ packaged: false, cwd: '/home/ann/project', dataDir: '/home/ann/.config/Rowboat' })).toBe('/home/ann/project')
  })
})
