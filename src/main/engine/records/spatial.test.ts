import { describe, expect, it } from 'vitest'
import type { ColumnInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { geometryWriteExpression, isMysqlGeometry } from './spatial'

const column = { name: 'p', type: 'point' } as ColumnInfo

function written(value: string | null) {
  const params: unknown[] = []
  const sql = geometryWriteExpression(value, column, (v) => (params.push(v), '?'))
  return { sql, params }
}

describe('geometry as text', () => {
  it('knows MySQL geometry types only', () => {
    expect(isMysqlGeometry('mysql', { ...column, type: 'point' })).toBe(true)
    expect(isMysqlGeometry('mysql', { ...column, type: 'multipolygon' })).toBe(true)
    expect(isMysqlGeometry('mysql', { ...column, type: 'pointer' })).toBe(false)
    expect(isMysqlGeometry('postgres', { ...column, type: 'point' })).toBe(false)
  })

  it('writes WKT with its SRID (0 when none is given)', () => {
    expect(written('POINT(1 2)')).toEqual({ sql: 'ST_GeomFromText(?, ?)', params: ['POINT(1 2)', 0] })
    expect(written('SRID=4326;POINT(-71.06 42.36)')).toEqual({ sql: 'ST_GeomFromText(?, ?)', params: ['POINT(-71.06 42.36)', 4326] })
    expect(written('GEOMETRYCOLLECTION EMPTY').params).toEqual(['GEOMETRYCOLLECTION EMPTY', 0])
    expect(written(null)).toEqual({ sql: '?', params: [null] })
  })

  it('refuses text that is not WKT (the server would store NULL)', () => {
    for (const bad of ['not a point', '', '{"x":1,"y":2}', 'SRID=x;POINT(1 2)']) {
      const error = (() => {
        try {
          written(bad)
        } catch (e) {
          return e
        }
      })()
      expect(error, bad).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('VALIDATION')
    }
  })
})
