// CSR structure on the host: conversions and structural operations (COO → CSR with duplicates
// summed, transpose, merges, products) over typed arrays, in the matrix's value type. These run
// on one thread; the operations that dominate solvers (SpMV, vector updates) are tasks.
import type { DType, TypedArray } from '@legate/core';

/** A CSR matrix's parts on the host: indices as float64 numbers, values with `lanes` per entry. */
export interface HostCsr {
  rows: number;
  cols: number;
  indptr: Float64Array;
  indices: Float64Array;
  values: TypedArray;
  dtype: DType;
}

/** A typed array of values indexed as numbers or bigints (one type's, lanes interleaved). */
export type Values = TypedArray & { [i: number]: number | bigint };

/** Arithmetic on entries of one value type (complex: two lanes; bool: logical). */
export class ValueOps {
  readonly lanes: number;
  readonly bool: boolean;
  readonly zero: number | bigint;
  constructor(readonly dtype: DType) {
    this.lanes = dtype.lanes;
    this.bool = dtype.kind === 'b';
    this.zero = dtype.isBigInt ? 0n : 0;
  }

  alloc(count: number): Values {
    return new this.dtype.arrayType(count * this.lanes) as Values;
  }

  copy(dst: Values, i: number, src: Values, j: number): void {
    for (let l = 0; l < this.lanes; l++) dst[i * this.lanes + l] = src[j * this.lanes + l]!;
  }

  /** dst[i] += sign · src[j] */
  accumulate(dst: Values, i: number, src: Values, j: number, sign = 1): void {
    if (this.bool) {
      dst[i] = dst[i] || src[j] ? 1 : 0;
      return;
    }
    for (let l = 0; l < this.lanes; l++) {
      const k = i * this.lanes + l;
      const v = src[j * this.lanes + l]!;
      (dst as unknown as number[])[k] = sign > 0 ? (dst[k] as number) + (v as number) : (dst[k] as number) - (v as number);
    }
  }

  /** dst[i] = sign · src[j] */
  assign(dst: Values, i: number, src: Values, j: number, sign = 1): void {
    if (sign > 0 || this.bool) return this.copy(dst, i, src, j);
    for (let l = 0; l < this.lanes; l++) (dst as unknown as number[])[i * this.lanes + l] = -(src[j * this.lanes + l] as number);
  }

  /** dst[i] += a[j] · b[k] */
  multiplyAdd(dst: Values, i: number, a: Values, j: number, b: Values, k: number): void {
    if (this.lanes === 2) {
      const [ar, ai, br, bi] = [a[2 * j] as number, a[2 * j + 1] as number, b[2 * k] as number, b[2 * k + 1] as number];
      (dst as unknown as number[])[2 * i] = (dst[2 * i] as number) + ar * br - ai * bi;
      (dst as unknown as number[])[2 * i + 1] = (dst[2 * i + 1] as number) + ar * bi + ai * br;
    } else if (this.bool) {
      dst[i] = dst[i] || (a[j] && b[k]) ? 1 : 0;
    } else {
      (dst as unknown as number[])[i] = (dst[i] as number) + (a[j] as number) * (b[k] as number);
    }
  }

  isZero(v: Values, i: number): boolean {
    for (let l = 0; l < this.lanes; l++) if (v[i * this.lanes + l] != this.zero) return false; // eslint-disable-line eqeqeq
    return true;
  }
}

/**
 * CSR from coordinates: rows sorted, columns sorted within each row, duplicates summed (SciPy's
 * `tocsr` of a COO matrix). A counting sort by column, then a stable one by row.
 */
export function fromCoo(
  rows: number,
  cols: number,
  r: Float64Array,
  c: Float64Array,
  values: Values,
  dtype: DType,
  sumDuplicates = true,
  columnsInOrder = false,
): HostCsr {
  const ops = new ValueOps(dtype);
  const nnz = r.length;
  // Entries already in column order (a transpose's) need only the stable sort by row.
  const order = countingOrder(r, rows, columnsInOrder ? null : countingOrder(c, cols, null));
  const indptr = new Float64Array(rows + 1);
  const indices = new Float64Array(nnz);
  const out = ops.alloc(nnz);
  let k = 0;
  let row = 0;
  const plain = ops.lanes === 1 && !ops.bool;
  const source = values as unknown as number[];
  const target = out as unknown as number[];
  for (let q = 0; q < nnz; q++) {
    const e = order[q]!;
    const ri = r[e]!;
    while (row < ri) indptr[++row] = k;
    if (sumDuplicates && k > indptr[row]! && indices[k - 1] === c[e]) {
      if (plain) target[k - 1] = target[k - 1]! + source[e]!;
      else ops.accumulate(out, k - 1, values, e);
    } else {
      indices[k] = c[e]!;
      if (plain) target[k] = source[e]!;
      else ops.copy(out, k, values, e);
      k++;
    }
  }
  while (row < rows) indptr[++row] = k;
  return { rows, cols, indptr, indices: k === nnz ? indices : indices.slice(0, k), values: k === nnz ? out : out.slice(0, k * ops.lanes), dtype };
}

/** A stable counting sort of positions by `keys` (in [0, extent)), after `within` if given. */
function countingOrder(keys: Float64Array, extent: number, within: Uint32Array | null): Uint32Array {
  const counts = new Uint32Array(extent + 1);
  for (let i = 0; i < keys.length; i++) counts[keys[i]! + 1]!++;
  for (let i = 0; i < extent; i++) counts[i + 1]! += counts[i]!;
  const order = new Uint32Array(keys.length);
  for (let q = 0; q < keys.length; q++) {
    const i = within ? within[q]! : q;
    order[counts[keys[i]!]!++] = i;
  }
  return order;
}

/** The row index of every entry. */
export function expandRows(a: HostCsr): Float64Array {
  const r = new Float64Array(a.indices.length);
  for (let i = 0; i < a.rows; i++) r.fill(i, a.indptr[i]!, a.indptr[i + 1]!);
  return r;
}

/** Whether column indices increase strictly within every row (SciPy's canonical format). */
export function isCanonical(a: HostCsr): boolean {
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.indptr[i]! + 1; k < a.indptr[i + 1]!; k++) if (a.indices[k - 1]! >= a.indices[k]!) return false;
  }
  return true;
}

/** Columns sorted within rows; duplicates summed when asked. */
export function canonical(a: HostCsr, sumDuplicates = true): HostCsr {
  return fromCoo(a.rows, a.cols, expandRows(a), a.indices, a.values as Values, a.dtype, sumDuplicates);
}

export function transpose(a: HostCsr): HostCsr {
  return fromCoo(a.cols, a.rows, a.indices, expandRows(a), a.values as Values, a.dtype, false, true);
}

/**
 * Entry-wise `a op b` over the union (add, subtract) or intersection (multiply) of the
 * structures, both canonical. Zeros of the result are dropped, as SciPy drops them.
 */
export function merge(a: HostCsr, b: HostCsr, op: 'add' | 'subtract' | 'multiply'): HostCsr {
  const ops = new ValueOps(a.dtype);
  const av = a.values as Values;
  const bv = b.values as Values;
  const cap = op === 'multiply' ? Math.min(a.indices.length, b.indices.length) : a.indices.length + b.indices.length;
  const indptr = new Float64Array(a.rows + 1);
  const indices = new Float64Array(cap);
  const out = ops.alloc(cap);
  const scratch = ops.alloc(1);
  const plain = ops.lanes === 1 && !ops.bool;
  const [a1, b1, o1] = [av as unknown as number[], bv as unknown as number[], out as unknown as number[]];
  const zero = ops.zero as number;
  let k = 0;
  for (let i = 0; i < a.rows; i++) {
    let p = a.indptr[i]!;
    let q = b.indptr[i]!;
    const pe = a.indptr[i + 1]!;
    const qe = b.indptr[i + 1]!;
    while (p < pe || q < qe) {
      const ca = p < pe ? a.indices[p]! : Infinity;
      const cb = q < qe ? b.indices[q]! : Infinity;
      if (op === 'multiply') {
        if (ca === cb) {
          scratch.fill(ops.zero as never);
          ops.multiplyAdd(scratch, 0, av, p, bv, q);
          if (!ops.isZero(scratch, 0)) {
            indices[k] = ca;
            ops.copy(out, k++, scratch, 0);
          }
          p++;
          q++;
        } else if (ca < cb) p++;
        else q++;
        continue;
      }
      if (plain) {
        // One lane, numbers or bigints: the arithmetic inline.
        let v: number;
        if (ca === cb) {
          v = op === 'add' ? (a1[p] as number) + (b1[q] as number) : (a1[p] as number) - (b1[q] as number);
          indices[k] = ca;
          p++;
          q++;
        } else if (ca < cb) {
          v = a1[p++] as number;
          indices[k] = ca;
        } else {
          v = op === 'add' ? (b1[q++] as number) : -(b1[q++] as number);
          indices[k] = cb;
        }
        o1[k] = v;
        if (v != zero) k++; // eslint-disable-line eqeqeq
        continue;
      }
      if (ca === cb) {
        ops.copy(out, k, av, p);
        ops.accumulate(out, k, bv, q, op === 'add' ? 1 : -1);
        indices[k] = ca;
        p++;
        q++;
      } else if (ca < cb) {
        ops.copy(out, k, av, p++);
        indices[k] = ca;
      } else {
        ops.assign(out, k, bv, q++, op === 'add' ? 1 : -1);
        indices[k] = cb;
      }
      if (!ops.isZero(out, k)) k++;
    }
    indptr[i + 1] = k;
  }
  return { rows: a.rows, cols: a.cols, indptr, indices: indices.slice(0, k), values: out.slice(0, k * ops.lanes), dtype: a.dtype };
}

/** a · b (Gustavson's row-by-row product with a dense accumulator), columns sorted, zeros dropped. */
export function product(a: HostCsr, b: HostCsr): HostCsr {
  const ops = new ValueOps(a.dtype);
  const av = a.values as Values;
  const bv = b.values as Values;
  const marker = new Float64Array(b.cols).fill(-1);
  const accumulator = ops.alloc(b.cols);
  const indptr = new Float64Array(a.rows + 1);
  let indices: Float64Array = new Float64Array(Math.max(16, a.indices.length + b.indices.length));
  let out = ops.alloc(indices.length);
  let k = 0;
  const row: number[] = [];
  for (let i = 0; i < a.rows; i++) {
    row.length = 0;
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const j = a.indices[p]!;
      for (let q = b.indptr[j]!; q < b.indptr[j + 1]!; q++) {
        const c = b.indices[q]!;
        if (marker[c] !== i) {
          marker[c] = i;
          row.push(c);
          for (let l = 0; l < ops.lanes; l++) (accumulator as unknown as (number | bigint)[])[c * ops.lanes + l] = ops.zero;
        }
        ops.multiplyAdd(accumulator, c, av, p, bv, q);
      }
    }
    row.sort((x, y) => x - y);
    if (k + row.length > indices.length) {
      const grown = Math.max(2 * indices.length, k + row.length);
      indices = growFloat(indices, grown);
      const bigger = ops.alloc(grown);
      bigger.set(out as never);
      out = bigger;
    }
    for (const c of row) {
      if (ops.isZero(accumulator, c)) continue; // as SciPy, products that cancel are not stored
      indices[k] = c;
      ops.copy(out, k++, accumulator, c);
    }
    indptr[i + 1] = k;
  }
  return { rows: a.rows, cols: b.cols, indptr, indices: indices.slice(0, k), values: out.slice(0, k * ops.lanes), dtype: a.dtype };
}

function growFloat(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** Drops stored zeros (SciPy's `eliminate_zeros`). */
export function withoutZeros(a: HostCsr): HostCsr {
  const ops = new ValueOps(a.dtype);
  const v = a.values as Values;
  const indptr = new Float64Array(a.rows + 1);
  const indices = new Float64Array(a.indices.length);
  const out = ops.alloc(a.indices.length);
  let k = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      if (ops.isZero(v, p)) continue;
      indices[k] = a.indices[p]!;
      ops.copy(out, k++, v, p);
    }
    indptr[i + 1] = k;
  }
  return { ...a, indptr, indices: indices.slice(0, k), values: out.slice(0, k * ops.lanes) };
}

/** The dense matrix (C order), duplicates summed. */
export function toDense(a: HostCsr): TypedArray {
  const ops = new ValueOps(a.dtype);
  const out = ops.alloc(a.rows * a.cols);
  const v = a.values as Values;
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) ops.accumulate(out, i * a.cols + a.indices[p]!, v, p);
  }
  return out;
}

/** The nonzeros of a dense matrix (C order), in CSR. */
export function fromDense(values: TypedArray, rows: number, cols: number, dtype: DType): HostCsr {
  const ops = new ValueOps(dtype);
  const v = values as Values;
  let nnz = 0;
  for (let e = 0; e < rows * cols; e++) if (!ops.isZero(v, e)) nnz++;
  const indptr = new Float64Array(rows + 1);
  const indices = new Float64Array(nnz);
  const out = ops.alloc(nnz);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (ops.isZero(v, i * cols + j)) continue;
      indices[k] = j;
      ops.copy(out, k++, v, i * cols + j);
    }
    indptr[i + 1] = k;
  }
  return { rows, cols, indptr, indices, values: out, dtype };
}
