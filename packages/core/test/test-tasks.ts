// Core's test task addon (native/core/test/addon): a library that is not part of core and
// registers its tasks through the C ABI only. Shared by the tests and the benchmarks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLibrary, defineTask, loadNativeAddon, type Library, type NativeLibraryAddon } from '@legate/core';

const addonPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../native/core/test/addon/package.json');

/** The test tasks' ids, as test_tasks.cc registers them. */
export const T = {
  iota: 0,
  fill: 1,
  add: 2,
  reduceAll: 3,
  fail: 4,
  slowFill: 5,
  stencil: 6,
  histogram: 7,
  reduceBits: 8,
  tagPieces: 9,
  throws: 10,
  spmv: 11,
  pieceBounds: 12,
  noop: 13,
  nonzero: 14,
} as const;

/** Registers the test addon under `name` (a library per test file keeps their tasks apart). */
export function testLibrary(name: string): Library {
  return createLibrary(name, loadNativeAddon<NativeLibraryAddon>(addonPackage, 'legate_core_test_tasks'));
}

/** z = alpha * x + y as a TypeScript task, in `library`. */
export function defineSaxpy(library: Library) {
  return defineTask(library, {
    name: 'saxpy',
    params: { alpha: { kind: 'scalar', dtype: 'float64' }, x: { kind: 'input' }, y: { kind: 'input' }, z: { kind: 'output' } },
    constraints: [
      ['align', 'x', 'y'],
      ['align', 'x', 'z'],
    ],
    body: ({ alpha, x, y, z }) => {
      const a = alpha as number;
      const xs = x.data as Float64Array;
      const ys = y.data as Float64Array;
      const zs = z.data as Float64Array;
      for (let i = 0; i < zs.length; i++) zs[i] = a * xs[i]! + ys[i]!;
    },
  });
}
