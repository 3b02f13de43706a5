import { describe, expect, it } from 'vitest'
import { resolveMapping } from './mapping'
import { batchKey, buildPlan } from './plan'
import { convertRecord, IssueLog } from './convert-record'
import { column, table } from '../test-columns'
import { USE_DEFAULT } from './validate'

const people = table('people', [
  column('id', 'integer', 'integer', { primaryKey: true, nullable: false }),
  column('name', 'text', 'varchar(20)', { nullable: false, maxLength: 20 }),
  column('age', 'integer', 'integer'),
])

const plan = (mapping: Array<string | null>) => {
  const mapped = resolveMapping(mapping, mapping.length, people)
  return buildPlan({ dialect: 'postgres', table: people, mapped, key: [people.columns[0]], mode: 'skip', model: null })
}

describe('import plan', () => {
  it('refuses a mapping that leaves a required column out', () => {
    expect(() => plan(['id', null, 'age'])).toThrow(/name needs a value/)
  })

  it('converts a record into the batch, reporting each bad value with its column', () => {
    const p = plan(['id', 'name', 'age'])
    const out: unknown[] = []
    expect(convertRecord(p, ['1', 'Ann', null], out, 0)).toBeNull()
    expect(out).toEqual(['1', 'Ann', null])
    expect(convertRecord(p, ['x', 'Ann', 'old'], out, 3)).toEqual([
      { column: 'id', message: 'id is not a whole number: "x"' },
      { column: 'age', message: 'age is not a whole number: "old"' },
    ])
    expect(convertRecord(p, ['1', 'Ann'], out, 6)?.[0]?.message).toMatch(/has 2 fields; the file's rows have 3/)
  })

  it('keys rows so equal keys meet: numbers by value, text without case', () => {
    const p = plan(['id', 'name', 'age'])
    expect(batchKey(['7', 'a', null], 0, p)).toBe(batchKey(['007', 'b', null], 0, p))
    expect(batchKey([null, 'a', null], 0, p)).toBeNull()
    expect(batchKey([USE_DEFAULT, 'a', null], 0, p)).toBeNull()
    const byName = buildPlan({
      dialect: 'mysql',
      table: people,
      mapped: resolveMapping(['id', 'name'], 2, people),
      key: [people.columns[1]],
      mode: 'update',
      model: null,
    })
    expect(batchKey(['1', 'Ann '], 0, byName)).toBe(batchKey(['2', 'ann'], 0, byName))
  })

  it('falls back to plain inserts when no key can match rows', () => {
    const mapped = resolveMapping(['id', 'name'], 2, people)
    expect(buildPlan({ dialect: 'sqlite', table: people, mapped, key: null, mode: 'update', model: null }).mode).toBe('fail')
  })

  it('keeps the first 100 issues and counts them all', () => {
    const log = new IssueLog()
    for (let row = 1; row <= 150; row++) log.add(row, [{ column: 'a', message: 'bad' }])
    expect(log.shown).toHaveLength(100)
    expect(log.count).toBe(150)
    expect(log.shown[99]).toEqual({ row: 100, column: 'a', message: 'bad' })
  })
})
