/**
 * `npm run bench -- transfer [--rows 1000000] [--only sqlite,mysql,postgres] [--json out.json]`
 * `npm run bench -- transfer --export-only [--repeat 5] [--cpu-prof DIR] …`: the table loaded by the native tool, then
 * Rowboat's export and the native export alternately, `repeat` times each (median and range);
 * `--cpu-prof DIR` then writes a CPU profile of one more Rowboat export per database.
 *
 * Generates a users-like CSV (integer id, two unique strings, text, bool, float, timestamp),
 * then for each database: imports it through the engine (the transfer.import handler, as the app
 * calls it), exports it back (transfer.export), and runs the database's native bulk path on the
 * same file in the same run (sqlite3 `.import`, psql `\copy`, mariadb `LOAD DATA LOCAL INFILE`).
 * Prints rows/s, the ratio Rowboat ÷ native, and the peak RSS of this (the engine's) process.
 * Databases are throwaway: created for the run and dropped after (servers from TEST_MYSQL_URL /
 * TEST_PG_URL, defaulting to the local ones).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApi, type Api } from '../src/main/api'
import { sqliteCsvExtensionIn } from '../src/main/host/bundled-files'
import type { ChannelName, InputOf, OutputOf } from '../src/shared/contract'
import type { Dialect } from '../src/shared/connection-types'
import { profiled } from './lib/profile'
import { childCpuSeconds, cpuSeconds, elapsedSeconds } from './lib/timing'
import { DDL, createDatabase, generateCsv } from './lib/transfer-fixtures'
import { flagValue, hasFlag, onlyDialects } from './lib/args'

/** Built beside this bench by run.mjs, as the app builds it beside its own entries. */
const CSV_WORKER = join(dirname(fileURLToPath(import.meta.url)), 'csv-worker.mjs')
/** run.mjs runs the bench from the project's folder. */
const SQLITE_CSV_EXTENSION = sqliteCsvExtensionIn(process.cwd())

interface Options {
  rows: number
  only: Dialect[]
  json: string | null
  exportOnly: boolean
  repeat: number
  /** Where to write a CPU profile of one more export per database (export-only runs). */
  cpuProf: string | undefined
}

function options(): Options {
  return {
    rows: Number(flagValue('--rows') ?? 1_000_000),
    only: onlyDialects(),
    json: flagValue('--json') ?? null,
    exportOnly: hasFlag('--export-only'),
    repeat: Number(flagValue('--repeat') ?? 5),
    cpuProf: flagValue('--cpu-prof'),
  }
}

/** Peak RSS while a phase runs, sampled every 20 ms (and at the end). */
class MemoryWatch {
  private peak = 0
  private timer: NodeJS.Timeout | null = null
  start(): void {
    ;(globalThis as { gc?: () => void }).gc?.()
    this.peak = process.memoryUsage.rss()
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss())
    }, 20)
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer)
    this.peak = Math.max(this.peak, process.memoryUsage.rss())
    return this.peak
  }
}

interface Figures {
  dialect: Dialect
  rows: number
  importSeconds: number
  nativeImportSeconds: number
  exportSeconds: number
  nativeExportSeconds: number
  importPeakRssMb: number
  exportPeakRssMb: number
  baselineRssMb: number
}

/** The API as the app sets it up: imports parse on their own thread, SQLite exports write CSV by the extension. */
function benchApi(dir: string): Api {
  return createApi({
    baseDir: dir,
    dataDir: join(dir, 'data'),
    log: (m) => console.error(m),
    csvWorker: CSV_WORKER,
    sqliteCsvExtension: SQLITE_CSV_EXTENSION,
  })
}

async function benchDialect(dialect: Dialect, csv: string, rows: number, dir: string): Promise<Figures> {
  const db = await createDatabase(dialect, dir)
  const api = benchApi(dir)
  // Through the router, the path both hosts use: the figures include input checking and wrapping.
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const answer = await api.router.invoke(channel, input)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`)
    return answer.value as OutputOf<C>
  }
  try {
    await db.sql(DDL[dialect])
    const opened = await api.router.invoke('sessions.open', { url: db.url })
    if (!opened.ok) throw new Error(`cannot open ${dialect}: ${opened.error.message}`)
    const sessionId = (opened.value as { sessionId: string }).sessionId
    ;(globalThis as { gc?: () => void }).gc?.()
    const baseline = process.memoryUsage.rss()

    const memory = new MemoryWatch()
    memory.start()
    let result: OutputOf<'transfer.import'> | null = null
    const importSeconds = await elapsedSeconds(async () => {
      result = await call('transfer.import', {
        sessionId,
        table: 'bench_users',
        source: { file: api.files.grantRead(csv).id },
        jobId: `bench-import-${dialect}`,
      })
    })
    const importPeak = memory.stop()
    const imported = result as unknown as { inserted: number; outcome: string; issueCount: number; issues: unknown[] }
    if (imported.outcome !== 'committed' || imported.inserted !== rows) {
      throw new Error(`${dialect}: import did ${JSON.stringify({ ...imported, issues: imported.issues.slice(0, 3) })}`)
    }

    const exportPath = join(dir, `export-${dialect}.csv`)
    memory.start()
    const exportSeconds = await elapsedSeconds(async () => {
      await call('transfer.export', {
        sessionId,
        table: 'bench_users',
        format: { kind: 'csv' },
        destination: { file: api.files.grantWrite(exportPath).id },
        jobId: `bench-export-${dialect}`,
      })
    })
    const exportPeak = memory.stop()
    rmSync(exportPath, { force: true })
    await api.router.invoke('sessions.close', { sessionId })

    await db.sql('DELETE FROM bench_users')
    if (dialect === 'postgres') await db.sql('VACUUM bench_users')
    const nativeImportSeconds = await elapsedSeconds(() => db.native(csv))
    const count = await db.count()
    if (count !== rows) throw new Error(`${dialect}: the native import loaded ${count} rows, not ${rows}`)
    const nativePath = join(dir, `native-${dialect}.csv`)
    const nativeExportSeconds = await elapsedSeconds(() => db.nativeExport(nativePath))
    rmSync(nativePath, { force: true })

    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
    return {
      dialect,
      rows,
      importSeconds,
      nativeImportSeconds,
      exportSeconds,
      nativeExportSeconds,
      importPeakRssMb: mb(importPeak),
      exportPeakRssMb: mb(exportPeak),
      baselineRssMb: mb(baseline),
    }
  } finally {
    await api.engine.shutdown()
    await api.log.close()
    await db.drop().catch((error: unknown) => console.error(`could not drop the ${dialect} bench database:`, error))
  }
}

interface ExportFigures {
  dialect: Dialect
  rows: number
  /** Alternating runs, in order. */
  exportSeconds: number[]
  nativeExportSeconds: number[]
  /**
   * CPU seconds of the same runs, which load moves far less than wall time: this process's (every thread;
   * on SQLite that is the whole export, on the servers only the client's share) and the native tool's process.
   */
  exportCpuSeconds: number[]
  nativeExportCpuSeconds: Array<number | null>
  exportPeakRssMb: number
  baselineRssMb: number
}

/** Export only: the table filled by the native tool, then Rowboat's export and the native one in turn. */
async function benchExport(
  dialect: Dialect,
  csv: string,
  rows: number,
  dir: string,
  repeat: number,
  cpuProf: string | undefined,
): Promise<ExportFigures> {
  const db = await createDatabase(dialect, dir)
  const api = benchApi(dir)
  try {
    await db.sql(DDL[dialect])
    await db.native(csv)
    const count = await db.count()
    if (count !== rows) throw new Error(`${dialect}: the native import loaded ${count} rows, not ${rows}`)
    const opened = await api.router.invoke('sessions.open', { url: db.url })
    if (!opened.ok) throw new Error(`cannot open ${dialect}: ${opened.error.message}`)
    const sessionId = (opened.value as { sessionId: string }).sessionId
    ;(globalThis as { gc?: () => void }).gc?.()
    const baseline = process.memoryUsage.rss()
    const memory = new MemoryWatch()
    const figures: ExportFigures = {
      dialect,
      rows,
      exportSeconds: [],
      nativeExportSeconds: [],
      exportCpuSeconds: [],
      nativeExportCpuSeconds: [],
      exportPeakRssMb: 0,
      baselineRssMb: 0,
    }
    const exportTo = async (path: string, jobId: string) => {
      const answer = await api.router.invoke('transfer.export', {
        sessionId,
        table: 'bench_users',
        format: { kind: 'csv' },
        destination: { file: api.files.grantWrite(path).id },
        jobId,
      })
      if (!answer.ok) throw new Error(`transfer.export: ${answer.error.message}`)
    }
    let peak = 0
    for (let run = 0; run < repeat; run++) {
      const exportPath = join(dir, `export-${dialect}.csv`)
      memory.start()
      let exportCpu = 0
      figures.exportSeconds.push(
        await elapsedSeconds(async () => {
          exportCpu = await cpuSeconds(async () => {
            await exportTo(exportPath, `bench-export-${dialect}-${run}`)
          })
        }),
      )
      figures.exportCpuSeconds.push(exportCpu)
      peak = Math.max(peak, memory.stop())
      rmSync(exportPath, { force: true })
      const nativePath = join(dir, `native-${dialect}.csv`)
      let nativeCpu: number | null = null
      figures.nativeExportSeconds.push(
        await elapsedSeconds(async () => {
          nativeCpu = await childCpuSeconds(() => db.nativeExport(nativePath))
        }),
      )
      figures.nativeExportCpuSeconds.push(nativeCpu)
      rmSync(nativePath, { force: true })
      console.log(
        `${dialect} run ${run + 1}: export ${figures.exportSeconds.at(-1)!.toFixed(2)} s, native ${figures.nativeExportSeconds.at(-1)!.toFixed(2)} s; CPU ${exportCpu.toFixed(2)} s, native ${nativeCpu === null ? '?' : (nativeCpu as number).toFixed(2)} s; load ${loadavg()[0].toFixed(2)}`,
      )
    }
    if (cpuProf) {
      const file = join(cpuProf, `export-${dialect}.cpuprofile`)
      const exportPath = join(dir, `export-${dialect}.csv`)
      await profiled(file, () => exportTo(exportPath, `bench-export-${dialect}-profiled`))
      rmSync(exportPath, { force: true })
      console.log(`${dialect}: CPU profile of one export written to ${file}`)
    }
    await api.router.invoke('sessions.close', { sessionId })
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
    return { ...figures, exportPeakRssMb: mb(peak), baselineRssMb: mb(baseline) }
  } finally {
    await api.engine.shutdown()
    await api.log.close()
    await db.drop().catch((error: unknown) => console.error(`could not drop the ${dialect} bench database:`, error))
  }
}

function reportExport(figures: ExportFigures[]): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const cpu = (f: ExportFigures) => {
    const native = f.nativeExportCpuSeconds.filter((s): s is number => s !== null)
    return `${median(f.exportCpuSeconds).toFixed(2)} s / ${native.length > 0 ? `${median(native).toFixed(2)} s` : '?'}`
  }
  console.log(
    '\n| database | export: Rowboat (median, range) | native | Rowboat ÷ native (median of runs; range) | CPU: Rowboat / native (median) | RSS before → peak |',
  )
  console.log('|---|---|---|---|---|---|')
  for (const f of figures) {
    const ratios = f.exportSeconds.map((s, i) => s / f.nativeExportSeconds[i])
    const range = (values: number[], digits: number) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`
    console.log(
      `| ${f.dialect} | ${median(f.exportSeconds).toFixed(2)} s (${range(f.exportSeconds, 2)}) | ${median(f.nativeExportSeconds).toFixed(2)} s (${range(f.nativeExportSeconds, 2)}) | ` +
        `**${median(ratios).toFixed(2)}×** (${range(ratios, 2)}) | ${cpu(f)} | ${f.baselineRssMb} → ${f.exportPeakRssMb} MB |`,
    )
  }
}

function report(figures: Figures[]): void {
  const perSecond = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en')
  console.log(
    '\n| database | import: Rowboat rows/s | native rows/s | Rowboat ÷ native (time) | export: Rowboat rows/s | native rows/s | ratio | RSS before → peak import / export |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const f of figures) {
    console.log(
      `| ${f.dialect} | ${perSecond(f.rows, f.importSeconds)} (${f.importSeconds.toFixed(1)} s) | ${perSecond(f.rows, f.nativeImportSeconds)} (${f.nativeImportSeconds.toFixed(1)} s) | ${(f.importSeconds / f.nativeImportSeconds).toFixed(2)}× | ` +
        `${perSecond(f.rows, f.exportSeconds)} (${f.exportSeconds.toFixed(1)} s) | ${perSecond(f.rows, f.nativeExportSeconds)} (${f.nativeExportSeconds.toFixed(1)} s) | ${(f.exportSeconds / f.nativeExportSeconds).toFixed(2)}× | ` +
        `${f.baselineRssMb} → ${f.importPeakRssMb} / ${f.exportPeakRssMb} MB |`,
    )
  }
}

async function main(): Promise<void> {
  const opts = options()
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-bench-'))
  try {
    console.log(
      `Rowboat transfer bench: ${opts.rows.toLocaleString('en')} rows, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')}`,
    )
    const csv = join(dir, 'users.csv')
    const generation = await elapsedSeconds(() => generateCsv(csv, opts.rows))
    console.log(`generated ${csv} (${(statSync(csv).size / 2 ** 20).toFixed(0)} MB) in ${generation.toFixed(1)} s`)
    if (opts.exportOnly) {
      const exports: ExportFigures[] = []
      for (const dialect of opts.only) exports.push(await benchExport(dialect, csv, opts.rows, dir, opts.repeat, opts.cpuProf))
      reportExport(exports)
      console.log(
        `load average at the end: ${loadavg()
          .map((n) => n.toFixed(2))
          .join(', ')}`,
      )
      if (opts.json)
        writeFileSync(opts.json, JSON.stringify({ cores: cpus().length, node: process.version, loadavg: loadavg(), exports }, null, 2))
      return
    }
    const figures: Figures[] = []
    for (const dialect of opts.only) {
      console.log(`${dialect}: running…`)
      const f = await benchDialect(dialect, csv, opts.rows, dir)
      console.log(
        `${dialect}: import ${f.importSeconds.toFixed(1)} s (native ${f.nativeImportSeconds.toFixed(1)} s), export ${f.exportSeconds.toFixed(1)} s (native ${f.nativeExportSeconds.toFixed(1)} s), peak RSS ${f.importPeakRssMb} MB`,
      )
      figures.push(f)
    }
    report(figures)
    console.log(
      `load average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')} (a shared machine inflates every figure, native ones too)`,
    )
    if (opts.json)
      writeFileSync(opts.json, JSON.stringify({ cores: cpus().length, node: process.version, loadavg: loadavg(), figures }, null, 2))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
