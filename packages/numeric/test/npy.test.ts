// np.save / np.load / np.savez / np.savez_compressed against NumPy's own: our files read by
// NumPy and NumPy's files read here, every dtype, 0-d and empty arrays, named and positional
// archive entries; bad files and arguments get typed errors; no leaked stores.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);
const dir = mkdtempSync(join(tmpdir(), 'legate-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];

describe.skipIf(!python.ok)('.npy and .npz against NumPy', () => {
  it.each(TYPES)('save of %s is what np.load reads; np.save is what load reads', async (t) => {
    const x = random(t, [3, 4]);
    const file = join(dir, `ours-${t}`);
    np.save(file, ours(x).T); // a view: its elements in C order of the view
    await expectLikeNumpy(ours(x).T, `np.load(${JSON.stringify(`${file}.npy`)})`, { x });
    const theirs = join(dir, `theirs-${t}.npy`);
    await py!.run(`np.save(${JSON.stringify(theirs)}, x[::-1]); out = 0`, { x });
    const back = np.load(theirs) as np.ndarray;
    await expectLikeNumpy(back, 'x[::-1]', { x });
  });

  it('0-d, empty and 1-element arrays, lists and scalars', async () => {
    for (const [value, code] of [[np.asarray(2.5), 'np.asarray(2.5)'], [np.zeros([0, 3], 'int16'), 'np.zeros((0, 3), np.int16)'], [np.ones([1]), 'np.ones(1)']] as const) {
      const file = join(dir, 'small.npy');
      np.save(file, value);
      await expectLikeNumpy(np.load(file) as np.ndarray, code, {});
      await py!.run(`np.save(${JSON.stringify(file)}, ${code}); out = 0`, {});
      await expectLikeNumpy(np.load(file) as np.ndarray, code, {});
    }
    np.save(join(dir, 'list.npy'), [[1, 2], [3, 4]]);
    await expectLikeNumpy(np.load(join(dir, 'list.npy')) as np.ndarray, '[[1, 2], [3, 4]]', {});
  });

  it.each([false, true])('savez (compressed: %s) with positional and named arrays, and NumPy archives read here', async (compressed) => {
    const a = random('float64', [5]);
    const b = random('int32', [2, 3]);
    const file = join(dir, `arch-${compressed}`);
    (compressed ? np.savezCompressed : np.savez)(file, ours(a), { weights: ours(b) }, [1, 2]);
    const names = await py!.run<string[]>(`out = sorted(np.load(${JSON.stringify(`${file}.npz`)}).files)`, {});
    expect(names).toEqual(['arr_0', 'arr_1', 'weights']);
    await expectLikeNumpy(ours(b), `np.load(${JSON.stringify(`${file}.npz`)})['weights']`, { b });
    await expectLikeNumpy(ours(a), `np.load(${JSON.stringify(`${file}.npz`)})['arr_0']`, { a });
    const theirs = join(dir, `theirs-${compressed}.npz`);
    await py!.run(`np.${compressed ? 'savez_compressed' : 'savez'}(${JSON.stringify(theirs)}, a, first=b, z=np.zeros((2, 0)))\nout = 0`, { a, b });
    const got = np.load(theirs) as Record<string, np.ndarray>;
    expect(Object.keys(got).sort()).toEqual(['arr_0', 'first', 'z']);
    await expectLikeNumpy(got.arr_0!, 'a', { a });
    await expectLikeNumpy(got.first!, 'b', { b });
    await expectLikeNumpy(got.z!, 'np.zeros((2, 0))', {});
  });

  it('refuses bad files and arguments with typed errors', async () => {
    const text = join(dir, 'text.npy');
    writeFileSync(text, 'not an array');
    expect(() => np.load(text)).toThrow(/^file: load: .*text\.npy is not a \.npy array: no \.npy magic$/);
    expect(() => np.load(join(dir, 'missing.npy'))).toThrow(/^file: load: No such file or directory/);
    const big = join(dir, 'big.npy');
    await py!.run(`np.save(${JSON.stringify(big)}, np.arange(3, dtype='>f8')); out = 0`, {});
    expect(() => np.load(big)).toThrow(np.NpyFormatError);
    const cut = join(dir, 'cut.npy');
    np.save(cut, np.ones([100]));
    writeFileSync(cut, (await import('node:fs')).readFileSync(cut).subarray(0, 200));
    expect(() => np.load(cut)).toThrow(/is truncated/);
    expect(() => np.save(3 as never, np.ones([1]))).toThrow(DTypeError);
    expect(() => np.load(text, { mmapMode: 'r' } as never)).toThrow(UnknownOptionError);
    expect(() => np.savez(join(dir, 'x'), 'abc' as never)).toThrow(DTypeError);
    expect(() => np.savez(join(dir, 'x'), np.ones([1]), { arr_0: np.ones([2]) })).toThrow(/Cannot use un-named variables and keyword arr_0/);
  });

  it('frees what it reads and what it makes of lists', () => {
    const file = join(dir, 'free.npz');
    const left = storesLeftBy(() => {
      np.savez(file, [1, 2, 3], { b: [[1.5]] });
      np.save(join(dir, 'free.npy'), [1, 2]);
      const got = np.load(file) as Record<string, np.ndarray>;
      for (const a of Object.values(got)) a.dispose();
      (np.load(join(dir, 'free.npy')) as np.ndarray).dispose();
    });
    expect(left).toBe(0);
  });
});
