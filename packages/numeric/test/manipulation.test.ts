// Manipulation and indexing by arrays against NumPy: concatenate, stack, vstack, hstack, split,
// array_split, flip, tile, repeat, pad (every mode and width), take, take_along_axis, put,
// extract, place, putmask, compress, with views and forced partitioning.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('manipulation against NumPy', () => {
  it('concatenate, stack, vstack, hstack over every axis and mixed types', async () => {
    const a = random('int32', [2, 3, 4]);
    const b = random('float32', [2, 3, 4]);
    const c = random('int64', [2, 5, 4]);
    for (const axis of [0, 1, 2, -1]) {
      await expectLikeNumpy(np.concatenate([ours(a), ours(b)], axis), `np.concatenate([a, b], axis=${axis})`, { a, b });
      await expectLikeNumpy(np.stack([ours(a), ours(b), ours(a)], axis), `np.stack([a, b, a], axis=${axis})`, { a, b });
    }
    await expectLikeNumpy(np.concatenate([ours(a), ours(c), ours(a)], 1), 'np.concatenate([a, c, a], axis=1)', { a, c });
    await expectLikeNumpy(np.concatenate([ours(a), ours(c)], null), 'np.concatenate([a, c], axis=None)', { a, c });
    const v = random('float64', [5]);
    await expectLikeNumpy(np.vstack([ours(v), ours(v)]), 'np.vstack([v, v])', { v });
    await expectLikeNumpy(np.hstack([ours(v), ours(v)]), 'np.hstack([v, v])', { v });
    await expectLikeNumpy(np.hstack([ours(a), ours(c)]), 'np.hstack([a, c])', { a, c });
  });

  it('split and array_split give views; flip gives a view', async () => {
    const a = random('float64', [6, 7]);
    for (const [sections, axis] of [[3, 0], [[2, 5], 1], [[-3, 10], 1]] as const) {
      const parts = np.split(ours(a), sections as never, axis);
      const code = `np.split(a, ${JSON.stringify(sections).replace('[', '(').replace(']', ',)')}, axis=${axis})`;
      for (let i = 0; i < parts.length; i++) await expectLikeNumpy(parts[i]!, `${code}[${i}]`, { a });
    }
    const uneven = np.arraySplit(ours(a), 4, 1);
    for (let i = 0; i < 4; i++) await expectLikeNumpy(uneven[i]!, `np.array_split(a, 4, axis=1)[${i}]`, { a });
    await expectLikeNumpy(np.flip(ours(a)), 'np.flip(a)', { a });
    await expectLikeNumpy(np.flip(ours(a), 1), 'np.flip(a, 1)', { a });
    const view = ours(a);
    const top = np.split(view, 3, 0)[0]!;
    top.fill(0);
    expect(np.sum(view.slice(':2')).item()).toBe(0);
  });

  it('tile and repeat', async () => {
    const a = random('int16', [2, 3]);
    for (const reps of [2, [2, 1], [1, 3, 2], [0, 2]]) await expectLikeNumpy(np.tile(ours(a), reps), `np.tile(a, ${JSON.stringify(reps)})`, { a });
    await expectLikeNumpy(np.repeat(ours(a), 3), 'np.repeat(a, 3)', { a });
    await expectLikeNumpy(np.repeat(ours(a), 2, 0), 'np.repeat(a, 2, axis=0)', { a });
    await expectLikeNumpy(np.repeat(ours(a), [1, 0, 3], 1), 'np.repeat(a, [1, 0, 3], axis=1)', { a });
  });

  it.each(['constant', 'edge', 'reflect', 'symmetric', 'wrap'] as const)('pad in %s mode, narrow and wide widths, 2-D', async (mode) => {
    const a = random('float64', [3, 4]);
    for (const width of [1, [[2, 0], [1, 3]], [[7, 5], [9, 2]]]) {
      const extra = mode === 'constant' ? ', constant_values=7' : '';
      await expectLikeNumpy(np.pad(ours(a), width as never, mode, 7), `np.pad(a, ${JSON.stringify(width)}, '${mode}'${extra})`, { a });
    }
  });

  it('take (flat and along axes, negative indices), take_along_axis, put', async () => {
    const a = random('float64', [4, 5, 3]);
    const i = { dtype: 'int64', shape: [2, 3], data: BigInt64Array.from({ length: 6 }, () => BigInt(randint(-4, 3))) };
    await expectLikeNumpy(np.take(ours(a), ours(i)), 'np.take(a, i)', { a, i });
    for (const axis of [0, 1, 2]) {
      const j = { dtype: 'int64', shape: [3], data: BigInt64Array.from({ length: 3 }, () => BigInt(randint(-(a.shape[axis]!), a.shape[axis]! - 1))) };
      await expectLikeNumpy(np.take(ours(a), ours(j), axis), `np.take(a, j, axis=${axis})`, { a, j });
    }
    const order = np.argsort(ours(a), 1);
    const o = { dtype: 'int64', shape: [...order.shape], data: order.toArray() };
    await expectLikeNumpy(np.takeAlongAxis(ours(a), order, 1), 'np.take_along_axis(a, o, axis=1)', { a, o });
    const b = ours(a);
    np.put(b, np.array([0, 7, -1, 7]), np.array([1.5, 2.5]));
    await expectLikeNumpy(b, 'np.put(a, [0, 7, -1, 7], [1.5, 2.5]) or a', { a });
  });

  it('concatenate and stack of three or more dtypes promote all at once (fuzz finding 9)', async () => {
    const z = (t: string) => random(t, [2], 3);
    for (const types of [['int8', 'uint16', 'float32'], ['uint16', 'int8', 'complex64'], ['uint8', 'int8', 'int16', 'float32'], ['int32', 'uint32', 'float32']]) {
      const inputs = Object.fromEntries(types.map((t, i) => [`x${i}`, z(t)]));
      const names = types.map((_, i) => `x${i}`).join(', ');
      await expectLikeNumpy(np.concatenate(types.map((_, i) => ours(inputs[`x${i}`]!))), `np.concatenate([${names}])`, inputs);
      await expectLikeNumpy(np.stack(types.map((_, i) => ours(inputs[`x${i}`]!))), `np.stack([${names}])`, inputs);
    }
  });

  it('take: empty results, bool indices; put and putmask with empty values (fuzz findings 13-16)', async () => {
    const e = random('float64', [0, 3]);
    await expectLikeNumpy(np.take(ours(e), [5], 1), 'np.take(e, [5], axis=1)', { e });
    await expectLikeNumpy(np.take(np.zeros([0, 0]), [0], 1), 'np.take(np.zeros((0, 0)), [0], axis=1)', {});
    const a = random('float64', [2, 3]);
    await expectLikeNumpy(np.take(ours(a), np.zeros([0], 'int64'), 1), 'np.take(a, np.zeros(0, int), axis=1)', { a });
    expect(() => np.take(np.zeros([2, 0]), [0], 1)).toThrow(np.IndexError); // a non-empty result from an empty axis
    expect(() => np.take(np.zeros([3, 0, 0]), [0], 1)).toThrow(/^indices: index 0 is out of bounds for axis 1 with size 0$/); // empty, but NumPy checks
    expect(() => np.put(np.zeros([0]), [0], np.zeros([0]))).toThrow(/^a: cannot replace elements of an empty array$/);
    const r = random('int32', [3]);
    await expectLikeNumpy(np.take(ours(r), np.array([true, false])), 'np.take(r, np.array([True, False]))', { r });
    await expectLikeNumpy(np.take(ours(a), np.array([[true], [false]]), 1), 'np.take(a, np.array([[True], [False]]), axis=1)', { a });
    const put = ours(a);
    np.put(put, [1], np.zeros([0]));
    np.put(put, [70], np.zeros([0]));
    await expectLikeNumpy(put, 'np.put(a, [70], np.zeros(0)) or a', { a });
    const masked = ours(a);
    np.putmask(masked, np.ones([2, 3], 'bool'), np.zeros([0]));
    await expectLikeNumpy(masked, 'np.putmask(a, np.ones((2, 3), bool), np.zeros(0)) or a', { a });
  });

  it('flip refuses a repeated axis; tile of 4-d arrays (fuzz finding 20)', async () => {
    expect(() => np.flip(np.arange(3), [0, 0])).toThrow(np.ValueError);
    expect(() => np.flip(np.zeros([2, 3]), [1, -1])).toThrow(/^axis: repeated axis$/);
    const a = random('int32', [2, 3, 1, 2]);
    await expectLikeNumpy(np.tile(ours(a), [2, 1, 3, 1]), 'np.tile(a, (2, 1, 3, 1))', { a });
  });

  it('boolean masks: extract, place, putmask, compress', async () => {
    const a = random('int32', [3, 6]);
    const m = { dtype: 'bool', shape: [3, 6], data: Uint8Array.from({ length: 18 }, () => randint(0, 1)) };
    await expectLikeNumpy(np.extract(ours(m), ours(a)), 'np.extract(m, a)', { a, m });
    const placed = ours(a);
    np.place(placed, ours(m), [7, 8, 9]);
    await expectLikeNumpy(placed, 'np.place(a, m, [7, 8, 9]) or a', { a, m });
    const masked = ours(a);
    np.putmask(masked, ours(m), np.array([100, 200, 300], 'int32'));
    await expectLikeNumpy(masked, 'np.putmask(a, m, np.array([100, 200, 300], dtype=np.int32)) or a', { a, m });
    const written = ours(a);
    np.putmask(written, ours(m), -1);
    await expectLikeNumpy(written, 'np.putmask(a, m, -1) or a', { a, m });
    await expectLikeNumpy(np.compress([true, false, true], ours(a), 0), 'np.compress([True, False, True], a, axis=0)', { a });
    await expectLikeNumpy(np.compress([false, true], ours(a)), 'np.compress([False, True], a)', { a });
  });
});

describe('bad input', () => {
  it.each([
    ['concatenate of mismatched shapes', () => np.concatenate([np.ones([2, 3]), np.ones([3, 3])], 1), np.ValueError, /^arrays\[1\]: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has size 2 and the array at index 1 has size 3/],
    ['concatenate of nothing', () => np.concatenate([]), np.ValueError, /^arrays: need at least one array to concatenate/],
    ['stack of different shapes', () => np.stack([np.ones([2]), np.ones([3])]), np.ValueError, /^arrays\[1\]: all input arrays must have the same shape/],
    ['split into unequal parts', () => np.split(np.ones([5]), 2), np.ValueError, /^indices_or_sections: array split does not result in an equal division/],
    ['take out of bounds', () => np.take(np.ones([3]), np.array([3])), np.IndexError, /^indices: index 3 is out of bounds for size 3/],
    ['take along an axis out of bounds', () => np.take(np.ones([2, 3]), np.array([-4]), 1), np.IndexError, /^indices: index -4 is out of bounds for axis 1 with size 3/],
    ['take with float indices', () => np.take(np.ones([3]), np.array([1.5])), np.IndexError, /^indices: arrays used as indices must be of integer type, got float64/],
    ['put out of bounds', () => np.put(np.ones([3]), [5], [1]), np.IndexError, /^indices: index 5 is out of bounds for size 3/],
    ['extract with a mask of another size', () => np.extract(np.array([true, false]), np.ones([3])), np.IndexError, /^condition: extract: boolean index did not match indexed array/],
    ['extract with an integer mask', () => np.extract(np.array([1, 0, 1]), np.ones([3])), DTypeError, /^condition: extract: expected a boolean mask, got int64/],
    ['pad with a negative width', () => np.pad(np.ones([3]), -1), np.ValueError, /^pad_width: pad: index can't contain negative values/],
    ['pad of an empty axis by reflection', () => np.pad(np.ones([0]), 1, 'reflect'), np.ValueError, /^a: pad: can't extend empty axis 0/],
    ['fromPiece of something that is not a piece', () => np.fromPiece({ data: [1, 2] } as never), ShapeError, /^piece: expected a task piece/],
    ['tile with a negative count', () => np.tile(np.ones([2]), -1), np.ValueError, /^reps: tile: repetitions must be non-negative integers/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
