// numeric.fft against numpy.fft: every transform with axes, n / s (cropping and zero-padding),
// the three normalisations, float32 / float64 / complex / integer input, batches split across
// pieces and non-contiguous views; fftfreq, fftshift and roll.
import { describe, expect, it } from 'vitest';

import { DTypeError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const NORMS = [undefined, 'ortho', 'forward'] as const;
const pyNorm = (norm: string | undefined) => (norm === undefined ? '' : `, norm='${norm}'`);

describe.skipIf(!python.ok)('fft against NumPy', () => {
  it.each(['float64', 'float32', 'complex128', 'complex64', 'int8'])('fft / ifft along each axis, with n, every norm (%s)', async (t) => {
    const a = random(t, [randint(1, 5), randint(2, 9), randint(1, 6)], 3);
    for (const axis of [-1, 0, 1]) {
      for (const n of [undefined, randint(1, 12)]) {
        for (const norm of NORMS) {
          const args = `${n === undefined ? 'None' : n}, ${axis}${pyNorm(norm)}`;
          await expectLikeNumpy(np.fft.fft(ours(a), n, axis, norm), `np.fft.fft(a, ${args})`, { a }, false);
          await expectLikeNumpy(np.fft.ifft(ours(a), n, axis, norm), `np.fft.ifft(a, ${args})`, { a }, false);
        }
      }
    }
  });

  it('fft2 / fftn / ifftn over axes, with s cropping and padding', async () => {
    const a = random('complex128', [4, 6, 5], 1);
    const cases: [readonly number[] | undefined, readonly number[] | undefined][] = [
      [undefined, undefined],
      [undefined, [0, 2]],
      [[3, 8], [2, 0]],
      [[2, 7, 9], undefined],
      [[5], [-2]],
    ];
    for (const [s, axes] of cases) {
      const args = `${s ? `s=[${s.join(', ')}]` : 's=None'}, axes=${axes ? `[${axes.join(', ')}]` : 'None'}`;
      await expectLikeNumpy(np.fft.fftn(ours(a), s, axes), `np.fft.fftn(a, ${args})`, { a }, false);
      await expectLikeNumpy(np.fft.ifftn(ours(a), s, axes, 'ortho'), `np.fft.ifftn(a, ${args}, norm='ortho')`, { a }, false);
    }
    await expectLikeNumpy(np.fft.fft2(ours(a)), 'np.fft.fft2(a)', { a }, false);
    await expectLikeNumpy(np.fft.ifft2(ours(a), [3, 3], [0, 1]), 'np.fft.ifft2(a, s=[3, 3], axes=[0, 1])', { a }, false);
    // A transposed, strided view as input.
    await expectLikeNumpy(np.fft.fft2(ours(a).slice('::2, :, 1:').T), 'np.fft.fft2(a[::2, :, 1:].T)', { a }, false);
  });

  it('rfft / irfft / rfftn / irfftn, odd and even lengths, float32 and float64', async () => {
    for (const t of ['float64', 'float32']) {
      const a = random(t, [3, randint(2, 11), randint(2, 9)], 3);
      for (const norm of NORMS) {
        await expectLikeNumpy(np.fft.rfft(ours(a), undefined, -1, norm), `np.fft.rfft(a${pyNorm(norm)})`, { a }, false);
        await expectLikeNumpy(np.fft.rfft(ours(a), 7, 1, norm), `np.fft.rfft(a, 7, 1${pyNorm(norm)})`, { a }, false);
        await expectLikeNumpy(np.fft.rfftn(ours(a), undefined, [2, 0], norm), `np.fft.rfftn(a, axes=[2, 0]${pyNorm(norm)})`, { a }, false);
      }
      const spectrum = np.fft.rfft(ours(a));
      const sv = { dtype: spectrum.dtype.name, shape: [...spectrum.shape], data: spectrum.toArray() };
      for (const n of [undefined, 9, 10]) {
        await expectLikeNumpy(np.fft.irfft(spectrum, n), `np.fft.irfft(s, ${n ?? 'None'})`, { s: sv }, false);
      }
      await expectLikeNumpy(np.fft.irfftn(spectrum, [4, 6], [0, 2]), 'np.fft.irfftn(s, [4, 6], axes=[0, 2])', { s: sv }, false);
      await expectLikeNumpy(np.fft.irfft2(spectrum), 'np.fft.irfft2(s)', { s: sv }, false);
    }
  });

  it.each(['complex128', 'complex64', 'float64', 'int16'])('hfft / ihfft along each axis, with n, every norm (%s)', async (t) => {
    const a = random(t, [3, randint(2, 9), randint(2, 7)], 3);
    for (const norm of NORMS) {
      await expectLikeNumpy(np.fft.hfft(ours(a), undefined, -1, norm), `np.fft.hfft(a${pyNorm(norm)})`, { a }, false);
      await expectLikeNumpy(np.fft.hfft(ours(a), { n: 7, axis: 1, norm }), `np.fft.hfft(a, 7, 1${pyNorm(norm)})`, { a }, false);
      if (!t.startsWith('complex')) {
        await expectLikeNumpy(np.fft.ihfft(ours(a), undefined, 0, norm), `np.fft.ihfft(a, axis=0${pyNorm(norm)})`, { a }, false);
        await expectLikeNumpy(np.fft.ihfft(ours(a).T, 5, -1, norm), `np.fft.ihfft(a.T, 5${pyNorm(norm)})`, { a }, false);
      }
    }
    expect(() => np.fft.hfft(ours(a), undefined, -1, 'both' as never)).toThrow(np.ValueError);
    expect(() => np.fft.ihfft(np.ones([3], 'complex128'))).toThrow(DTypeError);
    expect(() => np.fft.hfft(ours(a), 0)).toThrow(np.ValueError);
  });

  it('fftfreq, rfftfreq, fftshift, ifftshift and roll', async () => {
    for (const n of [1, 8, 9]) {
      await expectLikeNumpy(np.fft.fftfreq(n, 0.1), `np.fft.fftfreq(${n}, 0.1)`, {}, false);
      await expectLikeNumpy(np.fft.rfftfreq(n), `np.fft.rfftfreq(${n})`, {}, false);
    }
    const a = random('int64', [4, 5, 3]);
    await expectLikeNumpy(np.fft.fftshift(ours(a)), 'np.fft.fftshift(a)', { a });
    await expectLikeNumpy(np.fft.ifftshift(ours(a), [1]), 'np.fft.ifftshift(a, axes=[1])', { a });
    for (const [shift, axis] of [[2, undefined], [-7, 1], [[1, 2], [0, 2]], [[1, 1], [1, 1]]] as const) {
      const args = `${JSON.stringify(shift)}${axis === undefined ? '' : `, axis=${JSON.stringify(axis)}`}`.replace(/\[/g, '(').replace(/\]/g, ')');
      await expectLikeNumpy(np.roll(ours(a), shift as never, axis as never), `np.roll(a, ${args})`, { a });
    }
  });

  it('round-trips a batch of 2-D transforms split across pieces', () => {
    const x = np.random.defaultRng(5).normal(0, 1, [8, 16, 16]);
    const back = np.fft.ifftn(np.fft.fftn(x, undefined, [1, 2]), undefined, [1, 2]);
    const error = np.max(np.abs(np.subtract(np.real(back), x))).item() as number;
    expect(error).toBeLessThan(1e-12);
  });
});

describe('bad input', () => {
  it.each([
    ['fft with n = 0', () => np.fft.fft(np.ones([4]), 0), np.ValueError, /^s: fft: Invalid number of FFT data points \(0\) specified/],
    ['fft along a missing axis', () => np.fft.fft(np.ones([4]), undefined, 3), np.AxisError, /axis 3 is out of bounds/],
    ['fft with an unknown norm', () => np.fft.fft(np.ones([4]), undefined, -1, 'both' as never), np.ValueError, /^norm: fft: Invalid norm value both/],
    ['fftn with repeated axes', () => np.fft.fftn(np.ones([4, 4]), undefined, [0, 0]), np.ValueError, /^axes: fftn: repeated axes/],
    ['fftn with s and axes of different lengths', () => np.fft.fftn(np.ones([4, 4]), [2], [0, 1]), np.ValueError, /^s: fftn: s and axes must have the same length/],
    ['rfft of complex input', () => np.fft.rfft(np.ones([4], 'complex128')), DTypeError, /^a: rfftn: expected real input, got complex128/],
    ['fftfreq with n = 0', () => np.fft.fftfreq(0), np.ValueError, /^n: fftfreq: n should be a positive integer/],
    ['roll with mismatched shifts', () => np.roll(np.ones([2, 2]), [1, 2, 3], [0, 1]), np.ValueError, /^shift: roll: 3 shifts for 2 axes/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
