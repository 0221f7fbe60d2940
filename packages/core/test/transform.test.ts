import { describe, expect, it } from 'vitest';

import { findPython, PythonReference, type NdValue } from '@legate/testing';

import { AffineMap, cStrides, ShapeError } from '../src/transform.js';

import { applyOp, NUMPY_OFFSETS, NUMPY_OPS, randint, randomChain, type Op } from './views.js';

/** Storage offsets of every view element, in C order of the view. */
function offsets(map: AffineMap, storageShape: readonly number[]): number[] {
  const strides = cStrides(storageShape);
  const out: number[] = [];
  const point = map.shape.map(() => 0);
  const total = map.shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < total; i++) {
    out.push(map.linearOffset(point, strides));
    for (let d = point.length - 1; d >= 0; d--) {
      if (++point[d]! < map.shape[d]!) break;
      point[d] = 0;
    }
  }
  return out;
}


const probe = findPython();
if (!probe.ok) console.warn(`skipping the NumPy comparison of transforms: ${probe.reason}`);

describe.skipIf(!probe.ok)('AffineMap against NumPy views', () => {
  it('maps every element like NumPy for random chains of transforms', async () => {
    const cases: { shape: number[]; ops: Op[] }[] = [];
    const maps: AffineMap[] = [];
    while (cases.length < 300) {
      const shape = Array.from({ length: randint(0, 4) }, () => randint(1, 6));
      const ops = randomChain(shape);
      cases.push({ shape, ops });
      maps.push(ops.reduce(applyOp, AffineMap.identity(shape)));
    }
    const py = PythonReference.start()!;
    try {
      const expected = await py.run<NdValue[]>(`import json\n${NUMPY_OPS}\n${NUMPY_OFFSETS}\nout = [run_case(c) for c in json.loads(cases)]`, { cases: JSON.stringify(cases) });
      cases.forEach((c, i) => {
        const want = Array.from(expected[i]!.data as BigInt64Array, Number);
        expect(offsets(maps[i]!, c.shape), JSON.stringify(c)).toEqual(want);
      });
    } finally {
      py.close();
    }
  });
});

describe('AffineMap', () => {
  it('bounds a piece of a view by the storage box it touches', () => {
    const map = AffineMap.identity([10, 8]).slice(0, 1, 9, 2).transpose([1, 0]);
    expect(map.shape).toEqual([8, 4]);
    expect(map.storageBounds({ lo: [2, 1], hi: [5, 3] })).toEqual({ lo: [3, 2], hi: [6, 5] });
    expect(map.strides(cStrides([10, 8]))).toEqual([1, 16]);
  });

  it('reshapes without copying where NumPy does: splits affine, merges by linear index', () => {
    const storage = [4, 6];
    // A merge of a contiguous view addresses the storage by linear index.
    const flat = AffineMap.identity(storage).reshape([24], storage)!;
    expect(flat.flatShape).toEqual([4, 6]);
    expect([flat.offset, flat.matrix]).toEqual([[0], [[1]]]);
    expect(flat.storageBounds({ lo: [6], hi: [12] })).toEqual({ lo: [1, 0], hi: [2, 6] });
    // A range across rows is bounded by whole rows; one inside a row exactly.
    expect(flat.storageBounds({ lo: [5], hi: [13] })).toEqual({ lo: [0, 0], hi: [3, 6] });
    expect(flat.storageBounds({ lo: [7], hi: [9] })).toEqual({ lo: [1, 1], hi: [2, 3] });
    expect(flat.strides(cStrides(storage))).toEqual([1]);
    expect(flat.linearOffset([5], cStrides(storage))).toBe(5);
    // Rows 1 and 2 as 12 elements, then 3 × 4: steps through the linear index.
    const rows = AffineMap.identity(storage).slice(0, 1, 3).reshape([3, 4], storage)!;
    expect([rows.offset, rows.matrix, rows.key]).toEqual([[6], [[4, 1]], '3,4|6|4,1|flat 4,6']);
    expect(rows.storageBounds({ lo: [0, 0], hi: [3, 4] })).toEqual({ lo: [1, 0], hi: [3, 6] });
    // Views of flat views stay flat; splitting them again is affine in the linear index.
    const strided = flat.slice(0, 2, 24, 3).reshape([2, 4], storage)!;
    expect([strided.offset, strided.matrix]).toEqual([[2], [[12, 3]]]);
    expect(flat.reshape([2, 3, 4], storage)!.matrix).toEqual([[12, 4, 1]]);
    // A transposed or column-sliced view merged across its gaps: no view (NumPy copies).
    expect(AffineMap.identity(storage).transpose([1, 0]).reshape([24], storage)).toBeNull();
    expect(AffineMap.identity(storage).slice(1, 1, 3).reshape([8], storage)).toBeNull();
    // Extent-1 dimensions anywhere, and no elements at all.
    expect(AffineMap.identity(storage).reshape([1, 24, 1], storage)!.matrix).toEqual([[0, 1, 0]]);
    expect(AffineMap.identity([0, 3]).reshape([3, 0], [0, 3])!.shape).toEqual([3, 0]);
    expect(() => AffineMap.identity(storage).reshape([5, 5], storage)).toThrow(/^shape: cannot reshape 24 elements into \[5, 5\]$/);
  });

  it('knows identity and broadcast views', () => {
    expect(AffineMap.identity([3, 4]).isIdentity).toBe(true);
    expect(AffineMap.identity([3, 4]).slice(0, 1, 3).isIdentity).toBe(false);
    expect(AffineMap.identity([3]).promote(0, 5).hasBroadcast).toBe(true);
    expect(AffineMap.identity([3]).promote(0, 1).hasBroadcast).toBe(false);
  });

  it.each([
    ['slice past the end', () => AffineMap.identity([4]).slice(0, 2, 6), /^stop: index 5 is out of bounds for dimension 0 with extent 4$/],
    ['a zero step', () => AffineMap.identity([4]).slice(0, 0, 4, 0), /^step: must not be zero$/],
    ['a missing dimension', () => AffineMap.identity([4, 4]).project(2, 0), /^dim: dimension 2 is out of range for a 2-d store$/],
    ['an index out of range', () => AffineMap.identity([4, 3]).project(1, 3), /^index: index 3 is out of bounds/],
    ['a non-permutation', () => AffineMap.identity([2, 3]).transpose([0, 0]), /^axes: repeated dimension 0/],
    ['broadcasting extent 3', () => AffineMap.identity([3]).broadcast(0, 6), /^dim: only a dimension of extent 1 can be broadcast/],
    ['a wrong delinearization', () => AffineMap.identity([12]).delinearize(0, [5, 2]), /^shape: \[5, 2\] has 10 elements; dimension 0 has 12$/],
    ['a window wider than its dimension', () => AffineMap.identity([3]).slidingWindow(0, 4), /^window: must be between 1 and the extent 3 of dimension 0, got 4$/],
    ['a diagonal of one dimension with itself', () => AffineMap.identity([3, 3]).diagonal(1, 1), /^dim2: must differ from dim1 \(1\)$/],
    ['a fractional index', () => AffineMap.identity([4]).project(0, 1.5), /^index: expected an integer, got 1.5$/],
  ])('rejects %s with a ShapeError naming the argument', (_, make, message) => {
    expect(make).toThrow(ShapeError);
    expect(make).toThrow(message);
  });
});
