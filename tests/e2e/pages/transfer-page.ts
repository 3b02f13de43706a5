/**
 * Page model of the Import / Export screen (Workspace → header button "Import / Export", or the
 * grid's "Export…"): the table choice, the import wizard (source, format, mapping, preview, options,
 * run and report) and the export form.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test'

export interface ImportCounts {
  inserted: number
  updated: number
  skipped: number
  failed: number
}

export class TransferPage {
  readonly panel: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Import / Export' })
  }

  /** From the workspace header; `table` picks the table when given. */
  async open(table?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import / Export', exact: true }).click()
    await expect(this.panel).toBeVisible()
    if (table) await this.chooseTable(table)
  }

  async chooseTable(table: string): Promise<void> {
    await this.panel.getByLabel('Table', { exact: true }).selectOption(table)
    await expect(this.panel.getByLabel('Table', { exact: true })).toHaveValue(table)
  }

  tab(name: 'Import CSV' | 'Export'): Locator {
    return this.panel.getByRole('tab', { name, exact: true })
  }

  async showImport(): Promise<void> {
    await this.tab('Import CSV').click()
    await expect(this.tab('Import CSV')).toHaveAttribute('aria-selected', 'true')
  }

  // --- import ----------------------------------------------------------------------------------

  /** Chooses a CSV file (streamed up to the host, as a person choosing it would) and waits for its preview. */
  async chooseFile(name: string, content: string): Promise<void> {
    await this.panel.getByRole('radio', { name: 'A CSV file' }).check()
    await this.panel
      .getByLabel('Choose a CSV file…', { exact: true })
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') })
    await this.waitInspected(name)
  }

  /** Pastes CSV text and reads it. */
  async pasteText(text: string): Promise<void> {
    await this.panel.getByRole('radio', { name: 'Pasted CSV text' }).check()
    await this.panel.getByLabel('CSV text', { exact: true }).fill(text)
    await this.panel.getByRole('button', { name: 'Read this text' }).click()
    await this.waitInspected('pasted text')
  }

  private async waitInspected(source: string): Promise<void> {
    await expect(this.panel.getByText(`Reading ${source}`, { exact: false })).toBeVisible()
    await expect(this.columnsTable('File columns')).toBeVisible()
    await expect(this.panel.getByRole('status', { name: 'Reading the CSV' })).toHaveCount(0)
  }

  /** The select choosing where a CSV column goes. */
  mapping(csvColumn: string): Locator {
    return this.panel.getByLabel(`Table column for CSV column ${csvColumn}`, { exact: true })
  }

  columnsTable(name: 'File columns' | 'Table columns'): Locator {
    return this.panel.getByRole('table', { name, exact: true })
  }

  /** A table column's row in "Table columns": name | type | required | gets. */
  targetRow(column: string): Locator {
    return this.columnsTable('Table columns')
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${column}`) }) })
  }

  preview(): Locator {
    return this.panel.getByRole('table', { name: 'Preview of the rows to import' })
  }

  /** The preview row of data row `n` (1 = the first row after the header). */
  previewRow(n: number): Locator {
    return this.preview()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: String(n), exact: true }) })
  }

  async chooseKey(label: RegExp): Promise<void> {
    const select = this.panel.getByLabel('Recognise a row by')
    const options = await select.getByRole('option').allInnerTexts()
    const match = options.find((o) => label.test(o))
    if (!match) throw new Error(`no key like ${label} among ${options.join(' / ')}`)
    await select.selectOption({ label: match })
  }

  async onDuplicate(choice: 'Insert only' | 'Upsert' | 'Fail on a duplicate'): Promise<void> {
    await this.panel
      .getByRole('radiogroup', { name: 'When a row is already there' })
      .getByRole('radio', { name: new RegExp(`^${choice}`) })
      .check()
  }

  async onBadRow(choice: 'Stop' | 'Skip bad rows'): Promise<void> {
    await this.panel
      .getByRole('radiogroup', { name: 'When a row is bad' })
      .getByRole('radio', { name: new RegExp(`^${choice}`) })
      .check()
  }

  importStatus(): Locator {
    return this.panel.getByRole('status', { name: 'Import status' })
  }

  /** "Check file": the whole import, rolled back. Waits for the outcome. */
  async checkFile(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Check file', exact: true }).click()
    await expect(this.importStatus()).toHaveText(/^(Check finished|Import stopped|The check failed)/)
  }

  importButton(table: string): Locator {
    return this.panel.getByRole('button', { name: `Import into ${table}`, exact: true })
  }

  /** Import, and wait until it has ended one way or another. */
  async runImport(table: string): Promise<void> {
    await this.importButton(table).click()
    await expect(this.importStatus()).toHaveText(/^(Import finished|Import stopped|The import)/)
  }

  async expectCounts(counts: ImportCounts): Promise<void> {
    const list = this.panel.getByRole('list', { name: /^What (the import did|an import would do)$/ })
    for (const [label, n] of Object.entries(counts))
      await expect(list.getByRole('listitem').filter({ hasText: label })).toHaveText(`${n} ${label}`)
  }

  issues(): Locator {
    return this.panel.getByRole('table', { name: /^Problems/ })
  }

  /** The report's problems as "row | column | message". */
  async issueTexts(): Promise<string[]> {
    const rows = this.issues().getByRole('row')
    const texts: string[] = []
    for (let i = 1; i < (await rows.count()); i++)
      texts.push((await rows.nth(i).getByRole('cell').allInnerTexts()).map((t) => t.trim()).join(' | '))
    return texts
  }

  /** The report's skipped rows as "row | why". */
  async skippedTexts(): Promise<string[]> {
    const rows = this.panel.getByRole('table', { name: /^Skipped/ }).getByRole('row')
    const texts: string[] = []
    for (let i = 1; i < (await rows.count()); i++)
      texts.push((await rows.nth(i).getByRole('cell').allInnerTexts()).map((t) => t.trim()).join(' | '))
    return texts
  }

  // --- export ----------------------------------------------------------------------------------

  exportForm(table: string): Locator {
    return this.panel.getByRole('form', { name: `Export ${table}` })
  }

  exportStatus(): Locator {
    return this.panel.getByRole('status', { name: 'Export status' })
  }

  async showExport(): Promise<void> {
    await this.tab('Export').click()
    await expect(this.tab('Export')).toHaveAttribute('aria-selected', 'true')
  }

  /** Sets the export form of `table`: which rows, the format and, for CSV, whether it is spreadsheet-safe. */
  async chooseExport(table: string, options: ExportOptions): Promise<void> {
    const form = this.exportForm(table)
    if (options.rows)
      await form.getByRole('radio', { name: options.rows === 'table' ? /^The whole table/ : /^The current view of the grid/ }).check()
    await form.getByRole('radio', { name: options.format === 'csv' ? /^CSV$/ : /^JSON Lines/ }).check()
    if (options.spreadsheetSafe !== undefined)
      await form.getByRole('checkbox', { name: 'Spreadsheet-safe' }).setChecked(options.spreadsheetSafe)
    if (options.fileName !== undefined) await form.getByLabel('File name', { exact: true }).fill(options.fileName)
  }

  exportButton(table: string, format: ExportOptions['format']): Locator {
    return this.exportForm(table).getByRole('button', { name: format === 'csv' ? 'Export CSV' : 'Export JSON Lines', exact: true })
  }

  /**
   * Exports with the form as it is set and answers the file the browser downloaded. A failed export
   * fails here with the message the screen shows.
   */
  async exportAndDownload(table: string, format: ExportOptions['format']): Promise<Download> {
    const downloading = this.page.waitForEvent('download', { timeout: 20_000 })
    downloading.catch(() => undefined) // a failed export is reported below, with its message
    await this.exportButton(table, format).click()
    await expect(this.exportStatus()).toHaveText(/^(Exported|The export failed)/, { timeout: 20_000 })
    expect(await this.panel.getByRole('alert').allInnerTexts(), 'no error shown').toEqual([])
    const download = await downloading
    await expect(this.exportStatus()).toHaveText(/ Your browser has the download\.$/)
    return download
  }

  cancelExportButton(): Locator {
    return this.panel.getByRole('button', { name: 'Cancel export', exact: true })
  }
}

export interface ExportOptions {
  /** Leave as the form has it when not given. */
  rows?: 'table' | 'view'
  format: 'csv' | 'jsonl'
  spreadsheetSafe?: boolean
  fileName?: string
}
