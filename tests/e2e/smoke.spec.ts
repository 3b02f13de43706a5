import { expect, test } from './fixtures'

test('the browser host serves the app, which talks to the API', async ({ app, host }) => {
  await expect(app).toHaveTitle('Rowboat')
  // The token moved from the address into the tab's session storage.
  expect(app.url()).not.toContain('token=')
  expect(host.output.join('')).toContain('created the sample database')
})
