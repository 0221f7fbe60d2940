// Preconditioned conjugate gradients with a Jacobi (diagonal) preconditioner,
// written out with numeric's vector operations over a sparse matrix:
//   r = b - A x; z = M r; p = z; repeat: Ap = A p; α = r·z / p·Ap; x += α p; r -= α Ap;
//   stop when ‖r‖ < tol·‖b‖; z = M r; β = r·z_new / r·z_old; p = z + β p
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 200); // grid side: n² unknowns
const tol = Number(process.argv[3] ?? 1e-8);

// An anisotropic, variable-coefficient 2-D problem, where the diagonal varies and Jacobi helps.
const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
const I = sparse.identity(n);
const scale = sparse.diags([np.linspace(1, 100, n)], [0]);
const A = sparse.kron(scale, T).add(sparse.kron(T, I));
const b = np.random.defaultRng(1).random(n * n);

function preconditionedSolve(A: sparse.csrArray, b: np.ndarray, tol: number, maxiter: number) {
  const inverseDiagonal = np.reciprocal(A.diagonal());
  const x = np.zeros(b.shape);
  const r = np.subtract(b, A.dot(x));
  let z = np.multiply(inverseDiagonal, r);
  const p = np.copy(z);
  const Ap = np.empty(b.shape);
  let rz = np.dot(r, z);
  const bnorm = np.linalg.norm(b).item() as number;
  for (let i = 0; i < maxiter; i++) {
    A.matvec(p, { out: Ap });
    np.tidy(() => {
      const alpha = np.divide(rz, np.dot(p, Ap));
      np.add(x, np.multiply(alpha, p), { out: x });
      np.subtract(r, np.multiply(alpha, Ap), { out: r });
    });
    if ((np.linalg.norm(r).item() as number) < tol * bnorm) return { x, iterations: i + 1 };
    z.store.dispose();
    z = np.multiply(inverseDiagonal, r);
    const rzNext = np.dot(r, z);
    np.tidy(() => np.add(z, np.multiply(np.divide(rzNext, rz), p), { out: p }));
    rz.store.dispose();
    rz = rzNext;
  }
  return { x, iterations: maxiter };
}

const start = performance.now();
const ours = preconditionedSolve(A, b, tol, 10 * n * n);
const ms = performance.now() - start;
const residual = (np.linalg.norm(np.subtract(b, A.dot(ours.x))).item() as number) / (np.linalg.norm(b).item() as number);
const plain = sparse.linalg.cg(A, b, { rtol: tol });
const library = sparse.linalg.cg(A, b, { rtol: tol, M: sparse.diags([np.reciprocal(A.diagonal())], [0]) });
log(`preconditioned-cg: n = ${n} (${n * n} unknowns): ${ours.iterations} iterations, ‖b − Ax‖/‖b‖ = ${residual.toExponential(2)}, ${ms.toFixed(0)} ms`);
log(`  sparse.linalg.cg: ${plain.iterations} iterations without a preconditioner, ${library.iterations} with M = diag(A)⁻¹`);
