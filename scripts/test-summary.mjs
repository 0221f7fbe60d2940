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

for (const file of vitestReports) {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    passed += v.numPassedTests;
    // A file that fails to load has no failed tests of its own: count the file.
    failed += Math.max(v.numFailedTests, v.numFailedTestSuites);
    skipped += v.numPendingTests + v.numTodoTests;
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
    skipped += Number(result[3] ?? 0);
  } else {
    console.error(`test summary: ${file} has no result line`);
    failed += 1;
  }
}

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
