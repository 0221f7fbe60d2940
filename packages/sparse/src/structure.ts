// CSR structure as tasks (native/sparse/src/structure.cc): every operation here launches over
// blocks of rows, or, for the scatters that regroup entries by row, one native piece; nothing
// loops over entries in JavaScript. A row task writes how many entries each result row has and
// the rows' entries into unbound stores the runtime joins in row-block order: the result's
// column indices and values in CSR order, with indptr the running sum of the counts.
import { align, AutoTask, broadcast, dtype as toDType, image, LogicalStore, Scalar, scale, split, tidy, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import { library } from './native.js';
import { Task } from './tasks.js';

/** A CSR matrix's parts as row tasks take them. */
export interface Parts {
  readonly rows: number;
  readonly cols: number;
  readonly data: np.ndarray;
  readonly indices: np.ndarray;
  readonly indptr: np.ndarray;
  /** Row i's [start, end): the (rows, 2) window over indptr. */
  readonly pos: LogicalStore;
  /** Row blocks to keep (a `nonzeros` row split), or undefined for the solver's own. */
  readonly offsets?: readonly number[];
}

/** The parts of a new CSR matrix. */
export interface NewParts {
  readonly data: np.ndarray;
  readonly indices: np.ndarray;
  readonly indptr: np.ndarray;
}

const INT64 = toDType('int64');

/** SciPy's index type: int32 while every index and count fits, else int64. */
export function indexType(...maxima: number[]): DType {
  return toDType(maxima.every((m) => m < 2 ** 31) ? 'int32' : 'int64');
}

/** A (rows, 1) view of the row starts: the key a row task without a row output splits. */
function rowKey(m: Parts): LogicalStore {
  return m.indptr.store.slice(0, 0, m.rows).delinearize(0, [m.rows, 1]);
}

/** A's row block (pos) and the entries it spans (crd, vals) as inputs. */
function addRows(task: AutoTask, m: Parts): AutoTask {
  return task.addInput(m.pos).addInput(m.indices.store).addInput(m.data.store);
}

/** A's rows follow `key`'s, its entries its rows (once every argument is added). */
function followRows(task: AutoTask, key: LogicalStore, m: Parts): AutoTask {
  return task
    .addConstraint(scale([1, 2], key, m.pos))
    .addConstraint(image(m.pos, m.indices.store, 'range'))
    .addConstraint(image(m.pos, m.data.store, 'range'));
}

function keepSplit(task: AutoTask, key: LogicalStore, m: Parts): void {
  if (m.offsets) task.addConstraint(split(key, m.offsets));
}

/** Row i's [start, end) of `indptr` (rows + 1 values) as a (rows, 2) window. */
export function windowOf(indptr: np.ndarray): LogicalStore {
  return indptr.size > 1 ? indptr.store.slidingWindow(0, 2) : LogicalStore.create([0, 2], indptr.dtype);
}

/** indptr from entries per row: 0, then their running sum, in `t`. */
function pointers(counts: np.ndarray, t: DType): np.ndarray {
  return tidy(() => {
    const ptr = np.concatenate([np.zeros([1], INT64), np.cumsum(counts)]);
    return ptr.dtype === t ? ptr : ptr.astype(t);
  });
}

/**
 * Runs a row task that writes (counts, indices, values): `inputs` adds its inputs and
 * constraints after the outputs. The result's indices are of `t` (int64 when `t` is null,
 * narrowed to int32 afterwards where SciPy would).
 */
function rowTask(m: Parts, id: Task, valueType: DType, t: DType | null, cols: number, inputs: (task: AutoTask, key: LogicalStore) => void, scalars: Scalar[] = []): NewParts {
  if (m.rows === 0) {
    return { data: np.empty([0], valueType), indices: np.empty([0], t ?? toDType('int32')), indptr: np.zeros([1], t ?? toDType('int32')) };
  }
  const wide = t ?? INT64;
  const counts = LogicalStore.create([m.rows, 1], INT64);
  const crd = LogicalStore.createUnbound(wide);
  const vals = LogicalStore.createUnbound(valueType);
  const task = new AutoTask(library, id).addOutput(counts).addOutput(crd).addOutput(vals);
  inputs(task, counts);
  keepSplit(task, counts, m);
  for (const s of scalars) task.addScalar(s);
  task.execute();
  let indices = np.fromStore(crd);
  const data = np.fromStore(vals);
  let index = wide;
  if (t === null) {
    index = indexType(m.rows, cols, data.size);
    if (index !== wide) {
      const narrow = indices.astype(index);
      indices.store.dispose();
      indices = narrow;
    }
  }
  const indptr = tidy(() => pointers(np.fromStore(counts.project(1, 0)), index));
  counts.dispose();
  return { data, indices, indptr };
}

/** Columns sorted within each row; duplicates summed when `sum` (SciPy's `sum_duplicates`). */
export function sortRows(m: Parts, sum: boolean): NewParts {
  const t = indexType(m.rows, m.cols, m.data.size);
  return rowTask(m, Task.RowCanonical, m.data.dtype, t, m.cols, (task, key) => followRows(addRows(task, m), key, m), [new Scalar(sum ? 1 : 0, 'int32')]);
}

/** The entries that are not zero (SciPy's `eliminate_zeros`). */
export function nonzeros(m: Parts): NewParts {
  const t = indexType(m.rows, m.cols, m.data.size);
  return rowTask(m, Task.RowNonzeros, m.data.dtype, t, m.cols, (task, key) => followRows(addRows(task, m), key, m));
}

const MERGE_OPS = { add: 0, subtract: 1, multiply: 2, maximum: 3, minimum: 4 } as const;

/** Entry-wise a op b of two canonical matrices of one shape and value type; zeros not stored. */
export function merge(a: Parts, b: Parts, op: keyof typeof MERGE_OPS): NewParts {
  const bound = op === 'multiply' ? Math.min(a.data.size, b.data.size) : a.data.size + b.data.size;
  const t = indexType(a.rows, a.cols, bound);
  return rowTask(
    a,
    Task.RowMerge,
    a.data.dtype,
    t,
    a.cols,
    (task, key) => {
      addRows(addRows(task, a), b);
      followRows(followRows(task, key, a), key, b);
    },
    [new Scalar(MERGE_OPS[op], 'int32')],
  );
}

/** a · b of matrices of one value type (b's columns `cols`): b whole on every piece. */
export function product(a: Parts, b: Parts): NewParts {
  return rowTask(
    a,
    Task.RowProduct,
    a.data.dtype,
    null,
    b.cols,
    (task, key) => {
      // B whole on every piece, through views of its own (B may be A, whose parts are split).
      const whole = (x: LogicalStore) => x.slice(0, 0, x.shape[0]!);
      const bp = { ...b, pos: whole(b.pos), indices: np.fromStore(whole(b.indices.store)), data: np.fromStore(whole(b.data.store)) };
      addRows(addRows(task, a), bp);
      followRows(task, key, a);
      task.addConstraint(broadcast(bp.pos)).addConstraint(broadcast(bp.indices.store)).addConstraint(broadcast(bp.data.store));
    },
    [new Scalar(b.cols, 'int64')],
  );
}

/**
 * The Kronecker product of canonical a and b of one value type: row i·bm + p holds a's row i
 * times b's row p, built by blocks of a's rows (b whole on every piece), already canonical.
 */
export function kron(a: Parts, b: Parts): NewParts {
  const [rows, cols, nnz] = [a.rows * b.rows, a.cols * b.cols, a.data.size * b.data.size];
  const t = indexType(rows, cols, nnz);
  if (rows === 0 || nnz === 0) {
    return { data: np.empty([0], a.data.dtype), indices: np.empty([0], t), indptr: np.zeros([rows + 1], t) };
  }
  const counts = LogicalStore.create([a.rows, b.rows], INT64);
  const crd = LogicalStore.createUnbound(t);
  const vals = LogicalStore.createUnbound(a.data.dtype);
  tidy(() => {
    const whole = (x: LogicalStore) => x.slice(0, 0, x.shape[0]!);
    const bp = { ...b, pos: whole(b.pos), indices: np.fromStore(whole(b.indices.store)), data: np.fromStore(whole(b.data.store)) };
    const key = rowKey(a);
    const task = addRows(addRows(new AutoTask(library, Task.Kron).addOutput(counts).addOutput(crd).addOutput(vals), a), bp).addInput(key);
    followRows(task, key, a).addConstraint(scale([1, b.rows], key, counts));
    task.addConstraint(broadcast(bp.pos)).addConstraint(broadcast(bp.indices.store)).addConstraint(broadcast(bp.data.store));
    keepSplit(task, key, a);
    task.addScalar(new Scalar(b.cols, 'int64')).execute();
  });
  const indptr = tidy(() => pointers(np.ravel(np.fromStore(counts)), t));
  counts.dispose();
  return { data: np.fromStore(vals), indices: np.fromStore(crd), indptr };
}

/** y = A·x for a dense (cols, k) x into y (rows, k), both of A's value type: one launch. */
export function spmm(m: Parts, x: LogicalStore, y: LogicalStore): void {
  if (m.rows === 0 || y.shape[1] === 0) return;
  tidy(() => {
    const key = rowKey(m);
    const task = addRows(new AutoTask(library, Task.Spmm).addOutput(y), m).addInput(x).addInput(key);
    followRows(task, key, m).addConstraint(scale([1, y.shape[1]!], key, y)).addConstraint(broadcast(x));
    keepSplit(task, key, m);
    task.execute();
  });
}

/** The entries on or below (`upper` false) or on or above diagonal k, explicit zeros kept. */
export function band(m: Parts, upper: boolean, k: number): NewParts {
  const t = indexType(m.rows, m.cols, m.data.size);
  return rowTask(m, Task.RowBand, m.data.dtype, t, m.cols, (task, key) => followRows(addRows(task, m), key, m), [new Scalar(upper ? 1 : 0, 'int32'), new Scalar(k, 'int64')]);
}

/** a's rows followed by b's (same rows, one value type), b's columns shifted by a's: hstack. */
export function concatColumns(a: Parts, b: Parts): NewParts {
  const t = indexType(a.rows, a.cols + b.cols, a.data.size + b.data.size);
  return rowTask(
    a,
    Task.RowConcat,
    a.data.dtype,
    t,
    a.cols + b.cols,
    (task, key) => {
      addRows(addRows(task, a), b);
      followRows(followRows(task, key, a), key, b);
    },
    [new Scalar(a.cols, 'int64')],
  );
}

export interface ExtremeOptions {
  /** The largest (else the smallest). */
  largest: boolean;
  /** NaN ignored, as NumPy's fmax / fmin (else it propagates). */
  skipNan?: boolean;
  /** Stored entries only (else a row's implicit zeros take part). */
  storedOnly?: boolean;
  /** Also each row's first column that holds the extreme (int64). */
  withColumns?: boolean;
}

/**
 * Each row's extreme value of a canonical matrix (0 for a row without entries), and with
 * `withColumns` the first column that holds it, an implicit zero's counted (NumPy's argmax /
 * argmin of the row).
 */
export function rowExtreme(m: Parts, options: ExtremeOptions): { values: np.ndarray; columns?: np.ndarray } {
  return tidy(() => {
    const out = np.empty([m.rows, 1], m.data.dtype);
    const task = addRows(new AutoTask(library, Task.RowExtreme).addOutput(out.store), m);
    followRows(task, out.store, m);
    keepSplit(task, out.store, m);
    let columns: np.ndarray | undefined;
    if (options.withColumns) {
      columns = np.empty([m.rows, 1], 'int64');
      task.addOutput(columns.store).addConstraint(align(columns.store, out.store));
    }
    const flags = (options.largest ? 1 : 0) | (options.skipNan ? 2 : 0) | (options.storedOnly ? 4 : 0);
    task.addScalar(new Scalar(flags, 'int32')).addScalar(new Scalar(m.cols, 'int64')).execute();
    return columns ? { values: np.ravel(out), columns: np.ravel(columns) } : { values: np.ravel(out) };
  });
}

/**
 * The rows `picked` (int64, in range) of a canonical matrix, and in each the columns of the slice
 * start:stop:step (normalised, as a slice's indices), renumbered: A[picked, start:stop:step].
 */
export function gatherRows(m: Parts, picked: np.ndarray, start: number, stop: number, step: number, cols: number): NewParts {
  const rows = picked.size;
  const sel = picked.reshape(rows, 1);
  // Rows may repeat: the result's size is known only afterwards (int64 indices, narrowed then).
  return rowTask({ ...m, rows, offsets: undefined }, Task.RowGather, m.data.dtype, null, cols, (task, key) => {
    addRows(task, m).addInput(sel.store).addConstraint(align(key, sel.store));
    task.addConstraint(broadcast(m.pos)).addConstraint(broadcast(m.indices.store)).addConstraint(broadcast(m.data.store));
  }, [new Scalar(start, 'int64'), new Scalar(stop, 'int64'), new Scalar(step, 'int64')]);
}

/** The dense matrix, duplicates summed. */
export function toDense(m: Parts): np.ndarray {
  const out = np.empty([m.rows, m.cols], m.data.dtype);
  if (m.rows === 0 || m.cols === 0) return out;
  tidy(() => {
    const key = rowKey(m);
    // The key (the row starts as a (rows, 1) column) comes after the arguments the task reads.
    const task = addRows(new AutoTask(library, Task.ToDense).addOutput(out.store), m).addInput(key);
    followRows(task, key, m).addConstraint(scale([1, m.cols], key, out.store));
    keepSplit(task, key, m);
    task.execute();
  });
  return out;
}

/** The k-th diagonal, duplicates summed. */
export function diagonal(m: Parts, k: number): np.ndarray {
  const length = Math.max(0, Math.min(m.rows + Math.min(k, 0), m.cols - Math.max(k, 0)));
  if (length === 0) return np.empty([0], m.data.dtype);
  return tidy(() => {
    const rows = np.empty([m.rows, 1], m.data.dtype);
    const task = addRows(new AutoTask(library, Task.RowDiagonal).addOutput(rows.store), m);
    followRows(task, rows.store, m);
    keepSplit(task, rows.store, m);
    task.addScalar(new Scalar(k, 'int64')).execute();
    const first = -Math.min(k, 0);
    return np.copy(np.fromStore(rows.store.project(1, 0).slice(0, first, first + length)));
  });
}

/** Whether columns increase strictly within every row. */
export function isCanonical(m: Parts): boolean {
  if (m.rows === 0 || m.data.size === 0) return true;
  return tidy(() => {
    const bad = np.zeros([], INT64);
    const key = rowKey(m);
    const task = new AutoTask(library, Task.CountUnsorted).addReduction(bad.store, 'add');
    task.addInput(m.pos).addInput(m.indices.store).addInput(key);
    task.addConstraint(scale([1, 2], key, m.pos)).addConstraint(image(m.pos, m.indices.store, 'range'));
    keepSplit(task, key, m);
    task.execute();
    return Number(bad.item()) === 0;
  });
}

/** The row of every stored entry, in `t`. */
export function entryRows(m: Parts, t: DType): np.ndarray {
  if (m.rows === 0 || m.data.size === 0) return np.empty([0], t);
  return tidy(() => {
    const out = LogicalStore.createUnbound(t);
    const key = rowKey(m);
    const task = new AutoTask(library, Task.ExpandRows).addOutput(out).addInput(m.pos).addInput(key);
    task.addConstraint(scale([1, 2], key, m.pos));
    keepSplit(task, key, m);
    task.execute();
    return np.fromStore(out);
  });
}

/** dense[i, j] at every stored (i, j), in entry order (dense broadcast to the matrix's shape). */
export function gatherDense(m: Parts, dense: np.ndarray): np.ndarray {
  if (m.rows === 0 || m.data.size === 0) return np.empty([0], dense.dtype);
  return tidy(() => {
    const out = LogicalStore.createUnbound(dense.dtype);
    const full = np.broadcastTo(dense, [m.rows, m.cols]);
    const key = rowKey(m);
    const task = addRows(new AutoTask(library, Task.GatherDense).addOutput(out), m).addInput(full.store).addInput(key);
    followRows(task, key, m).addConstraint(scale([1, m.cols], key, full.store));
    keepSplit(task, key, m);
    task.execute();
    return np.fromStore(out);
  });
}

/** The nonzeros of a dense (rows, cols) matrix, row by row. */
export function fromDense(dense: np.ndarray): NewParts {
  const [rows, cols] = [dense.shape[0]!, dense.shape[1]!];
  const t = indexType(rows, cols, rows * cols);
  if (cols === 0) return { data: np.empty([0], dense.dtype), indices: np.empty([0], t), indptr: np.zeros([rows + 1], t) };
  const m = { rows, cols } as Parts;
  return rowTask(m, Task.FromDense, dense.dtype, t, cols, (task, key) => {
    task.addInput(dense.store).addConstraint(scale([1, cols], key, dense.store));
  });
}

/**
 * Entries (row `keys`, `columns`, `values`, all of one length) grouped by row, in their order
 * within each row: rows + 1 int64 pointers and the regrouped indices (of `t`) and values.
 */
export function groupByRow(rows: number, keys: np.ndarray, columns: np.ndarray, values: np.ndarray, t: DType): NewParts {
  const n = values.size;
  const counts = np.bincount(keys, undefined, rows);
  const indptr = tidy(() => pointers(counts.size === rows ? counts : counts.slice({ stop: rows }), INT64));
  counts.store.dispose();
  const indices = np.empty([n], t);
  const data = np.empty([n], values.dtype);
  if (n > 0) {
    const task = new AutoTask(library, Task.ScatterRows).addOutput(indices.store).addOutput(data.store);
    for (const s of [indptr.store, keys.store, columns.store, values.store]) task.addInput(s);
    for (const s of [indices.store, data.store, indptr.store, keys.store, columns.store, values.store]) task.addConstraint(broadcast(s));
    task.execute();
  }
  return { data, indices, indptr };
}
