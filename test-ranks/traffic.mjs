// Memory and traffic under ranks: a stencil over 2^24 float64 (each rank's peak memory, and the
// bytes its halos move), and SpMV on the 2-D Poisson matrix (the x entries other ranks' rows
// reference). Prints one JSON line per rank.
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

const result = { rank: runtime.rank, ranks: runtime.ranks };
{
  const n = 1 << 24;
  const iterations = 10;
  const v = np.random.defaultRng(1).random([n]);
  const center = v.slice('1:-1');
  const left = v.slice(':-2');
  const right = v.slice('2:');
  // One step first: the random values' pieces do not line up with the stencil's, so it moves
  // a few of them once; after it only the halos move.
  np.tidy(() => center.assign(np.divide(np.add(np.add(left, center), right), 3.0)));
  runtime.issueExecutionFence();
  const before = runtime.counters().bytesSent;
  for (let i = 0; i < iterations; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(left, center), right), 3.0)));
  runtime.issueExecutionFence();
  result.stencilBytesPerIteration = (runtime.counters().bytesSent - before) / iterations;
  result.stencilSum = np.sum(v).item();
  result.peakBytes = runtime.memoryStats().reduce((t, m) => t + m.peakBytesInUse, 0);
  v.dispose();
}
{
  const n = 100;
  const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
  const I = sparse.identity(n);
  const A = sparse.kron(I, T).add(sparse.kron(T, I));
  const x = np.random.defaultRng(2).random([n * n]);
  const y = np.empty([n * n]);
  A.matvec(x, { out: y });
  runtime.issueExecutionFence();
  const before = runtime.counters().bytesReceived;
  const reps = 5;
  for (let i = 0; i < reps; i++) {
    np.tidy(() => x.assign(np.multiply(x, 1.0))); // x is new each time: its halo moves again
    A.matvec(x, { out: y });
  }
  runtime.issueExecutionFence();
  result.spmvBytesPerProduct = (runtime.counters().bytesReceived - before) / reps;
  result.gridRowBytes = 8 * n;
}
console.log(JSON.stringify(result));
