// Prints one closing line for the whole suite from the e2e run's output and vitest's JSON
// reports. A report that is missing or unreadable counts as a failure, never as a pass.
import { readFileSync } from 'node:fs';

// Arguments: text files whose output ends with 'N passed, N failed' (the e2e run, the sanitizer
// step), then vitest JSON reports.
const files = process.argv.slice(2);
const texts = files.filter((f) => f.endsWith('.txt'));
const vitestReports = files.filter((f) => !f.endsWith('.txt'));
let passed = 0;
let failed = 0;
let skipped = 0;
// The names of what failed, printed last, so that the tail of a long log says what to look at.
const failures = [];

for (const file of vitestReports) {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    passed += v.numPassedTests;
    // A file that fails to load has no failed tests of its own: count the file.
    failed += Math.max(v.numFailedTests, v.numFailedTestSuites);
    skipped += v.numPendingTests + v.numTodoTests;
    const which = file.includes('separate') ? ' (separate memory)' : '';
    for (const suite of v.testResults ?? []) {
      const path = String(suite.name ?? '').replace(process.cwd() + '/', '');
      const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failedTests) {
        const message = String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 240);
        failures.push(`${path}${which}: ${t.fullName ?? t.title}\n      ${message}`);
      }
      if (failedTests.length === 0 && suite.status === 'failed') {
        const message = String(suite.message ?? '').split('\n')[0].slice(0, 240);
        failures.push(`${path}${which}: the file failed to run\n      ${message}`);
      }
    }
  } catch (error) {
    console.error(`test summary: no vitest report ${file} (${error.message})`);
    failed += 1;
  }
}

for (const file of texts) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {}
  const result = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(text);
  if (result) {
    passed += Number(result[1]);
    failed += Number(result[2]);
    if (Number(result[2]) > 0) failures.push(`${file.split('/').pop()}: ${result[2]} failed (see its output above)`);
    skipped += Number(result[3] ?? 0);
  } else {
    console.error(`test summary: ${file} has no result line`);
    failed += 1;
  }
}

if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
