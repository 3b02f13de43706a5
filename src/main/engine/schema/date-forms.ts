/**
 * SQLite keeps dates as text or numbers in whatever form the writer chose, and the app that owns
 * a table reads back only its own form (SQLAlchemy refuses `2025-04-05T06:07:08` and reads `.212`
 * as 212 microseconds). So the form of each date/time column is read from its values, and every
 * write uses it (records/date-values.ts); the Structure tab shows it.
 */
import type { Sequelize } from 'sequelize'
import type { ColumnInfo } from '../../../shared/contract'
import { formOfDeclaredType, formOfStoredValues, isDateKind, type SqliteDateForm, type StoredDateForm } from '../../../shared/datetime'
import { quoteName, selectRows } from './catalog'

/** Enough recent-enough values to outvote a few stragglers in another form. */
const SAMPLE = 50

const ARMS_PER_STATEMENT = 100

export async function withStoredDateForms(sequelize: Sequelize, table: string, columns: ColumnInfo[]): Promise<ColumnInfo[]> {
  const detected = new Map<string, StoredDateForm>()
  const dated = columns.filter((column) => isDateKind(column.kind))
  // Every date column's sample in one statement (opening a table reads them each time), in arms of
  // a UNION ALL well under SQLite's limit on compound SELECTs (500).
  for (let start = 0; start < dated.length; start += ARMS_PER_STATEMENT) {
    const arms = dated.slice(start, start + ARMS_PER_STATEMENT).map((column, i) => {
      const q = quoteName(sequelize, column.name)
      return `SELECT ${start + i} AS c, v FROM (SELECT ${q} AS v FROM ${quoteName(sequelize, table)} WHERE ${q} IS NOT NULL LIMIT ${SAMPLE})`
    })
    const rows = await selectRows<{ c: unknown; v: unknown }>(sequelize, arms.join(' UNION ALL '))
    const samples = new Map<number, unknown[]>()
    for (const row of rows) {
      const index = Number(row.c)
      const values = samples.get(index) ?? []
      values.push(row.v)
      samples.set(index, values)
    }
    for (const [index, values] of samples) {
      const form = formOfStoredValues(values)
      if (form) detected.set(dated[index].name, { form, detected: true })
    }
  }
  // An empty datetime column follows a filled one of the same table (a new `deleted_at` beside
  // Sequelize's `created_at`), else the form its declared type implies.
  const sibling = columns.find((c) => c.kind === 'datetime' && detected.has(c.name))
  return columns.map((column) => {
    if (!isDateKind(column.kind)) return column
    const storedForm =
      detected.get(column.name) ??
      (column.kind === 'datetime' && sibling ? detected.get(sibling.name)! : { form: impliedForm(column, column.kind), detected: false })
    return { ...column, storedForm }
  })
}

/** SQLite's CURRENT_TIMESTAMP default writes `YYYY-MM-DD HH:MM:SS`: new values match what it fills in. */
function impliedForm(column: ColumnInfo, kind: 'date' | 'time' | 'datetime'): SqliteDateForm {
  if (kind === 'datetime' && column.default && /^\(?\s*(current_timestamp|datetime\s*\(\s*'now'\s*\))\s*\)?$/i.test(column.default))
    return 'python'
  return formOfDeclaredType(kind)
}
