// CSR structure as tasks (native/sparse/src/structure.cc): every operation here launches over
// blocks of rows, or, for the scatters that regroup entries by row, one native piece; nothing
// loops over entries in JavaScript. A row task that builds a new structure runs twice: first it
// writes how many entries each result row has into the result's indptr (summed there by one
// more task), then each block of rows writes its entries into its part of the result (the
// image of the new indptr over the block), in place: no joining copy, and no second buffer.
import { align, AutoTask, broadcast, dtype as toDType, image, LogicalStore, partitionSettings, Scalar, scale, split, tidy, type DType } from '@legate/core';
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

/** The counts' place in row pointers `ptr` (`shape` of them, C order, from ptr[1]). */
function countsOf(ptr: np.ndarray, shape: number[]): LogicalStore {
  return ptr.store.slice(0, 1, ptr.size).delinearize(0, shape);
}

/** Row pointers from counts in ptr[1:] (in place) or in `counts`: 0, then their running sum. */
function sumCounts(ptr: np.ndarray, counts?: np.ndarray): void {
  const task = new AutoTask(library, Task.Pointers);
  if (counts) task.addInput(counts.store).addOutput(ptr.store).addConstraint(broadcast(counts.store));
  else task.addInputOutput(ptr.store);
  task.addConstraint(broadcast(ptr.store)).execute();
}

/**
 * Runs a row task that builds a new structure, in two launches of task `id`. The first writes
 * each result row's number of entries; their running sum is the result's indptr. The second
 * writes the entries of each block of rows into that block's part of the result, the image of
 * the new indptr over the block: in place, with no joining copy. `inputs(task, key)` adds the
 * task's inputs and their constraints; `key` is a (rows, 1) argument the rows follow (the counts,
 * then a view of the new indptr, added first, so the native task sees the same inputs in both).
 * The result's indices are of `t` (when `t` is null, int32 where SciPy would use it for the
 * result, else int64).
 */
function rowTask(m: Parts, id: Task, valueType: DType, t: DType | null, cols: number, inputs: (task: AutoTask, key: LogicalStore) => void, scalars: Scalar[] = []): NewParts {
  if (m.rows === 0) {
    return { data: np.empty([0], valueType), indices: np.empty([0], t ?? toDType('int32')), indptr: np.zeros([1], t ?? toDType('int32')) };
  }
  // Counts written into the result's row pointers (in its index type where that is known, so
  // the pointers' images are remembered for it), then summed there.
  const wide = np.empty([m.rows + 1], t ?? INT64);
  tidy(() => {
    const counts = countsOf(wide, [m.rows, 1]);
    const counting = new AutoTask(library, id).addOutput(counts);
    inputs(counting, counts);
    keepSplit(counting, counts, m);
    for (const s of scalars) counting.addScalar(s);
    counting.execute();
  });
  sumCounts(wide);
  return fill(wide, id, t ?? ((nnz) => indexType(m.rows, cols, nnz)), valueType, (task, key) => {
    inputs(task, key);
    keepSplit(task, key, m);
    for (const s of scalars) task.addScalar(s);
  });
}

/**
 * The second launch of row task `id`: row pointers `wide` (rows + 1; int64 where the result's
 * index type `t` is chosen from its size) give the result's size and each block's part of it.
 * The launch's key comes first among its inputs: `key`, or a (rows, 1) view of the pointers;
 * `launch(task, key)` adds the task's inputs and constraints; the pointers' row windows come
 * last, `factor` of them per key row.
 */
function fill(wide: np.ndarray, id: Task, t: DType | ((nnz: number) => DType), valueType: DType, launch: (task: AutoTask, key: LogicalStore) => void, key?: LogicalStore, factor = 1): NewParts {
  const rows = wide.size - 1;
  const nnz = Number(wide.get(rows));
  const index = typeof t === 'function' ? t(nnz) : t;
  const indices = np.empty([nnz], index);
  const data = np.empty([nnz], valueType);
  if (nnz > 0) {
    tidy(() => {
      const k = key ?? wide.store.slice(0, 0, rows).delinearize(0, [rows, 1]);
      const window = windowOf(wide);
      const task = new AutoTask(library, id).addOutput(indices.store).addOutput(data.store).addInput(k);
      launch(task, k);
      task.addInput(window).addConstraint(scale([factor, 2], k, window));
      task.addConstraint(image(window, indices.store, 'range')).addConstraint(image(window, data.store, 'range'));
      task.execute();
    });
  }
  if (wide.dtype === index) return { data, indices, indptr: wide };
  const indptr = wide.astype(index);
  wide.store.dispose();
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

/** a and b with one index type (int64 where either's is): the tasks that take two matrices. */
function oneIndexType(a: Parts, b: Parts): [Parts, Parts] {
  if (a.indices.dtype === b.indices.dtype) return [a, b];
  const wide = (m: Parts): Parts => (m.indices.dtype === INT64 ? m : { ...m, indices: m.indices.astype(INT64) });
  return [wide(a), wide(b)];
}

const MERGE_OPS = { add: 0, subtract: 1, multiply: 2, maximum: 3, minimum: 4 } as const;

/** Entry-wise a op b of two canonical matrices of one shape and value type; zeros not stored. */
export function merge(a: Parts, b: Parts, op: keyof typeof MERGE_OPS): NewParts {
  if (a.indices.dtype !== b.indices.dtype) return tidy(() => merge(...oneIndexType(a, b), op));
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
  if (a.indices.dtype !== b.indices.dtype) return tidy(() => product(...oneIndexType(a, b)));
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
  if (a.indices.dtype !== b.indices.dtype) return tidy(() => kron(...oneIndexType(a, b)));
  const [rows, cols, nnz] = [a.rows * b.rows, a.cols * b.cols, a.data.size * b.data.size];
  const t = indexType(rows, cols, nnz);
  if (rows === 0 || nnz === 0) {
    return { data: np.empty([0], a.data.dtype), indices: np.empty([0], t), indptr: np.zeros([rows + 1], t) };
  }
  // B whole on every piece, through views of its own (B may be A, whose parts are split).
  const whole = (x: LogicalStore) => x.slice(0, 0, x.shape[0]!);
  const bp = { ...b, pos: whole(b.pos), indices: np.fromStore(whole(b.indices.store)), data: np.fromStore(whole(b.data.store)) };
  // A's rows may be few (kron(T, I) of a 1000 × 1000 T) where the result is large: its rows are
  // split on every processor whatever their number.
  const settings = partitionSettings();
  const pieces = Math.min(a.rows, settings.pieces);
  const split = a.offsets ?? (pieces > 1 && nnz >= settings.minPieceElements ? Array.from({ length: pieces + 1 }, (_, p) => Math.round((p * a.rows) / pieces)) : undefined);
  const ak = { ...a, offsets: split };
  const constrain = (task: AutoTask, key: LogicalStore) => {
    followRows(task, key, a);
    task.addConstraint(broadcast(bp.pos)).addConstraint(broadcast(bp.indices.store)).addConstraint(broadcast(bp.data.store));
    keepSplit(task, key, ak);
    task.addScalar(new Scalar(b.cols, 'int64'));
  };
  const wide = np.empty([rows + 1], t);
  tidy(() => {
    const key = rowKey(a);
    const counts = countsOf(wide, [a.rows, b.rows]);
    const counting = addRows(addRows(new AutoTask(library, Task.Kron).addOutput(counts), a), bp).addInput(key);
    constrain(counting.addConstraint(scale([1, b.rows], key, counts)), key);
    counting.execute();
  });
  sumCounts(wide);
  const result = tidy(() => fill(wide, Task.Kron, t, a.data.dtype, (task, key) => constrain(addRows(addRows(task, a), bp), key), rowKey(a), b.rows));
  for (const x of [bp.pos, bp.indices.store, bp.data.store]) x.dispose();
  return result;
}

/**
 * The transpose (indices of `t`): each block of A's rows counts its entries per column, those
 * counts' running sum is Aᵀ's indptr, and each block of Aᵀ's rows (A's columns) then picks its
 * entries out of A, in row order, so Aᵀ's rows come out sorted (duplicates kept, in order).
 */
export function transpose(m: Parts, t: DType): NewParts {
  if (m.rows === 0 || m.cols === 0 || m.data.size === 0) {
    return { data: np.empty([0], m.data.dtype), indices: np.empty([0], t), indptr: np.zeros([m.cols + 1], t) };
  }
  const indptr = np.empty([m.cols + 1], t);
  tidy(() => {
    const counts = np.zeros([m.cols], INT64);
    const key = rowKey(m);
    const counting = new AutoTask(library, Task.ColumnCounts).addInput(m.pos).addInput(m.indices.store).addInput(key).addReduction(counts.store, 'add');
    counting.addConstraint(scale([1, 2], key, m.pos)).addConstraint(image(m.pos, m.indices.store, 'range'));
    keepSplit(counting, key, m);
    counting.addScalar(new Scalar(m.cols, 'int64')).execute();
    sumCounts(indptr, counts);
  });
  // The entries the rows hold (what the counts saw).
  const nnz = Number(indptr.get(m.cols));
  const indices = np.empty([nnz], t);
  const data = np.empty([nnz], m.data.dtype);
  if (nnz === 0) return { data, indices, indptr };
  tidy(() => {
    const key = indptr.store.slice(0, 0, m.cols).delinearize(0, [m.cols, 1]);
    const window = windowOf(indptr);
    const whole = [m.pos, m.indices.store, m.data.store].map((x) => x.slice(0, 0, x.shape[0]!));
    const task = new AutoTask(library, Task.TransposeFill).addOutput(indices.store).addOutput(data.store).addInput(key);
    for (const x of whole) task.addInput(x).addConstraint(broadcast(x));
    task.addInput(window).addConstraint(scale([1, 2], key, window));
    task.addConstraint(image(window, indices.store, 'range')).addConstraint(image(window, data.store, 'range'));
    task.execute();
  });
  return { data, indices, indptr };
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
  if (a.indices.dtype !== b.indices.dtype) return tidy(() => concatColumns(...oneIndexType(a, b)));
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
  const nnz = m.rows === 0 ? 0 : Number(m.indptr.get(m.rows));
  const out = np.empty([nnz], t);
  if (nnz === 0) return out;
  tidy(() => {
    const key = rowKey(m);
    const task = new AutoTask(library, Task.ExpandRows).addOutput(out.store).addInput(m.pos).addInput(key);
    task.addConstraint(scale([1, 2], key, m.pos)).addConstraint(image(m.pos, out.store, 'range'));
    keepSplit(task, key, m);
    task.execute();
  });
  return out;
}

/** dense[i, j] at every stored (i, j), in entry order (dense broadcast to the matrix's shape). */
export function gatherDense(m: Parts, dense: np.ndarray): np.ndarray {
  const nnz = m.rows === 0 ? 0 : Number(m.indptr.get(m.rows));
  const out = np.empty([nnz], dense.dtype);
  if (nnz === 0) return out;
  tidy(() => {
    const full = np.broadcastTo(dense, [m.rows, m.cols]);
    const key = rowKey(m);
    const task = addRows(new AutoTask(library, Task.GatherDense).addOutput(out.store), m).addInput(full.store).addInput(key);
    followRows(task, key, m).addConstraint(scale([1, m.cols], key, full.store)).addConstraint(image(m.pos, out.store, 'range'));
    keepSplit(task, key, m);
    task.execute();
  });
  return out;
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
  const indptr = np.empty([rows + 1], INT64);
  tidy(() => sumCounts(indptr, counts.size === rows ? counts : counts.slice({ stop: rows })));
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
