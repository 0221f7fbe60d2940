// NumPy's type objects and questions about types (issubdtype, isdtype, promote_types, can_cast,
// common_type, finfo, iinfo, iscomplexobj, isrealobj, isscalar), ndim / shape / size, the
// constants, and the joining, splitting and scanning names (column_stack, dstack, hsplit,
// unstack, cumulative_sum...) and ndarray methods (sort in place, argsort, take, mT...) against
// NumPy; bad input gets typed errors; no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const NAMES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'complex64', 'complex128'] as const;
const CATEGORIES = ['generic', 'number', 'integer', 'signedinteger', 'unsignedinteger', 'inexact', 'floating', 'complexfloating'] as const;

describe.skipIf(!python.ok)('types against NumPy', () => {
  it('the type objects and their C names are the dtypes NumPy names', async () => {
    const aliases = ['bool_', 'byte', 'ubyte', 'short', 'ushort', 'intc', 'uintc', 'long', 'ulong', 'longlong', 'ulonglong', 'intp', 'uintp', 'int_', 'uint', 'single', 'double', 'csingle', 'cdouble'] as const;
    const want = await py!.run<string[]>(`out = [np.dtype(getattr(np, n)).name for n in ${JSON.stringify([...NAMES, ...aliases])}]`, {});
    expect([...NAMES, ...aliases].map((n) => np[n].name)).toEqual(want);
    expect(np.zeros([2], np.float32).dtype).toBe(np.float32);
  });

  it('issubdtype over every pair of types and categories, isdtype over every kind', async () => {
    const pairs: [string, string][] = [];
    for (const a of [...NAMES, ...CATEGORIES]) for (const b of [...NAMES, ...CATEGORIES]) pairs.push([a, b]);
    const want = await py!.run<boolean[]>(`out = [bool(np.issubdtype(getattr(np, a if a != 'bool' else 'bool_'), getattr(np, b if b != 'bool' else 'bool_'))) for a, b in ${JSON.stringify(pairs)}]`, {});
    const get = (n: string) => (np as unknown as Record<string, np.AbstractDType>)[n === 'bool' ? 'bool_' : n]!;
    expect(pairs.map(([a, b]) => np.issubdtype(get(a) as never, get(b) as never))).toEqual(want);
    expect(np.issubdtype('float64', np.floating)).toBe(true);
    const kinds = ['bool', 'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex floating', 'numeric'] as const;
    const cases: [string, string][] = NAMES.flatMap((t) => kinds.map((k) => [t, k] as [string, string]));
    const isdtypes = await py!.run<boolean[]>(`out = [bool(np.isdtype(np.dtype(t), k)) for t, k in ${JSON.stringify(cases)}]`, {});
    expect(cases.map(([t, k]) => np.isdtype(t as never, k as never))).toEqual(isdtypes);
    expect(np.isdtype(np.int8, ['real floating', 'integral'])).toBe(true);
    expect(np.isdtype(np.int8, np.int8)).toBe(true);
  });

  it('promoteTypes, canCast under every rule, commonType', async () => {
    const pairs: [string, string][] = [];
    for (const a of NAMES) for (const b of NAMES) pairs.push([a, b]);
    const promoted = await py!.run<string[]>(`out = [np.promote_types(a, b).name for a, b in ${JSON.stringify(pairs)}]`, {});
    expect(pairs.map(([a, b]) => np.promoteTypes(a as never, b as never).name)).toEqual(promoted);
    for (const rule of ['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const) {
      const want = await py!.run<boolean[]>(`out = [bool(np.can_cast(a, b, '${rule}')) for a, b in ${JSON.stringify(pairs)}]`, {});
      expect(pairs.map(([a, b]) => np.canCast(a as never, b as never, rule)), rule).toEqual(want);
    }
    expect(np.canCast(np.ones([2], 'int8'), 'int16')).toBe(true);
    const sets = [['int8'], ['float32'], ['float32', 'int16'], ['complex64', 'float64'], ['uint64', 'float32']];
    const common = await py!.run<string[]>(`out = [np.common_type(*[np.zeros(1, t) for t in s]).__name__ for s in ${JSON.stringify(sets)}]`, {});
    expect(sets.map((s) => np.commonType(...s.map((t) => np.zeros([1], t as never))).name)).toEqual(common);
  });

  it('finfo and iinfo as NumPy', async () => {
    for (const t of ['float32', 'float64', 'complex64', 'complex128'] as const) {
      const want = await py!.run<Record<string, number | string>>(
        `f = np.finfo(np.${t})\nout = {k: (float(getattr(f, k)) if k not in ('dtype',) else f.dtype.name) for k in ['bits', 'eps', 'epsneg', 'max', 'min', 'tiny', 'smallest_normal', 'smallest_subnormal', 'precision', 'resolution', 'maxexp', 'minexp', 'nexp', 'nmant', 'machep', 'negep', 'iexp', 'dtype']}`,
        {},
      );
      const f = np.finfo(t);
      expect({ ...f, dtype: f.dtype.name, smallest_normal: f.smallestNormal, smallest_subnormal: f.smallestSubnormal, smallestNormal: undefined, smallestSubnormal: undefined }).toEqual({ ...want, smallestNormal: undefined, smallestSubnormal: undefined });
    }
    for (const t of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const) {
      const want = await py!.run<string[]>(`i = np.iinfo(np.${t})\nout = [str(i.min), str(i.max), str(i.bits), i.kind, i.dtype.name]`, {});
      const i = np.iinfo(t);
      expect([String(i.min), String(i.max), String(i.bits), i.kind, i.dtype.name]).toEqual(want);
    }
    expect(np.finfo(np.ones([1], 'float32')).eps).toBe(2 ** -23);
    expect(() => np.finfo('int32')).toThrow(np.ValueError);
    expect(() => np.iinfo('float32')).toThrow(np.ValueError);
  });

  it('iscomplexobj, isrealobj, isscalar, ndim, shape, size, the constants', async () => {
    expect([np.iscomplexobj(np.ones([2], 'complex64')), np.iscomplexobj([1, { re: 0, im: 1 }]), np.iscomplexobj(3), np.isrealobj(np.ones([2]))]).toEqual([true, true, false, true]);
    expect([np.isscalar(3), np.isscalar(3n), np.isscalar(true), np.isscalar({ re: 1, im: 0 }), np.isscalar('a'), np.isscalar(np.array(3 as never)), np.isscalar([3])]).toEqual([true, true, true, true, true, false, false]);
    const a = random('float64', [2, 3, 4]);
    expect([np.ndim(ours(a)), np.ndim(5), np.ndim([[1, 2]])]).toEqual([3, 0, 2]);
    expect([np.shape(ours(a)), np.shape([[1, 2], [3, 4], [5, 6]]), np.shape(1)]).toEqual([[2, 3, 4], [3, 2], []]);
    expect([np.size(ours(a)), np.size(ours(a), 1), np.size(ours(a), -1), np.size([[1, 2]])]).toEqual([24, 3, 4, 2]);
    const want = await py!.run<number[]>('out = [np.pi, np.e, np.euler_gamma]', {});
    expect([np.pi, np.e, np.eulerGamma]).toEqual(want);
    expect([np.inf, Number.isNaN(np.nan), np.newaxis]).toEqual([Infinity, true, null]);
    expect(np.ones([3]).slice(':', np.newaxis).shape).toEqual([3, 1]);
  });

  it('refuses what NumPy refuses', () => {
    expect(() => np.issubdtype('float99' as never, np.floating)).toThrow(DTypeError);
    expect(() => np.isdtype(np.int8, 'integer' as never)).toThrow(/^kind: isdtype: kind argument is a string, but 'integer' is not a known kind name/);
    expect(() => np.isdtype(3 as never, 'bool')).toThrow(DTypeError);
    expect(() => np.canCast(3 as never, 'int8')).toThrow(DTypeError);
    expect(() => np.canCast('int8', 'int16', 'sometimes' as never)).toThrow(np.ValueError);
    expect(() => np.promoteTypes(np.floating as never, 'int8')).toThrow(DTypeError);
    expect(() => np.commonType(np.ones([1], 'bool'))).toThrow(DTypeError);
    expect(() => np.size(np.ones([2]), 1)).toThrow(np.AxisError);
  });
});

describe.skipIf(!python.ok)('joining, splitting and scanning names against NumPy', () => {
  it.each(['int16', 'float64', 'complex64'])('flipud, fliplr, columnStack, rowStack, dstack of %s', async (t) => {
    const a = random(t, [3, 4]);
    const v = random(t, [3]);
    const exact = exactFor(t);
    await expectLikeNumpy(np.flipud(ours(a)), 'np.flipud(a)', { a }, exact);
    await expectLikeNumpy(np.fliplr(ours(a)), 'np.fliplr(a)', { a }, exact);
    await expectLikeNumpy(np.flipud(ours(v)), 'np.flipud(v)', { v }, exact);
    await expectLikeNumpy(np.columnStack([ours(v), ours(a), ours(v)]), 'np.column_stack([v, a, v])', { a, v }, exact);
    await expectLikeNumpy(np.columnStack([ours(v), [1, 2, 3]]), 'np.column_stack([v, [1, 2, 3]])', { v }, exact);
    await expectLikeNumpy(np.rowStack([ours(a).T, ours(v)]), 'np.vstack([a.T, v])', { a, v }, exact);
    await expectLikeNumpy(np.dstack([ours(a), ours(a)]), 'np.dstack([a, a])', { a }, exact);
    await expectLikeNumpy(np.dstack([ours(v), ours(v)]), 'np.dstack([v, v])', { v }, exact);
    // flips are views: a write reaches the input
    const x = ours(a);
    np.flipud(x).set('0, 0', 7);
    const got = x.get(2, 0);
    expect(typeof got === 'object' ? (got as { re: number }).re : Number(got)).toBe(7);
  });

  it('hsplit, vsplit, dsplit and unstack give views as NumPy', async () => {
    const a = random('int32', [4, 6, 2]);
    const parts = np.hsplit(ours(a), 3);
    for (let i = 0; i < 3; i++) await expectLikeNumpy(parts[i]!, `np.hsplit(a, 3)[${i}]`, { a });
    const rows = np.vsplit(ours(a), [1, 3]);
    for (let i = 0; i < 3; i++) await expectLikeNumpy(rows[i]!, `np.vsplit(a, [1, 3])[${i}]`, { a });
    const depth = np.dsplit(ours(a), 2);
    await expectLikeNumpy(depth[1]!, 'np.dsplit(a, 2)[1]', { a });
    const v = random('float32', [6]);
    await expectLikeNumpy(np.hsplit(ours(v), [2])[1]!, 'np.hsplit(v, [2])[1]', { v });
    const slices = np.unstack(ours(a), { axis: 1 });
    expect(slices.length).toBe(6);
    await expectLikeNumpy(slices[4]!, 'np.unstack(a, axis=1)[4]', { a });
    await expectLikeNumpy(np.unstack(ours(a))[3]!, 'np.unstack(a)[3]', { a });
    expect(() => np.hsplit(np.array(3 as never), 1)).toThrow(/^ary: hsplit only works on arrays of 1 or more dimensions$/);
    expect(() => np.vsplit(np.ones([3]), 1)).toThrow(np.ValueError);
    expect(() => np.dsplit(np.ones([3, 3]), 1)).toThrow(np.ValueError);
    expect(() => np.hsplit(np.ones([3, 4]), 3)).toThrow(np.ValueError);
    expect(() => np.unstack(np.array(3 as never))).toThrow(/^x: Input array must be at least 1-d\.$/);
    expect(() => np.unstack(np.ones([2]), { axes: 0 } as never)).toThrow(UnknownOptionError);
    expect(() => np.fliplr(np.ones([2]))).toThrow(/^m: fliplr: Input must be >= 2-d\.$/);
  });

  it.each(['bool', 'uint8', 'int32', 'float32', 'complex128'])('cumulativeSum and cumulativeProd of %s', async (t) => {
    const a = random(t, [3, 4], 3);
    const v = random(t, [5], 3);
    const exact = exactFor(t);
    for (const [ours_, theirs] of [['cumulativeSum', 'cumulative_sum'], ['cumulativeProd', 'cumulative_prod']] as const) {
      await expectLikeNumpy(np[ours_](ours(v)), `np.${theirs}(v)`, { v }, exact);
      await expectLikeNumpy(np[ours_](ours(v), { includeInitial: true }), `np.${theirs}(v, include_initial=True)`, { v }, exact);
      await expectLikeNumpy(np[ours_](ours(a), { axis: 1 }), `np.${theirs}(a, axis=1)`, { a }, exact);
      await expectLikeNumpy(np[ours_](ours(a).T, { axis: 0, includeInitial: true }), `np.${theirs}(a.T, axis=0, include_initial=True)`, { a }, exact);
      await expectLikeNumpy(np[ours_](ours(a), { axis: -1, dtype: 'float64' }), `np.${theirs}(a, axis=-1, dtype='float64')`, { a }, false);
    }
    await expectLikeNumpy(np.cumulativeSum(np.zeros([0]), { includeInitial: true }), 'np.cumulative_sum(np.zeros(0), include_initial=True)', {});
    await expectLikeNumpy(np.cumulativeSum(np.array(3 as never)), 'np.cumulative_sum(np.array(3))', {});
    expect(() => np.cumulativeSum(np.ones([2, 2]))).toThrow(/^axis: For arrays which have more than one dimension ``axis`` argument is required\.$/);
    expect(() => np.cumulativeProd(np.ones([2]), { include_initial: true } as never)).toThrow(UnknownOptionError);
  });

  it('permuteDims, matrixTranspose and mT, broadcastArrays', async () => {
    const a = random('float64', [2, 3, 4]);
    await expectLikeNumpy(np.permuteDims(ours(a), [2, 0, 1]), 'np.permute_dims(a, (2, 0, 1))', { a });
    await expectLikeNumpy(np.matrixTranspose(ours(a)), 'np.matrix_transpose(a)', { a });
    await expectLikeNumpy(ours(a).mT, 'a.mT', { a });
    expect(() => np.matrixTranspose(np.ones([3]))).toThrow(np.ValueError);
    const b = random('int8', [3, 1]);
    const [x, y] = np.broadcastArrays(ours(a), ours(b));
    await expectLikeNumpy(x!, 'np.broadcast_arrays(a, b)[0]', { a, b });
    await expectLikeNumpy(y!, 'np.broadcast_arrays(a, b)[1]', { a, b });
  });

  it('ndarray methods as NumPy: sort in place, argsort, searchsorted, nonzero, take, put, repeat, compress, diagonal, trace, conjugate, tolist, tobytes', async () => {
    const a = random('float64', [4, 5]);
    const x = ours(a);
    expect(x.sort()).toBeUndefined();
    await expectLikeNumpy(x, 'np.sort(a)', { a });
    const y = ours(a);
    y.sort(0);
    await expectLikeNumpy(y, 'np.sort(a, 0)', { a });
    await expectLikeNumpy(ours(a).argsort({ axis: 0 }), 'a.argsort(axis=0, kind="stable")', { a });
    const s = random('int32', [6]);
    await expectLikeNumpy(np.sort(ours(s)).searchsorted(3, 'right'), 'np.sort(s).searchsorted(3, "right")', { s });
    const z = random('int8', [3, 4], 1);
    const nz = ours(z).nonzero();
    for (let i = 0; i < 2; i++) await expectLikeNumpy(nz[i]!, `z.nonzero()[${i}]`, { z });
    await expectLikeNumpy(ours(a).take([0, 3], 1), 'a.take([0, 3], 1)', { a });
    const p = ours(s);
    p.put([0, 2], [9, 8]);
    await expectLikeNumpy(p, 'np.concatenate([[9], s[1:2], [8], s[3:]]).astype(np.int32)', { s });
    await expectLikeNumpy(ours(s).repeat(2), 's.repeat(2)', { s });
    await expectLikeNumpy(ours(a).compress([true, false, true], 1), 'a.compress([True, False, True], 1)', { a });
    await expectLikeNumpy(ours(a).diagonal(1), 'a.diagonal(1)', { a });
    await expectLikeNumpy(ours(a).trace(-1), 'a.trace(-1)', { a });
    const c = random('complex64', [3]);
    await expectLikeNumpy(ours(c).conjugate(), 'c.conjugate()', { c });
    expect(ours(s).tolist()).toEqual(ours(s).toNested());
    const bytes = await py!.run<number[]>('out = list(a.tobytes())', { a });
    expect(Array.from(ours(a).tobytes())).toEqual(bytes);
    expect(() => ours(a).sort(null as never)).toThrow(DTypeError);
    expect(() => np.broadcastTo(np.ones([3]), [2, 3]).sort()).toThrow(/read-only/);
  });

  it('frees every temporary', () => {
    const a = np.ones([3, 4]);
    const left = storesLeftBy(() => {
      const row = np.ones([4]);
      const results = [np.flipud(a), np.fliplr(a), np.columnStack([a, a]), np.rowStack([a, a]), np.dstack([a, a]), ...np.hsplit(a, 2), ...np.vsplit(a, 3), ...np.unstack(a), np.cumulativeSum(a, { axis: 0, includeInitial: true }), np.cumulativeProd(a, { axis: 1 }), np.matrixTranspose(a), ...np.broadcastArrays(a, row)];
      for (const r of results) r.dispose();
      row.dispose();
    });
    expect(left).toBe(0);
  });
});
