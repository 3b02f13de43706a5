import { describe, expect, it } from 'vitest'
import { displayConnectionUrl, formatConnectionUrl, parseConnectionUrl } from './connection-url'
import { AppError } from './errors'

// A canary password in every malformed shape a pasted URL takes: no message, hint, parsed part or
// displayed form may hold any 3 characters of it in a row.
const CORE = 'Zq7Wx4Kj'
const SPECIALS = [
  '@',
  '/',
  '?',
  '#',
  ':',
  '%',
  '%zz',
  '%4',
  ' ',
  '[',
  ']',
  '&',
  '=',
  '\\',
  '"',
  "'",
  '@@',
  '/@',
  '@/',
  '?@',
  '#@',
  '@:',
  'é',
  '😀',
]
const PASSWORDS = [CORE, ...SPECIALS.flatMap((s) => [`${s}${CORE}`, `${CORE.slice(0, 4)}${s}${CORE.slice(4)}`, `${CORE}${s}`])]
const SCHEMES = ['postgres', 'postgresql', 'postgresql+psycopg2', 'mysql', 'mysql+pymysql', 'mariadb', 'mariadb+mariadbconnector']
const SHAPES: Array<(scheme: string, pw: string) => string> = [
  (s, pw) => `${s}://user:${pw}@host:5432/db`,
  (s, pw) => `${s}://user:${pw}@host/db`,
  (s, pw) => `${s}://user:${pw}@/db`,
  (s, pw) => `${s}://user:${pw}@host:port/db`,
  (s, pw) => `${s}://user:${pw}@[::1/db`,
  (s, pw) => `${s}://user:${pw}@host:5432/`,
  (s, pw) => `${s}://user:${pw}@host:5432/db/extra`,
  (s, pw) => `${s}://user:${pw}@host:5432/db?sslmode=bogus`,
  (s, pw) => `${s}://user:${pw}@host:5432/db?connect_timeout=x`,
  (s, pw) => `${s}://user:${pw}@127.0.0.1:3306/db`,
  // Without an "@", a password holding "@", "/" or "?" makes a well-formed URL of another meaning
  // (a host, a database): nothing to hide there. Other passwords are a bad "port".
  (s, pw) => (/[@/?]/.test(pw) ? `${s}://user:Zq7Wx4Kj` : `${s}://user:${pw}`),
  (s, pw) => (/[@/?]/.test(pw) ? `${s}://user:Zq7Wx4Kj/db` : `${s}://user:${pw}/db`),
  (s, pw) => `${s}:/user:${pw}@host/db`,
  (s, pw) => `${s}//user:${pw}@host/db`,
  (s, pw) => `${s}x://user:${pw}@host/db`,
  (s, pw) => `user:${pw}@host/${s}`,
]

function sharesRun(text: string, secret: string): string | null {
  for (let i = 0; i + 3 <= secret.length; i++) if (text.includes(secret.slice(i, i + 3))) return secret.slice(i, i + 3)
  return null
}

const cases = SCHEMES.flatMap((scheme) => PASSWORDS.flatMap((pw) => SHAPES.map((shape) => ({ url: shape(scheme, pw), pw }))))
// The two URLs users reported, where a part of the password reached a message.
cases.push({ url: 'mysql+pymysql://app:Tr0ub4dor@3/horse@127.0.0.1:3306/db', pw: 'Tr0ub4dor@3/horse' })
cases.push({ url: 'postgres://user:Sup3r@Secret/#?@localhost/db', pw: 'Sup3r@Secret/#?' })

describe(`no part of a password in what a URL's parse says (${cases.length} URLs)`, () => {
  it('in error messages and hints, parsed host/database/user, and the displayed URL', () => {
    const leaks: string[] = []
    for (const { url, pw } of cases) {
      const shown: Array<[string, string]> = [['display', displayConnectionUrl(url)]]
      try {
        const config = parseConnectionUrl(url)
        if (config.dialect === 'sqlite') shown.push(['storage', config.storage])
        else shown.push(['host', config.host], ['database', config.database], ['user', config.user], ['socket', config.socket ?? ''])
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        shown.push(['message', error.message], ['hint', error.hint ?? ''])
      }
      for (const [where, text] of shown) {
        const run = sharesRun(text, pw)
        if (run) leaks.push(`${url} → ${where} ${JSON.stringify(text)} holds ${JSON.stringify(run)}`)
      }
    }
    expect(leaks.length, leaks.slice(0, 30).join('\n')).toBe(0)
  })

  it('still quotes a bad port or database name when no password is near', () => {
    expect(() => parseConnectionUrl('mysql://root@host:abc/app')).toThrow(/"abc"/)
    expect(() => parseConnectionUrl('postgres://u:pw@host:5432/a/b')).toThrow(/"a\/b"/)
  })

  it('refuses a second "@" after a password, saying how to write it', () => {
    const error = (() => {
      try {
        parseConnectionUrl('postgres://user:Sup3r@Secret/#?@localhost/db')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('INVALID_URL')
    expect((error as AppError).hint).toMatch(/%40/)
  })
})

describe('the TLS key passphrase (libpq sslpassword, PyMySQL ssl_key_password) is a secret like the password', () => {
  const PASS = 'Kp9Vr3Lm'
  const urls = [
    `postgres://u@host/db?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/k.pem&sslpassword=${PASS}`,
    `postgresql://u@host/db?sslkey=/k.pem&sslpassword=${PASS}&sslmode=bogus`,
    `postgresql://u@host/db?sslpassword=${PASS}&connect_timeout=x`,
    `mysql+pymysql://u@host/db?ssl_ca=/ca.pem&ssl_cert=/c.pem&ssl_key=/k.pem&ssl_key_password=${PASS}`,
    `mysql+pymysql://u@host/db?ssl_key=/k.pem&SSL-KEY-PASSWORD=${PASS}&ssl_check_hostname=maybe`,
    `mysql://u@host:port/db?ssl_key_password=${PASS}`,
  ]

  it('is parsed, and never shown in the display URL or a message', () => {
    for (const url of urls) {
      const shown = [displayConnectionUrl(url)]
      try {
        const config = parseConnectionUrl(url)
        if (config.dialect !== 'sqlite') expect(config.sslPassword).toBe(PASS)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        shown.push(error.message, error.hint ?? '')
      }
      for (const text of shown) expect(sharesRun(text, PASS), `${url} → ${text}`).toBeNull()
    }
    expect(displayConnectionUrl(urls[0])).toContain('sslpassword=•••')
    expect(displayConnectionUrl(urls[3])).toContain('ssl_key_password=•••')
  })

  it('round-trips through the formatter, and an empty one is none', () => {
    const config = parseConnectionUrl(`postgres://u@host/db?sslkey=/k.pem&sslpassword=a%26b%20c`)
    if (config.dialect === 'sqlite') throw new Error('expected a server')
    expect(config.sslPassword).toBe('a&b c')
    expect(parseConnectionUrl(formatConnectionUrl(config))).toEqual(config)
    const none = parseConnectionUrl('postgres://u@host/db?sslkey=/k.pem&sslpassword=')
    expect(none.dialect !== 'sqlite' && none.sslPassword).toBeUndefined()
  })
})
