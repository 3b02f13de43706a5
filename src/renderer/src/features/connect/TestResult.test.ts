import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ConnectionTestResult } from '../../../../shared/contract'
import { describeEncryption, TestResult } from './TestResult'

const base: ConnectionTestResult = {
  ok: true,
  dialect: 'postgres',
  serverVersion: '16.4',
  database: 'app',
  latencyMs: 3,
  tableCount: 2,
  migrations: { tracked: false, applied: 0, pending: 0, current: null, ownership: { managed: true } },
  display: 'postgres://app@db/app',
}

function render(result: ConnectionTestResult): string {
  return renderToStaticMarkup(
    createElement(TestResult, { outcome: { kind: 'tested', result }, onCancel: () => {}, onCreateDatabase: () => {} }),
  )
}

describe('describeEncryption', () => {
  it('names the TLS version and cipher, or says plainly that the session is not encrypted', () => {
    expect(describeEncryption({ encrypted: true, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' })).toBe(
      'TLS 1.3 (TLS_AES_256_GCM_SHA384)',
    )
    expect(describeEncryption({ encrypted: true, version: 'TLSv1.2', cipher: null })).toBe('TLS 1.2')
    expect(describeEncryption({ encrypted: true, version: null, cipher: null })).toBe('encrypted')
    expect(describeEncryption({ encrypted: false })).toBe('not encrypted')
  })
})

describe('TestResult', () => {
  it('shows an Encryption row when the server said, and none for SQLite', () => {
    const tls = render({ ...base, encryption: { encrypted: true, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' } })
    expect(tls).toContain('<dt>Encryption</dt><dd>TLS 1.3 (TLS_AES_256_GCM_SHA384)</dd>')
    expect(render({ ...base, encryption: { encrypted: false } })).toContain('<dt>Encryption</dt><dd>not encrypted</dd>')
    expect(render({ ...base, dialect: 'sqlite' })).not.toContain('Encryption')
  })
})
