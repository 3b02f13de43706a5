// Prints the plain closing line CI reads, over vitest's and Playwright's JSON reports:
// "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs'

const [vitestFile, playwrightFile] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0

function read(file, label) {
  if (!existsSync(file)) {
    console.error(`No ${label} report at ${file}: that part of the test run did not finish.`)
    failed += 1
    return null
  }
  return JSON.parse(readFileSync(file, 'utf8'))
}

const vitest = read(vitestFile, 'vitest')
if (vitest) {
  passed += vitest.numPassedTests ?? 0
  // A file that fails to load fails no single test but must still count as a failure.
  failed += Math.max(vitest.numFailedTests ?? 0, vitest.numFailedTestSuites ?? 0)
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0)
}
const playwright = read(playwrightFile, 'Playwright')
if (playwright) {
  const stats = playwright.stats ?? {}
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0)
  failed += stats.unexpected ?? 0
  skipped += stats.skipped ?? 0
  if ((playwright.errors ?? []).length > 0) failed += playwright.errors.length
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
