import type { ColumnInfo, TableInfo } from '../../../../shared/contract'
import type { ColumnMapping, DuplicateMode, TargetColumn, UniqueKey } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'

/** Names compared for matching: case, underscores, spaces and dashes ignored (`User_Name` = `username`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '')
}

/** The CSV's column names: the header row, or `column 1`, `column 2`… */
export function csvColumnNames(firstRecord: ReadonlyArray<string | null> | undefined, header: boolean, width: number): string[] {
  return Array.from({ length: width }, (_, i) => {
    const name = header ? firstRecord?.[i]?.trim() : undefined
    return name ? name : `column ${i + 1}`
  })
}

/**
 * A first mapping: with a header, each CSV column goes to the table column of the same name
 * (normalised); without one, by position, as a file exported from this table would be laid out.
 */
export function suggestMapping(csvColumns: readonly string[], table: TableInfo, header: boolean): ColumnMapping {
  const writable = table.columns
  if (!header) return csvColumns.map((_, i) => writable[i]?.name ?? null)
  const used = new Set<string>()
  return csvColumns.map((name) => {
    const wanted = normalizeName(name)
    const match = writable.find((c) => !used.has(c.name) && normalizeName(c.name) === wanted)
    if (!match) return null
    used.add(match.name)
    return match.name
  })
}

/** The mapping checked against the table: each CSV position → its column, or null (skipped). */
export function resolveMapping(
  mapping: ColumnMapping,
  csvWidth: number,
  table: TableInfo,
  options: { allowNone?: boolean } = {},
): Array<ColumnInfo | null> {
  if (mapping.length > csvWidth) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `The mapping lists ${mapping.length} columns, but the CSV has ${csvWidth}.`,
      hint: 'Inspect the file again and map its columns.',
      field: 'mapping',
    })
  }
  const seen = new Map<string, number>()
  const resolved = Array.from({ length: csvWidth }, (_, index): ColumnInfo | null => {
    const name = mapping[index] ?? null
    if (name === null) return null
    const column = table.columns.find((c) => c.name === name)
    if (!column) {
      throw new AppError({
        code: 'COLUMN_NOT_FOUND',
        message: `Table "${table.name}" has no column "${name}". Its columns are: ${table.columns.map((c) => c.name).join(', ')}.`,
        hint: 'Map the CSV column to another column, or skip it.',
        field: `mapping.${index}`,
      })
    }
    const earlier = seen.get(name)
    if (earlier !== undefined) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `CSV columns ${earlier + 1} and ${index + 1} both go into "${name}".`,
        hint: 'Map each table column from one CSV column at most.',
        field: `mapping.${index}`,
      })
    }
    seen.set(name, index)
    return column
  })
  if (!options.allowNone && resolved.every((c) => c === null)) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: 'No CSV column is mapped to a table column, so there is nothing to import.',
      hint: 'Map at least one CSV column.',
      field: 'mapping',
    })
  }
  return resolved
}

/** A column that must get a value from the file: NOT NULL, no default, not generated. */
export function isRequired(column: ColumnInfo): boolean {
  return !column.nullable && column.default === null && !column.autoIncrement
}

export function targetColumns(table: TableInfo): TargetColumn[] {
  return table.columns.map((c) => ({
    name: c.name,
    type: c.type,
    kind: c.kind,
    required: isRequired(c),
    nullable: c.nullable,
    hasDefault: c.default !== null,
    autoIncrement: c.autoIncrement,
    maxLength: c.maxLength,
    primaryKey: c.primaryKey,
  }))
}

/** The primary key and every unique index (each column set once). */
export function uniqueKeys(table: TableInfo): UniqueKey[] {
  const keys: UniqueKey[] = []
  const seen = new Set<string>()
  const add = (key: UniqueKey) => {
    const id = [...key.columns].sort().join('\u0000')
    if (seen.has(id) || key.columns.length === 0) return
    if (!key.columns.every((name) => table.columns.some((c) => c.name === name))) return // expression indexes
    seen.add(id)
    keys.push(key)
  }
  if (table.primaryKey.length > 0) add({ name: 'PRIMARY KEY', columns: [...table.primaryKey], primary: true })
  for (const index of table.indexes) {
    if (index.unique) add({ name: index.primary ? 'PRIMARY KEY' : index.name, columns: [...index.columns], primary: index.primary })
  }
  return keys
}

/**
 * The key duplicates are recognised by, as columns; null when rows cannot be matched (then every
 * row is inserted as it is, and a clash on any unique index is an error).
 * The default is the primary key (none: rows are not matched). A key whose columns are not all
 * mapped cannot match rows (an auto-increment id left out of the file: every row is new).
 */
export function resolveKey(
  requested: readonly string[] | undefined,
  table: TableInfo,
  mapped: ReadonlyArray<ColumnInfo | null>,
  mode: DuplicateMode,
): ColumnInfo[] | null {
  const candidates = uniqueKeys(table)
  let columns: string[]
  if (requested) {
    const wanted = [...requested].sort().join('\u0000')
    const match = candidates.find((k) => [...k.columns].sort().join('\u0000') === wanted)
    if (!match) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `(${requested.join(', ')}) is not the primary key or a unique index of "${table.name}".`,
        hint: `Choose one of: ${candidates.map((k) => `(${k.columns.join(', ')})`).join(', ') || 'none (the table has no unique key)'}.`,
        field: 'key',
      })
    }
    columns = match.columns
  } else if (table.primaryKey.length > 0) {
    columns = table.primaryKey
  } else {
    // No primary key and no key chosen: "existing rows" has no meaning, so every row is inserted
    // (a clash on a unique index is then a row the database refuses).
    return null
  }
  const mappedNames = new Set(mapped.filter((c): c is ColumnInfo => c !== null).map((c) => c.name))
  if (!columns.every((name) => mappedNames.has(name))) {
    const missing = columns.filter((name) => !mappedNames.has(name))
    const generated = missing.every((name) => table.columns.find((c) => c.name === name)?.autoIncrement)
    if (generated) return null
    if (mode === 'fail') return null
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `The key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not mapped, so existing rows cannot be recognised.`,
      hint: 'Map the key columns, choose another key, or choose "fail on duplicate".',
      field: 'key',
    })
  }
  return columns.map((name) => table.columns.find((c) => c.name === name)!)
}
