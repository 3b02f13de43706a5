import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileGrants } from '../api/file-grants'
import { dialogFilePicker, type NativeDialogs } from './dialog-picker'

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-dialogs-')))

function fakeDialogs(answer: { open?: string[]; save?: string; folder?: string[]; canceled?: boolean }) {
  const asked: Array<{ kind: string; defaultPath: string; filters: unknown }> = []
  const dialogs: NativeDialogs = {
    open: async (options) => (
      asked.push({ kind: 'open', ...options }),
      { canceled: answer.canceled ?? false, filePaths: answer.open ?? [] }
    ),
    save: async (options) => (asked.push({ kind: 'save', ...options }), { canceled: answer.canceled ?? false, filePath: answer.save }),
    openFolder: async (options) => (
      asked.push({ kind: 'folder', filters: null, ...options }),
      { canceled: answer.canceled ?? false, filePaths: answer.folder ?? [] }
    ),
  }
  return { dialogs, asked }
}

describe('the desktop app picks files with native dialogs', () => {
  it('grants the project folder the folder dialog chose (resolved), and nothing when cancelled', async () => {
    const grants = new FileGrants()
    const chosen = await dialogFilePicker(grants, fakeDialogs({ folder: [dir] }).dialogs, dir).pickFolder({ path: '/etc' })
    expect(chosen?.path).toBe(dir)
    expect(grants.resolve(chosen!.id, 'folder', 'folder').access).toBe('folder')
    expect(() => grants.resolve(chosen!.id, 'read', 'source.file')).toThrow(/no longer available/)
    expect(await dialogFilePicker(grants, fakeDialogs({ folder: [dir], canceled: true }).dialogs, dir).pickFolder({})).toBeNull()
  })

  it('grants what the Open dialog chose, and nothing when cancelled', async () => {
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n')
    const grants = new FileGrants()
    const { dialogs, asked } = fakeDialogs({ open: [join(dir, 'in.csv')] })
    const grant = await dialogFilePicker(grants, dialogs, dir).pickImport()
    expect(grant).toMatchObject({ access: 'read', path: join(dir, 'in.csv'), name: 'in.csv' })
    expect(asked[0]).toMatchObject({ kind: 'open', defaultPath: dir })
    expect(await dialogFilePicker(grants, fakeDialogs({ canceled: true }).dialogs, dir).pickImport()).toBeNull()
  })

  it('suggests a safe name in Downloads, and the Save dialog’s choice counts as confirmed', async () => {
    writeFileSync(join(dir, 'there.csv'), 'old')
    const { dialogs, asked } = fakeDialogs({ save: join(dir, 'there.csv') })
    const grant = await dialogFilePicker(new FileGrants(), dialogs, dir).pickExport({
      table: 'users',
      kind: 'csv',
      name: '../../etc/passwd',
    })
    expect(asked[0]).toMatchObject({ kind: 'save', defaultPath: join(dir, 'passwd.csv'), filters: [{ extensions: ['csv'] }] })
    expect(grant).toMatchObject({ access: 'write', existed: true, overwriteConfirmed: true })
    expect(
      await dialogFilePicker(new FileGrants(), fakeDialogs({ canceled: true }).dialogs, dir).pickExport({ table: 'users', kind: 'jsonl' }),
    ).toBeNull()
  })
})
