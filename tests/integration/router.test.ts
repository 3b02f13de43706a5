import { expect, it } from 'vitest'
import { describeDialects } from './harness'

describeDialects(
  'router',
  (t) => {
    it('answers a channel with a Result value', async () => {
      const info = await t.call('app.info', {})
      expect(info.name).toBe('Rowboat')
      expect(info.dialects).toEqual(['sqlite', 'mysql', 'postgres'])
    })

    it('refuses an unknown channel as a value, not a throw', async () => {
      const answer = await t.api.router.invoke('records.drop_everything', {})
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    })

    it('refuses invalid input naming the field', async () => {
      const answer = await t.api.router.invoke('records.page', { sessionId: 's', table: '', pageSize: 10 })
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'table' } })
    })
  },
  ['sqlite'],
)
