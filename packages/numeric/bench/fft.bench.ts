// FFTs against scipy.fft with two workers (the machine's threads).
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';

export default defineSuite({
  name: 'fft',
  description: 'numeric: fft of 2^22 complex128, fftn over axes (1, 2) of a (32, 256, 256) complex64 batch, against scipy.fft(workers=2)',
  cases: ({ quick }) => {
    const n = quick ? 2 ** 16 : 2 ** 22;
    const [b, m] = quick ? [4, 64] : [32, 256];
    const complexData = (count: number, single: boolean) => {
      const data = single ? Float32Array.from({ length: 2 * count }, () => Math.random() - 0.5) : Float64Array.from({ length: 2 * count }, () => Math.random() - 0.5);
      return data;
    };
    const load = (data: unknown, shape: number[], dtype: 'complex64' | 'complex128') => {
      const a = np.empty(shape, dtype);
      a.store.write(data as Float64Array);
      return a;
    };
    return [
      {
        name: `fft, 2^${Math.log2(n)} complex128`,
        inputs: () => ({ a: { data: complexData(n, false), shape: [n], dtype: 'complex128' } }),
        setup: (inputs: Record<string, { data: unknown }>) => ({ a: load(inputs.a!.data, [n], 'complex128') }),
        run: ({ a }: { a: np.ndarray }) => {
          const f = np.fft.fft(a);
          f.store.wait();
          f.store.dispose();
        },
        peer: { setup: 'import scipy.fft', run: 'f = scipy.fft.fft(a, workers=2)' },
        flops: 5 * n * Math.log2(n),
        runs: 7,
      },
      {
        name: `fftn over axes (1, 2), (${b}, ${m}, ${m}) complex64`,
        inputs: () => ({ a: { data: complexData(b * m * m, true), shape: [b, m, m], dtype: 'complex64' } }),
        setup: (inputs: Record<string, { data: unknown }>) => ({ a: load(inputs.a!.data, [b, m, m], 'complex64') }),
        run: ({ a }: { a: np.ndarray }) => {
          const f = np.fft.fftn(a, undefined, [1, 2]);
          f.store.wait();
          f.store.dispose();
        },
        peer: { setup: 'import scipy.fft', run: 'f = scipy.fft.fftn(a, axes=(1, 2), workers=2)' },
        flops: 5 * b * m * m * Math.log2(m * m),
        runs: 7,
      },
    ];
  },
});
