import { connectFromList, expect, test } from './fixtures'

test('the browser host serves the app, which opens the sample database', async ({ app, host }) => {
  await expect(app).toHaveTitle('Rowboat')
  // The token moved from the address into the tab's session storage.
  expect(app.url()).not.toContain('token=')
  expect(host.output.join('')).toContain('created the sample database')

  await connectFromList(app, 'Sample database')
  const tables = app.getByRole('navigation', { name: 'Tables' })
  for (const name of ['notes', 'posts', 'users']) await expect(tables.getByRole('button', { name, exact: true })).toBeVisible()
  await expect(app.getByRole('banner').or(app.locator('.workspace-header'))).toContainText(/SQLite \d+\.\d+/)
})
