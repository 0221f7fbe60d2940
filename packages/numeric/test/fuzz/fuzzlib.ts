// The machinery of the NumPy-differential fuzz suite: case generators (dtypes, shapes with empty
// and 0-d ones, values with the special corners, views), the runtime environment of a case
// (memory mode, forced partitioning, a mode switch in the middle), and one `differential` check
// that runs our code and the same NumPy code and compares dtype, shape, values or the refusal.
import { appendFileSync } from 'node:fs';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { dtype as toDType, LegateError, partitionSettings, runtime, setPartitionSettings, type MemoryMode, type PartitionSettings, type TypedArray } from '@legate/core';
import { findPython, PythonReference, type NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

/** Runs per property and the seed: `FUZZ_RUNS=500 FUZZ_SEED=123 pnpm exec vitest run ...`. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 0;
export const FUZZ_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261201;

/**
 * CI runs the numeric project twice, the second time with LEGATE_MEMORY_MODE=separate and
 * LEGATE_SCRIBBLE=1 (scripts/test.sh). Every case here picks its own memory mode, so that pass
 * only adds the scribbled outputs: a third of the runs there keeps both passes near 40 s.
 */
const PASS_SCALE = process.env.LEGATE_MEMORY_MODE ? 1 / 3 : 1;

/** fast-check parameters of a property: the seed, and `runs` unless FUZZ_RUNS overrides it. */
export function params(runs: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: FUZZ_RUNS || Math.max(10, Math.round(runs * PASS_SCALE)), verbose: 0 };
}

export const ALL_DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'complex64', 'complex128'] as const;
export type DTypeName = (typeof ALL_DTYPES)[number];
export const INT_DTYPES = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'] as const;
export const REAL_DTYPES = ['bool', ...INT_DTYPES, 'float32', 'float64'] as const;

export const dtypeArb = fc.constantFrom(...ALL_DTYPES);

/** small: a few integers / halves; full: the whole range; special: extremes, NaN, ±inf, ±0. */
export type Flavour = 'small' | 'full' | 'special';
export const flavourArb = fc.constantFrom<Flavour>('small', 'small', 'full', 'special', 'special');

/** A shape: 0-d, or up to 3 dimensions of extent 0..5 (empty sometimes). */
export const shapeArb = (maxDims = 3, maxExtent = 5): fc.Arbitrary<number[]> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as number[]) },
    { weight: 8, arbitrary: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 7, arbitrary: fc.integer({ min: 1, max: maxExtent }) }), { minLength: 1, maxLength: maxDims }) },
  );

// ---------------------------------------------------------------- values

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const FLOAT_SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -2.5, 1e300, -1e300, 3e38, 1e-310, 5e-324, 1e-40];

/** Deterministic values of a dtype and shape, from `seed`, in a flavour. */
export function makeValue(dtype: string, shape: readonly number[], seed: number, flavour: Flavour): NdValue {
  const rnd = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const complex = dtype.startsWith('complex');
  const data = new (toDType(dtype as DTypeName).arrayType as new (n: number) => TypedArray)(complex ? 2 * n : n);
  const float = (): number => {
    if (flavour === 'small') return int(-8, 8) / (rnd() < 0.5 ? 1 : 4);
    if (flavour === 'special' && rnd() < 0.5) return pick(FLOAT_SPECIALS);
    return (rnd() * 2 - 1) * 10 ** int(-3, 4);
  };
  for (let i = 0; i < data.length; i++) {
    if (dtype === 'bool') (data as Uint8Array)[i] = rnd() < 0.5 ? 1 : 0;
    else if (dtype in INT_RANGE) {
      const [lo, hi] = INT_RANGE[dtype]!;
      let v: bigint;
      if (flavour === 'small') v = BigInt(int(dtype.startsWith('u') ? 0 : -6, 6));
      else if (flavour === 'special' && rnd() < 0.5) v = pick([lo, hi, 0n, 1n, lo + 1n, hi - 1n, dtype.startsWith('u') ? 2n : -1n]);
      else v = lo + BigInt(Math.floor(rnd() * 2 ** 30)) * ((hi - lo) / 2n ** 30n);
      if (v < lo) v = lo;
      if (v > hi) v = hi;
      if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = v;
      else (data as Int32Array)[i] = Number(v);
    } else data[i] = float() as never;
  }
  return { dtype, shape: [...shape], data: data as NdValue['data'] };
}

/** The largest finite magnitude in a value (complex parts counted apart): a scale for rounding bounds. */
export function maxAbs(v: NdValue): number {
  let m = 0;
  for (const x of Array.from(v.data as ArrayLike<number | bigint>)) {
    const y = Math.abs(Number(x));
    if (Number.isFinite(y) && y > m) m = y;
  }
  return m;
}

/** Our array holding the same values. */
export function ours(v: NdValue): np.ndarray {
  const a = np.empty(v.shape, v.dtype as never);
  if (v.data.length) a.store.write(v.data as TypedArray);
  return a;
}

// ---------------------------------------------------------------- views

export type SliceItem = number | { start?: number; stop?: number; step?: number };
export type ViewStep = { slice: SliceItem[] } | { transpose: number[] } | { broadcast: number[] } | { flip: number | null };

/** A random view chain over `shape`; `writable` leaves out broadcasts. */
export function viewArb(shape: readonly number[], writable: boolean, maxSteps = 2): fc.Arbitrary<ViewStep[]> {
  const step = (s: readonly number[]): fc.Arbitrary<ViewStep> => {
    const opts: fc.Arbitrary<ViewStep>[] = [];
    if (s.length > 0) {
      opts.push(
        fc.tuple(...s.map((n) => sliceItemArb(n))).map((items) => ({ slice: items })),
        fc.shuffledSubarray(s.map((_, i) => i), { minLength: s.length, maxLength: s.length }).map((p) => ({ transpose: p })),
        fc.oneof(fc.constant(null), fc.integer({ min: -s.length, max: s.length - 1 })).map((f) => ({ flip: f })),
      );
    }
    if (!writable) {
      opts.push(
        fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: s.length, maxLength: s.length })).map(([lead, grow]) => ({
          broadcast: [...lead, ...s.map((e, i) => (e === 1 ? grow[i]! : e))],
        })),
      );
    }
    return opts.length ? fc.oneof(...opts) : fc.constant({ slice: [] });
  };
  // Shapes change along the chain: generate one step at a time.
  const chain = (s: readonly number[], left: number): fc.Arbitrary<ViewStep[]> =>
    left === 0
      ? fc.constant([])
      : fc.oneof(
          { weight: 1, arbitrary: fc.constant([] as ViewStep[]) },
          { weight: 2, arbitrary: step(s).chain((st) => chain(viewShape(s, [st]), left - 1).map((rest) => [st, ...rest])) },
        );
  return chain(shape, maxSteps);
}

function sliceItemArb(n: number): fc.Arbitrary<SliceItem> {
  const bound = fc.option(fc.integer({ min: -n - 2, max: n + 2 }), { nil: undefined });
  const range = fc.record({ start: bound, stop: bound, step: fc.option(fc.constantFrom(1, 2, 3, -1, -2, -3), { nil: undefined }) }, { requiredKeys: [] }).map((r) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
  );
  return n > 0 ? fc.oneof({ weight: 5, arbitrary: range }, { weight: 1, arbitrary: fc.integer({ min: -n, max: n - 1 }) }) : range;
}

function sliceLength(n: number, it: { start?: number; stop?: number; step?: number }): number {
  const step = it.step ?? 1;
  const clamp = (v: number | undefined, dflt: number, lo: number, hi: number) => (v === undefined ? dflt : v < 0 ? Math.max(v + n, lo) : Math.min(v, hi));
  if (step > 0) {
    const start = clamp(it.start, 0, 0, n);
    const stop = clamp(it.stop, n, 0, n);
    return Math.max(0, Math.ceil((stop - start) / step));
  }
  const start = clamp(it.start, n - 1, -1, n - 1);
  const stop = clamp(it.stop, -1, -1, n - 1);
  return Math.max(0, Math.ceil((stop - start) / step));
}

/** The shape after a view chain. */
export function viewShape(shape: readonly number[], steps: readonly ViewStep[]): number[] {
  let s = [...shape];
  for (const st of steps) {
    if ('slice' in st) s = st.slice.flatMap((it, i) => (typeof it === 'number' ? [] : [sliceLength(s[i]!, it)])).concat(s.slice(st.slice.length));
    else if ('transpose' in st) s = st.transpose.map((p) => s[p]!);
    else if ('broadcast' in st) s = [...st.broadcast];
  }
  return s;
}

function pySliceItem(it: SliceItem): string {
  if (typeof it === 'number') return String(it);
  return `${it.start ?? ''}:${it.stop ?? ''}:${it.step ?? ''}`;
}

/** The view chain applied to a Python expression. */
export function pyView(name: string, steps: readonly ViewStep[]): string {
  let e = name;
  for (const st of steps) {
    if ('slice' in st) e = `${e}[${[...st.slice.map(pySliceItem), '...'].join(', ')}]`; // `...` keeps 0-d results arrays (views), not scalars
    else if ('transpose' in st) e = `${e}.transpose(${JSON.stringify(st.transpose)})`;
    else if ('broadcast' in st) e = `np.broadcast_to(${e}, ${pyTuple(st.broadcast)})`;
    else e = `np.flip(${e}, ${st.flip === null ? 'None' : st.flip})`;
  }
  return e;
}

/** The view chain applied to our array. */
export function applyView(a: np.ndarray, steps: readonly ViewStep[]): np.ndarray {
  let v = a;
  for (const st of steps) {
    if ('slice' in st) v = st.slice.length ? v.slice(st.slice as never) : v.slice('...');
    else if ('transpose' in st) v = np.transpose(v, st.transpose);
    else if ('broadcast' in st) v = np.broadcastTo(v, st.broadcast);
    else v = np.flip(v, st.flip);
  }
  return v;
}

export const pyTuple = (xs: readonly number[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;

/** A Python literal for a JavaScript scalar (integers are Python ints, as our numbers are). */
export function pyScalar(x: number | boolean): string {
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "float('-inf')";
  if (Number.isInteger(x) && !Object.is(x, -0)) return String(x);
  return Number.isInteger(x) ? '-0.0' : String(x);
}

// ---------------------------------------------------------------- inputs

/** One input array: base values and a view chain over them. */
export interface InputSpec {
  dtype: string;
  shape: number[];
  seed: number;
  flavour: Flavour;
  view: ViewStep[];
  /** The base comes out of a (partitioned) task rather than a host write: a copy made on the processors. */
  computed: boolean;
}

/** Our base array of a spec: written from the host, or then copied by a task. */
export function build(spec: InputSpec, v: NdValue = makeValue(spec.dtype, spec.shape, spec.seed, spec.flavour)): np.ndarray {
  const a = ours(v);
  return spec.computed ? np.copy(a) : a;
}

export const inputArb = (opts: { dtypes?: readonly string[]; shape?: fc.Arbitrary<number[]>; writable?: boolean; views?: boolean } = {}): fc.Arbitrary<InputSpec> =>
  fc
    .record({
      dtype: fc.constantFrom(...(opts.dtypes ?? ALL_DTYPES)),
      shape: opts.shape ?? shapeArb(),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      flavour: flavourArb,
      computed: fc.boolean(),
    })
    .chain((r) => (opts.views === false ? fc.constant([] as ViewStep[]) : viewArb(r.shape, opts.writable ?? false)).map((view) => ({ ...r, view })));

export const inputShape = (s: InputSpec): number[] => viewShape(s.shape, s.view);

// ---------------------------------------------------------------- environment

export type Mode = 'shared' | 'separate';
export interface Env {
  mode: Mode;
  pieces: number;
  /** Switch the memory mode after writing the inputs, or after the operation (before reading). */
  switchAt: 'none' | 'beforeOp' | 'beforeRead';
}
export const envArb: fc.Arbitrary<Env> = fc.record({
  mode: fc.constantFrom<Mode>('shared', 'separate'),
  pieces: fc.integer({ min: 1, max: 5 }),
  switchAt: fc.constantFrom<Env['switchAt']>('none', 'none', 'beforeOp', 'beforeRead'),
});

export function enter(env: Env): void {
  // Split even tiny arrays into `pieces`; with one piece, not forced: the runtime's own choice
  // for small arrays (one piece without the solver, run at once).
  setPartitionSettings({ force: env.pieces > 1, pieces: env.pieces });
  runtime.setMemoryMode(env.mode);
}
export function flip(env: Env, at: Env['switchAt']): void {
  if (env.switchAt === at) runtime.setMemoryMode(env.mode === 'shared' ? 'separate' : 'shared');
}

// ---------------------------------------------------------------- the check

export type Tolerance =
  | { kind: 'exact'; complexNans?: 'equivalent' }
  /** `eps`: the precision the values were computed in, when it is below the result's type's (a wider out=). */
  | { kind: 'ulps'; factor: number; eps?: number; nonFinite?: 'either' }
  | { kind: 'abs'; scale: number; factor: number }
  /** Not compared (see the property for why). */
  | { kind: 'skip' };
export const ELEMENTWISE: Tolerance = { kind: 'ulps', factor: 1 };

const OUR_DTYPE: Record<string, string> = { float16: 'float32' };
const EPS: Record<string, number> = { float16: 2e-3, float32: 2e-5, complex64: 2e-5, float64: 1e-11, complex128: 1e-11 };

type PyVerdict = ['ok', NdValue[]] | ['err', string];

/** Python statements and a result expression (one array, or a tuple/list of arrays) under try. */
export async function numpy(py: PythonReference, statements: string, result: string, inputs: Record<string, NdValue>): Promise<PyVerdict> {
  const body = [...statements.split('\n').filter((l) => l.trim()), `R = ${result}`].map((l) => `    ${l}`).join('\n');
  const code = `
import warnings
warnings.simplefilter('ignore')
np.seterr(all='ignore')
try:
${body}
    out = ['ok', [np.asarray(r) for r in (R if isinstance(R, (tuple, list)) else [R])]]
except Exception as e:
    out = ['err', type(e).__name__ + ': ' + str(e).splitlines()[0] if str(e) else type(e).__name__]
`;
  return py.run<PyVerdict>(code, inputs as never);
}

function numbersOf(data: ArrayLike<number | bigint>, dtype: string): (number | bigint)[] {
  return Array.from(data as ArrayLike<number | bigint>, (x) => (/int64/.test(dtype) ? BigInt(x as never) : Number(x)));
}

function wantNumbers(want: NdValue): (number | bigint)[] {
  if (want.dtype.startsWith('complex')) return Array.from(new (want.dtype === 'complex64' ? Float32Array : Float64Array)((want.data as Uint8Array).slice().buffer));
  if (want.dtype === 'float16') {
    return Array.from(new Uint16Array((want.data as Uint8Array).slice().buffer), (h) => {
      const sign = h & 0x8000 ? -1 : 1;
      const e = (h >> 10) & 0x1f;
      const f = h & 0x3ff;
      if (e === 0) return sign * f * 2 ** -24;
      if (e === 31) return f ? NaN : sign * Infinity;
      return sign * (1 + f / 1024) * 2 ** (e - 15);
    });
  }
  return numbersOf(want.data as ArrayLike<number>, want.dtype);
}

export function compareArray(got: np.ndarray, want: NdValue, tol: Tolerance, label: string): void {
  if (tol.kind === 'skip') return;
  const dtype = OUR_DTYPE[want.dtype] ?? want.dtype;
  expect(got.dtype.name, `${label}: dtype`).toBe(dtype);
  expect([...got.shape], `${label}: shape`).toEqual([...want.shape]);
  const a = numbersOf(got.toArray() as ArrayLike<number>, dtype);
  const b = wantNumbers(want);
  expect(a.length, `${label}: length`).toBe(b.length);
  const floating = /float|complex/.test(want.dtype);
  if (!floating || tol.kind === 'exact') {
    if (!floating) {
      expect(a.map(String), `${label}: values`).toEqual(b.map(String));
      return;
    }
  }
  const eps = Math.max(EPS[want.dtype] ?? 1e-11, tol.kind === 'ulps' ? (tol.eps ?? 0) : 0);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x === y) continue; // +0 and -0 are equal (sorts may order them either way)
    if (tol.kind === 'exact' && tol.complexNans && want.dtype.startsWith('complex')) {
      const j = i - (i % 2);
      const nanIn = (v: (number | bigint)[]) => Number.isNaN(v[j] as number) || Number.isNaN(v[j + 1] as number);
      if (nanIn(a) && nanIn(b)) continue;
    }
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      // float16 overflows where our float32 does not
      if (want.dtype === 'float16' && !Number.isNaN(y) && Math.abs(x) > 65504 && Math.sign(x) === Math.sign(y)) continue;
      // `either`: where NumPy's is NaN or infinite, ours must be too, but which one may differ.
      if (tol.kind === 'ulps' && tol.nonFinite === 'either' && !Number.isFinite(x)) continue;
      expect(x, `${label} [${i}]: ${x} vs ${y}`).toBe(y);
      continue;
    }
    if (tol.kind === 'exact') {
      expect(x, `${label} [${i}]`).toBe(y);
      continue;
    }
    const bound = tol.kind === 'ulps' ? tol.factor * eps * Math.max(1, Math.abs(y)) : tol.factor * eps * Math.max(1, tol.scale, Math.abs(y));
    expect(Number.isFinite(x) && Math.abs(x - y) <= bound, `${label} [${i}]: ${x} vs ${y} (tolerance ${bound})`).toBe(true);
  }
}

/** Result of running our side: arrays (read back), or the error thrown. */
export type Ours = np.ndarray | np.ndarray[];

/**
 * Our code and NumPy's agree: both refuse (ours with a typed LegateError, not a crash), or both
 * succeed with the same dtype, shape and values of every result.
 */
export async function differential(
  py: PythonReference,
  label: string,
  run: () => Ours,
  pyStatements: string,
  pyResult: string,
  inputs: Record<string, NdValue>,
  tol: Tolerance | ((i: number) => Tolerance),
  beforeRead?: () => void,
): Promise<void> {
  try {
    await check(py, label, run, pyStatements, pyResult, inputs, tol, beforeRead);
  } catch (e) {
    if (!COLLECT) throw e;
    const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { dtype: v.dtype, shape: v.shape, data: Array.from(v.data as ArrayLike<number>, String) }]));
    appendFileSync(COLLECT, `${JSON.stringify({ label, message: String((e as Error).message).slice(0, 600), py: `${pyStatements}; ${pyResult}`, values })}\n`);
  }
}

/** Exploration only: FUZZ_COLLECT=file records every mismatch there instead of failing. */
const COLLECT = process.env.FUZZ_COLLECT;

async function check(...[py, label, run, pyStatements, pyResult, inputs, tol, beforeRead]: Parameters<typeof differential>): Promise<void> {
  const verdict = await numpy(py, pyStatements, pyResult, inputs);
  let got: np.ndarray[] | undefined;
  let thrown: unknown;
  try {
    const r = run();
    beforeRead?.();
    got = Array.isArray(r) ? r : [r];
    for (const g of got) g.toArray();
  } catch (e) {
    thrown = e;
  }
  const where = `${label}\n  numpy: ${pyStatements.replace(/\n/g, '; ')}; ${pyResult}`;
  if (verdict[0] === 'err') {
    expect(thrown, `${where}\n  NumPy raises ${verdict[1]}, we ${thrown ? 'threw' : 'returned a result'}`).toBeDefined();
    expect(thrown instanceof LegateError, `${where}\n  NumPy raises ${verdict[1]}; we threw an untyped ${String((thrown as Error)?.stack ?? thrown)}`).toBe(true);
    return;
  }
  // A documented difference (docs-site/guide/numeric.md, "Where it differs from NumPy"): at
  // most 6 dimensions, refused with a typed ShapeError; NumPy allows 64.
  // (an input view of 7 or more dimensions is refused the same way, so the refusal counts
  // wherever it names more than 6)
  const dims = thrown instanceof LegateError ? /at most 6 dimensions are supported, got (\d+)/.exec((thrown as Error).message) : null;
  if (dims && Number(dims[1]) > 6) return;
  if (thrown) {
    expect.fail(`${where}\n  NumPy succeeds; we threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`);
  }
  const want = verdict[1];
  expect(got!.length, `${where}: number of results`).toBe(want.length);
  want.forEach((w, i) => compareArray(got![i]!, w, typeof tol === 'function' ? tol(i) : tol, `${where} (result ${i})`));
}

// ---------------------------------------------------------------- a fuzz file's peer and cases

export const TIMEOUT = 120_000;

/** Inputs on both sides: base values and Python's view expressions now, our arrays when `build` runs. */
export function materialize(specs: Record<string, InputSpec>): { build: () => { arrays: Record<string, np.ndarray>; bases: Record<string, np.ndarray> }; expr: Record<string, string>; values: Record<string, NdValue> } {
  const expr: Record<string, string> = {};
  const values: Record<string, NdValue> = {};
  for (const [name, s] of Object.entries(specs)) {
    values[name] = makeValue(s.dtype, s.shape, s.seed, s.flavour);
    expr[name] = pyView(name, s.view);
  }
  return {
    expr,
    values,
    // Inside the checked code: making an array NumPy can make must not fail either.
    build: () => {
      const arrays: Record<string, np.ndarray> = {};
      const bases: Record<string, np.ndarray> = {};
      for (const [name, s] of Object.entries(specs)) {
        bases[name] = build(s, values[name]);
        arrays[name] = applyView(bases[name], s.view);
      }
      return { arrays, bases };
    },
  };
}

/** NumPy's side of a case: an expression, or statements before it. */
export type PyOp = (e: Record<string, string>) => string | { statements?: string; result: string };

/**
 * A fuzz file's NumPy peer (or why there is none), with the partition settings and memory mode
 * put back after the file; `fuzzCase` runs one case (environment, inputs, our op, NumPy's op,
 * the comparison) against it.
 */
export function useFuzzPeer() {
  const python = findPython();
  const py = python.ok ? PythonReference.start() : null;
  let savedSettings: PartitionSettings;
  let savedMode: MemoryMode;
  beforeAll(() => {
    savedSettings = partitionSettings();
    savedMode = runtime.memoryMode;
  });
  afterAll(() => {
    setPartitionSettings(savedSettings);
    runtime.setMemoryMode(savedMode);
    py?.close();
  });
  const fuzzCase = async (
    label: string,
    env: Env,
    specs: Record<string, InputSpec>,
    ourOp: (a: Record<string, np.ndarray>, bases: Record<string, np.ndarray>) => np.ndarray | np.ndarray[],
    pyOp: PyOp,
    tol: Tolerance | ((i: number) => Tolerance) = ELEMENTWISE,
  ): Promise<void> => {
    enter(env);
    const m = materialize(specs);
    const p = pyOp(m.expr);
    const { statements = '', result } = typeof p === 'string' ? { result: p } : p;
    await differential(
      py!,
      `${label} ${JSON.stringify(env)}`,
      () => {
        const { arrays, bases } = m.build();
        flip(env, 'beforeOp');
        return ourOp(arrays, bases);
      },
      statements,
      result,
      m.values,
      tol,
      () => flip(env, 'beforeRead'),
    );
  };
  return { python, py, describeNumpy: describe.skipIf(!python.ok), fuzzCase };
}
