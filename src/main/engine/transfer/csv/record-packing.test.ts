import { describe, expect, it } from 'vitest'
import type { CsvRecord } from './csv-reader'
import { packRecords, transferables, unpackRecords } from './record-packing'

describe('packed records', () => {
  it('come back field for field: NULL and empty apart, uneven rows, unicode beyond the BMP', () => {
    const records: CsvRecord[] = [
      ['1', 'plain', null, ''],
      ['2', 'línea\nnueva, "quoted"', '🚣‍♀️ rowboat', '9007199254740993'],
      [],
      [null],
      ['only one field here, long enough to be sliced rather than copied'],
    ]
    const packed = packRecords(records, 123)
    expect(packed.bytes).toBe(123)
    expect(packed.widths).toEqual(new Uint32Array([4, 4, 0, 1, 1]))
    expect(unpackRecords(packed)).toEqual(records)
  })

  it('survive a trip through structuredClone with their buffers transferred', () => {
    const records: CsvRecord[] = [
      ['a', null],
      ['', 'b'],
    ]
    const packed = packRecords(records, 0)
    const copy = structuredClone(packed, { transfer: transferables(packed) })
    expect(packed.ends.byteLength).toBe(0) // handed over, not copied
    expect(unpackRecords(copy)).toEqual(records)
  })
})
