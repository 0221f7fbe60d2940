#!/usr/bin/env bash
# The native code under AddressSanitizer and UndefinedBehaviorSanitizer (called by scripts/test.sh).
#  1. builds the sanitizer variant of every addon and of the C++ unit tests, incrementally, in a tree
#     of its own (build/native-sanitize, Debug, -fsanitize=address,undefined
#     -fno-sanitize-recover=undefined -Og -g1); its addons go to build/native-sanitize/prebuilds,
#     never over packages/*/prebuilds, which the other tests and the e2e install keep using;
#  2. runs the C++ unit tests (legate_core_tests) built with the sanitizers;
#  3. runs JavaScript suites under node with the sanitizer runtimes preloaded (LD_PRELOAD, inherited
#     by vitest's forked workers) and LEGATE_PREBUILDS pointing loadNativeAddon at the sanitized addons.
# Any sanitizer report is a failure: ASan and UBSan (no recovery) abort the process at the first
# finding, which fails its test file; the reports also go to files under $LEGATE_SANITIZER_LOGS,
# and any report found there fails the run too, whatever the test runner made of the abort.
# Skips, saying why, when the compiler has no sanitizer runtimes. Exit status: 0 passed; when
# skipped $LEGATE_SKIP_STATUS (default 0; scripts/test.sh sets 77 to count it as skipped); 1 a
# build failure, a test failure or a sanitizer finding.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

start=$SECONDS
say() { echo "sanitizers (ASan+UBSan): $*"; }

# The sanitizer tree is built with gcc, so the runtimes to preload are gcc's.
asan=$(gcc -print-file-name=libasan.so 2>/dev/null || true)
ubsan=$(gcc -print-file-name=libubsan.so 2>/dev/null || true)
if ! command -v gcc >/dev/null || ! command -v g++ >/dev/null; then
  say "SKIPPED: gcc/g++ not found, so no sanitizer build (apt-get install g++)"
  exit "${LEGATE_SKIP_STATUS:-0}"
fi
# gcc prints the bare name back when it has no such library.
if [ ! -e "$asan" ] || [ ! -e "$ubsan" ]; then
  say "SKIPPED: the sanitizer runtimes are missing (libasan.so: '$asan', libubsan.so: '$ubsan'); install libasan8 and libubsan1 (Debian: apt-get install libasan8 libubsan1)"
  exit "${LEGATE_SKIP_STATUS:-0}"
fi
asan=$(readlink -f "$asan")
ubsan=$(readlink -f "$ubsan")

tree=$root/build/native-sanitize
prebuilds=$tree/prebuilds
logs=${LEGATE_SANITIZER_LOGS:-$tree/reports}
mkdir -p "$logs" && rm -f "$logs"/report*

say "building the sanitizer variant in ${tree#"$root"/} (incremental)"
# CUDA (and NCCL, which needs it) are left out: the CUDA runtime's fixed mappings clash with ASan's
# shadow memory, and a CI machine has no GPU to exercise them. Everything else is as in Release.
if ! CC=gcc CXX=g++ LEGATE_BUILD_DIR=$tree LEGATE_BUILD_TYPE=Debug LEGATE_SANITIZE=address,undefined \
  LEGATE_USE_CUDA=0 LEGATE_USE_NCCL=0 LEGATE_CMAKE_ARGS= node scripts/native.mjs all; then
  say "FAILED: the sanitizer build failed"
  exit 1
fi
platform=$(node -p 'process.platform + "-" + process.arch')
for addon in legate_core legate_numeric legate_sparse legate_core_test_tasks; do
  file=$prebuilds/$platform/$addon.node
  # An addon missing here would be loaded, unsanitized, from its package: check every one.
  if ! readelf -d "$file" 2>/dev/null | grep -q 'NEEDED.*libasan'; then
    say "FAILED: $file is missing or not built with AddressSanitizer"
    exit 1
  fi
done

status=0
# Reports go to files (<log_path>.<pid>) as well as being fatal, so one lost with a worker's stderr
# still fails the run. halt_on_error/abort_on_error: stop at the first finding, with a core-less abort.
common="log_path=$logs/report:abort_on_error=1:disable_coredump=1:print_summary=1"
ubsan_options="print_stacktrace=1:halt_on_error=1:$common"

say "C++ unit tests (legate_core_tests)"
# The unit tests own their whole process, so leaks in them are findings too (LeakSanitizer).
if ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:$common" \
  UBSAN_OPTIONS=$ubsan_options "$tree/tests/legate_core_tests"; then
  :
else
  say "legate_core_tests failed (exit $?)"
  status=1
fi

# The JavaScript suites, under node. ASan's options for V8: no leak check (node does not free
# everything at exit, by design), and V8's own SIGSEGV/SIGBUS/SIGFPE handlers (WebAssembly traps,
# stack guards) stay in place: ASan does not take those signals over.
# Which tests (about 3 minutes on 2 cores, against about 8 for all of them; the script prints each
# suite's time): core whole, in the default shared memory mode only (the separate mode's copies
# between memories are storage.cc's gathers and scatters, which the C++ unit tests run under the
# sanitizers, as does numeric's separate-memory.test.ts); the leaks tests of numeric and sparse
# are left out (they count live stores and RSS, which depend on GC timing and on ASan's
# quarantine, and they call the kernels the other tests call); numeric whole but for
# test/fuzz (the property suite against NumPy: its open findings fail it without sanitizers, so
# here it would only repeat them; it showed nothing more under ASan/UBSan when tried) and for
# the run under `ulimit -v` (ASan reserves terabytes of shadow address space: it cannot start
# there); huge allocations return null (allocator_may_return_null) so that memory-errors.test.ts
# sees the MemoryError the release build gives instead of ASan's abort on failure; sparse
# whole but for all of eigsh but which = LM (the other four repeat the same SpMV and vector
# kernels for 85 s under ASan).
export LD_PRELOAD="$asan:$ubsan${LD_PRELOAD:+:$LD_PRELOAD}"
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:allow_user_segv_handler=1:$common"
export UBSAN_OPTIONS=$ubsan_options
export LEGATE_PREBUILDS=$prebuilds
suite() {
  local project=$1 t0=$SECONDS
  shift
  say "JavaScript suite '$project' on the sanitized addons"
  if node node_modules/vitest/vitest.mjs run --project "$project" --reporter=dot "$@"; then
    say "suite '$project' passed ($((SECONDS - t0))s)"
  else
    say "suite '$project' FAILED ($((SECONDS - t0))s)"
    status=1
  fi
}
suite core
suite numeric --exclude 'packages/numeric/test/fuzz/**' --exclude 'packages/numeric/test/leaks.test.ts' -t '^(?!.*under a 4 GiB address-space limit).*$'
suite sparse --exclude 'packages/sparse/test/leaks.test.ts' -t '^(?!.*eigsh against ARPACK (?!which = LM)).*$'
unset LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS LEGATE_PREBUILDS

# A finding is an ERROR (ASan), a runtime error (UBSan) or their SUMMARY line; WARNINGs alone
# (ASan's "failed to allocate" for a refused huge allocation) are shown but are not findings.
reports=$(grep -lE 'ERROR: |runtime error|^SUMMARY: ' "$logs"/report* 2>/dev/null | sort)
for r in $(ls "$logs"/report* 2>/dev/null | sort); do
  if echo "$reports" | grep -qxF "$r"; then say "sanitizer report $r:"; else say "sanitizer warnings (not a finding) $r:"; fi
  cat "$r"
done
[ -n "$reports" ] && status=1
elapsed=$((SECONDS - start))
if [ $status = 0 ]; then
  say "PASSED: the C++ unit tests and the core, numeric and sparse suites, no findings (${elapsed}s)"
else
  say "FAILED: $(echo "$reports" | grep -c . || true) sanitizer report(s), see above (${elapsed}s)"
fi
exit $status
