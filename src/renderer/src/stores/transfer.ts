import { create } from 'zustand'
import type { z } from 'zod'
import type {
  AppInfo,
  ColumnMapping,
  csvFormatOverridesSchema,
  DuplicateMode,
  ImportInspection,
  ImportSource,
} from '../../../shared/contract'
import { api, downloadExport } from '../api'
import { subscribe } from '../events'
import { gridKey, useBrowserStore } from './browser'
import { chooseKey } from './import-key'
import {
  newJobId,
  recordProgress,
  type ExportRequest,
  type ExportRun,
  type GridView,
  type ImportRun,
  type JobRun,
  type TransferProgress,
} from './transfer-jobs'

export type { ExportRequest, ExportRun, GridView, ImportRun, TransferProgress } from './transfer-jobs'

/**
 * Import and export: the import being prepared (file, format, mapping, options and what the engine
 * inspected), the running or finished jobs with their progress, and the grid's view handed over by
 * its "Export…" button. Kept here rather than in the screen so leaving it never loses a running job.
 */

export type CsvOverrides = z.input<typeof csvFormatOverridesSchema>
export type TransferTab = 'import' | 'export'

export interface ImportDraft {
  sessionId: string
  table: string
  source: ImportSource | null
  /** The source in words: "notes.csv · 312 B" or "pasted text". */
  sourceLabel: string
  /** Text sources reach the engine already decoded, so their encoding is not the user's to pick. */
  decoded: boolean
  overrides: CsvOverrides
  /** null: the engine's suggestion (by name). */
  mapping: ColumnMapping | null
  inspection: ImportInspection | null
  inspecting: boolean
  inspectError: unknown
  /** The unique key duplicates are recognised by (its name in inspection.uniqueKeys). */
  keyName: string | null
  onDuplicate: DuplicateMode
  onInvalid: 'abort' | 'skip'
  atomic: boolean
}

interface TransferState {
  info: AppInfo | null
  infoError: unknown
  tab: TransferTab
  /** Set by the grid's "Export…" button; the export form offers it as "the current view". */
  handoff: GridView | null
  draft: ImportDraft | null
  importRun: ImportRun | null
  exportRun: ExportRun | null
  progress: Record<string, TransferProgress>
  loadInfo(): Promise<void>
  setTab(tab: TransferTab): void
  handOver(view: GridView): void
  /** Makes sure the draft is for this table (a new table starts a new draft). */
  startDraft(sessionId: string, table: string): void
  patchDraft(change: Partial<ImportDraft>): void
  /** A new file or text: format and mapping start again from what the engine detects. */
  setSource(source: ImportSource, label: string, decoded: boolean): Promise<void>
  setOverrides(overrides: CsvOverrides): Promise<void>
  setMapping(mapping: ColumnMapping): Promise<void>
  inspect(): Promise<void>
  runImport(dryRun: boolean): Promise<void>
  runExport(request: ExportRequest): Promise<void>
  retryDownload(): Promise<void>
  cancel(jobId: string): Promise<void>
}

const freshDraft = (sessionId: string, table: string): ImportDraft => ({
  sessionId,
  table,
  source: null,
  sourceLabel: '',
  decoded: false,
  overrides: {},
  mapping: null,
  inspection: null,
  inspecting: false,
  inspectError: null,
  keyName: null,
  onDuplicate: 'skip',
  onInvalid: 'abort',
  atomic: true,
})

/** Answers from an earlier inspection are dropped. */
let inspections = 0

export const useTransferStore = create<TransferState>((set, get) => {
  const patchDraft = (change: Partial<ImportDraft>) => set((state) => (state.draft ? { draft: { ...state.draft, ...change } } : {}))
  const patchImport = (jobId: string, change: Partial<ImportRun>) =>
    set((state) => (state.importRun?.jobId === jobId ? { importRun: { ...state.importRun, ...change } } : {}))
  const patchExport = (jobId: string, change: Partial<ExportRun>) =>
    set((state) => (state.exportRun?.jobId === jobId ? { exportRun: { ...state.exportRun, ...change } } : {}))

  /** After rows were written: the table list's counts and, if it shows this table, the grid. */
  const refreshBrowser = (sessionId: string, table: string) => {
    const browser = useBrowserStore.getState()
    void browser.loadTables(sessionId)
    if (browser.grid?.key === gridKey(sessionId, table)) void browser.reload()
  }

  const download = async (run: ExportRun) => {
    patchExport(run.jobId, { download: 'pending', downloadError: null })
    try {
      await downloadExport(run.fileName)
      patchExport(run.jobId, { download: 'done' })
    } catch (error) {
      patchExport(run.jobId, { download: 'failed', downloadError: error })
    }
  }

  return {
    info: null,
    infoError: null,
    tab: 'import',
    handoff: null,
    draft: null,
    importRun: null,
    exportRun: null,
    progress: {},

    async loadInfo() {
      if (get().info) return
      try {
        set({ info: await api.call('app.info', {}), infoError: null })
      } catch (error) {
        set({ infoError: error })
      }
    },

    setTab(tab) {
      set({ tab })
    },

    handOver(view) {
      set({ handoff: view, tab: 'export' })
    },

    startDraft(sessionId, table) {
      const draft = get().draft
      if (draft?.sessionId === sessionId && draft.table === table) return
      inspections++
      set({ draft: freshDraft(sessionId, table) })
    },

    patchDraft,

    async setSource(source, sourceLabel, decoded) {
      patchDraft({ source, sourceLabel, decoded, overrides: {}, mapping: null, inspection: null, keyName: null })
      await get().inspect()
    },

    async setOverrides(overrides) {
      // Another delimiter or header row can change the CSV's columns: the mapping starts again.
      patchDraft({ overrides, mapping: null })
      await get().inspect()
    },

    async setMapping(mapping) {
      patchDraft({ mapping })
      await get().inspect()
    },

    async inspect() {
      const draft = get().draft
      if (!draft?.source) return
      const generation = ++inspections
      patchDraft({ inspecting: true, inspectError: null })
      try {
        const inspection = await api.call('transfer.inspect', {
          sessionId: draft.sessionId,
          table: draft.table,
          source: draft.source,
          format: draft.overrides,
          ...(draft.mapping ? { mapping: draft.mapping } : {}),
        })
        if (generation !== inspections) return
        const now = get().draft
        patchDraft({ inspection, inspecting: false, keyName: now ? chooseKey(now.keyName, inspection) : null })
      } catch (error) {
        if (generation === inspections) patchDraft({ inspecting: false, inspectError: error })
      }
    },

    async runImport(dryRun) {
      const draft = get().draft
      const inspection = draft?.inspection
      if (!draft?.source || !inspection || get().importRun?.running) return
      const jobId = newJobId('import')
      const key = inspection.uniqueKeys.find((k) => k.name === draft.keyName)
      set({
        importRun: {
          jobId,
          sessionId: draft.sessionId,
          table: draft.table,
          running: true,
          cancelling: false,
          result: null,
          error: null,
          dryRun,
          atomic: draft.atomic,
        },
      })
      try {
        const result = await api.call('transfer.import', {
          sessionId: draft.sessionId,
          table: draft.table,
          source: draft.source,
          format: draft.overrides,
          mapping: draft.mapping ?? inspection.mapping,
          ...(key ? { key: key.columns } : {}),
          onDuplicate: draft.onDuplicate,
          onInvalid: draft.onInvalid,
          atomic: draft.atomic,
          dryRun,
          jobId,
        })
        patchImport(jobId, { running: false, result })
        if (result.inserted + result.updated > 0 && result.outcome !== 'dry-run') refreshBrowser(draft.sessionId, draft.table)
      } catch (error) {
        patchImport(jobId, { running: false, error })
        // A cancelled import that was not all-or-nothing keeps its earlier batches.
        if (!dryRun && !draft.atomic) refreshBrowser(draft.sessionId, draft.table)
      }
    },

    async runExport(request) {
      if (get().exportRun?.running) return
      const jobId = newJobId('export')
      const run: ExportRun = {
        jobId,
        sessionId: request.sessionId,
        table: request.table,
        running: true,
        cancelling: false,
        result: null,
        error: null,
        fileName: request.fileName,
        download: 'none',
        downloadError: null,
      }
      set({ exportRun: run })
      try {
        // The host grants the file: the desktop app's Save dialog, or a name the browser host gives it.
        const target = await api.call('files.pickExport', { table: request.table, kind: request.format.kind, name: request.fileName })
        if (!target) {
          set((state) => (state.exportRun?.jobId === jobId ? { exportRun: null } : {}))
          return
        }
        run.fileName = target.name
        patchExport(jobId, { fileName: target.name })
        const result = await api.call('transfer.export', {
          sessionId: request.sessionId,
          table: request.table,
          ...(request.view
            ? { filters: request.view.filters, sort: request.view.sort, ...(request.view.search ? { search: request.view.search } : {}) }
            : {}),
          format: request.format,
          // Replacing a file is asked by the Save dialog; without that the host answers FILE_EXISTS.
          destination: { file: target.file, overwrite: target.overwriteConfirmed },
          jobId,
        })
        patchExport(jobId, { running: false, result })
        if (request.download) await download({ ...run, result })
      } catch (error) {
        patchExport(jobId, { running: false, error })
      }
    },

    async retryDownload() {
      const run = get().exportRun
      if (run?.result) await download(run)
    },

    async cancel(jobId) {
      const mark = (cancelling: JobRun<unknown>['cancelling']) => {
        // Only a run still going: the job's own answer may have arrived meanwhile.
        if (get().importRun?.running) patchImport(jobId, { cancelling })
        if (get().exportRun?.running) patchExport(jobId, { cancelling })
      }
      mark('asking')
      try {
        const { cancelled } = await api.call('transfer.cancel', { jobId })
        // Not cancelled: the job had just ended, and its own answer says how.
        mark(cancelled ? 'stopping' : false)
      } catch {
        // The cancel did not get through: the job runs on, as shown, and Cancel can be pressed again.
        mark(false)
      }
    },
  }
})

// Progress of the jobs this screen started (others' events are not ours to keep).
subscribe('transfer.progress', (event) => {
  const { importRun, exportRun, progress } = useTransferStore.getState()
  const next = recordProgress(progress, event, [importRun?.jobId, exportRun?.jobId])
  if (next) useTransferStore.setState({ progress: next })
})
