// SpMV, CG and power iteration on the 2-D Poisson matrix, against SciPy on the same matrix.
import { runtime } from '@legate/core';
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

function poisson(n: number): sparse.csrArray {
  // The factors and the two Kronecker products are freed at once (not left to the collector).
  return np.tidy(() => {
    const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
    const I = sparse.identity(n);
    return sparse.kron(I, T).add(sparse.kron(T, I));
  });
}

const PEER_POISSON = (n: number) =>
  `T = scipy.sparse.diags([-1.0, 2, -1], [-1, 0, 1], shape=(${n}, ${n})); I = scipy.sparse.identity(${n})\nA = (scipy.sparse.kron(I, T) + scipy.sparse.kron(T, I)).tocsr()`;

function load(data: Float64Array): np.ndarray {
  const a = np.empty([data.length]);
  a.store.write(data);
  return a;
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export default defineSuite({
  name: 'sparse',
  description: 'sparse: SpMV, CG (100 iterations) and power iteration (100 iterations) on the 2-D Poisson matrix, against SciPy',
  cases: ({ quick }) => {
    const n = quick ? 100 : 1000; // n² unknowns, 5n² nonzeros
    const unknowns = n * n;
    const nonzeros = 5 * unknowns - 4 * n;
    const vector = () => ({ data: Float64Array.from({ length: unknowns }, () => Math.random()) });
    // int32 column indices and float64 values, x gathered, y written; the row pointers.
    const spmvBytes = nonzeros * 12 + unknowns * (8 + 8 + 4);
    // SpMV, two dot products (2 vectors each) and three updates (3 vectors each).
    const cgBytes = spmvBytes + unknowns * 8 * (4 + 9);
    type Context = { A: sparse.csrArray; x: np.ndarray; y: np.ndarray };
    const setup = (inputs: Record<string, { data: unknown }>): Context => {
      const A = poisson(n);
      const x = load(inputs.x!.data as Float64Array);
      const y = np.empty([unknowns]);
      A.matvec(x, { out: y }); // first touch of the structure in each piece
      y.store.wait();
      return { A, x, y };
    };
    const teardown = ({ A, x, y }: Context) => {
      for (const a of [A.data, A.indices, A.indptr, x, y]) a.store.dispose();
    };
    return [
      {
        name: `CG, 100 iterations, n = ${unknowns} (${nonzeros} nonzeros)`,
        inputs: () => ({ x: vector() }),
        setup,
        run: ({ A, x }: Context) => {
          const { x: solution } = sparse.linalg.cg(A, x, { rtol: 0, atol: 0, maxiter: 100 });
          solution.store.wait();
          solution.store.dispose();
        },
        teardown: (context: Context) => {
          const host = runtime.memoryStats()[0]!;
          console.log(`  CG: the runtime's memory peaked at ${megabytes(host.peakBytesInUse)}, building the matrix included (matrix ${megabytes(nonzeros * 12 + (unknowns + 1) * 4)}, one vector ${megabytes(unknowns * 8)})`);
          teardown(context);
        },
        peer: { setup: PEER_POISSON(n), run: 'scipy.sparse.linalg.cg(A, x, rtol=0, atol=0, maxiter=100)' },
        bytes: 100 * cgBytes,
        items: { count: 100, unit: 'iterations' },
        runs: quick ? 5 : 5,
        warmup: quick ? 10 : 2,
      },
      {
        name: `SpMV y = A @ x, n = ${unknowns}`,
        inputs: () => ({ x: vector() }),
        setup,
        run: ({ A, x, y }: Context) => {
          A.matvec(x, { out: y });
          y.store.wait();
        },
        teardown,
        peer: { setup: PEER_POISSON(n), run: 'y = A @ x' },
        bytes: spmvBytes,
        // Many products per timed sample where one is short (tens of microseconds).
        repeat: quick ? 200 : 1,
      },
      {
        name: `power iteration, 100 iterations, n = ${unknowns}`,
        inputs: () => ({ x: vector() }),
        setup,
        run: ({ A, x, y }: Context) => {
          let v = np.copy(x);
          for (let i = 0; i < 100; i++) {
            A.matvec(v, { out: y });
            const next = np.tidy(() => np.divide(y, np.linalg.norm(y)));
            v.store.dispose();
            v = next;
          }
          const lambda = np.dot(v, A.dot(v)).item();
          v.store.dispose();
          return lambda;
        },
        teardown,
        peer: {
          setup: PEER_POISSON(n),
          run: 'v = x.copy()\nfor _ in range(100):\n    y = A @ v\n    v = y / np.linalg.norm(y)\nlam = v @ (A @ v)',
        },
        bytes: 100 * (spmvBytes + unknowns * 8 * 4),
        items: { count: 100, unit: 'iterations' },
        runs: 5,
        warmup: quick ? 10 : 2,
      },
      {
        name: `building the 2-D Poisson matrix, n = ${unknowns} (diags, identity, kron, add)`,
        setup: () => runtime.resetPeakMemory(),
        run: () => {
          const A = poisson(n);
          for (const s of A.stores) s.wait();
          A.dispose();
        },
        teardown: () => console.log(`  Poisson build: the runtime's memory peaked at ${megabytes(runtime.memoryStats()[0]!.peakBytesInUse)} (the matrix ${megabytes(nonzeros * 12 + (unknowns + 1) * 4)})`),
        peer: { run: PEER_POISSON(n) },
        runs: 5,
        warmup: 1,
      },
      eigshCase(),
      ...(sparse.linalg.superluAvailable().ok ? [spluCase()] : []),
      blogCase(quick),
    ];
  },
});

/**
 * eigsh(k = 6) of the n = 100 Poisson matrix (10^4 unknowns), largest magnitude: ARPACK on both
 * sides, ours calling it back with our partitioned product. The same size in quick runs.
 */
function eigshCase() {
  const n = 100;
  return {
    name: `eigsh(A, k = 6), the 2-D Poisson matrix, n = ${n * n}`,
    setup: () => poisson(n),
    run: (A: sparse.csrArray) => {
      const { eigenvalues, eigenvectors } = sparse.linalg.eigsh(A, 6);
      eigenvalues.store.dispose();
      eigenvectors!.store.dispose();
    },
    teardown: (A: sparse.csrArray) => A.dispose(),
    peer: { setup: PEER_POISSON(n), run: 'w, v = scipy.sparse.linalg.eigsh(A, 6)' },
    runs: 5,
    warmup: 1,
  };
}

/**
 * splu (SuperLU, COLAMD) of the n = 100 Poisson matrix (10^4 unknowns) and one solve: the same
 * library on both sides, ours in one native piece writing CSR factors. Left out without SuperLU.
 */
function spluCase() {
  const n = 100;
  type Context = { A: sparse.csrArray; b: np.ndarray };
  return {
    name: `splu(A) and one solve, the 2-D Poisson matrix, n = ${n * n}`,
    setup: (): Context => ({ A: poisson(n), b: np.ones([n * n]) }),
    run: ({ A, b }: Context) => {
      const lu = sparse.linalg.splu(A);
      const x = lu.solve(b);
      x.store.wait();
      x.store.dispose();
      lu.dispose();
    },
    teardown: ({ A, b }: Context) => {
      A.dispose();
      b.store.dispose();
    },
    peer: { setup: `${PEER_POISSON(n)}\nAc = A.tocsc(); b = np.ones(${n * n})`, run: 'x = scipy.sparse.linalg.splu(Ac).solve(b)' },
    runs: 5,
    warmup: 1,
  };
}

/**
 * The blog's symmetrisation, `0.5 * (A + A.T) + n * eye(n)`, on a random matrix both sides read
 * from the same parts: a transpose, two sparse sums and a scaling, all structure.
 */
function blogCase(quick: boolean) {
  const n = quick ? 10_000 : 1_000_000;
  const density = quick ? 1e-3 : 1e-5;
  type Context = { A: sparse.csrArray };
  return {
    name: `0.5 * (A + A.T) + n * eye(n), n = ${n}, ${n * n * density} stored entries`,
    inputs: () => {
      const A = sparse.random(n, n, density, { seed: 1 });
      const parts = { data: { data: A.data.toArray() }, indices: { data: A.indices.toArray() }, indptr: { data: A.indptr.toArray() } };
      A.dispose();
      return parts;
    },
    setup: (inputs: Record<string, { data: unknown }>): Context => {
      const part = (name: string) => np.asarray(inputs[name]!.data as never);
      const A = new sparse.csrArray([part('data'), part('indices'), part('indptr')], { shape: [n, n] });
      runtime.resetPeakMemory();
      return { A };
    },
    run: ({ A }: Context) => {
      const M = np.tidy(() => A.add(A.T).multiply(0.5).add(sparse.eye(n).multiply(n)));
      for (const s of M.stores) s.wait();
      M.dispose();
    },
    teardown: ({ A }: Context) => {
      console.log(`  symmetrisation: the runtime's memory peaked at ${megabytes(runtime.memoryStats()[0]!.peakBytesInUse)} (A ${megabytes(A.nnz * 12)})`);
      A.dispose();
    },
    peer: {
      setup: `A = scipy.sparse.csr_array((data, indices, indptr), shape=(${n}, ${n}))`,
      run: `M = 0.5 * (A + A.T) + ${n} * scipy.sparse.eye_array(${n}, format='csr')`,
    },
    runs: 5,
    warmup: 1,
  };
}
