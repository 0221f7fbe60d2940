// Every public numeric function and ndarray method frees the temporaries it makes: the runtime's
// live stores are counted before and after each call (after an execution fence, as pending tasks
// may hold storages briefly), the results disposed, and nothing may be left. Counted
// synchronously, so no garbage collection can hide a leak or free one. Calls that throw on bad
// input must not leave stores behind either.
import { describe, expect, it } from 'vitest';

import { tidy, type LogicalStore } from '@legate/core';
import * as np from '@legate/numeric';

import { liveStorages as live } from './harness.js';

// Live storages are counted once for the process (every memory's entry repeats the count).
/** The arguments the calls share: never disposed, also where a call returns one of them itself. */
const inputs = new Set<LogicalStore>();
/** An argument, made (in `tidy`, so nothing else stays) before any count. */
function input(make: () => np.ndarray): np.ndarray {
  const x = tidy(make);
  inputs.add(x.store);
  return x;
}

/** Disposes whatever a call returned: arrays, and objects or lists of them. */
function disposeAll(value: unknown): void {
  if (value instanceof np.ndarray) {
    if (!inputs.has(value.store)) value.store.dispose();
  }
  else if (Array.isArray(value)) value.forEach(disposeAll);
  else if (value && typeof value === 'object') Object.values(value).forEach(disposeAll);
}

/** Runs each call, disposes its result, and returns the live stores each one left. */
function leftBy(calls: [string, () => unknown][]): Record<string, number> {
  const left: Record<string, number> = {};
  for (const [name, call] of calls) {
    const before = live();
    disposeAll(call());
    left[name] = live() - before;
  }
  return left;
}

/** The result of `fn`, or undefined where it throws (e.g. a ufunc not defined for a dtype). */
function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

const none = (calls: [string, unknown][]) => Object.fromEntries(calls.map(([name]) => [name, 0]));

describe('no live stores left after each public function', () => {
  const start = live();
  // The arguments are made before counting: only what the calls make is counted.
  const a = input(() => np.asarray([[1, 2, 3], [4, 5, 6]]));
  const v = input(() => np.asarray([3, 1, 2]));
  const w = input(() => np.asarray([0.5, 0.25, 0.75]));
  const ints = input(() => np.asarray([1, 0, 2, 2, 5]).astype('int32'));
  const mask = input(() => np.asarray([[true, false, true], [false, true, false]]));
  const square = input(() => np.asarray([[4, 1, 0], [1, 3, 1], [0, 1, 2]]));
  const rhs = input(() => np.asarray([1, 2, 3]));
  const rhs2 = input(() => np.asarray([[1, 0], [2, 1], [3, 0]]));
  const tall = input(() => np.asarray([[1, 2], [3, 4], [5, 7]]));
  const c = input(() => np.asarray([1, 2, 3, 4]).astype('complex128'));
  const cube = input(() => np.arange(24).reshape(2, 3, 4).astype('float64'));
  const out23 = input(() => np.empty([2, 3]));
  const outInt = input(() => np.empty([5], 'int64'));
  const f32 = input(() => np.asarray([1.5, -2.5, 3.25]).astype('float32'));
  const sorted = input(() => np.asarray([1, 3, 5, 7]));
  const edges = input(() => np.asarray([0, 2, 4, 6]));
  const one = input(() => np.asarray(1));
  const i10 = input(() => np.asarray([1, 0]));
  const i102 = input(() => np.asarray([1, 0, 2]));
  const i051 = input(() => np.asarray([0, 5, 1]));
  const i1 = input(() => np.asarray([1]));
  const flat = input(() => np.asarray([0, 5, 3]).astype('int64'));
  const flat7 = input(() => np.asarray([7]).astype('int64'));
  const ft = input(() => np.asarray([false, true]));
  const a2 = input(() => np.greater(a, 2));
  const order1 = input(() => np.argsort(a, 1));
  const orderV = input(() => np.argsort(v));
  const pair = input(() => np.asarray([1, 2]));
  const weights5 = input(() => np.asarray([1, 2, 3, 4, 5]));
  const z131 = input(() => np.zeros([1, 3, 1]));
  const z13 = input(() => np.zeros([1, 3]));
  const a6 = input(() => np.asarray([[1, 2, 3], [4, 5, 6]]));
  const five = input(() => np.asarray([5]));
  const half = input(() => np.asarray(2.5));
  const yes = input(() => np.asarray(true));
  const big = input(() => np.asarray([1n << 60n]));
  const total = input(() => np.sum(a));
  // Views made before counting too: a view made in a call and dropped would hold its argument.
  const aT = input(() => a.T);
  const cubeStrided = input(() => cube.slice('..., ::2'));
  const cube0 = input(() => cube.slice(0));
  const vRow = input(() => v.reshape(1, 3));
  const ints3 = input(() => ints.slice('0:3'));
  const ints2 = input(() => ints.slice('0:2'));
  const ints3Row = input(() => ints.slice('0:3').reshape(1, 3));
  const wRow = input(() => w.reshape(3, 1).T);
  const square22 = input(() => square.slice('0:2, 0:2'));

  it('creation', () => {
    const calls: [string, () => unknown][] = [
      ['empty', () => np.empty([2, 3])],
      ['zeros', () => np.zeros([2, 3], 'int32')],
      ['ones', () => np.ones(4, { dtype: 'float32' })],
      ['full', () => np.full([2, 2], 7)],
      ['full complex', () => np.full([2], { re: 1, im: 2 }, 'complex64')],
      ['zerosLike', () => np.zerosLike(a)],
      ['onesLike', () => np.onesLike(a, 'float32')],
      ['emptyLike', () => np.emptyLike(a)],
      ['fullLike', () => np.fullLike(a, 3)],
      ['arange', () => [np.arange(5), np.arange(1, 7, 2), np.arange(0, 1, 0.25), np.arange(0, 3, 1, 'float32')]],
      ['array', () => [np.array([[1, 2], [3, 4]]), np.array(new Float32Array([1, 2])), np.array(a), np.array([1, 2], 'int8'), np.array(5)]],
      ['asarray', () => [np.asarray([1, 2]), np.asarray(a), np.asarray(a, 'float32'), np.asarray([true, false]), np.asarray([1n, 2n])]],
      ['linspace', () => [np.linspace(0, 1, 5), np.linspace(0, 10, 4, false), np.linspace(0, 10, 4, { dtype: 'int32' })]],
      ['eye', () => [np.eye(3), np.eye(3, 4, 1), np.eye(2, { dtype: 'int32' })]],
      ['identity', () => np.identity(3)],
      ['diag', () => [np.diag(v), np.diag(v, 1), np.diag(square), np.diag(square, -1)]],
      ['fromStore', () => np.fromStore(np.zeros([2]).store)],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('ufuncs: unary, binary, scalars, out, dtypes', () => {
    const unary = ['negative', 'positive', 'absolute', 'sign', 'sqrt', 'cbrt', 'square', 'reciprocal', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p',
      'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'floor', 'ceil', 'trunc', 'rint',
      'isnan', 'isinf', 'isfinite', 'signbit', 'logicalNot', 'real', 'imag', 'conj', 'angle'] as const;
    const binary = ['add', 'subtract', 'multiply', 'divide', 'floorDivide', 'mod', 'power', 'maximum', 'minimum', 'fmax', 'fmin', 'arctan2', 'hypot',
      'copysign', 'equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual', 'logicalAnd', 'logicalOr', 'logicalXor'] as const;
    const bitwise = ['bitwiseAnd', 'bitwiseOr', 'bitwiseXor', 'leftShift', 'rightShift'] as const;
    const calls: [string, () => unknown][] = [
      ...unary.map((f): [string, () => unknown] => [f, () => [w, ints, c, mask, 1.5].map((x) => attempt(() => np[f](x)))]),
      ...unary.map((f): [string, () => unknown] => [`${f} out`, () => void np[f](w, { out: np.empty([3], f.startsWith('is') || f === 'signbit' || f === 'logicalNot' ? 'bool' : 'float64') }).store.dispose()]),
      ...binary.map((f): [string, () => unknown] => [f, () => ([[a, v], [a, 2], [3, a], [ints, ints], [f32, v], [2, 3], [c, c], [mask, mask]] as const).map(([x, y]) => attempt(() => np[f](x, y)))]),
      ...binary.map((f): [string, () => unknown] => [`${f} out`, () => void np[f](a, v, { out: np.empty([2, 3], f.includes('qual') || f.startsWith('less') || f.startsWith('greater') || f.startsWith('logical') ? 'bool' : 'float64') }).store.dispose()]),
      ...bitwise.map((f): [string, () => unknown] => [f, () => [np[f](ints, 1), np[f](ints, ints), np[f](2, ints), attempt(() => np[f](w, 1))]]),
      ['complex binary', () => [np.add(c, 1), np.multiply(c, { re: 0, im: 1 }), np.divide(c, c), np.power(c, 2), np.equal(c, c)]],
      ['out positional', () => np.add(a, v, out23)],
      ['out cast', () => np.multiply(ints, 2, outInt)],
      ['invert / bitwiseNot', () => [np.invert(ints), np.bitwiseNot(mask)]],
      ['round', () => [np.round(w, 1), np.around(a, -1), np.round(f32), np.round(c, 1)]],
      ['where', () => [np.where(mask, a, 0), np.where(mask, 1, 2), np.where(true, a, v)]],
      ['clip', () => [np.clip(a, 2, 5), np.clip(a, null, 3), np.clip(a, v, null), np.clip(a, 1, 4, { out: np.empty([2, 3]) })]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('reductions and scans', () => {
    const reductions = ['sum', 'prod', 'min', 'max', 'amin', 'amax', 'any', 'all', 'mean', 'var', 'std', 'countNonzero'] as const;
    const calls: [string, () => unknown][] = [
      ...reductions.map((f): [string, () => unknown] => [
        f,
        () => [np[f](a), np[f](a, 0), np[f](a, [0, 1]), np[f](cube, { axis: 1, keepdims: true }), np[f](ints), np[f](mask, -1), np[f](c)],
      ]),
      ['sum initial dtype', () => [np.sum(a, { initial: 10 }), np.sum(a, { axis: 1, dtype: 'float32' }), np.prod(ints, { dtype: 'float64' }), np.max(a, { axis: 0, initial: 4 })]],
      ['mean dtype', () => [np.mean(ints, { dtype: 'float32' }), np.mean(cube, { axis: [0, 2], keepdims: true })]],
      ['var ddof', () => [np.var(a, { ddof: 1 }), np.std(a, { axis: 0, ddof: 1 }), np.variance(cube, { axis: 2, keepdims: true })]],
      ['argmin / argmax', () => [np.argmin(a), np.argmax(a), np.argmin(a, 0), np.argmax(cube, 2), np.argmax(ints)]],
      ['cumsum', () => [np.cumsum(a), np.cumsum(a, 1), np.cumsum(cube, { axis: 0 }), np.cumsum(ints, { dtype: 'float64' }), np.cumsum(mask)]],
      ['cumprod', () => [np.cumprod(a), np.cumprod(a, 0), np.cumprod(cube, { axis: 2, dtype: 'float32' }), np.cumprod(c)]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('shape and manipulation', () => {
    const calls: [string, () => unknown][] = [
      ['reshape', () => [np.reshape(a, [3, 2]), np.reshape(a, -1), np.reshape(aT, [6]), np.reshape(cube, [4, -1])]],
      ['ravel', () => [np.ravel(a), np.ravel(aT), np.ravel(cubeStrided)]],
      ['flatten', () => [np.flatten(a), np.flatten(aT)]],
      ['copy', () => [np.copy(a), np.copy(aT)]],
      ['broadcastTo', () => [np.broadcastTo(v, [2, 3]), np.broadcastTo(one, 3)]],
      ['squeeze', () => [np.squeeze(z131), np.squeeze(z13, 0)]],
      ['expandDims', () => [np.expandDims(v, 0), np.expandDims(a, [0, 3])]],
      ['transpose', () => [np.transpose(a), np.transpose(cube, [2, 0, 1])]],
      ['swapaxes', () => np.swapaxes(cube, 0, 2)],
      ['moveaxis', () => [np.moveaxis(cube, 0, -1), np.moveaxis(cube, [0, 1], [2, 0])]],
      ['concatenate', () => [np.concatenate([a, a]), np.concatenate([a, a], 1), np.concatenate([a, vRow]), np.concatenate([a, cube0], null), np.concatenate([ints, w]), np.concatenate([a, a], 0, { dtype: 'float32' })]],
      ['concatenate out', () => void np.concatenate([v, v], 0, { out: np.empty([6]) }).store.dispose()],
      ['stack', () => [np.stack([v, w]), np.stack([a, a], 2), np.stack([ints3, v])]],
      ['vstack', () => [np.vstack([a, v]), np.vstack([v, w])]],
      ['hstack', () => [np.hstack([a, a]), np.hstack([v, w])]],
      ['split', () => [np.split(a, 3, 1), np.split(cube, [1, 3], 2)]],
      ['arraySplit', () => [np.arraySplit(cube, 3, 2), np.arraySplit(v, [1])]],
      ['flip', () => [np.flip(a), np.flip(a, 0), np.flip(cube, [0, 2])]],
      ['tile', () => [np.tile(v, 2), np.tile(a, [2, 1]), np.tile(v, [2, 1, 2])]],
      ['repeat', () => [np.repeat(v, 2), np.repeat(a, 2, 1), np.repeat(a, [1, 2], 0), np.repeat(v, i102)]],
      ['pad', () => (['constant', 'edge', 'reflect', 'symmetric', 'wrap'] as const).flatMap((mode) => [np.pad(a, 1, mode), np.pad(v, [[1, 2]], mode), np.pad(a, [1, 0], mode)])],
      ['pad constant value', () => np.pad(a, [[0, 1], [2, 0]], 'constant', 9)],
      ['roll', () => [np.roll(v, 1), np.roll(a, -1), np.roll(a, 1, 1), np.roll(cube, [1, 2], [0, 2])]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('indexing', () => {
    const calls: [string, () => unknown][] = [
      ['take', () => [np.take(a, [0, 5, 2]), np.take(a, i10, 0), np.take(a, 2, 1), np.take(cube, [3, 0], -1), np.take(a, ints2, 1)]],
      ['takeAlongAxis', () => [np.takeAlongAxis(a, order1, 1), np.takeAlongAxis(v, orderV, 0), np.takeAlongAxis(a, i051, null)]],
      ['put', () => { const t = np.copy(a); np.put(t, [0, 4], [9, 8]); np.put(t, i1, 7); np.put(t, [2, 3], v); return t; }],
      ['putmask', () => { const t = np.copy(a); np.putmask(t, mask, 0); np.putmask(t, mask, v); np.putmask(t, mask, a6); return t; }],
      ['place', () => { const t = np.copy(a); np.place(t, mask, [7, 8]); np.place(t, mask, v); np.place(t, mask, 1); return t; }],
      ['compress', () => [np.compress([true, false, true], a, 1), np.compress(ft, a, 0), np.compress([true, false, true], a)]],
      ['extract', () => [np.extract(mask, a), np.extract(a2, a)]],
      ['nonzero', () => [np.nonzero(a), np.nonzero(mask), np.nonzero(ints)]],
      ['flatnonzero', () => [np.flatnonzero(mask), np.flatnonzero(ints)]],
      ['argwhere', () => [np.argwhere(mask), np.argwhere(ints)]],
      ['unravelIndex', () => [np.unravelIndex(flat, [2, 3]), np.unravelIndex(flat7, [2, 3, 4])]],
      ['slice', () => [a.slice(0), a.slice('1:, ::2'), a.slice('..., None'), a.slice({ start: 1 }, null)]],
      ['set', () => { const t = np.copy(a); t.set('0, :', v); t.set('1', 7); t.set([0, { start: 1 }], pair); return t; }],
      ['get', () => void [a.get(1, 2), c.get(2), mask.get(0, 0)]],
      ['parseIndex', () => void np.parseIndex('1:, ::2, None')],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('sorting, searching and counting', () => {
    const calls: [string, () => unknown][] = [
      ['sort', () => [np.sort(a), np.sort(a, 0), np.sort(a, null), np.sort(cube, { axis: 1, kind: 'stable' }), np.sort(c), np.sort(mask)]],
      ['argsort', () => [np.argsort(a), np.argsort(a, 0), np.argsort(a, null), np.argsort(v, { kind: 'mergesort' }), np.argsort(c)]],
      ['unique', () => [np.unique(a), np.unique(ints), np.unique(c)]],
      ['unique all returns', () => [np.unique(ints, { returnIndex: true, returnInverse: true, returnCounts: true }), np.unique(a, { returnInverse: true }), np.unique(w, { returnCounts: true })]],
      ['searchsorted', () => [np.searchsorted(sorted, v), np.searchsorted(sorted, 4), np.searchsorted(sorted, v, 'right'), np.searchsorted(v, w, 'left', orderV)]],
      ['bincount', () => [np.bincount(ints), np.bincount(ints, weights5), np.bincount(ints, undefined, 8)]],
      ['histogram', () => [np.histogram(w), np.histogram(a, 3), np.histogram(a, edges), np.histogram(a, 4, [0, 8]), np.histogram(w, 2, { range: [0, 1], weights: v, density: true })]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('products', () => {
    const four = input(() => np.asarray([1, 0, 2, 1]));
    const calls: [string, () => unknown][] = [
      ['matmul', () => [np.matmul(a, square), np.matmul(square, rhs), np.matmul(rhs, square), np.matmul(cube, four), np.matmul(ints3, square)]],
      ['matmul out', () => void np.matmul(a, square, { out: np.empty([2, 3]) }).store.dispose()],
      ['dot', () => [np.dot(a, square), np.dot(v, w), np.dot(a, 2), np.dot(2, 3), np.dot(square, rhs), np.dot(cube, four)]],
      ['vdot', () => [np.vdot(v, w), np.vdot(c, c), np.vdot(a, a)]],
      ['inner', () => [np.inner(v, w), np.inner(a, a), np.inner(a, v)]],
      ['outer', () => [np.outer(v, w), np.outer(a, v)]],
      ['tensordot', () => [np.tensordot(a, square, 1), np.tensordot(cube, cube, [[0, 1], [0, 1]]), np.tensordot(a, a, 2), np.tensordot(v, w, 0)]],
      ['einsum', () => [np.einsum('ij,jk->ik', a, square), np.einsum('ii', square), np.einsum('ij->ji', a), np.einsum('i,i->', v, w), np.einsum('ijk->k', cube), np.einsum('i,j->ij', v, w)]],
      ['trace', () => [np.trace(square), np.trace(a, 1), np.trace(cube, 0, 1, 2)]],
      ['diagonal', () => [np.diagonal(square), np.diagonal(a, -1), np.diagonal(cube, 1, 1, 2)]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('linalg', () => {
    const spd = input(() => np.asarray([[4, 1], [1, 3]]));
    const square32 = input(() => square.astype('float32'));
    const spdInt = input(() => spd.astype('int32'));
    const negSpd = input(() => np.negative(spd));
    const calls: [string, () => unknown][] = [
      ['solve', () => [np.linalg.solve(square, rhs), np.linalg.solve(square, rhs2), np.linalg.solve(square32, rhs)]],
      ['inv', () => [np.linalg.inv(square), np.linalg.inv(spdInt)]],
      ['cholesky', () => [np.linalg.cholesky(spd), np.linalg.cholesky(square)]],
      ['qr', () => [np.linalg.qr(tall), np.linalg.qr(tall, 'complete'), np.linalg.qr(tall, 'r'), np.linalg.qr(square)]],
      ['svd', () => [np.linalg.svd(tall), np.linalg.svd(tall, { fullMatrices: false }), np.linalg.svd(tall, { computeUv: false })]],
      ['eigh', () => [np.linalg.eigh(spd), np.linalg.eigh(square, 'U')]],
      ['eigvalsh', () => [np.linalg.eigvalsh(spd), np.linalg.eigvalsh(square, 'U')]],
      ['det', () => [np.linalg.det(square), np.linalg.det(spdInt)]],
      ['slogdet', () => [np.linalg.slogdet(square), np.linalg.slogdet(negSpd)]],
      ['lstsq', () => { const r = np.linalg.lstsq(tall, rhs); const r2 = np.linalg.lstsq(tall, rhs2, 1e-10); return [r.x, r.residuals, r.s, r2.x, r2.residuals, r2.s]; }],
      ['norm vector', () => [np.linalg.norm(v), np.linalg.norm(w, 1), np.linalg.norm(v, Infinity), np.linalg.norm(v, -Infinity), np.linalg.norm(v, 0), np.linalg.norm(v, 3), np.linalg.norm(ints)]],
      ['norm matrix', () => (['fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity, null] as const).map((ord) => np.linalg.norm(square, ord))],
      ['norm axis keepdims', () => [np.linalg.norm(a, { axis: 1 }), np.linalg.norm(a, { axis: 0, keepdims: true }), np.linalg.norm(cube), np.linalg.norm(cube, { axis: [0, 2], keepdims: true }), np.linalg.norm(cube, 2, [1, 2])]],
      ['linalg re-exports', () => [np.linalg.matmul(a, square), np.linalg.outer(v, w), np.linalg.trace(square), np.linalg.diagonal(square), np.linalg.vdot(v, w), np.linalg.tensordot(a, a, 2)]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('fft', () => {
    const x = input(() => np.asarray([1, 2, 0, -1, 3, 1, 0, 2]));
    const x2 = input(() => x.reshape(2, 4));
    const X = input(() => np.fft.rfft(x));
    const X2 = input(() => np.fft.rfft2(x2));
    const calls: [string, () => unknown][] = [
      ['fft', () => [np.fft.fft(x), np.fft.fft(x, 5), np.fft.fft(x, 16), np.fft.fft(x2, { axis: 0, norm: 'ortho' }), np.fft.fft(c), np.fft.fft(ints), np.fft.fft(x, { norm: 'forward' })]],
      ['ifft', () => [np.fft.ifft(x), np.fft.ifft(c, 6, 0, 'ortho'), np.fft.ifft(x2)]],
      ['rfft', () => [np.fft.rfft(x), np.fft.rfft(x, 5), np.fft.rfft(x2, { axis: 0 }), np.fft.rfft(ints)]],
      ['irfft', () => [np.fft.irfft(X), np.fft.irfft(X, 8), np.fft.irfft(X, { norm: 'ortho' })]],
      ['fft2 / ifft2', () => [np.fft.fft2(x2), np.fft.ifft2(x2), np.fft.fft2(x2, [4, 4]), np.fft.fft2(cube, { axes: [0, 2] })]],
      ['fftn / ifftn', () => [np.fft.fftn(cube), np.fft.ifftn(cube), np.fft.fftn(x2, [3, 5]), np.fft.fftn(cube, { axes: [1], norm: 'ortho' })]],
      ['rfft2 / irfft2', () => [np.fft.rfft2(x2), np.fft.irfft2(X2), np.fft.rfft2(cube, [2, 4])]],
      ['rfftn / irfftn', () => { const R = np.fft.rfftn(cube); return [R, np.fft.irfftn(R), np.fft.irfftn(R, [2, 3, 4]), np.fft.rfftn(x2, { axes: [0] })]; }],
      ['fftfreq / rfftfreq', () => [np.fft.fftfreq(8), np.fft.fftfreq(5, 0.1), np.fft.rfftfreq(8), np.fft.rfftfreq(7, 2)]],
      ['fftshift / ifftshift', () => [np.fft.fftshift(x), np.fft.ifftshift(x), np.fft.fftshift(x2, 1), np.fft.ifftshift(cube, [0, 2])]],
      ['fft.roll', () => np.fft.roll(x2, 1, 0)],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('random: Generator methods and legacy functions', () => {
    const rng = np.random.defaultRng(42);
    const lows = input(() => np.asarray([0, 1, 2]));
    const highs = input(() => np.asarray([1, 3, 5]));
    const scales = input(() => np.asarray([1, 0.5, 2]));
    const calls: [string, () => unknown][] = [
      ['defaultRng', () => void np.random.defaultRng(1)],
      ['Generator.random', () => [rng.random(), rng.random(5), rng.random([2, 3], 'float32'), rng.random({ size: 4 })]],
      ['Generator.uniform', () => [rng.uniform(), rng.uniform(1, 2, 5), rng.uniform({ low: -1, high: 1, size: [2, 2] })]],
      ['Generator.uniform arrays', () => [rng.uniform(lows, highs), rng.uniform(0, highs, [2, 3]), rng.uniform(lows, 10)]],
      ['Generator.normal', () => [rng.normal(), rng.normal(1, 2, 5), rng.normal({ size: [2, 2] })]],
      ['Generator.normal arrays', () => [rng.normal(lows, scales), rng.normal(0, scales, [2, 3]), rng.normal(lows, 1)]],
      ['Generator.standardNormal', () => [rng.standardNormal(), rng.standardNormal(5), rng.standardNormal([2, 2], 'float32')]],
      ['Generator.integers', () => [rng.integers(10), rng.integers(0, 10, 5), rng.integers(-5, 5, [2, 2], 'int32'), rng.integers(0, 1, 3, 'bool', true), rng.integers(0n, 1n << 62n, 3)]],
      ['seed', () => np.random.seed(7)],
      ['random.random', () => [np.random.random(), np.random.random(4), np.random.random({ size: [2, 2] })]],
      ['rand', () => [np.random.rand(), np.random.rand(3), np.random.rand(2, 2)]],
      ['randn', () => [np.random.randn(), np.random.randn(3), np.random.randn(2, 2)]],
      ['randint', () => [np.random.randint(5), np.random.randint(0, 5, 4), np.random.randint(1, 3, [2, 2], 'int8')]],
      ['random.uniform', () => [np.random.uniform(), np.random.uniform(0, 2, 3), np.random.uniform(lows, highs)]],
      ['random.normal', () => [np.random.normal(), np.random.normal(1, 2, 3), np.random.normal(lows, scales)]],
      ['random.standardNormal', () => [np.random.standardNormal(), np.random.standardNormal(3)]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('ndarray methods and properties', () => {
    const calls: [string, () => unknown][] = [
      ['properties', () => void [a.shape, a.ndim, a.size, a.dtype, a.itemsize, a.nbytes]],
      ['T', () => [a.T, cube.T]],
      ['real / imag', () => [a.real, a.imag, c.real, c.imag]],
      ['arithmetic', () => [a.add(v), a.subtract(1), a.multiply(a), a.divide(2), a.floorDivide(2), a.mod(2), a.power(2), a.negative(), a.abs(), a.add(1, { out: np.empty([2, 3]) })]],
      ['comparisons', () => [a.equal(v), a.notEqual(1), a.less(v), a.lessEqual(3), a.greater(2), a.greaterEqual(v)]],
      ['bitwise', () => [ints.bitwiseAnd(1), ints.bitwiseOr(ints), ints.bitwiseXor(3), ints.invert(), mask.invert()]],
      ['clip / round / conj', () => [a.clip(2, 4), a.clip(null, 3), w.round(1), f32.round(), c.conj(), a.conj()]],
      ['reductions', () => [a.sum(), a.sum(0), a.prod(1), a.min(), a.max({ axis: 0, keepdims: true }), a.mean(), a.mean(1), a.var(), a.std({ ddof: 1 }), mask.any(), mask.all(0), a.argmin(), a.argmax(1)]],
      ['scans', () => [a.cumsum(), a.cumsum(1), a.cumprod(0), ints.cumsum(null, 'float64')]],
      ['dot', () => [a.dot(square), v.dot(w)]],
      ['astype', () => [a.astype('float32'), a.astype('int8'), a.astype('complex64'), c.astype('float64'), a.astype('bool'), mask.astype('int64'), a.astype(a.dtype)]],
      ['copy', () => [a.copy(), aT.copy(), c.copy()]],
      ['reshape', () => [a.reshape(3, 2), a.reshape([6]), aT.reshape(6), cube.reshape(-1, 4)]],
      ['ravel / flatten', () => [a.ravel(), aT.ravel(), a.flatten(), aT.flatten()]],
      ['transpose / swapaxes / squeeze', () => [a.transpose(), cube.transpose(1, 0, 2), cube.swapaxes(0, 1), z13.squeeze()]],
      ['fill', () => np.zeros([3]).fill(5)],
      ['assign', () => { const t = np.zeros([2, 3]); t.assign(v); t.assign(7); t.assign(f32); const row = t.slice(0); row.assign(w); row.store.dispose(); return t; }],
      ['item', () => void [five.item(), a.item(4), a.item(1, 2), total.item()]],
      ['toArray / toNested / toJSON', () => void [a.toArray(), aT.toArray(), a.toNested(), c.toNested(), JSON.stringify(a), JSON.stringify(big)]],
      ['toString / inspect / toPrimitive', () => void [String(a), `${c}`, a.toString(), +total, Number(half), +yes > 0]],
      ['iterator', () => void [[...v], [...a].forEach((row) => (row as np.ndarray).store.dispose())]],
      ['get', () => void [a.get(0, 1), cube.get(1, 2, 3)]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('operations', () => {
    const calls: [string, () => unknown][] = [
      ['astype', () => [np.astype(a, 'float32'), np.astype(aT, 'int16'), np.astype(c, 'complex64')]],
      ['assign', () => { const t = np.zeros([2, 3]); np.assign(t, v); np.assign(t, 3); np.assign(t, ints3); const tT = t.T; np.assign(tT, aT); tT.store.dispose(); return t; }],
      ['broadcastShapes / resultType / canCast', () => void [np.broadcastShapes([2, 1], [3]), np.resultType(a.dtype, 'float32'), np.canCastSafely('int8', 'int32'), np.canCastSameKind('float64', 'float32')]],
    ];
    expect(leftBy(calls)).toEqual(none(calls));
  });

  it('calls that throw on bad input leave nothing behind', () => {
    const out33 = input(() => np.empty([3, 3]));
    const out3 = input(() => np.empty([3]));
    const out3Int = input(() => np.empty([3], 'int32'));
    const z12 = input(() => np.zeros([1, 2]));
    const z22 = input(() => np.zeros([2, 2]));
    const ones2 = input(() => np.ones([2]));
    const indefinite = input(() => np.asarray([[1, 2], [2, 1]]));
    const vCopy = input(() => np.copy(v));
    const badScale = input(() => np.asarray([1, -1]));
    const lows2 = input(() => np.asarray([0, 1]));
    const calls: [string, () => unknown][] = [
      ['matmul shape mismatch', () => np.matmul(a, a)],
      ['matmul out mismatch', () => np.matmul(a, square, { out: out33 })],
      ['dot shape mismatch', () => np.dot(a, wRow)],
      ['reshape wrong size', () => np.reshape(a, [4, 2])],
      ['reshape of a transpose, wrong size', () => aT.reshape(5)],
      ['concatenate mismatched shapes', () => np.concatenate([a, square22])],
      ['concatenate mismatched, casts first', () => np.concatenate([ints3Row, z12])],
      ['stack mismatched shapes', () => np.stack([v, ints])],
      ['add broadcast mismatch', () => np.add(a, ints)],
      ['add out mismatch', () => np.add(a, 1, { out: out3 })],
      ['add out cast not allowed', () => np.add(w, 1, { out: out3Int })],
      ['where mismatch', () => np.where(mask, ints, 0)],
      ['clip mismatch', () => np.clip(a, ints, 3)],
      ['sum bad axis', () => np.sum(a, 2)],
      ['mean bad axis', () => np.mean(a, [0, 5])],
      ['cumsum bad axis', () => np.cumsum(a, 3)],
      ['solve singular', () => np.linalg.solve(z22, ones2)],
      ['inv not square', () => np.linalg.inv(a)],
      ['cholesky not positive definite', () => np.linalg.cholesky(indefinite)],
      ['take out of bounds', () => np.take(v, [5])],
      ['put out of bounds', () => np.put(vCopy, [7], [1])],
      ['split unequal', () => np.split(v, 2)],
      ['searchsorted of a 2-d array', () => np.searchsorted(a, v)],
      ['tensordot mismatch', () => np.tensordot(a, a, 1)],
      ['einsum mismatch', () => np.einsum('ij,jk->ik', a, a)],
      ['normal scale < 0', () => np.random.normal(0, badScale)],
      ['uniform size mismatch', () => np.random.defaultRng(1).uniform(lows2, 1, [4])],
      ['histogram bad range', () => np.histogram(w, 3, [2, 1])],
      ['fft bad n', () => np.fft.fft(w, 0)],
      ['item of many', () => a.item()],
      ['toPrimitive of many', () => +a],
    ];
    const left: Record<string, number> = {};
    const threw: string[] = [];
    for (const [name, call] of calls) {
      const before = live();
      try {
        disposeAll(call());
      } catch {
        threw.push(name);
      }
      left[name] = live() - before;
    }
    expect(threw).toEqual(calls.map(([name]) => name));
    expect(left).toEqual(none(calls));
  });

  it('no call kept a view of its arguments: disposing them frees everything', () => {
    for (const store of inputs) store.dispose();
    expect(live()).toBe(start);
  });
});
