// The programs the rank tests run: the same file on one process and under `mpirun -n N`.
// Each case records its inputs (for NumPy/SciPy) and its results as raw bytes; rank r writes
// them to <out>/rank-r.json. `elementwise` results must match one process bit for bit,
// `reductions` bit for bit across ranks and within 1e-12 of one process, `rounding` (FFTs, whose
// plans each process measures for itself) within 1e-12.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

const out = process.argv[2];
if (!out) throw new Error('usage: programs.mjs <output directory>');

const record = {};
const bytes = (a) => {
  const v = a.toArray();
  return { dtype: a.dtype.name ?? String(a.dtype), shape: a.shape, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
};
function keep(name, { inputs = {}, elementwise = {}, rounding = {}, reductions = {} }) {
  const all = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, bytes(v)]));
  record[name] = { inputs: all(inputs), elementwise: all(elementwise), rounding: all(rounding), reductions };
}

const rng = np.random.defaultRng(7);

// The 1-D stencil through shifted views of one array.
{
  const n = 5000;
  const v = rng.random([n]);
  const v0 = np.copy(v);
  const center = v.slice('1:-1');
  const left = v.slice(':-2');
  const right = v.slice('2:');
  for (let i = 0; i < 20; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(left, center), right), 3.0)));
  keep('stencil', { inputs: { v: v0 }, elementwise: { v }, reductions: { sum: np.sum(v).item() } });
}

// heat-2d: the five-point update on a grid, with its convergence measure.
{
  const N = 64;
  const grid = rng.random([N + 2, N + 2]);
  const g0 = np.copy(grid);
  const center = grid.slice('1:-1, 1:-1');
  const north = grid.slice('0:-2, 1:-1');
  const south = grid.slice('2:, 1:-1');
  const east = grid.slice('1:-1, 2:');
  const west = grid.slice('1:-1, 0:-2');
  let delta = 0;
  for (let i = 0; i < 10; i++) {
    delta = np.tidy(() => {
      const work = np.multiply(np.add(np.add(np.add(np.add(center, north), south), east), west), 0.2);
      const d = np.sum(np.abs(np.subtract(work, center)));
      center.assign(work);
      return d;
    }).item();
  }
  keep('heat2d', { inputs: { grid: g0 }, elementwise: { grid }, reductions: { delta } });
}

// CG on the 2-D Poisson matrix, and the blog's power iteration.
{
  const n = 20;
  const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
  const I = sparse.identity(n);
  const A = sparse.kron(I, T).add(sparse.kron(T, I));
  const b = rng.random([n * n]);
  const { x, info, iterations } = sparse.linalg.cg(A, b, { rtol: 1e-10 });
  const Ax = A.dot(x);
  keep('cg', { inputs: { b }, elementwise: { x, Ax }, reductions: { info, iterations } });

  const R = sparse.random(400, 400, { density: 0.02, seed: 5 });
  const S = R.add(R.T).multiply(0.5).add(sparse.eye(400).multiply(400));
  let v = np.ones([400]);
  for (let i = 0; i < 15; i++) v = np.tidy(() => {
    const y = S.dot(v);
    return np.divide(y, np.linalg.norm(y));
  });
  const lambda = np.dot(v, S.dot(v)).item();
  keep('power', { inputs: { S: S.toDense() }, elementwise: { v }, reductions: { lambda } });
}

// Sort, a batched fft, a scan, a matrix product.
{
  const a = rng.random([10000]);
  keep('sort', { inputs: { a }, elementwise: { sorted: np.sort(a) } });
  const images = rng.random([8, 64]);
  keep('fft', { inputs: { images }, rounding: { spectrum: np.fft.fft(images, { axis: 1 }) } });
  const c = rng.random([3000]);
  keep('cumsum', { inputs: { c }, elementwise: { scan: np.cumsum(c) }, reductions: { dot: np.dot(c, c).item() } });
  const A = rng.random([60, 40]);
  const B = rng.random([40, 30]);
  keep('matmul', { inputs: { A, B }, elementwise: { C: np.matmul(A, B) } });
}

// Results whose size depends on the data (unbound outputs): every rank gets every piece.
{
  const a = np.floor(np.multiply(rng.random([5000]), 50));
  const mask = np.greater(a, 40);
  const [where] = np.nonzero(mask);
  keep('unbound', { inputs: { a }, elementwise: { unique: np.unique(a), nonzero: where, selected: np.compress(mask, a) } });
}

// Legate's tutorials: SAXPY and a matrix product as TypeScript tasks, a histogram.
{
  const library = createLibrary('rank-tests');
  const saxpy = defineTask(library, {
    name: 'saxpy',
    params: { x: { kind: 'input' }, y: { kind: 'input' }, z: { kind: 'output' }, a: { kind: 'scalar', dtype: 'float64' } },
    constraints: [['align', 'x', 'y'], ['align', 'y', 'z']],
    body: ({ x, y, z, a }) => {
      const out = np.fromPiece(z);
      np.tidy(() => out.assign(np.add(np.multiply(np.fromPiece(x), a), np.fromPiece(y))));
      out.store.wait();
    },
  });
  const x = rng.random([4000]);
  const y = rng.random([4000]);
  const z = np.empty([4000]);
  saxpy({ x: x.store, y: y.store, z: z.store, a: 2.5 });
  keep('saxpy', { inputs: { x, y }, elementwise: { z } });

  const blocked = defineTask(library, {
    name: 'matmul',
    params: { a: { kind: 'input' }, b: { kind: 'input' }, c: { kind: 'reduction', op: 'add' } },
    constraints: [['align', 'a', 'b'], ['align', 'a', 'c']],
    body: ({ a, b, c }) => {
      const blockA = np.fromPiece(a).slice(':, :, 0');
      const blockB = np.fromPiece(b).slice('0');
      const partial = np.fromPiece(c);
      np.tidy(() => partial.assign(np.broadcastTo(np.expandDims(np.matmul(blockA, blockB), 1), partial.shape)));
      partial.store.wait();
    },
  });
  const [m, k, n] = [30, 20, 10];
  const A = rng.random([m, k]);
  const B = rng.random([k, n]);
  const C = np.zeros([m, n]);
  blocked({ a: A.store.promote(2, n), b: B.store.promote(0, m), c: C.store.promote(1, k) });
  keep('blocked-matmul', { inputs: { A, B }, reductions: { C: Array.from(C.toArray()) } });

  const values = np.floor(np.multiply(rng.random([20000]), 16));
  const counts = np.bincount(np.astype(values, 'int64'), undefined, 16);
  keep('histogram', { inputs: { values }, elementwise: { counts } });
}

writeFileSync(path.join(out, `rank-${runtime.rank}.json`), JSON.stringify({ rank: runtime.rank, ranks: runtime.ranks, counters: runtime.counters(), memory: runtime.memoryStats(), record }));
