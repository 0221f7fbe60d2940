// One program on one rank with 2 threads against 2 MPI ranks with 1 thread each, in one run:
// SpMV and CG per iteration on the 2-D Poisson matrix (n = 1000: 10^6 unknowns) and the 1-D
// stencil over 2^24 float64, with the bytes a rank sends per iteration. Needs mpirun.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineSuite, type ExternalRow } from '@legate/bench';

const program = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ranks-workloads.mjs');

interface Measured {
  usPerIteration: number;
  bytesSentPerIteration: number;
}
interface Report {
  ranks: number;
  threads: number;
  n: number;
  stencilN: number;
  spmv: Measured;
  cg: Measured;
  stencil: Measured;
}

function run(ranks: number, quick: boolean, runs: number): Report | string {
  const env: NodeJS.ProcessEnv = { ...process.env, OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1', LEGATE_CPUS: String(2 / ranks) };
  delete env.LEGATE_FORCE_PARTITION;
  const args = [program, quick ? 'quick' : 'full', String(runs)];
  const r =
    ranks === 1
      ? spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 600_000 })
      : spawnSync('mpirun', ['-n', String(ranks), '--oversubscribe', '--bind-to', 'none', process.execPath, ...args], { encoding: 'utf8', env, timeout: 600_000 });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) return `${ranks} ranks: exit ${r.status ?? r.signal ?? r.error?.message}: ${(r.stderr ?? '').slice(-500)}`;
  return JSON.parse(line) as Report;
}

export default defineSuite({
  name: 'ranks',
  description: 'ranks: 2 MPI ranks × 1 thread (ours) against 1 rank × 2 threads (peer column), ms per iteration',
  cases: () => [],
  external: async ({ quick, runs }) => {
    const check = spawnSync('sh', ['-c', 'command -v mpirun'], { encoding: 'utf8' });
    if (check.status !== 0) return [{ case: 'all', oursMs: null, peerMs: null, peerLabel: '', error: 'mpirun is not on PATH (Debian: openmpi-bin)' }];
    const one = run(1, quick, runs);
    const two = run(2, quick, runs);
    if (typeof one === 'string' || typeof two === 'string') {
      return [{ case: 'all', oursMs: null, peerMs: null, peerLabel: '', error: [one, two].filter((x) => typeof x === 'string').join('; ') }];
    }
    const kib = (bytes: number) => (bytes < 1024 ? `${bytes.toFixed(0)} bytes` : `${(bytes / 1024).toFixed(1)} KiB`);
    const rows: ExternalRow[] = [];
    for (const [key, label] of [
      ['spmv', `SpMV of a new x, Poisson n=${two.n}`],
      ['cg', `CG iteration, Poisson n=${two.n}`],
      ['stencil', `stencil step, ${two.stencilN} float64`],
    ] as const) {
      rows.push({
        case: `${label} (rank 0 sends ${kib(two[key].bytesSentPerIteration)}/iteration)`,
        oursMs: two[key].usPerIteration / 1000,
        peerMs: one[key].usPerIteration / 1000,
        peerLabel: '1 rank × 2 threads',
      });
    }
    return rows;
  },
});
