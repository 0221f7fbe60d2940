// Power iteration for the largest eigenvalue of a random symmetric sparse matrix:
//   A = random(n, n, density); A = 0.5 * (A + A.T) + n * eye(n)
//   x = ones(n); repeat: x = A @ x; x /= norm(x);  λ = x · (A @ x)
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 10000);
const density = Number(process.argv[3] ?? 0.001);
const iterations = Number(process.argv[4] ?? 100);
const seed = Number(process.argv[5] ?? 42);

const R = sparse.random(n, n, { density, seed });
const A = R.add(R.T).multiply(0.5).add(sparse.eye(n).multiply(n));

const start = performance.now();
let x = np.ones([n]);
const y = np.empty([n]);
for (let i = 0; i < iterations; i++) {
  A.matvec(x, { out: y });
  // x = y / ‖y‖, with the norm left on the runtime: nothing waits inside the loop.
  const next = np.tidy(() => np.divide(y, np.linalg.norm(y)));
  x.store.dispose();
  x = next;
}
const eigenvalue = np.dot(x, A.dot(x)).item() as number;
const ms = performance.now() - start;
log(`power-iteration: n = ${n}, ${A.nnz} nonzeros, ${iterations} iterations: λ = ${eigenvalue.toPrecision(15)}, ${ms.toFixed(0)} ms (${(ms / iterations).toFixed(3)} ms per iteration)`);
