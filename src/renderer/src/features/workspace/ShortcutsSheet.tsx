import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { SHORTCUTS } from './shortcuts'

/** The sheet `?` opens: every shortcut, grouped by where it works. */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      label="Keyboard shortcuts"
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {SHORTCUTS.map((group) => (
        <table key={group.group} className="shortcuts-table" aria-label={group.group}>
          <caption>{group.group}</caption>
          <tbody>
            {group.items.map((item) => (
              <tr key={item.keys}>
                <th scope="row">
                  <kbd>{item.keys}</kbd>
                </th>
                <td>{item.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Dialog>
  )
}
