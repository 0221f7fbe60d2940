// The workloads of the `ranks` suite, run by it as one rank and under mpirun: per iteration
// medians (every rank times the same iterations; rank 0 reports) and the bytes this rank sent
// per iteration. Prints one JSON line from rank 0.
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

const quick = process.argv[2] === 'quick';
const runs = Number(process.argv[3] ?? 5);
const n = quick ? 300 : 1000; // Poisson: n² unknowns
const stencilN = quick ? 1 << 20 : 1 << 24;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// µs per iteration of `step` over `iterations`, and bytes sent per iteration, after a warm-up.
function measure(step, iterations) {
  step(iterations);
  const times = [];
  let sent = 0;
  for (let r = 0; r < runs; r++) {
    const b = runtime.counters().bytesSent;
    const t0 = runtime.time();
    step(iterations);
    times.push((runtime.time() - t0) / iterations);
    sent += (runtime.counters().bytesSent - b) / iterations;
  }
  return { usPerIteration: median(times), bytesSentPerIteration: sent / runs };
}

const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
const I = sparse.identity(n);
const A = sparse.kron(I, T).add(sparse.kron(T, I));
const b = A.dot(np.ones([n * n]));
const x = np.random.defaultRng(1).random([n * n]);
const y = np.empty([n * n]);

const results = {
  ranks: runtime.ranks,
  threads: runtime.counters().threads,
  spmv: measure((k) => {
    for (let i = 0; i < k; i++) {
      np.tidy(() => x.assign(np.multiply(x, 1.0))); // a new x each time, as in a solver
      A.matvec(x, { out: y });
    }
  }, 20),
  cg: measure((k) => {
    const r = sparse.linalg.cg(A, b, { maxiter: k, rtol: 0 });
    r.x.dispose();
  }, 20),
};
{
  const v = np.random.defaultRng(2).random([stencilN]);
  const center = v.slice('1:-1');
  const left = v.slice(':-2');
  const right = v.slice('2:');
  results.stencil = measure((k) => {
    for (let i = 0; i < k; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(left, center), right), 3.0)));
  }, 10);
  results.stencilN = stencilN;
}
results.n = n;
results.peakBytes = runtime.memoryStats().reduce((t, m) => t + m.peakBytesInUse, 0);
if (runtime.rank === 0) console.log(JSON.stringify(results));
