// save_npz / load_npz against SciPy's: what one writes the other reads, for every value type,
// compressed or not, and SciPy's csr, csc and coo files read here; bad files get NpzError.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, expectSameCsr, PARTS, randint, useScipyAndForcedPartitioning } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();
const dir = mkdtempSync(join(tmpdir(), 'sparse-npz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Raw = { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue; kind: string };
const RAW = `
def raw(m):
    return {'shape': list(m.shape), 'data': m.data, 'indices': m.indices.astype(np.int64), 'indptr': m.indptr.astype(np.int64), 'kind': type(m).__name__}
`;

function rawMatrix(rows: number, cols: number, dtype: string): sparse.csrArray {
  const data: number[] = [];
  const indices: number[] = [];
  const indptr = [0];
  for (let i = 0; i < rows; i++) {
    for (let k = cols ? randint(0, 4) : 0; k > 0; k--) {
      indices.push(randint(0, cols - 1));
      data.push(Math.round(Math.random() * 40 - 20) / 4);
    }
    indptr.push(indices.length);
  }
  const values = np.asarray(Float64Array.from(data));
  const typed = dtype === 'complex128' ? np.multiply(values, { re: 1, im: -0.25 }) : values.astype(dtype as never);
  return new sparse.csrArray([typed, np.asarray(Int32Array.from(indices)), np.asarray(Int32Array.from(indptr))], { shape: [rows, cols] });
}

describe.skipIf(!python.ok)('save_npz and load_npz against SciPy', () => {
  it.each(['float64', 'float32', 'int64', 'int32', 'bool', 'complex128'])('%s: ours to SciPy and SciPy to ours', async (dtype) => {
    for (const [m, n] of [[17, 11], [1, 1], [0, 3], [4, 0]] as [number, number][]) {
      const A = rawMatrix(m, n, dtype);
      for (const compressed of [true, false]) {
        const file = join(dir, `ours-${dtype}-${m}-${n}-${compressed}.npz`);
        sparse.saveNpz(file, A, { compressed });
        const got = await py!.run<Raw>(`${RAW}\nout = raw(scipy.sparse.load_npz(f))`, { f: file });
        expect(got.kind).toBe('csr_array');
        expect(got.shape).toEqual([m, n]);
        expect(Array.from(got.indptr.data as ArrayLike<number>, Number)).toEqual(Array.from(A.indptr.toArray() as ArrayLike<number>, Number));
        expect(Array.from(got.indices.data as ArrayLike<number>, Number)).toEqual(Array.from(A.indices.toArray() as ArrayLike<number>, Number));
        expect(got.data.dtype).toBe(dtype);
        expectClose(A.data.toArray(), got.data, `${dtype} data`, true);
      }
      // SciPy's files in each format it writes, read here.
      for (const format of ['csr', 'csc', 'coo', 'dia']) {
        const file = join(dir, `scipy-${dtype}-${m}-${n}-${format}.npz`);
        const want = await py!.run<{ shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue }>(
          `${PARTS}\nM = scipy.sparse.random_array((${m}, ${n}), density=0.3, rng=${randint(0, 1000)}).tocsr()\nM.data = np.round(M.data * 8 - 3)\nM = M.astype(np.${dtype})\nscipy.sparse.save_npz(f, M.asformat('${format}'), compressed=${format !== 'coo' ? 'True' : 'False'})\n${format === 'dia' ? 'M.eliminate_zeros()\n' : ''}out = parts(M)`,
          { f: file },
        );
        const loaded = sparse.loadNpz(file);
        expect(loaded.format).toBe(format);
        expectSameCsr(new sparse.csrArray(loaded), want, `${dtype} ${m} × ${n} from SciPy's ${format}`);
      }
      // Ours in CSC and COO: SciPy reads each back in its format, with the same matrix.
      for (const M of [A.tocsc(), A.tocoo(), A.todia()]) {
        const file = join(dir, `ours-${dtype}-${m}-${n}-${M.format}.npz`);
        sparse.saveNpz(file, M);
        const got = await py!.run<{ kind: string; dense: NdValue }>("M = scipy.sparse.load_npz(f)\nout = {'kind': type(M).__name__, 'dense': M.toarray()}", { f: file });
        expect(got.kind).toBe(`${M.format}_array`);
        expectClose(A.toarray().toArray(), got.dense, `${dtype} ${M.format} saved`, true);
        const back = sparse.loadNpz(file);
        expect(back.format).toBe(M.format);
        expectClose(back.toarray().toArray(), got.dense, `${dtype} ${M.format} round trip`, true);
      }
    }
  });

  it('bad files get NpzError naming what is wrong, and save_npz checks its arguments', async () => {
    const text = join(dir, 'not-a-zip.npz');
    writeFileSync(text, 'hello');
    expect(() => sparse.loadNpz(text)).toThrow(/^file: load_npz: not a \.npz \(zip\) archive: no end of central directory/);
    const dia = join(dir, 'dia.npz');
    await py!.run(`scipy.sparse.save_npz(f, scipy.sparse.bsr_array(np.eye(4), blocksize=(2, 2)))\nout = 0`, { f: dia });
    expect(() => sparse.loadNpz(dia)).toThrow(/^file: load_npz: the matrix is stored as 'bsr'; csr, csc, coo and dia are read/);
    const plain = join(dir, 'plain.npz');
    await py!.run(`np.savez(f, a=np.arange(3))\nout = 0`, { f: plain });
    expect(() => sparse.loadNpz(plain)).toThrow(/^file: load_npz: the archive has no 'format' array \(it holds a\.npy\)/);
    const big = join(dir, 'big-endian.npz');
    await py!.run(`np.savez(f, format=np.array(b'csr'), shape=np.array([2, 2]), data=np.array([1.0, 2.0], dtype='>f8'), indices=np.array([0, 1]), indptr=np.array([0, 1, 2]))\nout = 0`, { f: big });
    expect(() => sparse.loadNpz(big)).toThrow(/^file: load_npz: data\.npy has type '>f8', which is not a little-endian number type/);
    // A file cut short: its deflated entries do not inflate.
    const { readFileSync } = await import('node:fs');
    const whole = readFileSync(join(dir, 'ours-float64-17-11-true.npz'));
    const cut = join(dir, 'cut.npz');
    writeFileSync(cut, Buffer.concat([whole.subarray(0, 40), Buffer.alloc(whole.length - 40 - 200), whole.subarray(whole.length - 200)]));
    expect(() => sparse.loadNpz(cut)).toThrow(/^file: load_npz: /);
    const A = new sparse.csrArray(np.eye(2));
    expect(() => sparse.saveNpz(join(dir, 'x.npz'), A, { compressed: 1 as never })).toThrow(/^compressed: /);
    expect(() => sparse.saveNpz(join(dir, 'x.npz'), A, { level: 3 } as never)).toThrow(/unknown option 'level'/);
    expect(() => sparse.saveNpz(join(dir, 'x.npz'), np.eye(2) as never)).toThrow(/^matrix: save_npz: expected a csrArray, cscArray, cooArray or diaArray/);
    expect(sparse.loadNpz(join(dir, 'ours-float64-17-11-true.npz')).nnz).toBeGreaterThan(0);
  });
});

