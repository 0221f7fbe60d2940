// NumPy's `out=` (and the keyword arguments that came with it: take's and put's `mode`, the
// stacking functions' `dtype` and `casting`, trace's `dtype`) against NumPy on fresh random
// inputs under forced partitioning: take, compress, put, concatenate, stack, vstack, hstack,
// outer, trace, ptp, cumulativeSum / cumulativeProd, vecdot / matvec / vecmat and every FFT.
// Each writes into the given array and returns it, casts as NumPy casts there, and refuses a
// wrong shape or type naming `out`; nothing is left behind.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { argumentOf, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('out= against NumPy', () => {
  it.each(['float64', 'int32', 'complex64'])('take with out and every mode (%s)', async (t) => {
    const a = random(t, [6, 7]);
    const idx = { dtype: 'int64', shape: [2, 3], data: BigInt64Array.from([0n, -1n, 9n, -12n, 3n, 20n]) };
    for (const mode of ['wrap', 'clip'] as const) {
      await expectLikeNumpy(np.take(ours(a), ours(idx), { axis: 1, mode }), `np.take(a, i, axis=1, mode='${mode}')`, { a, i: idx });
      await expectLikeNumpy(np.take(ours(a), ours(idx), null, null, mode), `np.take(a, i, None, None, '${mode}')`, { a, i: idx });
      await expectLikeNumpy(ours(a).take(ours(idx), 0, null, mode), `a.take(i, 0, None, '${mode}')`, { a, i: idx });
    }
    const inRange = { dtype: 'int64', shape: [4], data: BigInt64Array.from([0n, -1n, 5n, 2n]) };
    const out = np.zeros([6, 4], 'float32');
    if (t === 'int32') {
      // NumPy reads out as an array of a's type first: float32 does not cast to int32 safely.
      expect(argumentOf(() => np.take(ours(a), ours(inRange), 1, out))).toEqual(['DTypeError', 'out']);
    } else if (t === 'float64') {
      const r = np.take(ours(a), ours(inRange), 1, out);
      expect(r).toBe(out);
      await expectLikeNumpy(out, "np.take(a, i, 1, out=np.zeros((6, 4), 'float32'))", { a, i: inRange });
      // Unsafe, as NumPy's take: float into int32.
      const o2 = np.zeros([4], 'int32');
      np.take(ours(a), [3, 5, 40, -41], { out: o2, mode: 'clip' });
      await expectLikeNumpy(o2, "np.take(a, [3, 5, 40, -41], out=np.zeros(4, 'int32'), mode='clip')", { a });
    }
    expect(argumentOf(() => np.take(ours(a), [0], 1, np.zeros([6, 2])))).toEqual(['ValueError', 'out']);
    expect(argumentOf(() => np.take(ours(a), [0], { mode: 'x' as never }))).toEqual(['ValueError', 'mode']);
    expect(argumentOf(() => np.take(ours(a), [0], 0, 'x' as never))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.take(np.zeros([0]), [1], { mode: 'wrap' }))).toEqual(['IndexError', 'indices']);
    expect(argumentOf(() => np.take(ours(a), [0], 1, np.broadcastTo(np.zeros([1]), [6])))).toEqual(['ValueError', 'out']);
  });

  it('compress and put with out and mode', async () => {
    const a = random('float64', [5, 4]);
    const out = np.zeros([5, 2], 'int64');
    expect(np.compress([false, true, false, true], ours(a), 1, out)).toBe(out);
    await expectLikeNumpy(out, "np.compress([False, True, False, True], a, 1, out=np.zeros((5, 2), 'int64'))", { a });
    const o2 = np.zeros([3]);
    ours(a).compress([true, false, true, true], { out: o2 });
    await expectLikeNumpy(o2, 'a.compress([True, False, True, True], out=np.zeros(3))', { a });
    expect(argumentOf(() => np.compress([true], ours(a), 0, np.zeros([2, 4])))).toEqual(['ValueError', 'out']);

    for (const mode of ['wrap', 'clip'] as const) {
      const b = random('int32', [3, 4]);
      const ob = ours(b);
      np.put(ob, [0, -20, 13, 7], [100, 200, 300], mode);
      await expectLikeNumpy(ob, `(lambda x: (np.put(x, [0, -20, 13, 7], [100, 200, 300], mode='${mode}'), x)[1])(b.copy())`, { b });
      const oc = ours(b);
      oc.put(np.array([25, -1]), -5, { mode });
      await expectLikeNumpy(oc, `(lambda x: (x.put(np.array([25, -1]), -5, mode='${mode}'), x)[1])(b.copy())`, { b });
    }
    const c = ours(random('float64', [4]));
    np.put(c, 2, 9.5);
    expect(c.get(2)).toBe(9.5);
    expect(argumentOf(() => np.put(c, [1.5], 0))).toEqual(['IndexError', 'indices']);
    expect(argumentOf(() => np.put(c, [9], 0))).toEqual(['IndexError', 'indices']);
    expect(argumentOf(() => np.put(c, [0], 0, 'x' as never))).toEqual(['ValueError', 'mode']);
  });

  it('concatenate, stack, vstack and hstack: out, dtype and casting', async () => {
    const a = random('float64', [3, 4]);
    const b = random('float64', [3, 4]);
    const i = random('int16', [3, 4]);
    const out = np.zeros([2, 3, 4], 'float32');
    expect(np.stack([ours(a), ours(b)], 0, out)).toBe(out);
    await expectLikeNumpy(out, "np.stack([a, b], 0, out=np.zeros((2, 3, 4), 'float32'))", { a, b });
    const o1 = np.zeros([3, 2, 4]);
    np.stack([ours(a), ours(i)], { axis: 1, out: o1 });
    await expectLikeNumpy(o1, 'np.stack([a, i], axis=1, out=np.zeros((3, 2, 4)))', { a, i });
    await expectLikeNumpy(np.stack([ours(a), ours(b)], -1, { dtype: 'int32', casting: 'unsafe' }), "np.stack([a, b], -1, dtype='int32', casting='unsafe')", { a, b });
    await expectLikeNumpy(np.stack([ours(i), ours(i)], { dtype: 'float32' }), "np.stack([i, i], dtype='float32')", { i });
    await expectLikeNumpy(np.vstack([ours(a), ours(b)], { dtype: 'float32' }), "np.vstack([a, b], dtype='float32')", { a, b });
    await expectLikeNumpy(np.hstack([ours(i), ours(a)], { dtype: 'int64', casting: 'unsafe' }), "np.hstack([i, a], dtype='int64', casting='unsafe')", { a, i });
    await expectLikeNumpy(np.concatenate([ours(i), ours(i)], null, { dtype: 'uint8', casting: 'unsafe' }), "np.concatenate([i, i], None, dtype='uint8', casting='unsafe')", { i });
    const o2 = np.zeros([6, 4], 'int64');
    np.concatenate([ours(a), ours(b)], 0, { out: o2, casting: 'unsafe' });
    await expectLikeNumpy(o2, "np.concatenate([a, b], 0, out=np.zeros((6, 4), 'int64'), casting='unsafe')", { a, b });
    // out overlapping the inputs: the parts are read before any is written.
    const c = random('float64', [6]);
    const oc = ours(c);
    np.concatenate([oc.slice('3:'), oc.slice(':3')], 0, oc);
    await expectLikeNumpy(oc, 'np.concatenate([c[3:], c[:3]])', { c });

    expect(argumentOf(() => np.stack([ours(a), ours(b)], 0, np.zeros([2, 3, 4], 'int32')))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.stack([ours(a)], { dtype: 'int32' }))).toEqual(['DTypeError', 'dtype']);
    expect(argumentOf(() => np.stack([ours(a)], { dtype: 'float64', out: np.zeros([1, 3, 4]) }))).toEqual(['DTypeError', 'dtype']);
    expect(argumentOf(() => np.stack([ours(a)], 0, np.zeros([3, 4])))).toEqual(['ValueError', 'out']);
    expect(argumentOf(() => np.concatenate([ours(a)], 0, { casting: 'sometimes' as never }))).toEqual(['ValueError', 'casting']);
    expect(argumentOf(() => np.concatenate([ours(i)], 0, { dtype: 'float32', casting: 'no' }))).toEqual(['DTypeError', 'dtype']);
    expect(argumentOf(() => np.vstack([ours(a)], { out: np.zeros([3, 4]) } as never))).toEqual(['UnknownOptionError', 'options']);
  });

  it('outer, trace and ptp', async () => {
    const x = random('float64', [5]);
    const y = random('int32', [2, 3]);
    const out = np.zeros([5, 6], 'complex128');
    expect(np.outer(ours(x), ours(y), out)).toBe(out);
    await expectLikeNumpy(out, "np.outer(x, y, out=np.zeros((5, 6), 'complex128'))", { x, y });
    await expectLikeNumpy(np.outer([1, 2], ours(x)), 'np.outer([1, 2], x)', { x });
    expect(argumentOf(() => np.outer(ours(x), ours(y), np.zeros([5, 6], 'int32')))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.outer(ours(x), ours(y), { out: np.zeros([6, 5]) }))).toEqual(['ShapeError', 'out']);

    const m = random('float64', [4, 5, 3]);
    await expectLikeNumpy(np.trace(ours(m), 1, 0, 1, 'float32'), "np.trace(m, 1, 0, 1, 'float32')", { m });
    const ot = np.zeros([3], 'int16');
    expect(np.trace(ours(m), { offset: -1, out: ot })).toBe(ot);
    await expectLikeNumpy(ot, "np.trace(m, offset=-1, out=np.zeros(3, 'int16'))", { m });
    const om = np.zeros([4]);
    ours(m).trace(0, 1, 2, null, om);
    await expectLikeNumpy(om, 'm.trace(0, 1, 2, None, np.zeros(4))', { m });
    expect(argumentOf(() => np.trace(ours(m), { out: np.zeros([4]) }))).toEqual(['ValueError', 'out']);

    const op = np.zeros([5], 'float32');
    expect(np.ptp(ours(m), [0, 2], op)).toBe(op);
    await expectLikeNumpy(op, "np.ptp(m, (0, 2), np.zeros(5, 'float32'))", { m });
    const ok = np.zeros([1, 1, 3]);
    np.ptp(ours(m), { axis: [0, 1], out: ok, keepdims: true });
    await expectLikeNumpy(ok, 'np.ptp(m, axis=(0, 1), out=np.zeros((1, 1, 3)), keepdims=True)', { m });
    expect(argumentOf(() => np.ptp(ours(m), null, np.zeros([], 'int64')))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.ptp(ours(m), { out: 3 as never }))).toEqual(['DTypeError', 'out']);
  });

  it('cumulativeSum, cumulativeProd and the vector products', async () => {
    const a = random('float64', [4, 3], 2);
    const out = np.zeros([5, 3], 'int64');
    expect(np.cumulativeSum(ours(a), { axis: 0, out, includeInitial: true })).toBe(out);
    await expectLikeNumpy(out, "np.cumulative_sum(a, axis=0, out=np.zeros((5, 3), 'int64'), include_initial=True)", { a });
    const op = np.zeros([4, 3], 'float32');
    np.cumulativeProd(ours(a), { axis: -1, out: op });
    await expectLikeNumpy(op, "np.cumulative_prod(a, axis=-1, out=np.zeros((4, 3), 'float32'))", { a });
    expect(argumentOf(() => np.cumulativeSum(ours(a), { axis: 0, out: np.zeros([4, 4]) }))).toEqual(['ValueError', 'out']);
    expect(argumentOf(() => np.cumulativeSum(ours(a), { axis: 0, out: [] as never }))).toEqual(['DTypeError', 'out']);

    const m = random('complex128', [2, 4, 3]);
    const v = random('complex128', [3]);
    const w = random('complex128', [4]);
    const o1 = np.zeros([2, 4], 'complex128');
    expect(np.matvec(ours(m), ours(v), { out: o1 })).toBe(o1);
    await expectLikeNumpy(o1, 'np.matvec(m, v)', { m, v });
    const o2 = np.zeros([2, 3], 'complex64');
    np.vecmat(ours(w), ours(m), { out: o2 });
    await expectLikeNumpy(o2, "np.vecmat(w, m, out=np.zeros((2, 3), 'complex64'))", { w, m });
    const o3 = np.zeros([2, 4], 'complex128');
    np.vecdot(ours(m), ours(v), { axis: -1, out: o3 });
    await expectLikeNumpy(o3, 'np.vecdot(m, v, axis=-1)', { m, v });
    expect(argumentOf(() => np.vecdot(ours(m), ours(v), { out: np.zeros([2, 4]) }))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.matvec(ours(m), ours(v), { out: np.zeros([4], 'complex128') }))).toEqual(['ShapeError', 'out']);
  });

  it('every FFT writes into out', async () => {
    const a = random('float64', [4, 6]);
    const c = random('complex128', [4, 6]);
    const cases: [string, () => np.ndarray, string, readonly number[], string][] = [
      ['fft', () => np.fft.fft(ours(a), { out: outs.fft! }), 'np.fft.fft(a)', [4, 6], 'complex128'],
      ['ifft', () => np.fft.ifft(ours(c), 6, 0, 'ortho', outs.ifft!), "np.fft.ifft(c, 6, 0, 'ortho')", [6, 6], 'complex64'],
      ['fft2', () => np.fft.fft2(ours(c), { out: outs.fft2! }), 'np.fft.fft2(c)', [4, 6], 'complex128'],
      ['ifft2', () => np.fft.ifft2(ours(c), [3, 3], { out: outs.ifft2! }), 'np.fft.ifft2(c, [3, 3])', [3, 3], 'complex128'],
      ['fftn', () => np.fft.fftn(ours(a), { axes: [0], out: outs.fftn! }), 'np.fft.fftn(a, axes=[0])', [4, 6], 'complex128'],
      ['ifftn', () => np.fft.ifftn(ours(c), { out: outs.ifftn! }), 'np.fft.ifftn(c)', [4, 6], 'complex128'],
      ['rfft', () => np.fft.rfft(ours(a), { out: outs.rfft! }), 'np.fft.rfft(a)', [4, 4], 'complex128'],
      ['irfft', () => np.fft.irfft(ours(c), { out: outs.irfft! }), 'np.fft.irfft(c)', [4, 10], 'float32'],
      ['rfft2', () => np.fft.rfft2(ours(a), { out: outs.rfft2! }), 'np.fft.rfft2(a)', [4, 4], 'complex128'],
      ['irfft2', () => np.fft.irfft2(ours(c), { out: outs.irfft2! }), 'np.fft.irfft2(c)', [4, 10], 'float64'],
      ['rfftn', () => np.fft.rfftn(ours(a), { out: outs.rfftn! }), 'np.fft.rfftn(a)', [4, 4], 'complex128'],
      ['irfftn', () => np.fft.irfftn(ours(c), { out: outs.irfftn! }), 'np.fft.irfftn(c)', [4, 10], 'float64'],
      ['hfft', () => np.fft.hfft(ours(c), { out: outs.hfft! }), 'np.fft.hfft(c)', [4, 10], 'complex128'],
      ['ihfft', () => np.fft.ihfft(ours(a), { out: outs.ihfft! }), 'np.fft.ihfft(a)', [4, 4], 'complex128'],
    ];
    const outs: Record<string, np.ndarray> = {};
    for (const [name, run, expression, shape, t] of cases) {
      outs[name] = np.zeros(shape, t as 'float64');
      expect(run(), name).toBe(outs[name]);
      // NumPy computes in the result's type and casts into out, as here.
      await expectLikeNumpy(outs[name]!, `np.asarray(${expression}).astype('${t}')`, { a, c });
    }
    expect(argumentOf(() => np.fft.fft(ours(a), { out: np.zeros([4, 6]) }))).toEqual(['DTypeError', 'out']);
    expect(argumentOf(() => np.fft.fft(ours(a), { out: np.zeros([4, 5], 'complex128') }))).toEqual(['ValueError', 'out']);
    expect(argumentOf(() => np.fft.rfft(ours(a), undefined, -1, 'backward', 5 as never))).toEqual(['DTypeError', 'out']);
  });

  it('the ndarray methods take out as their functions do', async () => {
    const a = random('float64', [3, 4]);
    const o1 = np.zeros([12], 'float32');
    expect(ours(a).cumsum({ out: o1 })).toBe(o1);
    await expectLikeNumpy(o1, "a.cumsum(out=np.zeros(12, 'float32'))", { a });
    const o2 = np.zeros([3, 4]);
    ours(a).cumprod(1, null, o2);
    await expectLikeNumpy(o2, 'a.cumprod(1, None, np.zeros((3, 4)))', { a });
    const o3 = np.zeros([3, 3]);
    expect(ours(a).dot(ours(a).T, o3)).toBe(o3);
    await expectLikeNumpy(o3, 'a.dot(a.T)', { a });
  });

  it('leaves no stores behind, with out and on refusals', () => {
    const a = np.arange(12).reshape(3, 4).astype('float64');
    const outs = { t: np.zeros([3, 2]), s: np.zeros([2, 3, 4]), f: np.zeros([3, 4], 'complex128'), c: np.zeros([4, 4]), p: np.zeros([4]), five: np.zeros([5]) };
    const left = storesLeftBy(() => {
      np.take(a, [0, 9], { axis: 1, out: outs.t, mode: 'wrap' });
      np.stack([a, a], 0, outs.s);
      np.concatenate([a.slice('1:'), a.slice(':1')], 0, a);
      np.fft.fft(a, { out: outs.f });
      np.cumulativeSum(a, { axis: 0, out: outs.c, includeInitial: true });
      np.ptp(a, 0, outs.p);
      np.put(a, [-1, 40], [1, 2], 'clip');
      argumentOf(() => np.take(a, [0], 1, outs.five));
      argumentOf(() => np.fft.fft(a, { out: outs.c }));
      argumentOf(() => np.stack([a], 0, outs.c));
    });
    expect(left).toBe(0);
  });
});
