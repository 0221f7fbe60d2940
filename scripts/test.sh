#!/usr/bin/env bash
# README command 2 (and .ci/run): sets up what is missing, then runs every test: the vitest
# projects (core, numeric, sparse, native, tools), the end-to-end install of packed tarballs and
# the MPI rank tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --no-example

report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile="$report/vitest.json" || status=1
# The libraries' suites again with each CPU processor in its own memory, as GPUs and ranks will
# be (their harnesses force partitioning), and with every write-only output starting as garbage
# (LEGATE_SCRIBBLE), so a task that leaves part of a write-only piece unwritten fails here.
echo "core, numeric and sparse tests in the separate-memory mode, outputs scribbled:"
LEGATE_MEMORY_MODE=separate LEGATE_SCRIBBLE=1 pnpm exec vitest run --project core --project numeric --project sparse \
  --reporter=dot --reporter=json --outputFile="$report/vitest-separate.json" || status=1
# The sanitizer step counts as one test in the closing line: passed, failed, or skipped (it
# prints why, and exits 77 then).
echo "numeric and sparse tests with fusion off (LEGATE_FUSION=0: each elementwise launch its own task):"
LEGATE_FUSION=0 pnpm exec vitest run --project numeric --project sparse \
  --reporter=dot --reporter=json --outputFile="$report/vitest-unfused.json" || status=1
sanitizers=0
LEGATE_SKIP_STATUS=77 bash scripts/test-sanitizers.sh || sanitizers=$?
case $sanitizers in
  0) echo "1 passed, 0 failed" > "$report/sanitizers.txt" ;;
  77) echo "0 passed, 0 failed, 1 skipped" > "$report/sanitizers.txt" ;;
  *) echo "0 passed, 1 failed" > "$report/sanitizers.txt"; status=1 ;;
esac
node test-e2e/run.mjs | tee "$report/e2e.txt" || status=1
# One program on 1, 2 and 3 MPI ranks against one process and NumPy/SciPy (skipped, with the
# reason, where MPI is missing).
node test-ranks/run.mjs | tee "$report/ranks.txt" || status=1
node scripts/test-summary.mjs "$report/e2e.txt" "$report/ranks.txt" "$report/sanitizers.txt" "$report/vitest.json" "$report/vitest-separate.json" "$report/vitest-unfused.json" || status=1
exit $status
