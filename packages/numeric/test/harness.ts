// What every numeric test file needs: NumPy through one python3 session (or the reason it is
// missing), and the runtime forced to split even small arrays into four pieces.
import { afterAll, beforeAll, expect } from 'vitest';

import { runtime, setPartitionSettings, type PartitionSettings, type TypedArray } from '@legate/core';
import { findPython, PythonReference, type NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

export function useNumpyAndForcedPartitioning(): { python: ReturnType<typeof findPython>; py: PythonReference | null } {
  const python = findPython();
  if (!python.ok) console.warn(`skipping the NumPy comparisons: ${python.reason}`);
  const py = python.ok ? PythonReference.start() : null;
  let saved: PartitionSettings;
  beforeAll(() => {
    saved = setPartitionSettings({ force: true, pieces: 4 });
  });
  afterAll(() => {
    setPartitionSettings(saved);
    py?.close();
  });
  return { python, py };
}

/** The storages alive once everything issued has run: equal before and after, nothing leaked. */
export function liveStorages(): number {
  runtime.issueExecutionFence();
  return runtime.memoryStats()[0]!.liveStorages;
}

/** Whether results of dtype `t` are compared bit for bit (integers and bool; floats to rounding). */
export const exactFor = (t: string): boolean => !/float|complex/.test(t);

export const randint = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo + 1));

/** Fresh random values of a dtype, as NumPy and our arrays both take them (`scale`: float magnitude). */
export function random(dtype: string, shape: readonly number[], scale = 10): NdValue {
  const n = shape.reduce((a, b) => a * b, 1);
  const float = () => (Math.random() * 2 - 1) * scale;
  const make: Record<string, () => TypedArray> = {
    bool: () => Uint8Array.from({ length: n }, () => randint(0, 1)),
    int8: () => Int8Array.from({ length: n }, () => randint(-100, 100)),
    uint8: () => Uint8Array.from({ length: n }, () => randint(0, 200)),
    int16: () => Int16Array.from({ length: n }, () => randint(-30000, 30000)),
    uint16: () => Uint16Array.from({ length: n }, () => randint(0, 60000)),
    int32: () => Int32Array.from({ length: n }, () => randint(-1e6, 1e6)),
    uint32: () => Uint32Array.from({ length: n }, () => randint(0, 4e9)),
    int64: () => BigInt64Array.from({ length: n }, () => BigInt(randint(-1e9, 1e9))),
    uint64: () => BigUint64Array.from({ length: n }, () => BigInt(randint(0, 1e9))),
    float32: () => Float32Array.from({ length: n }, float),
    float64: () => Float64Array.from({ length: n }, float),
    complex64: () => Float32Array.from({ length: 2 * n }, () => float() / scale),
    complex128: () => Float64Array.from({ length: 2 * n }, () => float() / scale),
  };
  return { dtype, shape: [...shape], data: make[dtype]!() };
}

/** `v` with some elements NaN, +inf and -inf (float and complex types only). */
export function withSpecials(v: NdValue, count = 3): NdValue {
  if (!/float|complex/.test(v.dtype) || v.data.length === 0) return v;
  const data = (v.data as Float64Array).slice();
  for (let i = 0; i < count; i++) data[randint(0, data.length - 1)] = [NaN, Infinity, -Infinity][i % 3]!;
  return { ...v, data };
}

/** Our array holding the same values. */
export function ours(v: NdValue): np.ndarray {
  const a = np.empty(v.shape, v.dtype as never);
  a.store.write(v.data as TypedArray);
  return a;
}

/** The dtype we give where NumPy gives float16 (there is no float16 here). */
const OUR_DTYPE: Record<string, string> = { float16: 'float32' };

/**
 * `expectLikeNumpy(got, expression, inputs, exact)`: our array has NumPy's dtype, shape and
 * values for `np.asarray(expression)`; float results, and any with `exact = false`, may differ
 * by rounding relative to the type's precision (NaN must match NaN, infinities exactly).
 */
export function numpyExpectation(py: PythonReference | null) {
  return async (got: np.ndarray, expression: string, inputs: Record<string, NdValue | number>, exact = true): Promise<void> => {
    const want = await py!.eval<NdValue>(`np.asarray(${expression})`, inputs as never);
    const dtype = OUR_DTYPE[want.dtype] ?? want.dtype;
    expect(got.dtype.name, expression).toBe(dtype);
    expect(got.shape, expression).toEqual(want.shape);
    const a = Array.from(got.toArray() as ArrayLike<number>, Number);
    // Complex values come back from Python as raw bytes: view them as (re, im) pairs.
    const bytes = (want.data as Uint8Array).slice().buffer;
    const raw = want.dtype.startsWith('complex')
      ? new (want.dtype === 'complex64' ? Float32Array : Float64Array)(bytes)
      : want.dtype === 'float16'
        ? float16Values(new Uint16Array(bytes))
        : want.data;
    const b = Array.from(raw as ArrayLike<number>, Number);
    // Float results (arctan2 of integers, powers of int64 with uint64) may differ from NumPy's
    // SIMD kernels in the last bit: only integer and bool results are compared bit for bit.
    if (exact && !/float|complex/.test(want.dtype)) {
      expect(a, expression).toEqual(b);
      return;
    }
    const eps = want.dtype === 'float16' ? 2e-3 : dtype === 'float32' || dtype === 'complex64' ? 2e-5 : 1e-11;
    a.forEach((x, i) => {
      const y = b[i]!;
      // float16 overflows where our float32 does not.
      if (want.dtype === 'float16' && !Number.isFinite(y) && !Number.isNaN(y) && Math.abs(x) > 65504 && Math.sign(x) === Math.sign(y)) return;
      if (Number.isNaN(y) || !Number.isFinite(y)) expect(x, `${expression} [${i}]`).toBe(y);
      else expect(Math.abs(x - y), `${expression} [${i}]: ${x} vs ${y}`).toBeLessThanOrEqual(eps * Math.max(1, Math.abs(y)));
    });
  };
}

function float16Values(bits: Uint16Array): number[] {
  return Array.from(bits, (h) => {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) return sign * fraction * 2 ** -24;
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  });
}

/**
 * The stores `run` leaves alive (it disposes what it makes and returns). The garbage collector
 * may free earlier tests' forgotten arrays meanwhile (launches release what it found), which
 * lowers the count: a negative count is retried, as it can hide a leak; a positive one is one.
 */
export function storesLeftBy(run: () => void, attempts = 5): number {
  let left = 0;
  for (let i = 0; i < attempts; i++) {
    const before = liveStorages();
    run();
    left = liveStorages() - before;
    if (left >= 0) return left;
  }
  return 0;
}

/** The class name of what `fn` throws and the argument it names (['none', undefined] when it returns). */
export function argumentOf(fn: () => unknown): [string, string | undefined] {
  try {
    fn();
  } catch (e) {
    return [(e as Error).constructor.name, (e as { argument?: string }).argument];
  }
  return ['none', undefined];
}
