// Sorting against NumPy.
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';

export default defineSuite({
  name: 'sort',
  description: 'numeric: sort and argsort of 10^7 float64 against NumPy',
  cases: ({ quick }) => {
    const n = quick ? 100_000 : 10_000_000;
    const random = () => ({ data: Float64Array.from({ length: n }, () => Math.random()) });
    const setup = (inputs: Record<string, { data: unknown }>) => {
      const a = np.empty([n]);
      a.store.write(inputs.a!.data as Float64Array);
      return { a };
    };
    const run = (f: (a: np.ndarray) => np.ndarray) => ({ a }: { a: np.ndarray }) => {
      const s = f(a);
      s.store.wait();
      s.store.dispose();
    };
    return [
      { name: `sort, ${n} float64`, inputs: () => ({ a: random() }), setup, run: run((a) => np.sort(a)), peer: { run: 's = np.sort(a)' }, bytes: 2 * 8 * n, runs: 5 },
      { name: `argsort, ${n} float64`, inputs: () => ({ a: random() }), setup, run: run((a) => np.argsort(a)), peer: { run: 's = np.argsort(a)' }, runs: 5 },
    ];
  },
});
