// packbits and unpackbits against NumPy: fresh random integer and boolean arrays under forced
// partitioning, every axis and the flattened array, both bit orders, lengths that are not a
// multiple of 8, counts that cut, pad or drop from the end, 0-d and empty inputs, typed errors
// naming the argument, and no stores left behind.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { argumentOf, numpyExpectation, ours, randint, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('packbits and unpackbits against NumPy', () => {
  it.each(['bool', 'int8', 'uint8', 'int32', 'int64', 'uint64'])('packbits of %s along every axis and flattened', async (t) => {
    const a = random(t, [randint(1, 5), randint(1, 19), randint(1, 12)], 2);
    for (const order of ['big', 'little'] as const) {
      await expectLikeNumpy(np.packbits(ours(a), { bitorder: order }), `np.packbits(a, bitorder='${order}')`, { a });
      for (const axis of [0, 1, 2, -1]) {
        await expectLikeNumpy(np.packbits(ours(a), axis, order), `np.packbits(a, ${axis}, '${order}')`, { a });
      }
    }
    await expectLikeNumpy(np.packbits(ours(a).T, 1), 'np.packbits(a.T, 1)', { a });
  });

  it('unpackbits along every axis, with counts, both orders; round trips', async () => {
    const a = random('uint8', [randint(1, 4), randint(1, 6)], 255);
    for (const order of ['big', 'little'] as const) {
      for (const axis of [null, 0, 1, -1]) {
        for (const count of [null, 0, 3, 8, 13, 100, -1, -5]) {
          const n = axis === null ? 8 * a.shape.reduce((x, y) => x * y, 1) : 8 * a.shape[axis < 0 ? 1 : axis]!;
          if (count !== null && count < 0 && -count > n) continue;
          const pyAxis = axis === null ? 'None' : axis;
          const pyCount = count === null ? 'None' : count;
          await expectLikeNumpy(np.unpackbits(ours(a), { axis, count, bitorder: order }), `np.unpackbits(a, ${pyAxis}, ${pyCount}, '${order}')`, { a });
        }
      }
    }
    const bits = random('bool', [5, 21], 2);
    const packed = np.packbits(ours(bits), { axis: 1 });
    await expectLikeNumpy(np.unpackbits(packed, { axis: 1, count: 21 }), 'bits.astype(np.uint8)', { bits });
  });

  it('0-d and empty inputs, and lists', async () => {
    await expectLikeNumpy(np.packbits(np.array(5)), 'np.packbits(np.array(5))', {});
    await expectLikeNumpy(np.packbits(np.array(5), 0), 'np.packbits(np.array(5), 0)', {});
    await expectLikeNumpy(np.packbits([1, 0, 1]), 'np.packbits([1, 0, 1])', {});
    await expectLikeNumpy(np.packbits(np.zeros([2, 0], 'int32'), 1), 'np.packbits(np.zeros((2, 0), np.int32), 1)', {});
    await expectLikeNumpy(np.packbits(np.zeros([0, 3], 'int32'), 1), 'np.packbits(np.zeros((0, 3), np.int32), 1)', {});
    await expectLikeNumpy(np.packbits(np.zeros([0], 'bool')), 'np.packbits(np.zeros(0, bool))', {});
    await expectLikeNumpy(np.unpackbits(np.array(3, 'uint8')), 'np.unpackbits(np.array(3, np.uint8))', {});
    await expectLikeNumpy(np.unpackbits(np.array(3, 'uint8'), 0), 'np.unpackbits(np.array(3, np.uint8), 0)', {});
    await expectLikeNumpy(np.unpackbits(np.zeros([0], 'uint8')), 'np.unpackbits(np.zeros(0, np.uint8))', {});
    await expectLikeNumpy(np.unpackbits(np.zeros([2, 0], 'uint8'), 1), 'np.unpackbits(np.zeros((2, 0), np.uint8), 1)', {});
  });

  it('refuses bad input naming the argument, and leaves no stores behind', () => {
    const u = np.array([1, 2], 'uint8');
    expect(argumentOf(() => np.packbits(np.array([1.5])))).toEqual(['DTypeError', 'a']);
    expect(argumentOf(() => np.packbits(u, { bitorder: 'middle' as never }))).toEqual(['ValueError', 'bitorder']);
    expect(argumentOf(() => np.packbits(u, 1))).toEqual(['AxisError', 'axis']);
    expect(argumentOf(() => np.packbits(u, { order: 'big' } as never))).toEqual(['UnknownOptionError', 'options']);
    expect(argumentOf(() => np.unpackbits(np.array([1], 'int8')))).toEqual(['DTypeError', 'a']);
    expect(argumentOf(() => np.unpackbits(u, { count: -17 }))).toEqual(['ValueError', 'count']);
    expect(argumentOf(() => np.unpackbits(u, { count: 1.5 }))).toEqual(['DTypeError', 'count']);
    expect(argumentOf(() => np.unpackbits(u, null, null, 'x' as never))).toEqual(['ValueError', 'bitorder']);
    const a = np.array([[1, 0, 3], [0, 0, 1]]);
    const left = storesLeftBy(() => {
      np.packbits(a, 1).dispose();
      np.packbits(a).dispose();
      np.unpackbits(u, { count: 20 }).dispose();
      np.unpackbits(u, { count: -3, bitorder: 'little' }).dispose();
      argumentOf(() => np.unpackbits(u, { count: -17 }));
    });
    expect(left).toBe(0);
  });
});
