import { describe, expect, it } from 'vitest'
import { isOwnPage } from './own-page'

describe('isOwnPage', () => {
  const file = 'file:///opt/Rowboat/resources/app/out/renderer/index.html'
  it.each([
    [file, file, true],
    [`${file}#/browse`, file, true],
    ['file:///etc/passwd', file, false],
    ['https://evil.example/', file, false],
    ['http://localhost:5173/#x', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['http://localhost.evil.example:5173/', 'http://localhost:5173/', false],
    ['not a url', file, false],
  ])('%s against %s → %s', (url, own, expected) => {
    expect(isOwnPage(url, own)).toBe(expected)
  })
})
