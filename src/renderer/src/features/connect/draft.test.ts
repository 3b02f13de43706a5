import { describe, expect, it } from 'vitest'
import { EMPTY_DRAFT, resolveTarget, sameConnection, withDialect, withField, withPasswordMovedOut, withUrl } from './draft'

describe('connection form sync', () => {
  it('fills the fields from a pasted SQLAlchemy URL, password included', () => {
    const d = withUrl(EMPTY_DRAFT, 'postgresql+psycopg2://app:s%40cret@db.example:6543/blog?sslmode=require')
    expect(d).toMatchObject({
      dialect: 'postgres',
      host: 'db.example',
      port: '6543',
      user: 'app',
      password: 's@cret',
      database: 'blog',
      ssl: 'require',
      source: 'url',
    })
    expect(resolveTarget(d).target?.password).toBe('s@cret')
  })

  it('reads mysql+pymysql and mariadb URLs, and SQLite in SQLAlchemy form', () => {
    expect(withUrl(EMPTY_DRAFT, 'mysql+pymysql://root@127.0.0.1/test')).toMatchObject({ dialect: 'mysql', port: '3306', database: 'test' })
    expect(withUrl(EMPTY_DRAFT, 'mariadb://u@h/db?socket=/run/m.sock')).toMatchObject({ dialect: 'mariadb', socket: '/run/m.sock' })
    expect(withUrl(EMPTY_DRAFT, 'sqlite:////tmp/app.db')).toMatchObject({ dialect: 'sqlite', storage: '/tmp/app.db' })
  })

  it('empties the fields and explains the problem while the URL does not parse', () => {
    const good = withUrl(EMPTY_DRAFT, 'postgres://u:pw@h/db')
    for (const text of ['postgres://u@h:99999/db', 'this is not a url', 'mysq://u@h/db']) {
      const bad = withUrl(good, text)
      expect(bad).toMatchObject({ host: '', port: '', user: '', database: '', storage: '' })
      expect(resolveTarget(bad).target).toBeUndefined()
      expect(resolveTarget(bad).urlError?.code).toBe('INVALID_URL')
    }
    expect(resolveTarget(withUrl(good, 'postgres://u@h:99999/db')).errors.url).toMatch(/port/i)
  })

  it("never keeps one server's password for a URL of another server or user", () => {
    const first = withUrl(EMPTY_DRAFT, 'mysql://ux:pw@127.0.0.1:3306/test')
    expect(first.password).toBe('pw')
    for (const url of [
      'postgres://other@db.example/app',
      'mysql://root@127.0.0.1:3306/test',
      'mysql://ux@127.0.0.2:3306/test',
      'sqlite:///app.db',
    ]) {
      expect(withUrl(first, url).password, url).toBe('')
      expect(resolveTarget(withUrl(first, url)).target?.password, url).toBeUndefined()
    }
    // Through an unreadable string in between too (a paste replaces the text in steps when typed).
    expect(withUrl(withUrl(first, 'not a url'), 'postgres://other@db.example/app').password).toBe('')
    // A URL with its own password takes it.
    expect(withUrl(first, 'postgres://a:b@c/d').password).toBe('b')
  })

  it('keeps the password for the same server and user (the URL edited, or the password moved out)', () => {
    const moved = withPasswordMovedOut(withUrl(EMPTY_DRAFT, 'mysql://ux:pw@127.0.0.1:3306/test')).draft
    expect(moved.password).toBe('pw')
    expect(withUrl(moved, 'mysql://ux@127.0.0.1:3306/other').password).toBe('pw')
    expect(withUrl(withUrl(moved, 'mysql://ux@127.0.0.1:3306/ot'), 'mysql://ux@127.0.0.1:3306/other').password).toBe('pw')
  })

  it('keeps a password typed before any connection string, for the first one given', () => {
    const typed = withField(EMPTY_DRAFT, 'password', 'hunter2')
    const d = withUrl(typed, 'postgres://app@db.example/blog')
    expect(d.password).toBe('hunter2')
    expect(withUrl(d, 'postgres://other@db.example/blog').password).toBe('')
  })

  it('writes the URL from the fields, never with the password', () => {
    let d = withDialect(EMPTY_DRAFT, 'mysql')
    d = withField(d, 'host', 'localhost')
    d = withField(d, 'database', 'shop')
    expect(d.url).toBe('mysql://root@localhost:3306/shop')
    d = withField(d, 'password', 'hunter2')
    expect(d.url).not.toContain('hunter2')
    expect(resolveTarget(d).target).toMatchObject({ url: 'mysql://root@localhost:3306/shop', password: 'hunter2' })
  })

  it('explains invalid fields beside them and leaves the URL alone', () => {
    let d = withUrl(EMPTY_DRAFT, 'postgres://u@h/db')
    d = withField(d, 'port', '54x')
    expect(d.url).toBe('postgres://u@h/db')
    expect(resolveTarget(d).errors.port).toMatch(/1 to 65535/)
    d = withField(d, 'host', 'h/db')
    expect(resolveTarget(d).errors.host).toMatch(/cannot contain/)
  })

  it('moves the default port along when the dialect changes', () => {
    const d = withDialect(withUrl(EMPTY_DRAFT, 'postgres://u@h/db'), 'mariadb')
    expect(d.port).toBe('3306')
    expect(d.url).toBe('mariadb://u@h:3306/db')
    expect(withDialect(d, 'sqlite').url).toBe('mariadb://u@h:3306/db') // no file path yet
  })

  it('moves a password out of the visible URL', () => {
    const { draft, moved } = withPasswordMovedOut(withUrl(EMPTY_DRAFT, 'postgres://u:pw@h/db'))
    expect(moved).toBe(true)
    expect(draft.url).toBe('postgres://u@h:5432/db')
    expect(draft.password).toBe('pw')
  })

  it('compares connections regardless of spelling', () => {
    expect(sameConnection('postgresql+psycopg2://u@h/db', 'postgres://u@h:5432/db')).toBe(true)
    expect(sameConnection('postgres://u@h/db', 'postgres://u@h/other')).toBe(false)
  })

  it('TLS files: filling the fields writes them into the URL, and a pasted URL fills them', () => {
    let d = withUrl(EMPTY_DRAFT, 'postgres://u@db.example/app')
    d = withField(d, 'sslCa', '/certs/ca.pem')
    // A CA file given while TLS was off turns verification on, as the URL would read it.
    expect(d.ssl).toBe('verify-full')
    d = withField(withField(d, 'sslCert', '/certs/client.crt'), 'sslKey', '~/certs/client.key')
    expect(d.url).toBe(
      'postgres://u@db.example:5432/app?sslmode=verify-full&sslrootcert=/certs/ca.pem&sslcert=/certs/client.crt&sslkey=~/certs/client.key',
    )
    const mysql = withField(withUrl(EMPTY_DRAFT, 'mysql://root@h/db'), 'sslKey', '/k.pem')
    expect(mysql.ssl).toBe('require')
    expect(mysql.url).toBe('mysql://root@h:3306/db?ssl=require&ssl_key=/k.pem')

    const pasted = withUrl(EMPTY_DRAFT, 'mysql+pymysql://app@db/shop?ssl_ca=/etc/ssl/ca.pem&ssl_cert=/c.pem&ssl_key=/k.pem')
    expect(pasted).toMatchObject({ dialect: 'mysql', ssl: 'verify-full', sslCa: '/etc/ssl/ca.pem', sslCert: '/c.pem', sslKey: '/k.pem' })
    expect(withUrl(pasted, 'not a url')).toMatchObject({ sslCa: '', sslCert: '', sslKey: '' })
  })

  it('the key passphrase is kept out of the URL the fields write, and travels as sslPassword', () => {
    let d = withField(withUrl(EMPTY_DRAFT, 'postgres://u@h/db?sslmode=require&sslkey=/k.pem'), 'sslPassword', 'pa ss&x')
    expect(d.url).toBe('postgres://u@h/db?sslmode=require&sslkey=/k.pem')
    expect(d.source).toBe('url')
    expect(resolveTarget(d).target).toMatchObject({ url: 'postgres://u@h/db?sslmode=require&sslkey=/k.pem', sslPassword: 'pa ss&x' })
    d = withField(d, 'host', 'h2')
    expect(d.url).not.toContain('pa')
    expect(resolveTarget(d).target?.sslPassword).toBe('pa ss&x')
    // Another key file: the passphrase typed for the first one is not sent with it.
    expect(withUrl(d, 'postgres://u@h2/db?sslmode=require&sslkey=/other.pem').sslPassword).toBe('')
    expect(withUrl(d, 'postgres://u@h2/db?sslmode=require&sslkey=/k.pem').sslPassword).toBe('pa ss&x')
  })

  it('a passphrase typed into the URL fills the field, and moves out of the visible URL', () => {
    const d = withUrl(EMPTY_DRAFT, 'mysql+pymysql://root@h/db?ssl_key=/k.pem&ssl_key_password=s3cret')
    expect(d.sslPassword).toBe('s3cret')
    const { draft, moved, passwordMoved } = withPasswordMovedOut(d)
    expect([moved, passwordMoved]).toEqual([true, false])
    expect(draft.url).toBe('mysql://root@h:3306/db?ssl=require&ssl_key=/k.pem')
    expect(draft.sslPassword).toBe('s3cret')
    expect(resolveTarget(draft).target?.sslPassword).toBe('s3cret')
    expect(sameConnection(d.url, draft.url)).toBe(true)
  })

  it("keeps libpq's further hosts while a field is edited", () => {
    const d = withField(withUrl(EMPTY_DRAFT, 'postgresql://u@h1:5432,h2:5433/db'), 'database', 'other')
    expect(d.host).toBe('h1')
    expect(d.url).toBe('postgres://u@h1:5432,h2:5433/other')
  })
})
