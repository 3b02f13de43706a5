/**
 * Every keyboard shortcut the app answers, in one list: the shortcuts sheet (`?`) shows it, so a
 * new key is added here where it is added to the code.
 */
export interface Shortcut {
  keys: string
  does: string
}

export const SHORTCUTS: Array<{ group: string; items: Shortcut[] }> = [
  {
    group: 'Tabs',
    items: [
      { keys: 'Ctrl/Cmd+W · Alt+W', does: 'Close the tab (a middle click on it too); a form with unsaved changes asks first' },
      { keys: 'Ctrl/Cmd+T · Alt+T', does: 'New Query tab' },
      { keys: 'Ctrl+Tab · Ctrl+PageDown', does: 'Next tab' },
      { keys: 'Ctrl+Shift+Tab · Ctrl+PageUp', does: 'Previous tab' },
      { keys: 'Alt+← · mouse Back', does: 'Back in the tab (after following a key or “Referenced by”)' },
      { keys: 'Alt+→ · mouse Forward', does: 'Forward in the tab' },
      { keys: '?', does: 'This list' },
    ],
  },
  {
    group: 'Grid',
    items: [
      { keys: 'Arrows · PageUp/PageDown · Home/End', does: 'Move the active cell' },
      { keys: 'Ctrl/Cmd+Home · Ctrl/Cmd+End', does: 'First or last row' },
      { keys: 'Enter · F2 · typing', does: 'Edit the cell (the grid has the keyboard as soon as a table is chosen)' },
      { keys: 'Space', does: 'Toggle a boolean, select the row on the selector column' },
      { keys: 'Shift+Enter', does: 'Open the row in its form, a tab of its own (users, posts, notes); elsewhere view the whole value' },
      { keys: 'Alt+Enter', does: 'Follow the foreign key' },
      { keys: 'Delete · Backspace', does: 'Set the cell to NULL' },
      { keys: 'Shift+arrows · Shift+click', does: 'Select a range of cells' },
      { keys: 'Ctrl/Cmd+C', does: 'Copy the range, the selected rows or the cell (tab-separated, and as a table)' },
      { keys: 'Ctrl/Cmd+V', does: 'Paste tab-separated text from the cell: staged, checked like typing, new rows past the end' },
      { keys: 'Ctrl/Cmd+A', does: 'Select all loaded rows' },
      { keys: 'Alt+← / Alt+→ on a header', does: 'Narrower or wider column' },
      { keys: 'Alt+Shift+← / Alt+Shift+→ on a header', does: 'Move the column left or right (or drag its header)' },
      { keys: 'Ctrl/Cmd+S', does: 'Review and commit the staged changes' },
      { keys: 'Ctrl/Cmd+Z', does: 'Undo the last staged change' },
      { keys: 'Ctrl/Cmd+Shift+Z · Ctrl+Y', does: 'Redo' },
      { keys: 'Ctrl/Cmd+F', does: 'Search the rows' },
      { keys: 'Ctrl/Cmd+G', does: 'Go to row' },
    ],
  },
  {
    group: 'Query',
    items: [
      { keys: 'Ctrl/Cmd+Enter', does: 'Run the statement at the cursor (or the selection)' },
      { keys: 'Ctrl/Cmd+Shift+Enter', does: 'Run all' },
      { keys: 'Esc', does: 'Cancel the running statement' },
    ],
  },
  {
    group: 'Query results',
    items: [
      { keys: 'Arrows · PageUp/PageDown · Home/End', does: 'Move the active cell (Tab reaches the rows; near the end, more are read)' },
      { keys: 'Ctrl/Cmd+Home · Ctrl/Cmd+End', does: 'First or last row read' },
      { keys: 'Shift+Space · a click on the row number', does: 'Select the row (or leave it out again)' },
      { keys: 'Ctrl/Cmd+C', does: 'Copy the selected rows or the cell' },
      { keys: 'Enter · F2', does: 'Edit the cell (an editable result); Esc cancels' },
      { keys: 'Delete', does: 'Delete the selected rows or the row (staged, an editable result)' },
      { keys: 'Ctrl/Cmd+Z', does: 'Undo the last staged change' },
      { keys: 'Ctrl/Cmd+S', does: 'Commit the staged changes' },
    ],
  },
]
