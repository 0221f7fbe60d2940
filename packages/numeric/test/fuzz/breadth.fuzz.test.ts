// Property-based fuzzing of the NumPy functions built from other operations (comparison.ts,
// numerical.ts, construction.ts, arrangement.ts) against NumPy itself, with fuzzlib's inputs:
// every dtype, 0-d and empty shapes, views (negative steps, transposes, broadcasts), the memory
// mode (sometimes switched between two operations) and forced partitioning into 1..5 pieces.
// NumPy's refusals must be our typed LegateErrors. The seed and budget work as in
// numeric.fuzz.test.ts (FUZZ_SEED, FUZZ_RUNS, FUZZ_COLLECT); ~1,300 cases here.
import fc from 'fast-check';
import { it } from 'vitest';

import * as np from '@legate/numeric';

import {
  ELEMENTWISE,
  envArb,
  inputArb,
  inputShape,
  makeValue,
  maxAbs,
  params,
  pyScalar,
  shapeArb,
  type InputSpec,
  type Tolerance,
  TIMEOUT,
  useFuzzPeer,
} from './fuzzlib.js';

const { describeNumpy, fuzzCase } = useFuzzPeer();

/** A JavaScript boolean as a 0-d array, so the differential can compare it. */
const asArray = (b: boolean): np.ndarray => np.asarray(b);

/** Sums of n terms: an absolute tolerance scaled by the terms' size. */
const summed = (spec: InputSpec, n: number): Tolerance => ({ kind: 'abs', scale: Math.max(1, n) * Math.max(1, maxAbs(makeValue(spec.dtype, spec.shape, spec.seed, spec.flavour))), factor: 8 });

/** A second shape that broadcasts against `s`. */
const partner = (s: readonly number[]): fc.Arbitrary<number[]> =>
  fc.tuple(fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length })).map(([drop, ones]) => s.slice(drop).map((e, i) => (ones[i + drop] ? 1 : e)));

const scalarArb = fc.constantFrom(0, 1, -1, 2, 0.5, -2.5, NaN, Infinity, 300);

describeNumpy('fuzz: comparison against NumPy', () => {
  it('isclose, allclose, arrayEqual, arrayEquiv with broadcasting and Python scalars', { timeout: TIMEOUT }, async () => {
    const arb = inputArb().chain((a) =>
      fc.record({
        a: fc.constant(a),
        b: inputArb({ shape: partner(inputShape(a)), views: false }),
        form: fc.constantFrom(0, 0, 1, 2),
        scalar: scalarArb,
        equalNan: fc.boolean(),
        tol: fc.constantFrom([1e-5, 1e-8], [0.1, 0], [0, 1]),
      }),
    );
    await fc.assert(
      fc.asyncProperty(envArb, fc.constantFrom('isclose', 'allclose', 'array_equal', 'array_equiv'), arb, async (env, op, { a, b, form, scalar, equalNan, tol }) => {
        const s = pyScalar(scalar);
        const specs: Record<string, InputSpec> = form === 0 ? { a, b } : { a };
        const nan = equalNan ? 'True' : 'False';
        const [rtol, atol] = tol as [number, number];
        const ours = (x: Record<string, np.ndarray>): np.ndarray => {
          const [p, q]: [np.Operand, np.Operand] = form === 0 ? [x.a!, x.b!] : form === 1 ? [x.a!, scalar] : [scalar, x.a!];
          if (op === 'isclose') return np.isclose(p, q, rtol, atol, equalNan);
          if (op === 'allclose') return asArray(np.allclose(p, q, rtol, atol, equalNan));
          if (op === 'array_equal') return asArray(np.arrayEqual(p, q, equalNan));
          return asArray(np.arrayEquiv(p, q));
        };
        const args = (e: Record<string, string>) => (form === 0 ? `${e.a}, ${e.b}` : form === 1 ? `${e.a}, ${s}` : `${s}, ${e.a}`);
        const call = (e: Record<string, string>) =>
          op === 'isclose' || op === 'allclose' ? `np.${op}(${args(e)}, ${rtol}, ${atol}, ${nan})` : op === 'array_equal' ? `np.array_equal(${args(e)}, ${nan})` : `np.array_equiv(${args(e)})`;
        await fuzzCase(`${op} form ${form}`, env, specs, ours, call, { kind: 'exact' });
      }),
      params(300),
    );
  });

  it('isin of every dtype pair', { timeout: TIMEOUT }, async () => {
    const arb = fc.record({ e: inputArb(), t: inputArb({ shape: shapeArb(2, 6) }), invert: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(envArb, arb, async (env, { e, t, invert }) => {
        // 64-bit integers against floats (or int64 against uint64) meet in float64, where NumPy's
        // sort-based isin counts an element as found when another *element* rounds to the same
        // float64 (-2**63 and -2**63 + 1): ours compares each element with the test elements only.
        const wide = (d: string) => d === 'int64' || d === 'uint64';
        const rounded = (wide(e.dtype) || wide(t.dtype)) && np.resultType(e.dtype as never, t.dtype as never).kind !== 'i' && np.resultType(e.dtype as never, t.dtype as never).kind !== 'u';
        const tol: Tolerance = rounded ? { kind: 'skip' } : { kind: 'exact' };
        await fuzzCase('isin', env, { e, t }, (x) => np.isin(x.e!, x.t!, { invert }), (p) => `np.isin(${p.e}, ${p.t}, invert=${invert ? 'True' : 'False'})`, tol);
      }),
      params(150),
    );
  });
});

describeNumpy('fuzz: numerical functions against NumPy', () => {
  it('diff and ediff1d over every axis and order', { timeout: TIMEOUT }, async () => {
    const arb = inputArb().chain((x) => fc.record({ x: fc.constant(x), n: fc.integer({ min: 0, max: 3 }), axis: fc.integer({ min: -3, max: 2 }), edge: fc.option(scalarArb) }));
    await fc.assert(
      fc.asyncProperty(envArb, fc.boolean(), arb, async (env, flat, { x, n, axis, edge }) => {
        if (flat) {
          const end = edge === null ? '' : `, ${pyScalar(edge)}`;
          await fuzzCase('ediff1d', env, { x }, (a) => np.ediff1d(a.x!, edge), (e) => `np.ediff1d(${e.x}${end})`, { kind: 'ulps', factor: 2 });
          return;
        }
        const pre = edge === null ? '' : `, prepend=${pyScalar(edge)}`;
        await fuzzCase(`diff n=${n}`, env, { x }, (a) => np.diff(a.x!, n, axis, ...(edge === null ? [] : [edge])), (e) => `np.diff(${e.x}, ${n}, ${axis}${pre})`, { kind: 'ulps', factor: 8 });
      }),
      params(200),
    );
  });

  it('ptp, average (with and without weights) and trapezoid over axes', { timeout: TIMEOUT }, async () => {
    const arb = inputArb({ shape: shapeArb(3, 4) }).chain((x) => fc.record({ x: fc.constant(x), axis: fc.option(fc.integer({ min: -3, max: 2 })), w: inputArb({ dtypes: ['float64', 'float32'], shape: fc.constant(inputShape(x)), views: false }) }));
    await fc.assert(
      fc.asyncProperty(envArb, fc.constantFrom('ptp', 'average', 'weighted', 'trapezoid'), arb, async (env, op, { x, axis, w }) => {
        const ax = axis === null ? 'None' : String(axis);
        const n = inputShape(x).reduce((p, q) => p * q, 1);
        if (op === 'ptp') await fuzzCase('ptp', env, { x }, (a) => np.ptp(a.x!, axis), (e) => `np.ptp(${e.x}, ${ax})`, { kind: 'ulps', factor: 2 });
        else if (op === 'average') await fuzzCase('average', env, { x }, (a) => np.average(a.x!, axis), (e) => `np.average(${e.x}, ${ax})`, summed(x, n));
        else if (op === 'weighted') {
          // Weights of at least 1, so their sum never cancels to (nearly) zero.
          const tol: Tolerance = { kind: 'abs', scale: n * Math.max(1, maxAbs(makeValue(x.dtype, x.shape, x.seed, x.flavour))) * (1 + maxAbs(makeValue(w.dtype, w.shape, w.seed, w.flavour))), factor: 8 };
          await fuzzCase(
            'average weights',
            env,
            { x, w },
            (a) => {
              const r = np.average(a.x!, axis, np.add(np.abs(a.w!), 1), true);
              return [r.average, r.sumOfWeights];
            },
            (e) => `np.average(${e.x}, ${ax}, np.abs(${e.w}) + 1, True)`,
            tol,
          );
        } else await fuzzCase('trapezoid', env, { x }, (a) => np.trapezoid(a.x!, null, 0.5, axis ?? -1), (e) => `np.trapezoid(${e.x}, None, 0.5, ${axis ?? -1})`, summed(x, n));
      }),
      params(250),
    );
  });

  it('cross of 2- and 3-vectors with broadcasting', { timeout: TIMEOUT }, async () => {
    const vectors = (m: number) => fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }).map((lead) => [...lead, m]);
    const arb = fc.record({ m: fc.constantFrom(2, 3, 3), n: fc.constantFrom(2, 3, 3) }).chain(({ m, n }) =>
      fc.record({ a: inputArb({ shape: vectors(m), views: false }), b: inputArb({ shape: vectors(n), views: false }) }),
    );
    await fc.assert(
      fc.asyncProperty(envArb, arb, async (env, { a, b }) => {
        await fuzzCase('cross', env, { a, b }, (x) => np.cross(x.a!, x.b!), (e) => `np.cross(${e.a}, ${e.b})`, { kind: 'ulps', factor: 8, nonFinite: 'either' });
      }),
      params(120),
    );
  });

  it('nanToNum, deg2rad, rad2deg and heaviside of every dtype and view', { timeout: TIMEOUT }, async () => {
    const arb = inputArb().chain((x) => fc.record({ x: fc.constant(x), h: inputArb({ shape: partner(inputShape(x)), views: false }) }));
    await fc.assert(
      fc.asyncProperty(envArb, fc.constantFrom('nan_to_num', 'deg2rad', 'rad2deg', 'heaviside'), arb, async (env, op, { x, h }) => {
        if (op === 'heaviside') await fuzzCase('heaviside', env, { x, h }, (a) => np.heaviside(a.x!, a.h!), (e) => `np.heaviside(${e.x}, ${e.h})`, ELEMENTWISE);
        else if (op === 'nan_to_num') await fuzzCase('nan_to_num', env, { x }, (a) => np.nanToNum(a.x!), (e) => `np.nan_to_num(${e.x})`, { kind: 'exact' });
        else await fuzzCase(op, env, { x }, (a) => (op === 'deg2rad' ? np.deg2rad(a.x!) : np.rad2deg(a.x!)), (e) => `np.${op}(${e.x})`, { kind: 'ulps', factor: 2 });
      }),
      params(200),
    );
  });
});

describeNumpy('fuzz: construction and arrangement against NumPy', () => {
  it('tril, triu, rot90, atleast_2d / atleast_3d and append of every dtype and view', { timeout: TIMEOUT }, async () => {
    const arb = inputArb().chain((x) =>
      fc.record({ x: fc.constant(x), y: inputArb({ views: false }), k: fc.integer({ min: -4, max: 4 }), axes: fc.constantFrom([0, 1], [1, 0], [-1, 0], [0, 2], [2, -2]), axis: fc.option(fc.integer({ min: -2, max: 2 })) }),
    );
    await fc.assert(
      fc.asyncProperty(envArb, fc.constantFrom('tril', 'triu', 'rot90', 'atleast_2d', 'atleast_3d', 'append'), arb, async (env, op, { x, y, k, axes, axis }) => {
        const exact: Tolerance = { kind: 'exact' };
        if (op === 'tril' || op === 'triu') await fuzzCase(op, env, { x }, (a) => (op === 'tril' ? np.tril(a.x!, k) : np.triu(a.x!, k)), (e) => `np.${op}(${e.x}, ${k})`, exact);
        else if (op === 'rot90') await fuzzCase('rot90', env, { x }, (a) => np.rot90(a.x!, k, axes), (e) => `np.rot90(${e.x}, ${k}, (${axes.join(', ')}))`, exact);
        else if (op === 'append') await fuzzCase('append', env, { x, y }, (a) => np.append(a.x!, a.y!, axis), (e) => `np.append(${e.x}, ${e.y}, ${axis ?? 'None'})`, exact);
        else await fuzzCase(op, env, { x }, (a) => (op === 'atleast_2d' ? np.atleast2d(a.x!) : np.atleast3d(a.x!)), (e) => `np.${op}(${e.x})`, exact);
      }),
      params(250),
    );
  });
});
