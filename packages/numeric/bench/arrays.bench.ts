// Elementwise arithmetic and reductions on large arrays, against NumPy on the same inputs.
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';

function load(data: Float64Array): np.ndarray {
  const a = np.empty([data.length]);
  a.store.write(data);
  return a;
}

/** Waits for a result, then frees it, as NumPy frees a result nobody holds. */
function done(result: np.ndarray): void {
  result.store.wait();
  result.store.dispose();
}

export default defineSuite({
  name: 'arrays',
  description: 'numeric: a + b (new result), a * x + y, the 1-D stencil and sum over large float64 arrays',
  cases: ({ quick }) => {
    const n = quick ? 2 ** 20 : 2 ** 25;
    const stencilN = quick ? 100_000 : 10_000_000;
    const random = () => ({ data: Float64Array.from({ length: n }, () => Math.random()) });
    type Inputs = { a: np.ndarray; b: np.ndarray };
    const setup = (inputs: Record<string, { data: unknown }>): Inputs => ({
      a: load(inputs.a!.data as Float64Array),
      b: load(inputs.b!.data as Float64Array),
    });
    return [
      {
        name: `a + b, 2^${Math.log2(n)} float64 (new result)`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => done(np.add(a, b)),
        peer: { run: 'c = a + b' },
        bytes: 3 * 8 * n,
      },
      {
        // The temporary a * 2.5 is freed only when JavaScript's garbage collector finds it.
        name: `a * 2.5 + b, 2^${Math.log2(n)} float64 (temporary left to the GC)`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => done(np.add(np.multiply(a, 2.5), b)),
        peer: { run: 'c = a * 2.5 + b' },
        bytes: 6 * 8 * n,
      },
      {
        name: '  the same, the temporary disposed',
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => {
          const t = np.multiply(a, 2.5);
          done(np.add(t, b));
          t.store.dispose();
        },
        peer: { run: 'c = a * 2.5 + b' },
        bytes: 6 * 8 * n,
      },
      {
        // The example's code: each iteration's temporaries freed by tidy.
        name: `1-D stencil, n = ${stencilN}, 10 iterations`,
        setup: () => {
          const v = np.zeros([stencilN]);
          v.set(`${stencilN / 2}`, 1000);
          return { center: v.slice('1:-1'), left: v.slice(':-2'), right: v.slice('2:'), v };
        },
        run: ({ center, left, right, v }: { center: np.ndarray; left: np.ndarray; right: np.ndarray; v: np.ndarray }) => {
          for (let i = 0; i < 10; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3)));
          v.store.wait();
        },
        peer: {
          setup: `v = np.zeros(${stencilN}); v[${stencilN / 2}] = 1000; center = v[1:-1]; left = v[:-2]; right = v[2:]`,
          run: 'for _ in range(10):\n    center[:] = (center + left + right) / 3',
        },
        bytes: 10 * 8 * 8 * stencilN,
      },
      {
        name: `sum, 2^${Math.log2(n)} float64`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a }: Inputs) => np.sum(a).item(),
        peer: { run: 's = a.sum()' },
        bytes: 8 * n,
      },
    ];
  },
});
