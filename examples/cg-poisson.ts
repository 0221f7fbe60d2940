// Conjugate gradients on the 2-D Poisson equation: a sparse matrix from @legate/sparse and dense
// vectors from @legate/numeric on the same stores, on every processor.
//   A = kron(I, T) + kron(T, I), T = tridiag(-1, 2, -1) of size n  (5-point Laplacian, n² unknowns)
//   b = A @ ones;  x, info = cg(A, b, rtol=1e-8);  check ‖b − A x‖ / ‖b‖ and ‖x − 1‖∞
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 300);
const rtol = Number(process.argv[3] ?? 1e-8);

const start = performance.now();
const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
const I = sparse.identity(n);
const A = sparse.kron(I, T).add(sparse.kron(T, I));
const expected = np.ones([n * n]);
const b = A.dot(expected);
const built = performance.now();

const { x, info, iterations } = sparse.linalg.cg(A, b, { rtol });
const residual = np.linalg.norm(np.subtract(b, A.dot(x))).item() as number;
const bnorm = np.linalg.norm(b).item() as number;
const error = np.max(np.abs(np.subtract(x, expected))).item() as number;
const solved = performance.now();

log(`cg-poisson: n = ${n} (${n * n} unknowns, ${A.nnz} nonzeros), built in ${(built - start).toFixed(0)} ms`);
log(`  cg: info = ${info}, ${iterations} iterations, ‖b − Ax‖/‖b‖ = ${(residual / bnorm).toExponential(2)}, max |x − 1| = ${error.toExponential(2)}`);
log(`  ${(solved - built).toFixed(0)} ms (${((solved - built) / Math.max(1, iterations)).toFixed(2)} ms per iteration)`);
if (info !== 0 || !(residual / bnorm <= rtol * 1.0001)) process.exitCode = 1;
