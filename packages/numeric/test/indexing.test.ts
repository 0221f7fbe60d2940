import { describe, expect, it } from 'vitest';

import { runtime } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();

function fresh(shape: number[]): { ours: np.ndarray; theirs: NdValue } {
  const data = Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.random() * 10 - 5);
  const ours = np.empty(shape);
  ours.store.write(data);
  return { ours, theirs: { dtype: 'float64', shape, data } };
}

async function numpy(expression: string, inputs: Record<string, NdValue>): Promise<{ shape: number[]; values: number[] }> {
  const r = await py!.eval<NdValue>(`np.array(${expression}, copy=True)`, inputs);
  return { shape: [...r.shape], values: Array.from(r.data as Float64Array) };
}

describe.skipIf(!python.ok)('basic indexing against NumPy', () => {
  const INDICES = ['1:-1', '::2', '::-1', '-3:', '2', '-1', '1:4, ::-2', '..., 0', 'None, :', ':, None, 1', '5:2:-1, 1:', '0:0', '..., ::3', '100:', '-100:2'];

  it.each(INDICES)('reads the view a[%s] as NumPy does', async (index) => {
    const a = fresh([7, 6]);
    const want = await numpy(`a[${index}]`, { a: a.theirs });
    const view = a.ours.slice(index);
    expect(view.shape).toEqual(want.shape);
    expect(Array.from(view.toArray() as Float64Array)).toEqual(want.values);
  });

  it('writes through views in both directions', async () => {
    const a = fresh([6, 5]);
    const view = a.ours.slice('1:5, ::2');
    view.assign(7); // view -> base
    a.ours.set('2, :', np.arange(5).astype('float64')); // base -> view
    const want = await numpy('(lambda b: (b.__setitem__((slice(1, 5), slice(None, None, 2)), 7), b.__setitem__(2, np.arange(5)), b)[-1])(a.copy())', { a: a.theirs });
    expect(Array.from(a.ours.toArray() as Float64Array)).toEqual(want.values);
    expect(Array.from(view.toArray() as Float64Array)).toEqual(Array.from(a.ours.slice('1:5, ::2').toArray() as Float64Array));
  });

  it('assignment drops the value\'s extra leading 1-dimensions, as NumPy\'s (fuzz finding 17)', async () => {
    for (const [target, value, code] of [[[3], [1, 3], 'np.ones((1, 3))'], [[], [1, 1], 'np.ones((1, 1))'], [[5, 0], [1, 5, 0], 'np.ones((1, 5, 0))'], [[2, 3], [1, 1, 3], 'np.ones((1, 1, 3))']] as const) {
      const a = np.zeros([...target]);
      a.assign(np.ones([...value]));
      const want = await numpy(`(lambda b: (b.__setitem__(Ellipsis, ${code}), b)[-1])(np.zeros(${JSON.stringify(target).replace('[', '(').replace(']', ',)').replace('(,)', '()')}))`, {});
      expect(a.shape).toEqual(want.shape);
      expect(Array.from(a.toArray() as Float64Array)).toEqual(want.values);
    }
    expect(() => np.zeros([3]).assign(np.ones([2, 3]))).toThrow(/^value: could not broadcast input array from shape \(2,3\) into shape \(3,\)$/);
  });

  it('follows NumPy\'s aliasing rule: a[1:] = a[:-1] and a[1:] += a[:-1]', async () => {
    const a = fresh([12]);
    a.ours.slice('1:').assign(a.ours.slice(':-1'));
    expect(Array.from(a.ours.toArray() as Float64Array)).toEqual((await numpy('(lambda b: (b.__setitem__(slice(1, None), b[:-1]), b)[-1])(a.copy())', { a: a.theirs })).values);
    const b = fresh([12]);
    const tail = b.ours.slice('1:');
    tail.assign(np.add(tail, b.ours.slice(':-1')));
    const want = await numpy('(lambda c: (c[1:].__iadd__(c[:-1]), c)[-1])(a.copy())', { a: b.theirs });
    expect(Array.from(b.ours.toArray() as Float64Array)).toEqual(want.values);
  });

  it('runs the 1-D stencil as NumPy does', async () => {
    const n = 200;
    const v = np.zeros([n]);
    v.set(`${n / 2}`, 1000);
    const center = v.slice('1:-1');
    const left = v.slice(':-2');
    const right = v.slice('2:');
    const live = () => runtime.memoryStats()[0]!.liveStorages;
    const before = live();
    for (let i = 0; i < 25; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3)));
    expect(live()).toBe(before); // every temporary was freed
    const want = await py!.eval<NdValue>(`(lambda v: ([v.__setitem__(slice(1, -1), (v[1:-1] + v[:-2] + v[2:]) / 3) for _ in range(25)], v)[-1])(np.where(np.arange(${n}) == ${n / 2}, 1000.0, 0.0))`);
    const got = Array.from(v.toArray() as Float64Array);
    Array.from(want.data as Float64Array).forEach((x, i) => expect(got[i]).toBeCloseTo(x, 12));
  });
});

describe('indexing errors', () => {
  it.each([
    ['an index out of bounds', () => np.zeros([3]).slice('3'), /^index: index 3 is out of bounds for axis 0 with size 3$/],
    ['too many indices', () => np.zeros([3]).slice('0, 0'), /^index: too many indices for array: array is 1-dimensional, but 2 were indexed$/],
    ['a zero step', () => np.zeros([3]).slice('::0'), /^index: slice step cannot be zero/],
    ['a non-integer', () => np.zeros([3]).slice('a:'), /^index: 'a:': start 'a' is not an integer$/],
    ['two ellipses', () => np.zeros([3, 3]).slice('..., ...'), /^index: an index can only have a single ellipsis/],
    ['a value of the wrong shape', () => np.zeros([3]).assign(np.zeros([4])), /^value: could not broadcast input array from shape \(4,\) into shape \(3,\)$/],
  ])('rejects %s with an error naming the index', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
