#!/usr/bin/env node
// The rank tests: programs.mjs on one process (no launcher), then under `mpirun -n 1`, `-n 2`,
// `-n 3` and `-n 4` (one CPU per rank, small pieces so that small arrays split across the ranks), in
// both memory modes for 2 ranks. Every rank's elementwise results must equal one process's bit
// for bit, its reductions must be bitwise equal across ranks and within 1e-12 of one process,
// and the one-process results must match NumPy/SciPy on the same inputs. (FFTs are compared to
// rounding: each rank measures its own FFTW plans, as two processes would.) The examples run under
// 2 ranks too and must print what one process prints. Ends with 'N passed, N failed[, N skipped]'.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
let passed = 0;
let failed = 0;
let skipped = 0;

function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${detail}`}`);
}

function skipAll(reason, count) {
  console.log(`skipped: ${reason}`);
  skipped += count;
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(0);
}

// MPI: the launcher on PATH, and a core built with it.
const which = spawnSync('sh', ['-c', 'command -v mpirun'], { encoding: 'utf8' });
const info = spawnSync(process.execPath, [path.join(root, 'packages/core/bin/legate.js'), '--info', '--json'], { encoding: 'utf8' });
let mpi = false;
try {
  const features = JSON.parse(info.stdout).libraries.find((l) => l.library === 'core').features;
  mpi = features.find((f) => f.name === 'mpi')?.enabled === true;
} catch {
  // reported below
}
if (which.status !== 0) skipAll('mpirun is not on PATH (Debian: openmpi-bin; scripts/setup-system.sh installs it)', 1);
if (!mpi) skipAll('@legate/core was built without MPI (Debian: libopenmpi-dev, then rebuild)', 1);

const env = { ...process.env, OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1', OMPI_MCA_rmaps_base_oversubscribe: '1' };
delete env.LEGATE_FORCE_PARTITION;
const small = { LEGATE_MIN_PIECE: '16', LEGATE_CPUS: '1' };

function launch(ranks, argv, extra = {}, timeout = 300_000) {
  const command = ranks === 0 ? [process.execPath, ...argv] : ['mpirun', '-n', String(ranks), '--oversubscribe', '--bind-to', 'none', process.execPath, ...argv];
  return spawnSync(command[0], command.slice(1), { cwd: here, encoding: 'utf8', timeout, env: { ...env, ...extra } });
}

function run(ranks, extra = {}) {
  const out = mkdtempSync(path.join(tmpdir(), 'legate-ranks-'));
  const r = launch(ranks, [path.join(here, 'programs.mjs'), out], extra);
  const results = [];
  for (let k = 0; k < Math.max(1, ranks); k++) {
    const file = path.join(out, `rank-${k}.json`);
    if (existsSync(file)) results.push(JSON.parse(readFileSync(file, 'utf8')));
  }
  rmSync(out, { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`.trim().slice(-3000), results };
}

const decode = (v) => {
  const buf = Buffer.from(v.base64, 'base64');
  return { ...v, buf };
};

function close(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number') return a === b;
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

// One process, no launcher: the reference, itself checked against NumPy/SciPy.
const single = run(0, small);
check('one process runs the programs', single.status === 0 && single.results.length === 1, single.output);
if (single.results.length !== 1) {
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(1);
}
const reference = single.results[0].record;

{
  const payload = JSON.stringify(reference);
  const py = spawnSync('python3', [path.join(here, 'reference.py')], { input: payload, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
  if (py.status !== 0) {
    check('NumPy/SciPy references', false, py.stderr.slice(-2000));
  } else {
    for (const line of py.stdout.trim().split('\n')) {
      const [verdict, ...rest] = line.split(' ');
      check(`one process against NumPy/SciPy: ${rest.join(' ')}`, verdict === 'ok', line);
    }
  }
}

const references = new Map([[1, reference]]);
const configurations = [
  { ranks: 1, label: 'mpirun -n 1' },
  { ranks: 2, label: 'mpirun -n 2' },
  { ranks: 3, label: 'mpirun -n 3' },
  { ranks: 2, label: 'mpirun -n 2, separate memories, 2 CPUs per rank', extra: { LEGATE_MEMORY_MODE: 'separate', LEGATE_CPUS: '2', LEGATE_SCRIBBLE: '1' } },
  // What many ranks do by default: reductions gathered and folded on rank 0, sent back to all.
  { ranks: 3, label: 'mpirun -n 3, reductions through rank 0', extra: { LEGATE_ROOT_REDUCTION_RANKS: '2' } },
  { ranks: 4, label: 'mpirun -n 4 (reductions through rank 0 by default)' },
];
for (const { ranks, label, extra } of configurations) {
  const r = run(ranks, { ...small, ...extra });
  check(`${label}: every rank finishes`, r.status === 0 && r.results.length === ranks, r.output);
  if (r.results.length !== ranks) continue;
  // The one process to match: as many pieces as the ranks have processors in all, so that
  // every launch is split the same way (and every reduction folds in the same order).
  const pieces = ranks * Number(extra?.LEGATE_CPUS ?? 1);
  if (!references.has(pieces)) references.set(pieces, run(0, { ...small, LEGATE_CPUS: String(pieces) }).results[0]?.record);
  const same = references.get(pieces) ?? {};
  for (const [name, ref] of Object.entries(same)) {
    const problems = [];
    for (const result of r.results) {
      const got = result.record[name];
      if (!got) {
        problems.push(`rank ${result.rank}: no result`);
        continue;
      }
      for (const [key, want] of Object.entries(ref.elementwise)) {
        const a = decode(want).buf;
        const b = decode(got.elementwise[key]).buf;
        if (!a.equals(b)) problems.push(`rank ${result.rank}: ${key} differs from one process`);
      }
      for (const [key, want] of Object.entries(ref.rounding ?? {})) {
        const a = new Float64Array(new Uint8Array(decode(want).buf).buffer);
        const b = new Float64Array(new Uint8Array(decode(got.rounding[key]).buf).buffer);
        if (a.length !== b.length || a.some((v, i) => !close(v, b[i]))) problems.push(`rank ${result.rank}: ${key} differs from one process by more than rounding`);
      }
      for (const [key, want] of Object.entries(ref.reductions)) {
        const values = [want].flat();
        const mine = [got.reductions[key]].flat();
        if (values.length !== mine.length || values.some((v, i) => !close(v, mine[i]))) problems.push(`rank ${result.rank}: ${key} = ${mine.slice(0, 3)} against ${values.slice(0, 3)}`);
        const first = JSON.stringify(r.results[0].record[name].reductions[key]);
        if (JSON.stringify(got.reductions[key]) !== first) problems.push(`rank ${result.rank}: ${key} differs from rank 0's`);
      }
    }
    check(`${label}: ${name}`, problems.length === 0, problems.slice(0, 4).join('; '));
  }
  if (ranks > 1) {
    const moved = r.results.reduce((s, x) => s + x.counters.bytesSent, 0);
    const received = r.results.reduce((s, x) => s + x.counters.bytesReceived, 0);
    check(`${label}: the ranks exchange data (${moved} bytes sent, ${received} received)`, moved > 0 && moved === received);
  }
}

// Memory scales and only halos move: per-rank peak of a 2^24-element stencil at 2 ranks at
// most 0.6 of one process's; 8 bytes each way per rank boundary per stencil iteration; SpMV on
// the 2-D Poisson matrix receives one grid row of x per boundary.
{
  const parse = (r) => r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  // Without fusion, as under ranks (where it is off): the same temporaries on both sides.
  const one = parse(launch(0, [path.join(here, 'traffic.mjs')], { LEGATE_MIN_PIECE: '16', LEGATE_CPUS: '2', LEGATE_FUSION: '0' }))[0];
  for (const ranks of [2, 3]) {
    const all = parse(launch(ranks, [path.join(here, 'traffic.mjs')], small));
    if (!one || all.length !== ranks) {
      check(`traffic and memory at ${ranks} ranks`, false, 'a run did not finish');
      continue;
    }
    const boundaries = (r) => (r.rank > 0 ? 1 : 0) + (r.rank < ranks - 1 ? 1 : 0);
    if (ranks === 2) {
      const worst = Math.max(...all.map((r) => r.peakBytes));
      check(`stencil over 2^24 float64 at 2 ranks: each rank's peak ${(worst / 2 ** 20).toFixed(0)} MiB against ${(one.peakBytes / 2 ** 20).toFixed(0)} MiB on one process (at most 0.6 of it)`, worst <= 0.6 * one.peakBytes);
    }
    check(`stencil at ${ranks} ranks moves 8 bytes each way per rank boundary per iteration`, all.every((r) => r.stencilBytesPerIteration === 8 * boundaries(r)), JSON.stringify(all.map((r) => r.stencilBytesPerIteration)));
    check(`stencil at ${ranks} ranks: the same sum on every rank, within 1e-12 of one process`, all.every((r) => r.stencilSum === all[0].stencilSum && close(r.stencilSum, one.stencilSum)));
    check(`SpMV on Poisson at ${ranks} ranks receives one grid row of x per boundary`, all.every((r) => r.spmvBytesPerProduct === r.gridRowBytes * boundaries(r)), JSON.stringify(all.map((r) => r.spmvBytesPerProduct)));
  }
}

// A program that goes wrong on one rank ends every rank, with a clear error, within 10 s.
for (const [how, extra, expected] of [
  ['diverge', { LEGATE_CHECK_REPLICATION: '1' }, /RankError: the ranks diverged at launch \d+/],
  ['throw', {}, /Error: rank 1 gives up/],
  ['kill', {}, /rank 1 .*(signal 9|Killed)|exited on signal 9/],
]) {
  const started = Date.now();
  const r = launch(2, [path.join(here, 'faults.mjs'), how], { ...small, ...extra }, 60_000);
  const seconds = (Date.now() - started) / 1000;
  const output = `${r.stdout}\n${r.stderr}`;
  check(
    `a rank that ${how === 'diverge' ? 'diverges' : how === 'throw' ? 'throws' : 'is killed'} ends every rank with an error in ${seconds.toFixed(1)} s`,
    r.status !== 0 && r.status !== null && seconds < 10 && expected.test(output) && !/finished/.test(r.stdout),
    `status ${r.status}: ${output.slice(-1500)}`,
  );
}

// A task that throws on the last rank's point: every rank reports the same TaskFailure at the
// same reads (so their programs stay the same), and every runtime stays usable.
for (const ranks of [2, 3]) {
  const r = launch(ranks, [path.join(here, 'faults.mjs'), 'task'], small, 60_000);
  const want = (rank) => [
    `rank ${rank}: TaskFailure: task 'fails-on-the-last-point' failed: RangeError: the last point fails`,
    `rank ${rank}: TaskFailure: task 'fails-on-the-last-point' failed: RangeError: the last point fails`,
    `rank ${rank}: still usable, 10`,
  ];
  const lines = r.stdout.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').sort();
  const expected = Array.from({ length: ranks }, (_, k) => want(k)).flat().sort();
  check(`a task failing on one rank's point: all ${ranks} ranks report the same TaskFailure and go on`, r.status === 0 && JSON.stringify(lines) === JSON.stringify(expected), `${r.stdout}\n${r.stderr.slice(-1000)}`);
}

// The examples print the same lines under 2 ranks (from rank 0) as on one process, timings aside.
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');
const strip = (text) =>
  text
    .split('\n')
    .map((l) => l.replace(/[\d.]+ ms( per iteration)?|\([\d.]+ ms[^)]*\)|built in [\d.]+ ms/g, '').trim())
    .filter((l) => l && !/^\[|^--|Warning|deprecated/.test(l));
for (const [example, args] of [
  ['stencil-1d', ['20000', '20']],
  ['heat-2d', ['200', '10']],
  ['cg-poisson', ['40']],
  ['power-iteration', ['2000', '0.005', '20']],
  ['tutorial-saxpy', ['20000']],
  ['tutorial-histogram', ['50000']],
  ['tutorial-matmul', ['60', '40', '20']],
  ['tutorial-fft', []],
  ['typescript-task', []],
  ['sparse-build', ['3000', '0.001']],
  ['eigsh', ['20', '4']],
]) {
  const file = path.join(root, 'examples', `${example}.ts`);
  const one = launch(0, ['--import', tsx, file, ...args], small, 120_000);
  const two = launch(2, ['--import', tsx, file, ...args], small, 120_000);
  const lines = strip(one.stdout);
  const lines2 = strip(two.stdout);
  // Rank 0 prints; the other ranks compute the same and stay quiet.
  const same = one.status === 0 && two.status === 0 && lines.length > 0 && JSON.stringify(lines) === JSON.stringify(lines2);
  check(`example ${example} under 2 ranks prints what one process prints`, same, `one: ${lines.join(' | ')}\n     two: ${lines2.join(' | ')}\n     ${two.stderr.slice(-800)}`);
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 ? 0 : 1;
