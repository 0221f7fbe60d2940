// Matrix Market files (https://math.nist.gov/MatrixMarket/formats.html), as SciPy's mmread and
// mmwrite: coordinate (sparse) and array (dense) matrices of real, integer, complex or pattern
// entries, general or symmetric, skew-symmetric or Hermitian.
import { readFileSync, writeFileSync } from 'node:fs';

import { checkOptions, DTypeError, tidy, dtype as toDType, type DType, type TypedArray } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from './args.js';
import { csrArray, fromCoo } from './csr.js';
import type { Values } from './host.js';

/** A Matrix Market file could not be read: the message names the line. */
export class MatrixMarketError extends np.ValueError {
  override name = 'MatrixMarketError';
}

const FIELDS = ['real', 'double', 'integer', 'complex', 'pattern'] as const;
const SYMMETRIES = ['general', 'symmetric', 'skew-symmetric', 'hermitian'] as const;

/**
 * Reads a Matrix Market file: a csrArray for coordinate files, a dense ndarray for array files.
 *
 * @example
 * ```ts
 * sparse.mmwrite('/tmp/legate-example-2.mtx', sparse.eye(2, 3, 1));
 * const A = sparse.mmread('/tmp/legate-example-2.mtx') as sparse.csrArray;
 * console.log(A.shape, A.nnz);
 * // [ 2, 3 ] 2
 * ```
 */
export function mmread(path: string): csrArray | np.ndarray {
  noMorePositional('mmread', arguments, 1, ['spmatrix'], 'mmread takes only the path');
  if (typeof path !== 'string') throw new DTypeError('path', `expected a file path, got ${typeof path}`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const fail = (line: number, message: string): never => {
    throw new MatrixMarketError('path', `${path}:${line + 1}: ${message}`);
  };
  const banner = lines[0]?.trim().split(/\s+/) ?? [];
  if (banner[0]?.toLowerCase() !== '%%matrixmarket' || banner[1]?.toLowerCase() !== 'matrix') fail(0, 'expected the banner "%%MatrixMarket matrix <format> <field> <symmetry>"');
  const format = banner[2]?.toLowerCase();
  const field = banner[3]?.toLowerCase() as (typeof FIELDS)[number];
  const symmetry = banner[4]?.toLowerCase() as (typeof SYMMETRIES)[number];
  if (format !== 'coordinate' && format !== 'array') fail(0, `unknown format '${banner[2]}' (coordinate or array)`);
  if (!FIELDS.includes(field)) fail(0, `unknown field '${banner[3]}' (${FIELDS.join(', ')})`);
  if (!SYMMETRIES.includes(symmetry)) fail(0, `unknown symmetry '${banner[4]}' (${SYMMETRIES.join(', ')})`);
  if (format === 'array' && field === 'pattern') fail(0, 'an array file cannot hold a pattern');
  let at = 1;
  while (at < lines.length && (lines[at]!.startsWith('%') || lines[at]!.trim() === '')) at++;
  const size = (lines[at] ?? '').trim().split(/\s+/).map(Number);
  const complex = field === 'complex';
  const t = toDType(complex ? 'complex128' : field === 'integer' ? 'int64' : 'float64');
  const entryWidth = complex ? 2 : field === 'pattern' ? 0 : 1;
  const tokens: string[][] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    tokens.push(line.split(/\s+/));
    (tokens.at(-1) as string[] & { line?: number }).line = i;
  }
  const number = (text: string | undefined, line: number): number => {
    const v = Number(text);
    if (text === undefined || Number.isNaN(v)) fail(line, `expected a number, got '${text ?? ''}'`);
    return v;
  };
  if (format === 'array') {
    const [m, n] = size;
    if (size.length !== 2 || !Number.isSafeInteger(m) || !Number.isSafeInteger(n)) fail(at, 'expected "rows columns"');
    const values = new t.arrayType(m! * n! * t.lanes) as Values;
    // Column-major; symmetric files hold the lower triangle only.
    let k = 0;
    for (let j = 0; j < n!; j++) {
      for (let i = symmetry === 'general' ? 0 : j + (symmetry === 'skew-symmetric' ? 1 : 0); i < m!; i++, k++) {
        const row = tokens[k] as (string[] & { line: number }) | undefined;
        if (!row) fail(lines.length - 1, `expected ${m! * n!} values, the file ends after ${k}`);
        for (let l = 0; l < t.lanes; l++) {
          const v = number(row![l], row!.line);
          set(values, (i * n! + j) * t.lanes + l, v, t.isBigInt);
          if (i !== j && symmetry !== 'general') {
            const mirrored = symmetry === 'skew-symmetric' || (symmetry === 'hermitian' && l === 1) ? -v : v;
            set(values, (j * n! + i) * t.lanes + l, mirrored, t.isBigInt);
          }
        }
      }
    }
    const out = np.empty([m!, n!], t);
    if (values.length) out.store.write(values);
    return out;
  }
  const [m, n, entries] = size;
  if (size.length !== 3 || ![m, n, entries].every(Number.isSafeInteger)) fail(at, 'expected "rows columns entries"');
  if (tokens.length !== entries) fail(lines.length - 1, `expected ${entries} entries, found ${tokens.length}`);
  const mirror = symmetry !== 'general';
  const capacity = entries! * (mirror ? 2 : 1);
  const rows = new Float64Array(capacity);
  const cols = new Float64Array(capacity);
  const values = new t.arrayType(capacity * t.lanes) as Values;
  let e = 0;
  for (const row of tokens as (string[] & { line: number })[]) {
    const i = number(row[0], row.line) - 1;
    const j = number(row[1], row.line) - 1;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || i >= m! || j < 0 || j >= n!) fail(row.line, `entry (${i + 1}, ${j + 1}) is outside the ${m} × ${n} matrix`);
    if (row.length < 2 + entryWidth) fail(row.line, `expected ${2 + entryWidth} fields`);
    const entry = [entryWidth ? number(row[2], row.line) : 1, complex ? number(row[3], row.line) : 0];
    rows[e] = i;
    cols[e] = j;
    for (let l = 0; l < t.lanes; l++) set(values, e * t.lanes + l, entry[l]!, t.isBigInt);
    e++;
    if (mirror && i !== j) {
      rows[e] = j;
      cols[e] = i;
      for (let l = 0; l < t.lanes; l++) {
        const v = symmetry === 'skew-symmetric' || (symmetry === 'hermitian' && l === 1) ? -entry[l]! : entry[l]!;
        set(values, e * t.lanes + l, v, t.isBigInt);
      }
      e++;
    }
  }
  // The entries as arrays; sorting them into rows and summing duplicates are tasks.
  return tidy(() => {
    const array = (data: TypedArray, type: DType, count: number) => {
      const a = np.empty([count], type);
      if (count) a.store.write(data);
      return a;
    };
    const float = toDType('float64');
    const r = array(rows.subarray(0, e), float, e).astype('int64');
    const c = array(cols.subarray(0, e), float, e).astype('int64');
    return fromCoo(m!, n!, r, c, array(values.subarray(0, e * t.lanes), t, e));
  });
}

function set(values: Values, index: number, v: number, big: boolean): void {
  values[index] = big ? BigInt(v) : v;
}

/**
 * Writes a sparse matrix (coordinate, general) or a dense 2-D array (array format). As SciPy's
 * `mmwrite(target, a, comment=None, ...)`, the comment may come third.
 *
 * @example
 * ```ts
 * sparse.mmwrite('/tmp/legate-example.mtx', sparse.diags([[1, 2]], [0], { shape: [2, 2] }));
 * console.log((sparse.mmread('/tmp/legate-example.mtx') as sparse.csrArray).toarray());
 * // array([[1., 0.],
 * //        [0., 2.]])
 * ```
 */
export function mmwrite(path: string, matrix: csrArray | np.ndarray, options?: { comment?: string } | string): void {
  noMorePositional('mmwrite', arguments, 3, ['field', 'precision', 'symmetry'], 'only the comment is supported');
  if (typeof path !== 'string') throw new DTypeError('path', `expected a file path, got ${typeof path}`);
  if (typeof options === 'string') options = { comment: options };
  options = checkOptions(options, ['comment'], 'mmwrite');
  if (options.comment !== undefined && typeof options.comment !== 'string') throw new DTypeError('comment', `mmwrite: expected a string, got ${typeof options.comment}`);
  const t = matrix.dtype;
  const field = t.isComplex ? 'complex' : t.isInteger || t.kind === 'b' ? 'integer' : 'real';
  const format = (v: number | bigint) => (typeof v === 'bigint' ? v.toString() : t.isInteger || t.kind === 'b' ? String(v) : formatReal(v));
  const comment = options.comment ? options.comment.split('\n').map((c) => `%${c}\n`).join('') : '';
  const out: string[] = [];
  if (matrix instanceof csrArray) {
    const h = matrix.toHost();
    const v = h.values as Values;
    out.push(`%%MatrixMarket matrix coordinate ${field} general\n${comment}${h.rows} ${h.cols} ${h.indices.length}\n`);
    for (let i = 0; i < h.rows; i++) {
      for (let k = h.indptr[i]!; k < h.indptr[i + 1]!; k++) {
        const entry = t.lanes === 2 ? `${format(v[2 * k]!)} ${format(v[2 * k + 1]!)}` : format(v[k]!);
        out.push(`${i + 1} ${h.indices[k]! + 1} ${entry}\n`);
      }
    }
  } else if (matrix instanceof np.ndarray && matrix.ndim === 2) {
    const [m, n] = matrix.shape as [number, number];
    const v = matrix.toArray() as Values;
    out.push(`%%MatrixMarket matrix array ${field} general\n${comment}${m} ${n}\n`);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) {
        const k = i * n + j;
        out.push(t.lanes === 2 ? `${format(v[2 * k]!)} ${format(v[2 * k + 1]!)}\n` : `${format(v[k]!)}\n`);
      }
    }
  } else {
    throw new DTypeError('matrix', 'expected a csrArray or a 2-D ndarray');
  }
  writeFileSync(path, out.join(''));
}

/** The shortest text that reads back as the same float64. */
function formatReal(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
}
