// Prints the plain closing line CI reads: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const file = process.argv[2]
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch {
  console.log('tests: 0 passed, 1 failed')
  console.error(`No test report at ${file}: the test run did not finish.`)
  process.exit(0)
}
const passed = report.numPassedTests ?? 0
// A file that fails to load fails no single test but must still count as a failure.
const failed = Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0)
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
