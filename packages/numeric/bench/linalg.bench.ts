// Matrix products against NumPy (OpenBLAS through NumPy uses every thread; ours runs one
// single-threaded OpenBLAS call per piece on the runtime's processors).
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';

export default defineSuite({
  name: 'linalg',
  description: 'numeric: matmul of n × n matrices (float64, float32) against NumPy with the same thread count',
  cases: ({ quick }) => {
    const n = quick ? 256 : 2048;
    const matrix = (dtype: 'float64' | 'float32') => {
      const data = dtype === 'float64' ? Float64Array.from({ length: n * n }, () => Math.random()) : Float32Array.from({ length: n * n }, () => Math.random());
      return { data, shape: [n, n] };
    };
    return (['float64', 'float32'] as const).map((dtype) => ({
      name: `matmul ${n}³ ${dtype}`,
      inputs: () => ({ a: matrix(dtype), b: matrix(dtype) }),
      setup: (inputs: Record<string, { data: unknown }>) => {
        const load = (x: unknown) => {
          const a = np.empty([n, n], dtype);
          a.store.write(x as Float64Array);
          return a;
        };
        return { a: load(inputs.a!.data), b: load(inputs.b!.data) };
      },
      run: ({ a, b }: { a: np.ndarray; b: np.ndarray }) => {
        const c = np.matmul(a, b);
        c.store.wait();
        c.store.dispose();
      },
      peer: { run: 'c = a @ b' },
      flops: 2 * n ** 3,
      runs: 5,
    }));
  },
});
