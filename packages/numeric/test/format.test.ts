// Printing against NumPy's own repr and str, on fresh random values of every dtype and shape.
import { describe, expect, it } from 'vitest';

import { dtype, type TypedArray } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { random, randint, useNumpyAndForcedPartitioning } from './harness.js';
import { arrayRepr, arrayStr } from '../src/format.js';

const { python, py } = useNumpyAndForcedPartitioning();

async function expectPrintsLikeNumpy(v: NdValue): Promise<void> {
  const [repr, str] = await py!.run<[string, string]>('out = [repr(x), str(x)]', { x: v });
  const t = dtype(v.dtype as never);
  expect(arrayRepr(v.data as TypedArray, v.shape, t), `repr of ${v.dtype} ${JSON.stringify(v.shape)}`).toBe(repr);
  expect(arrayStr(v.data as TypedArray, v.shape, t), `str of ${v.dtype} ${JSON.stringify(v.shape)}`).toBe(str);
}

const FAMILIES = ['bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];

/** Float values of one magnitude class: plain, integral, tiny, huge, widely spread, special. */
function floats(t: string, shape: number[], kind: number): NdValue {
  const v = random(t, shape);
  const data = v.data as Float64Array;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    data[i] = [x, Math.round(x * 3), x * 1e-6, x * 1e9, x * 10 ** randint(-3, 5), [NaN, Infinity, -Infinity, -0, 0][randint(0, 4)]!][kind]!;
    if (kind === 5 && Math.random() < 0.5) data[i] = x;
  }
  return v;
}

describe.skipIf(!python.ok)('printing against NumPy', () => {
  it('prints every dtype in 0-d, 1-d, 2-d and 3-d shapes as NumPy does', async () => {
    for (const t of FAMILIES) {
      for (const shape of [[], [1], [randint(2, 8)], [randint(1, 4), randint(1, 5)], [2, randint(1, 3), randint(2, 4)], [1, 1, 3]]) {
        await expectPrintsLikeNumpy(random(t, shape, 10 ** randint(0, 3)));
      }
    }
  });

  it('chooses positional or scientific notation, pads and aligns as NumPy does', async () => {
    for (const t of ['float32', 'float64', 'complex128']) {
      for (let kind = 0; kind < 6; kind++) {
        await expectPrintsLikeNumpy(floats(t, [randint(1, 7)], kind));
        await expectPrintsLikeNumpy(floats(t, [randint(1, 3), randint(1, 4)], kind));
      }
    }
  });

  it('rounds exact ties at the last digit to even, as NumPy does', async () => {
    await expectPrintsLikeNumpy({ dtype: 'float32', shape: [2], data: Float32Array.from([406539.625, 1e-5]) });
    await expectPrintsLikeNumpy({ dtype: 'float64', shape: [3], data: Float64Array.from([0.001953125, 1, 0.005859375]) });
    await expectPrintsLikeNumpy({ dtype: 'float64', shape: [2], data: Float64Array.from([2.5e-5, 1]) });
  });

  it('wraps long rows at 75 columns and summarises more than 1000 elements', async () => {
    for (const t of ['int64', 'float64', 'bool', 'complex64']) {
      await expectPrintsLikeNumpy(random(t, [randint(20, 60)]));
      await expectPrintsLikeNumpy(random(t, [3, randint(12, 30)]));
      await expectPrintsLikeNumpy(random(t, [randint(1001, 3000)]));
      await expectPrintsLikeNumpy(random(t, [randint(40, 60), randint(30, 50)]));
      await expectPrintsLikeNumpy(random(t, [11, 12, 13]));
    }
  });

  it('prints empty arrays with their shape and dtype', async () => {
    for (const shape of [[0], [0, 3], [2, 0]]) await expectPrintsLikeNumpy(random('float32', shape));
  });

  it('is what util.inspect and toString of an ndarray show', async () => {
    const a = np.array([[1.5, -2], [3.25, 1e-7]]);
    const [repr, str] = await py!.run<[string, string]>('x = np.array([[1.5, -2], [3.25, 1e-7]]); out = [repr(x), str(x)]');
    const { inspect } = await import('node:util');
    expect(inspect(a)).toBe(repr);
    expect(String(a)).toBe(str);
  });
});
