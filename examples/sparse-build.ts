// Building sparse matrices: the symmetrisation A = 0.5 * (A + Aᵀ) + n·I of a random
// matrix, then a block matrix, a slice, the lower triangle and a round trip through SciPy's .npz
// format. Every step builds structure with tasks over blocks of rows: nothing loops over the
// entries in JavaScript, so it scales with the processors (and the ranks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 100_000);
const density = Number(process.argv[3] ?? 1e-4);

let start = performance.now();
const R = sparse.random(n, n, density, { seed: 42 });
const A = np.tidy(() => R.add(R.T).multiply(0.5).add(sparse.eye(n).multiply(n)));
for (const s of A.stores) s.wait();
log(`symmetrised a ${n} × ${n} random matrix with ${R.nnz} entries: ${A.nnz} entries, ${(performance.now() - start).toFixed(0)} ms`);

// Symmetric, and diagonally dominant: diagonal entries in [n, n + 1), the others below 1.
const asymmetry = np.tidy(() => Number(sparse.linalg.norm(A.subtract(A.T)).item()));
const diagonal = A.diagonal();
log(`‖A − Aᵀ‖ = ${asymmetry}, diagonal in [${Number(np.min(diagonal).item())}, ${Number(np.max(diagonal).item())}], largest entry ${Number(A.max().item())}`);

// Blocks, a slice and a triangle: [[A₀, 0], [0, A₀]] of the leading 1000 × 1000 block.
const A0 = A.slice('0:1000, 0:1000');
const B = sparse.blockDiag([A0, A0]);
const L = sparse.tril(B, -1);
log(`leading block ${A0.shape.join(' × ')} with ${A0.nnz} entries; blockDiag ${B.shape.join(' × ')} with ${B.nnz}; strictly lower part ${L.nnz}`);

// SciPy reads this file with scipy.sparse.load_npz (as a csr_array), and writes ones we read.
start = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'sparse-build-'));
const file = join(dir, 'A.npz');
sparse.saveNpz(file, A);
const back = sparse.loadNpz(file).tocsr(); // saved as CSR, read back as CSR
const same = back.nnz === A.nnz && Number(sparse.linalg.norm(back.subtract(A)).item()) === 0;
rmSync(dir, { recursive: true, force: true });
log(`saved and loaded A.npz: ${same ? 'the same matrix' : 'a different matrix'} (${(performance.now() - start).toFixed(0)} ms)`);
