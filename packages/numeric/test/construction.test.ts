// meshgrid, indices, tril, triu, trilIndices, triuIndices, diagflat, logspace and geomspace
// against NumPy: several dtypes, shapes, offsets, views, empty arrays, bad input, no leaks.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, liveStorages as live, numpyExpectation, ours, randint, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('meshgrid and indices against NumPy', () => {
  it.each(['xy', 'ij'] as const)("meshgrid with indexing '%s': dense, sparse, copies and views", async (indexing) => {
    const x = random('float64', [randint(1, 5)]);
    const y = random('int32', [randint(1, 4)]);
    const z = random('uint8', [2, 2]); // flattened, as NumPy's
    for (const sparse of [false, true]) {
      for (const copy of [true, false]) {
        const grids = np.meshgrid(ours(x), ours(y), ours(z), { indexing, sparse, copy });
        const code = `np.meshgrid(x, y, z, indexing='${indexing}', sparse=${sparse ? 'True' : 'False'}, copy=${copy ? 'True' : 'False'})`;
        expect(grids.length).toBe(3);
        for (let i = 0; i < 3; i++) await expectLikeNumpy(grids[i]!, `${code}[${i}]`, { x, y, z }, i !== 0);
      }
      const two = np.meshgrid(ours(x), ours(y), { indexing, sparse });
      for (let i = 0; i < 2; i++) await expectLikeNumpy(two[i]!, `np.meshgrid(x, y, indexing='${indexing}', sparse=${sparse ? 'True' : 'False'})[${i}]`, { x, y }, i !== 0);
    }
    const one = np.meshgrid(ours(x), { indexing });
    await expectLikeNumpy(one[0]!, `np.meshgrid(x, indexing='${indexing}')[0]`, { x }, false);
  });

  it('meshgrid: lists, empty vectors, no inputs, read-only views; refusals', async () => {
    const [a, b] = np.meshgrid([1, 2, 3], [4.5, 5.5]);
    await expectLikeNumpy(a!, 'np.meshgrid([1, 2, 3], [4.5, 5.5])[0]', {});
    await expectLikeNumpy(b!, 'np.meshgrid([1, 2, 3], [4.5, 5.5])[1]', {});
    const [e0, e1] = np.meshgrid(np.zeros([0]), np.ones([3]));
    await expectLikeNumpy(e0!, 'np.meshgrid(np.zeros(0), np.ones(3))[0]', {});
    await expectLikeNumpy(e1!, 'np.meshgrid(np.zeros(0), np.ones(3))[1]', {});
    expect(np.meshgrid()).toEqual([]);
    const [view] = np.meshgrid(np.arange(3), np.arange(2), { copy: false });
    expect(() => view!.fill(1)).toThrow(np.ValueError);
    expect(() => np.meshgrid(np.arange(3), { indexing: 'yx' as never })).toThrow(/^indexing: /);
    expect(() => np.meshgrid(np.arange(3), { copy: 'no' as never })).toThrow(/^copy: /);
    expect(() => np.meshgrid(np.arange(3), { sparce: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.meshgrid(np.arange(3), 'x' as never)).toThrow(/^xi\[1\]: /);
  });

  it('indices: dense and sparse, dtypes, empty dimensions', async () => {
    for (const dims of [[3], [2, 4], [2, 3, 2], [0, 3], []]) {
      const code = `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
      await expectLikeNumpy(np.indices(dims), `np.indices(${code})`, {});
      const sparse = np.indices(dims, undefined, true);
      expect(sparse.length).toBe(dims.length);
      for (let i = 0; i < dims.length; i++) await expectLikeNumpy(sparse[i]!, `np.indices(${code}, sparse=True)[${i}]`, {});
    }
    await expectLikeNumpy(np.indices([2, 3], 'int16'), 'np.indices((2, 3), np.int16)', {});
    await expectLikeNumpy(np.indices([2, 3], { dtype: 'float32' }), 'np.indices((2, 3), dtype=np.float32)', {});
    const s = np.indices([3, 2], { sparse: true, dtype: 'uint8' });
    await expectLikeNumpy(s[1]!, 'np.indices((3, 2), sparse=True, dtype=np.uint8)[1]', {});
    expect(() => np.indices([-1, 2])).toThrow(ShapeError);
    expect(() => np.indices([2], { sparse: 1 } as never)).toThrow(/^sparse: /);
    expect(() => np.indices([2], { spars: true } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('triangles and diagflat against NumPy', () => {
  it.each(['bool', 'int8', 'uint16', 'int64', 'float32', 'float64', 'complex128'])('tril and triu of %s: offsets, stacks, 1-D input, views', async (t) => {
    const m = random(t, [randint(1, 5), randint(1, 6)]);
    const stack = random(t, [2, 3, 4]);
    const v = random(t, [4]);
    for (const k of [0, 1, -1, 3, -4, 10]) {
      await expectLikeNumpy(np.tril(ours(m), k), `np.tril(m, ${k})`, { m }, exactFor(t));
      await expectLikeNumpy(np.triu(ours(m), { k }), `np.triu(m, k=${k})`, { m }, exactFor(t));
    }
    await expectLikeNumpy(np.tril(ours(stack)), 'np.tril(s)', { s: stack }, exactFor(t));
    await expectLikeNumpy(np.triu(ours(stack), -1), 'np.triu(s, -1)', { s: stack }, exactFor(t));
    await expectLikeNumpy(np.tril(ours(v)), 'np.tril(v)', { v }, exactFor(t));
    await expectLikeNumpy(np.triu(ours(v), 1), 'np.triu(v, 1)', { v }, exactFor(t));
    await expectLikeNumpy(np.tril(ours(m).T), 'np.tril(m.T)', { m }, exactFor(t));
  });

  it('tril and triu of empty matrices and lists; refusals', async () => {
    await expectLikeNumpy(np.tril(np.zeros([0, 3])), 'np.tril(np.zeros((0, 3)))', {});
    await expectLikeNumpy(np.triu([[1, 2], [3, 4]]), 'np.triu([[1, 2], [3, 4]])', {});
    expect(() => np.tril(np.asarray(3))).toThrow(np.ValueError);
    expect(() => np.tril(np.ones([2, 2]), 0.5)).toThrow(/^k: /);
    expect(() => np.triu(np.ones([2, 2]), { K: 1 } as never)).toThrow(UnknownOptionError);
  });

  it('trilIndices and triuIndices: square and rectangular, offsets', async () => {
    for (const [n, k, m] of [[4, 0, null], [4, 1, null], [3, -1, 5], [5, 2, 2], [0, 0, null], [3, -5, null], [3, 7, 4]] as const) {
      const code = `${n}, ${k}${m === null ? '' : `, ${m}`}`;
      const [r, c] = np.trilIndices(n, k, m);
      await expectLikeNumpy(r, `np.tril_indices(${code})[0]`, {});
      await expectLikeNumpy(c, `np.tril_indices(${code})[1]`, {});
      const [ur, uc] = np.triuIndices(n, { k, m });
      await expectLikeNumpy(ur, `np.triu_indices(${code})[0]`, {});
      await expectLikeNumpy(uc, `np.triu_indices(${code})[1]`, {});
    }
    expect(() => np.trilIndices(-1)).toThrow(ShapeError);
    expect(() => np.triuIndices(3, 'a' as never)).toThrow(/^k: /);
    expect(() => np.triuIndices(3, { n: 2 } as never)).toThrow(UnknownOptionError);
  });

  it.each(['int32', 'float32', 'complex64', 'bool'])('diagflat of %s: any shape, offsets', async (t) => {
    const v = random(t, [2, 3]);
    for (const k of [0, 2, -1]) await expectLikeNumpy(np.diagflat(ours(v), k), `np.diagflat(v, ${k})`, { v }, exactFor(t));
    await expectLikeNumpy(np.diagflat(ours(v).T, { k: 1 }), 'np.diagflat(v.T, k=1)', { v }, exactFor(t));
    await expectLikeNumpy(np.diagflat([1, 2]), 'np.diagflat([1, 2])', {});
    await expectLikeNumpy(np.diagflat(np.zeros([0])), 'np.diagflat(np.zeros(0))', {});
    expect(() => np.diagflat(ours(v), 1.5)).toThrow(/^k: /);
  });
});

describe.skipIf(!python.ok)('logspace and geomspace against NumPy', () => {
  it('logspace: num, endpoint, base, dtype', async () => {
    const start = Math.round(Math.random() * 40 - 20) / 10;
    const stop = Math.round(Math.random() * 40 - 20) / 10;
    await expectLikeNumpy(np.logspace(start, stop), `np.logspace(${start}, ${stop})`, {}, false);
    await expectLikeNumpy(np.logspace(start, stop, 7, false), `np.logspace(${start}, ${stop}, 7, False)`, {}, false);
    await expectLikeNumpy(np.logspace(start, stop, 5, true, 2), `np.logspace(${start}, ${stop}, 5, True, 2)`, {}, false);
    await expectLikeNumpy(np.logspace(0, 3, 4, { base: 2.5, dtype: 'float32' }), 'np.logspace(0, 3, 4, base=2.5, dtype=np.float32)', {}, false);
    await expectLikeNumpy(np.logspace(0, 3, 4, { dtype: 'int32' }), 'np.logspace(0, 3, 4, dtype=np.int32)', {});
    await expectLikeNumpy(np.logspace(1, 2, 1), 'np.logspace(1, 2, 1)', {}, false);
    await expectLikeNumpy(np.logspace(1, 2, 0), 'np.logspace(1, 2, 0)', {}, false);
    await expectLikeNumpy(np.logspace(1, 2, 3, { axis: -1 }), 'np.logspace(1, 2, 3, axis=-1)', {}, false);
    expect(() => np.logspace(1, 2, -1)).toThrow(ShapeError);
    expect(() => np.logspace(1, 2, 3, { base: '2' as never })).toThrow(/^base: /);
    expect(() => np.logspace(1, 2, 3, { axis: 1 })).toThrow(np.AxisError);
    expect(() => np.logspace(1, 2, 3, { bse: 2 } as never)).toThrow(UnknownOptionError);
  });

  it('geomspace: either sign, endpoint, dtype, exact ends', async () => {
    for (const [a, b] of [[1, 1000], [2, 3.5], [-1, -1e5], [1e-3, 7], [1000, 1], [-3, 2], [5, -5]] as [number, number][]) {
      await expectLikeNumpy(np.geomspace(a, b, 6), `np.geomspace(${a}, ${b}, 6)`, {}, false);
      await expectLikeNumpy(np.geomspace(a, b, 5, false), `np.geomspace(${a}, ${b}, 5, False)`, {}, false);
      const ends = np.geomspace(a, b, 9).toArray() as Float64Array;
      expect([ends[0], ends[8]]).toEqual([a, b]);
    }
    await expectLikeNumpy(np.geomspace(1, 1000, 4, { dtype: 'int64' }), 'np.geomspace(1, 1000, 4, dtype=np.int64)', {});
    await expectLikeNumpy(np.geomspace(1, 256, 9, { dtype: 'float32' }), 'np.geomspace(1, 256, 9, dtype=np.float32)', {}, false);
    await expectLikeNumpy(np.geomspace(2, 8, 1), 'np.geomspace(2, 8, 1)', {});
    await expectLikeNumpy(np.geomspace(2, 8, 0), 'np.geomspace(2, 8, 0)', {});
    expect(() => np.geomspace(0, 8)).toThrow(/^start: geomspace: Geometric sequence cannot include zero$/);
    expect(() => np.geomspace(1, 0)).toThrow(/^stop: /);
    expect(() => np.geomspace(1, Infinity)).toThrow(DTypeError);
    expect(() => np.geomspace(1, 2, 3, { dtype: 'complex128' })).toThrow(/^dtype: /);
    expect(() => np.geomspace(1, 2, 3, { endpoint: 1 } as never)).toThrow(/^endpoint: /);
  });
});

describe('construction functions free what they make', () => {
  it('leaves no live stores, also when they throw', () => {
    const x = np.arange(3);
    const y = np.array([1.5, 2.5]);
    const m = np.ones([3, 4]);
    const scalar = np.asarray(3);
    const calls: (() => unknown)[] = [
      () => np.meshgrid(x, y),
      () => np.meshgrid(x, y, { sparse: true, copy: false }),
      () => np.meshgrid([1, 2], [3], { copy: false }),
      () => np.indices([2, 3]),
      () => np.indices([2, 3], 'int32', true),
      () => np.tril(m, 1),
      () => np.triu([[1, 2], [3, 4]]),
      () => np.trilIndices(4, 1),
      () => np.triuIndices(3, 0, 5),
      () => np.diagflat(m),
      () => np.logspace(0, 2, 5),
      () => np.logspace(0, 2, 5, { dtype: 'int8' }),
      () => np.geomspace(-1, -100, 5),
      () => np.geomspace(-1, 100, 5),
      () => np.tril(scalar),
      () => np.meshgrid([1], 'x' as never),
    ];
    for (const call of calls) {
      const before = live();
      try {
        const r = call();
        for (const a of Array.isArray(r) ? r : [r]) if (a instanceof np.ndarray) a.dispose();
      } catch {
        // refused: still nothing may be left
      }
      expect(live() - before, String(call)).toBe(0);
    }
  });
});
