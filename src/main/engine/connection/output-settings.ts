import type { Sequelize } from 'sequelize'

/**
 * How PostgreSQL prints values depends on settings a server, database, role or start-up `options`
 * may change; every connection of a session sets the two the value codec relies on, whatever the
 * database says (output-settings.test.ts):
 * - `extra_float_digits` above 0 (1 by default since PostgreSQL 12; 3 gives 17 significant digits
 *   before it): at 0 or less a double prints 15 digits and a real 6, so pages, exports and the
 *   console would show rounded numbers, and a value written back from them would round what is stored;
 * - DateStyle's output part `ISO`, which the codec and the editors read (`SQL`, `German` and
 *   `Postgres` write `05/12/2026 06:50:00`, `05.12.2026 …`, `Sat Dec 05 …`). Its other part, the
 *   day/month order that reads ambiguous dates typed in the console, stays as the database set it.
 * The time zone is Sequelize's (`timezone: '+00:00'`, connect.ts).
 */
export function printValuesAsTheCodecReads(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'postgres') return
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    await (connection as { query(sql: string): Promise<unknown> }).query('SET extra_float_digits = 3; SET DateStyle = ISO')
  })
}
