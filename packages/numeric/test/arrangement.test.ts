// append, atleast1d / atleast2d / atleast3d and rot90 against NumPy: dtypes, axes, views (writes
// reach the input), empty arrays, bad input, and no leaked stores.
import { describe, expect, it } from 'vitest';

import { UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, liveStorages as live, numpyExpectation, ours, randint, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('append against NumPy', () => {
  it.each([
    ['int32', 'int32'],
    ['int8', 'float32'],
    ['uint16', 'int16'],
    ['bool', 'bool'],
    ['float64', 'complex64'],
  ])('append of %s and %s: flattened and along axes', async (ta, tb) => {
    const a = random(ta, [3, 4]);
    const rows = random(tb, [2, 4]);
    const cols = random(tb, [3, 1]);
    const exact = exactFor(ta) && exactFor(tb);
    await expectLikeNumpy(np.append(ours(a), ours(rows)), 'np.append(a, r)', { a, r: rows }, exact);
    await expectLikeNumpy(np.append(ours(a), ours(rows), 0), 'np.append(a, r, 0)', { a, r: rows }, exact);
    await expectLikeNumpy(np.append(ours(a), ours(cols), { axis: 1 }), 'np.append(a, c, axis=1)', { a, c: cols }, exact);
    await expectLikeNumpy(np.append(ours(a).T, ours(cols).T, -2), 'np.append(a.T, c.T, -2)', { a, c: cols }, exact);
  });

  it('append of scalars and lists (NumPy types), empty arrays; refusals', async () => {
    const a = random('int8', [4]);
    await expectLikeNumpy(np.append(ours(a), 5), 'np.append(a, 5)', { a });
    await expectLikeNumpy(np.append(ours(a), [1.5, 2]), 'np.append(a, [1.5, 2])', { a });
    await expectLikeNumpy(np.append([[1, 2]], [[3, 4]], 0), 'np.append([[1, 2]], [[3, 4]], 0)', {});
    await expectLikeNumpy(np.append(np.zeros([0]), ours(a)), 'np.append(np.zeros(0), a)', { a });
    await expectLikeNumpy(np.append(ours(a), np.zeros([0], 'int8')), 'np.append(a, np.zeros(0, np.int8))', { a });
    expect(() => np.append(np.ones([2, 2]), np.ones([3]), 0)).toThrow(np.ValueError);
    expect(() => np.append(np.ones([2]), np.ones([2]), 1)).toThrow(np.AxisError);
    expect(() => np.append(np.ones([2]), 'x' as never)).toThrow(/^values: /);
    expect(() => np.append(np.ones([2]), 1, { axes: 0 } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('atleast1d, atleast2d and atleast3d against NumPy', () => {
  it('every rank up to 4, one argument or several, views of the inputs', async () => {
    const shapes = [[], [3], [2, 3], [2, 3, 2], [1, 2, 1, 2]];
    for (const [n, fn] of [[1, np.atleast1d], [2, np.atleast2d], [3, np.atleast3d]] as const) {
      for (const shape of shapes) {
        const x = random('float32', shape);
        const got = fn(ours(x));
        await expectLikeNumpy(got, `np.atleast_${n}d(x)`, { x }, false);
        // A view: writing through it changes the input.
        const input = ours(x);
        const view = fn(input);
        view.fill(7);
        expect(np.all(np.equal(input, 7)).item()).toBe(true);
        if (shape.length >= n) expect(view).toBe(input);
      }
      const [a, b] = [random('int32', []), random('int32', [4])];
      const several = fn(ours(a), ours(b), 5);
      expect(several.length).toBe(3);
      for (let i = 0; i < 3; i++) await expectLikeNumpy(several[i]!, `np.atleast_${n}d(a, b, 5)[${i}]`, { a, b });
      expect(fn()).toEqual([]);
      await expectLikeNumpy(fn([1, 2]), `np.atleast_${n}d([1, 2])`, {});
      expect(() => fn('x' as never)).toThrow(/^arys: /);
      expect(() => fn(np.ones([2]), 'x' as never)).toThrow(/^arys\[1\]: /);
    }
  });
});

describe.skipIf(!python.ok)('rot90 against NumPy', () => {
  it.each(['int16', 'float64', 'complex64', 'bool'])('rot90 of %s: every k, planes, a view', async (t) => {
    const m = random(t, [randint(1, 4), randint(1, 5), 3]);
    for (const k of [0, 1, 2, 3, 4, -1, -2, 5, -7]) {
      await expectLikeNumpy(np.rot90(ours(m), k), `np.rot90(m, ${k})`, { m }, exactFor(t));
      await expectLikeNumpy(np.rot90(ours(m), k, [1, 2]), `np.rot90(m, ${k}, (1, 2))`, { m }, exactFor(t));
      await expectLikeNumpy(np.rot90(ours(m), { k, axes: [2, -3] }), `np.rot90(m, k=${k}, axes=(2, -3))`, { m }, exactFor(t));
    }
    await expectLikeNumpy(np.rot90(ours(m)), 'np.rot90(m)', { m }, exactFor(t));
    await expectLikeNumpy(np.rot90(ours(m).T.slice('::-1')), 'np.rot90(m.T[::-1])', { m }, exactFor(t));
    const input = ours(m);
    np.rot90(input, 1).fill(t === 'bool' ? false : 0);
    expect(np.any(input).item()).toBe(false);
  });

  it('rot90 of empty arrays gives a view of its own; refusals', async () => {
    const e = np.zeros([0, 3]);
    for (const k of [0, 1, 2, 3]) {
      const r = np.rot90(e, k);
      await expectLikeNumpy(r, `np.rot90(np.zeros((0, 3)), ${k})`, {});
      r.dispose();
      expect(e.disposed).toBe(false);
    }
    await expectLikeNumpy(np.rot90([[1, 2], [3, 4]]), 'np.rot90([[1, 2], [3, 4]])', {});
    expect(() => np.rot90(np.ones([3]))).toThrow(/^axes: rot90: Axes must be different\.$/);
    expect(() => np.rot90(np.ones([2, 2]), 1, [0, 0])).toThrow(/^axes: rot90: Axes must be different\.$/);
    expect(() => np.rot90(np.ones([2, 2]), 1, [0, 2])).toThrow(/^axes: rot90: Axes must be different\.$/);
    expect(() => np.rot90(np.ones([2, 2]), 1, [0, 3])).toThrow(/^axes: rot90: Axes=\(0, 3\) out of range for array of ndim=2\.$/);
    expect(() => np.rot90(np.ones([2, 2]), 1, [0])).toThrow(/^axes: rot90: len\(axes\) must be 2/);
    expect(() => np.rot90(np.ones([2, 2]), 0.5)).toThrow(/^k: /);
    expect(() => np.rot90(np.ones([2, 2]), { turns: 1 } as never)).toThrow(UnknownOptionError);
  });
});

describe('arrangement functions free what they make', () => {
  it('leaves no live stores, also when they throw', () => {
    const a = np.ones([2, 3]);
    const v = np.arange(3);
    const s = np.asarray(2);
    const calls: (() => unknown)[] = [
      () => np.append(a, v),
      () => np.append(a, [[1, 2, 3]], 0),
      () => np.append(a, 4),
      () => np.atleast1d(s),
      () => np.atleast2d(v, s, 3),
      () => np.atleast3d([1, 2]),
      () => np.atleast3d(a),
      () => np.rot90(a),
      () => np.rot90([[1, 2]], 2),
      () => np.rot90(a, 1, [0, 0]),
      () => np.append(a, v, 0),
    ];
    for (const call of calls) {
      const before = live();
      try {
        const r = call();
        for (const x of Array.isArray(r) ? r : [r]) if (x instanceof np.ndarray && x !== a && x !== v && x !== s) x.dispose();
      } catch {
        // refused: still nothing may be left
      }
      expect(live() - before, String(call)).toBe(0);
    }
  });
});

describe.skipIf(!python.ok)('block and rollaxis against NumPy', () => {
  it('block of nested lists: 1-D, 2-D grids, mixed dimensions, scalars', async () => {
    const a = random('float64', [2, 2]);
    const b = random('float64', [2, 3]);
    const c = random('int32', [1, 5]);
    const v = random('int16', [3]);
    await expectLikeNumpy(np.block([[ours(a), ours(b)], [ours(c)]]), 'np.block([[a, b], [c]])', { a, b, c }, false);
    await expectLikeNumpy(np.block([ours(v), ours(v), 7]), 'np.block([v, v, 7])', { v });
    await expectLikeNumpy(np.block([[ours(v)], [ours(v)]]), 'np.block([[v], [v]])', { v });
    await expectLikeNumpy(np.block([[[ours(a)]], [[ours(a)]]]), 'np.block([[[a]], [[a]]])', { a }, false);
    await expectLikeNumpy(np.block(3), 'np.block(3)', {});
    await expectLikeNumpy(np.block([1, 2.5]), 'np.block([1, 2.5])', {});
    expect(() => np.block([])).toThrow(np.ValueError);
    expect(() => np.block([[ours(a)], ours(a)])).toThrow(/List depths are mismatched/);
    expect(() => np.block([[ours(a), ours(c)]])).toThrow(np.ValueError);
  });

  it('rollaxis moves an axis before a position counted before the move', async () => {
    const x = random('int8', [2, 3, 4, 5]);
    for (const [axis, start] of [[3, 1], [2, 0], [1, 4], [0, 2], [-1, -3], [2, 3]]) {
      await expectLikeNumpy(np.rollaxis(ours(x), axis!, start), `np.rollaxis(x, ${axis}, ${start})`, { x });
    }
    await expectLikeNumpy(np.rollaxis(ours(x), 2), 'np.rollaxis(x, 2)', { x });
    expect(() => np.rollaxis(ours(x), 4)).toThrow(np.AxisError);
    expect(() => np.rollaxis(ours(x), 0, 5)).toThrow(np.AxisError);
  });
});
