import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'

/**
 * Geometry cells: MariaDB POINT shows as WKT text (`POINT(1 2)`, with `SRID=n;` in front when the
 * value has a spatial reference) and is written with ST_GeomFromText; PostgreSQL `point` shows as
 * its own text `(1,2)`. A value read and written back unchanged is byte-identical in the database
 * (MariaDB: HEX of the stored value, SRID included; PostgreSQL: the point's binary send form).
 */
describeDialects(
  'geometry cells',
  (t) => {
    let sessionId = ''
    const mysql = () => t.dialect === 'mysql'
    beforeAll(async () => {
      if (mysql()) {
        await t.raw('CREATE TABLE places (id INT PRIMARY KEY, p POINT NULL)')
        await t.raw(
          "INSERT INTO places VALUES (1, ST_GeomFromText('POINT(1 2)')), (2, POINT(0.1e0 + 0.2e0, 1e0 / 3e0)), (3, ST_GeomFromText('POINT(-71.06 42.36)', 4326)), (4, NULL), (5, POINT(1.2345678901234568e17, 2.2250738585072014e-308))",
        )
      } else {
        await t.raw('CREATE TABLE places (id INT PRIMARY KEY, p point NULL)')
        await t.raw(
          "INSERT INTO places VALUES (1, '(1,2)'), (2, point(0.1::float8 + 0.2::float8, 1::float8 / 3)), (3, '(-71.06,42.36)'), (4, NULL), (5, '(1.2345678901234568e17,2.2250738585072014e-308)')",
        )
      }
      sessionId = await t.open()
    })

    const stored = async () => {
      const sql = mysql()
        ? 'SELECT id, HEX(p) AS h FROM places ORDER BY id'
        : "SELECT id, encode(point_send(p), 'hex') AS h FROM places ORDER BY id"
      return (await t.raw(sql)) as Array<{ id: number; h: string | null }>
    }

    it('shows each value as text', async () => {
      const page = await t.call('records.page', { sessionId, table: 'places', pageSize: 10 })
      const cells = page.rows.map((r) => r.p)
      if (mysql()) {
        expect(cells).toEqual([
          'POINT(1 2)',
          'POINT(0.30000000000000004 0.3333333333333333)',
          'SRID=4326;POINT(-71.06 42.36)',
          null,
          'POINT(1.2345678901234568e17 2.2250738585072014e-308)',
        ])
      } else {
        expect(cells).toEqual([
          '(1,2)',
          '(0.30000000000000004,0.3333333333333333)',
          '(-71.06,42.36)',
          null,
          '(1.2345678901234568e+17,2.2250738585072014e-308)',
        ])
      }
    })

    it('writes each value back byte-identical (insert and update)', async () => {
      const before = await stored()
      const page = await t.call('records.page', { sessionId, table: 'places', pageSize: 10 })
      // Each shown value is inserted as a new row (id + 100), then written over the original by update.
      for (const row of page.rows) {
        await t.call('records.insert', { sessionId, table: 'places', values: { id: String(Number(row.id) + 100), p: row.p ?? null } })
        // An update that changes the cell: first to another point, then back to the shown text.
        await t.call('records.update', {
          sessionId,
          table: 'places',
          key: { id: row.id ?? null },
          original: { p: row.p ?? null },
          values: { p: mysql() ? 'POINT(9 9)' : '(9,9)' },
        })
        await t.call('records.update', {
          sessionId,
          table: 'places',
          key: { id: row.id ?? null },
          original: { p: mysql() ? 'POINT(9 9)' : '(9,9)' },
          values: { p: row.p ?? null },
        })
      }
      const after = await stored()
      const byId = new Map(after.map((r) => [Number(r.id), r.h]))
      for (const { id, h } of before) {
        expect(byId.get(Number(id)), `row ${id} after update`).toBe(h)
        expect(byId.get(Number(id) + 100), `row ${id} copied by insert`).toBe(h)
      }
    })

    it('refuses text that is not a geometry with a typed error', async () => {
      const answer = await t.result('records.insert', { sessionId, table: 'places', values: { id: '200', p: 'not a point' } })
      expect(answer.ok).toBe(false)
      if (!answer.ok) expect(answer.error.code).toBe('VALIDATION')
    })
  },
  ['mysql', 'postgres'],
)
