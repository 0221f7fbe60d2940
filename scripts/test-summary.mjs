// Prints one closing line for the whole suite from the e2e run's output and vitest's JSON
// reports. A report that is missing or unreadable counts as a failure, never as a pass.
import { readFileSync } from 'node:fs';

const [e2eText, ...vitestReports] = process.argv.slice(2);
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

const e2e = /^(\d+) passed, (\d+) failed$/m.exec(readFileSync(e2eText, 'utf8'));
if (e2e) {
  passed += Number(e2e[1]);
  failed += Number(e2e[2]);
} else {
  console.error('test summary: the e2e run printed no result line');
  failed += 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
