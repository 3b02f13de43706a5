/**
 * "Safe on your app's own database", dates and times: an SQLAlchemy app (Python, in a child
 * process) and a Sequelize app (Node, here) create and fill their tables; Rowboat edits every
 * date/time column kind through the API (form path, grid path, batch, bulk, import); the app reads
 * every row back and must see exactly what was typed.
 *
 * Time zones: the whole file runs once with TZ=UTC and once with TZ=America/New_York. Node applies
 * a runtime change of process.env.TZ to every later Date (it resets its zone cache on assignment),
 * so the engine under test, which runs in this process, works in that zone; the Python app is
 * spawned with the same TZ. SQLAlchemy needs Debian's python3-sqlalchemy, python3-pymysql and
 * python3-psycopg2: without them the file skips (fails under CI=true).
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DataTypes, Sequelize } from 'sequelize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import type { Row } from '../../src/shared/values'
import { describeDialects, type DialectContext } from './harness'
import { readGrant, transfer } from './transfer-support'

const PYTHON = '/usr/bin/python3'
const APP = join(__dirname, 'interop', 'sqlalchemy_app.py')
const INSTALL = 'apt-get install -y python3-sqlalchemy python3-pymysql python3-psycopg2'
const ZONES = ['UTC', 'America/New_York']

const hasSqlalchemy = spawnSync(PYTHON, ['-c', 'import sqlalchemy, pymysql, psycopg2'], { stdio: 'ignore' }).status === 0

function sqlalchemyUrl(dialect: Dialect, url: string): string {
  if (dialect === 'sqlite') return `sqlite:///${url.replace(/^sqlite:/, '')}`
  if (dialect === 'mysql') return url.replace(/^(mysql|mariadb):/, 'mysql+pymysql:')
  return url.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:')
}

type AppRows = Record<string, Array<Record<string, string | number | boolean | null>>>

function sqlalchemy(t: DialectContext, command: 'setup' | 'read', tz: string): AppRows {
  const run = spawnSync(PYTHON, [APP, command, sqlalchemyUrl(t.dialect, t.url)], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`the SQLAlchemy app failed to ${command}:\n${run.stderr}`)
  return command === 'read' ? (JSON.parse(run.stdout) as AppRows) : {}
}

function sequelizeApp(t: DialectContext): Sequelize {
  const options = { logging: false as const }
  if (t.dialect === 'sqlite') return new Sequelize({ ...options, dialect: 'sqlite', storage: t.url.replace(/^sqlite:/, '') })
  return new Sequelize(t.url.replace(/^mariadb:/, 'mysql:'), options)
}

if (!hasSqlalchemy && process.env.CI === 'true') {
  describe('dates interop', () => {
    it('needs SQLAlchemy', () => {
      throw new Error(`SQLAlchemy is missing under CI: ${INSTALL}`)
    })
  })
} else if (!hasSqlalchemy) {
  console.warn(`[rowboat tests] dates interop skipped: ${INSTALL}`)
  describe.skip(`dates interop (${INSTALL})`, () => undefined)
} else {
  for (const tz of ZONES) describeDialects(`dates interop, TZ=${tz}`, (t) => interop(t, tz))
}

function interop(t: DialectContext, tz: string): void {
  let sessionId = ''
  let previousTz: string | undefined
  const read = () => sqlalchemy(t, 'read', tz)
  const byId = (rows: AppRows, table: string, id: number) => rows[table].find((r) => r.id === id)!
  const stampsUtc = t.dialect === 'postgres' ? 'Z' : ''

  beforeAll(async () => {
    previousTz = process.env.TZ
    process.env.TZ = tz
    sqlalchemy(t, 'setup', tz)
    sessionId = await t.open()
  })
  afterAll(() => {
    if (previousTz === undefined) delete process.env.TZ
    else process.env.TZ = previousTz
  })

  it('users (the form path): typed datetimes keep every digit and no zone shift; updated_at is written as the app reads it', async () => {
    const before = Date.now()
    await t.call('records.update', {
      sessionId,
      table: 'users',
      key: { id: 1 },
      original: {},
      values: { created_at: '2025-01-02 03:04:05.123456' },
    })
    await t.call('records.insert', {
      sessionId,
      table: 'users',
      values: { id: 4, username: 'user4', email: 'user4@example.com', created_at: '2025-01-02 03:04:05' },
    })
    await t.call('records.bulkUpdate', {
      sessionId,
      table: 'users',
      filters: [{ column: 'id', op: 'eq', value: 2 }],
      values: { created_at: '2025-06-07 08:09:10.5' },
    })
    const rows = read()
    expect(byId(rows, 'users', 1).created_at).toBe('2025-01-02 03:04:05.123456')
    expect(byId(rows, 'users', 4).created_at).toBe('2025-01-02 03:04:05.000000')
    expect(byId(rows, 'users', 2).created_at).toBe('2025-06-07 08:09:10.500000')
    expect(byId(rows, 'users', 3).created_at).toBe('2024-01-03 12:00:00.250000')
    const stored = (await t.raw('SELECT id, CAST(updated_at AS CHAR(40)) AS u FROM users ORDER BY id')) as Array<{ id: number; u: string }>
    for (const id of [1, 2, 4]) {
      const seen = String(byId(rows, 'users', id).updated_at)
      // Read by SQLAlchemy as a moment of this write, in UTC, to the microsecond it was stored with.
      const at = Date.parse(`${seen.replace(' ', 'T').slice(0, 23)}Z`)
      expect(at, `users ${id} updated_at ${seen}`).toBeGreaterThanOrEqual(before - 2000)
      expect(at).toBeLessThanOrEqual(Date.now() + 2000)
      if (t.dialect === 'sqlite') expect(stored.find((r) => Number(r.id) === id)!.u).toBe(seen)
    }
  })

  it('users (the form path): model rules still apply, and what is no date is refused naming the column', async () => {
    const email = await t.result('records.update', { sessionId, table: 'users', key: { id: 1 }, original: {}, values: { email: 'nope' } })
    expect(email).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } })
    const date = await t.result('records.update', {
      sessionId,
      table: 'users',
      key: { id: 1 },
      original: {},
      values: { created_at: 'not a date' },
    })
    expect(date).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'created_at' } })
    const missing = await t.result('records.insert', { sessionId, table: 'users', values: { username: 'x' } })
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } })
  })

  it('post (the grid path): typed forms are stored as the app stores them, through update, batch, bulk and import', async () => {
    await t.call('records.update', {
      sessionId,
      table: 'post',
      key: { id: 1 },
      original: {},
      values: { created_at: '2025-04-05T06:07:08', published_on: '2025-04-05', starts_at: '6:07', stamp: '2025-06-01 12:00:00+02:00' },
    })
    await t.call('records.batch', {
      sessionId,
      operations: [
        { kind: 'update', table: 'post', key: { id: 2 }, original: {}, values: { created_at: '2025-04-05' } },
        {
          kind: 'insert',
          table: 'post',
          values: {
            id: 5,
            title: 'new',
            created_at: '2025-04-05 06:07:08.5',
            published_on: '2025-4-6',
            starts_at: '06:07:08.25',
            stamp: '2025-06-01T10:00:00Z',
          },
        },
      ],
    })
    await t.call('records.bulkUpdate', {
      sessionId,
      table: 'post',
      filters: [{ column: 'id', op: 'eq', value: 3 }],
      values: { created_at: '2025-01-02 03:04:05' },
    })
    const csv = join(t.dir, `post-${tz.replace('/', '-')}.csv`)
    writeFileSync(
      csv,
      'id,title,created_at,published_on,starts_at,stamp\n10,imported,2025-01-02T03:04:05.123456Z,2025-01-03,23:59:59.999999,2025-01-02 03:04:05\n',
    )
    expect(
      await transfer(t, 'transfer.import', { sessionId, table: 'post', source: readGrant(t, csv), jobId: `dates-${tz}` }),
    ).toMatchObject({ outcome: 'committed', inserted: 1 })

    const rows = read()
    expect(byId(rows, 'post', 1)).toMatchObject({
      created_at: '2025-04-05 06:07:08.000000',
      published_on: '2025-04-05',
      starts_at: '06:07:00',
      stamp: `2025-06-01 10:00:00.000000${stampsUtc}`,
    })
    expect(byId(rows, 'post', 2)).toMatchObject({ created_at: '2025-04-05 00:00:00.000000', published_on: '2024-02-02' })
    expect(byId(rows, 'post', 3)).toMatchObject({ created_at: '2025-01-02 03:04:05.000000' })
    expect(byId(rows, 'post', 5)).toMatchObject({
      created_at: '2025-04-05 06:07:08.500000',
      published_on: '2025-04-06',
      starts_at: '06:07:08.250000',
      stamp: `2025-06-01 10:00:00.000000${stampsUtc}`,
    })
    expect(byId(rows, 'post', 10)).toMatchObject({
      created_at: '2025-01-02 03:04:05.123456',
      published_on: '2025-01-03',
      starts_at: '23:59:59.999999',
      stamp: `2025-01-02 03:04:05.000000${stampsUtc}`,
    })
    expect(byId(rows, 'post', 4)).toBeUndefined()
  })

  it('post (the grid path): refuses what cannot be a date, naming the column', async () => {
    for (const [column, value] of [
      ['created_at', 'not a date'],
      ['created_at', '2025-02-30 10:00'],
      ['published_on', '2025-04-05 06:07'],
      ['starts_at', '10:61'],
    ] as const) {
      const answer = await t.result('records.update', {
        sessionId,
        table: 'post',
        key: { id: 1 },
        original: {},
        values: { [column]: value },
      })
      expect(answer, `${column} = ${value}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: column } })
    }
    const bulk = await t.result('records.bulkUpdate', { sessionId, table: 'post', filters: [], values: { created_at: 'soon' } })
    expect(bulk).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'created_at' } })
  })

  it('the Structure tab says which form each SQLite column was found in', async () => {
    const info = await t.call('schema.describe', { sessionId, table: 'post' })
    const form = (name: string) => info.columns.find((c) => c.name === name)!.storedForm
    if (t.dialect !== 'sqlite') return expect(form('created_at')).toBeUndefined()
    expect(form('created_at')).toEqual({ form: 'sqlalchemy', detected: true })
    expect(form('published_on')).toEqual({ form: 'date', detected: true })
    expect(form('starts_at')).toEqual({ form: 'time-sqlalchemy', detected: true })
  })

  it('a Sequelize app reads back what Rowboat wrote into its DATE, DATEONLY and TIME columns', async () => {
    const app = sequelizeApp(t)
    try {
      const Event = app.define(
        'Event',
        { name: DataTypes.STRING, happened_at: DataTypes.DATE(3), day: DataTypes.DATEONLY, at: DataTypes.TIME },
        { tableName: 'events' },
      )
      await Event.sync()
      await Event.create({
        id: 1,
        name: 'first',
        happened_at: new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 250)),
        day: '2024-01-01',
        at: '09:15:00',
      })
      const fresh = await t.call('sessions.open', { url: t.url }) // a new session sees the new table
      await t.call('records.update', {
        sessionId: fresh.sessionId,
        table: 'events',
        key: { id: 1 },
        original: {},
        values: { happened_at: '2025-01-02 03:04:05.678', day: '2025-04-05', at: '6:07:08' },
      })
      const inserted: Row = await t.call('records.insert', {
        sessionId: fresh.sessionId,
        table: 'events',
        values: {
          id: 2,
          name: 'second',
          happened_at: '2025-01-02T03:04:05Z',
          day: '2025-04-06',
          at: '23:00',
          createdAt: '2025-01-01 00:00:00',
          updatedAt: '2025-01-01 00:00:00',
        },
      })
      expect(inserted.name).toBe('second')
      const rows = (await Event.findAll({ order: [['id', 'ASC']] })).map((r) => r.get({ plain: true }))
      const seen = rows.map((r) => {
        const row = r as Record<string, unknown>
        return { happened_at: (row.happened_at as Date).toISOString(), day: row.day, at: String(row.at) }
      })
      expect(seen).toEqual([
        { happened_at: '2025-01-02T03:04:05.678Z', day: '2025-04-05', at: '06:07:08' },
        { happened_at: '2025-01-02T03:04:05.000Z', day: '2025-04-06', at: '23:00:00' },
      ])
      if (t.dialect === 'sqlite') {
        const info = await t.call('schema.describe', { sessionId: fresh.sessionId, table: 'events' })
        expect(info.columns.find((c) => c.name === 'happened_at')!.storedForm).toEqual({ form: 'sequelize', detected: true })
      }
    } finally {
      await app.close()
    }
  })
}
