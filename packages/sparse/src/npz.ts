// SciPy's save_npz / load_npz: a sparse matrix as a NumPy .npz archive (a zip of .npy arrays:
// data, indices, indptr, shape, format), readable by `scipy.sparse.load_npz` and written by
// `scipy.sparse.save_npz` (compressed or not), through numeric's .npy / .npz format. Files are
// bytes on the host; the matrix's parts travel as whole arrays, never element by element.
import { readFileSync, writeFileSync } from 'node:fs';

import { checkOptions, DTypeError, tidy } from '@legate/core';
import * as np from '@legate/numeric';

import { cooArray } from './coo.js';
import { cscArray } from './csc.js';
import { csrArray } from './csr.js';
import { diaArray } from './dia.js';

/** A .npz file could not be read as a sparse matrix: the message says why. */
export class NpzError extends np.ValueError {
  override name = 'NpzError';
}

const { DESCR, npyBytes: npy, bytesOf, parseNpy: parse, npyToArray, npyToString: stringOf, zipArchive, unzipArchive } = np.npyFormat;
type NpyArray = np.npyFormat.NpyArray;

const loadFailure = (why: string) => new NpzError('file', `load_npz: ${why}`);
const parseNpy = (bytes: Uint8Array, name: string): NpyArray => parse(bytes, name, loadFailure);
const arrayOf = (a: NpyArray, name: string): np.ndarray => npyToArray(a, name, loadFailure);
const zip = (files: readonly [string, Uint8Array][], compressed: boolean): Uint8Array => zipArchive(files, compressed, (why) => new np.ValueError('matrix', `save_npz: ${why}`));
const unzip = (bytes: Uint8Array): Map<string, Uint8Array> => unzipArchive(bytes, loadFailure);

/**
 * Writes a matrix as SciPy's `save_npz` does (`compressed` by default), in its own format (csr,
 * csc or coo): `scipy.sparse.load_npz` reads it back as a sparse array of that format with the
 * same parts.
 *
 * @example
 * ```ts
 * sparse.saveNpz('/tmp/legate-example.npz', sparse.identity(3));
 * console.log(sparse.loadNpz('/tmp/legate-example.npz').nnz);
 * // 3
 * ```
 */
export function saveNpz(path: string, matrix: csrArray | cscArray | cooArray | diaArray, options: { compressed?: boolean } = {}): void {
  if (typeof path !== 'string') throw new DTypeError('path', `save_npz: expected a file path, got ${typeof path}`);
  if (!(matrix instanceof csrArray || matrix instanceof cscArray || matrix instanceof cooArray || matrix instanceof diaArray)) throw new DTypeError('matrix', 'save_npz: expected a csrArray, cscArray, cooArray or diaArray');
  const { compressed = true } = checkOptions(options, ['compressed'], 'save_npz');
  if (typeof compressed !== 'boolean') throw new DTypeError('compressed', `save_npz: expected a boolean, got ${typeof compressed}`);
  const part = (a: np.ndarray) => npy(DESCR[a.dtype.name]!, a.ndim === 2 ? [...a.shape] : [a.size], bytesOf(a.toArray()));
  const shape = new BigInt64Array(matrix.shape.map((e) => BigInt(e)));
  const structure: [string, Uint8Array][] =
    matrix instanceof diaArray
      ? [['offsets.npy', part(matrix.offsets)]]
      : matrix instanceof cooArray
      ? [
          ['row.npy', part(matrix.row)],
          ['col.npy', part(matrix.col)],
        ]
      : [
          ['indices.npy', part(matrix.indices)],
          ['indptr.npy', part(matrix.indptr)],
        ];
  const files: [string, Uint8Array][] = [
    ...structure,
    ['format.npy', npy('|S3', [], Buffer.from(matrix.format, 'latin1'))],
    ['shape.npy', npy('<i8', [2], bytesOf(shape))],
    ['data.npy', part(matrix.data)],
    // SciPy reads a matrix saved with this flag back as a sparse array (csr_array), not a csr_matrix.
    ['_is_array.npy', npy('|b1', [], new Uint8Array([1]))],
  ];
  writeFileSync(path, zip(files, compressed));
}

/**
 * Reads a matrix SciPy's `save_npz` wrote, in the format it was saved in: a csrArray, cscArray
 * or cooArray (a coo file's entries as stored, duplicates kept).
 *
 * @example
 * ```ts
 * sparse.saveNpz('/tmp/legate-example-2.npz', sparse.eye(2, 2, 1).tocsc());
 * const B = sparse.loadNpz('/tmp/legate-example-2.npz');
 * console.log(B.format, B.toarray());
 * // csc array([[0., 1.],
 * //        [0., 0.]])
 * ```
 */
export function loadNpz(path: string): csrArray | cscArray | cooArray | diaArray {
  if (typeof path !== 'string') throw new DTypeError('path', `load_npz: expected a file path, got ${typeof path}`);
  const files = unzip(readFileSync(path));
  const entry = (name: string) => {
    const bytes = files.get(`${name}.npy`);
    if (!bytes) throw new NpzError('file', `load_npz: the archive has no '${name}' array (it holds ${[...files.keys()].join(', ') || 'nothing'})`);
    return parseNpy(bytes, `${name}.npy`);
  };
  const formatArray = entry('format');
  const format = stringOf(formatArray);
  const shape = tidy(() => Array.from(arrayOf(entry('shape'), 'shape.npy').toArray() as ArrayLike<number | bigint>, Number));
  if (shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0)) throw new NpzError('file', `load_npz: expected a 2-D shape, got (${shape.join(', ')})`);
  const [rows, cols] = shape as [number, number];
  return tidy(() => {
    const data = arrayOf(entry('data'), 'data.npy');
    if (format === 'csr') return new csrArray([data, arrayOf(entry('indices'), 'indices.npy'), arrayOf(entry('indptr'), 'indptr.npy')], { shape: [rows, cols] });
    if (format === 'csc') return new cscArray([data, arrayOf(entry('indices'), 'indices.npy'), arrayOf(entry('indptr'), 'indptr.npy')], { shape: [rows, cols] });
    if (format === 'coo') {
      const row = arrayOf(files.has('row.npy') ? entry('row') : entry('coords0'), 'row.npy');
      const col = arrayOf(files.has('col.npy') ? entry('col') : entry('coords1'), 'col.npy');
      return new cooArray([data, [row, col]], { shape: [rows, cols] });
    }
    if (format === 'dia') return new diaArray([data, arrayOf(entry('offsets'), 'offsets.npy')], { shape: [rows, cols] });
    throw new NpzError('file', `load_npz: the matrix is stored as '${format}'; csr, csc, coo and dia are read`);
  });
}
