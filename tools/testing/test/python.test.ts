import { afterAll, describe, expect, it } from 'vitest';

import { findPython, PythonError, PythonReference, type NdValue } from '../src/index.js';

const probe = findPython();
if (!probe.ok) console.warn(`skipping the Python reference tests: ${probe.reason}`);

describe.skipIf(!probe.ok)('PythonReference (NumPy through python3)', () => {
  const py = PythonReference.start()!;
  afterAll(() => py.close());

  it('round-trips fresh random arrays of each dtype family bit for bit', async () => {
    const n = 257;
    const f64 = Float64Array.from({ length: n }, () => Math.random() * 2 - 1);
    const f32 = Float32Array.from({ length: n }, () => Math.random() * 100);
    const i32 = Int32Array.from({ length: n }, () => Math.floor(Math.random() * 2 ** 31) * (Math.random() < 0.5 ? -1 : 1));
    const i64 = BigInt64Array.from({ length: n }, () => BigInt(Math.floor(Math.random() * 2 ** 52)) - 2n ** 51n);
    const u8 = Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
    for (const data of [f64, f32, i32, i64, u8]) {
      const back = await py.eval<NdValue>('x.copy()', { x: data });
      expect(back.shape).toEqual([n]);
      expect(Array.from(back.data as ArrayLike<number | bigint>)).toEqual(Array.from(data as ArrayLike<number | bigint>));
    }
  });

  it('computes with NumPy on N-d inputs and returns shaped results', async () => {
    const data = Float64Array.from({ length: 24 }, () => Math.random());
    const sums = await py.run<NdValue>('out = x.sum(axis=1)', { x: { dtype: 'float64', shape: [2, 3, 4], data } });
    expect(sums.shape).toEqual([2, 4]);
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 4; k++) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += data[i * 12 + j * 4 + k]!;
        expect((sums.data as Float64Array)[i * 4 + k]).toBeCloseTo(s, 12);
      }
    }
  });

  it('returns scalars, NaN, infinities and complex values', async () => {
    expect(await py.eval('float("nan")')).toBeNaN();
    expect(await py.eval('-np.inf')).toBe(-Infinity);
    expect(await py.eval('np.complex128(1.5 - 2j)')).toEqual({ re: 1.5, im: -2 });
    expect(await py.eval('np.int64(7) * 6')).toBe(42);
  });

  it('rejects with the Python traceback and keeps the session usable', async () => {
    await expect(py.eval('np.zeros(3) + np.zeros(4)')).rejects.toThrow(PythonError);
    await expect(py.eval('np.zeros(3) + np.zeros(4)')).rejects.toThrow(/operands could not be broadcast/);
    expect(await py.eval('1 + 1')).toBe(2);
  });
});
