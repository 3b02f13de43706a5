import type { Sequelize } from 'sequelize'

/**
 * PostgreSQL prints floats with every digit they need only while `extra_float_digits` is above 0
 * (1 by default since PostgreSQL 12; 3 gives 17 significant digits before it). A server, database or
 * role set to 0 or less, or a start-up `options` that says so, prints 15 digits for a double and 6
 * for a real: pages, exports and the console would show rounded numbers, and a value written back
 * from them would round what is stored. So every connection of a session sets it for itself,
 * whatever the database says (float-digits.test.ts).
 */
export function readFloatsWithEveryDigit(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'postgres') return
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    await (connection as { query(sql: string): Promise<unknown> }).query('SET extra_float_digits = 3')
  })
}
