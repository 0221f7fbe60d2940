// Direct sparse LU through SuperLU (SciPy's splu, spilu, factorized), triangular solves
// (spsolve_triangular) and the structure tests is_sptriangular / spbandwidth.
//
// The factorisation runs in one native piece (the whole matrix, as spsolve's); its factors come
// back as SuperLU's own arrays (L's supernodes, U's columns) in plain stores with the
// permutations (Pr·A·Pc = L·U), and every solve is a native task that hands those stores to
// SuperLU's solver: no SuperLU handle outlives a task. SciPy gives L and U as csc_matrix, built
// when asked for; here they are csrArray objects with the same entries, built on first use.
import {
  AutoTask,
  broadcast,
  checkOptions,
  DTypeError,
  LogicalStore,
  NativeLoadError,
  runtime,
  Scalar,
  ShapeError,
  keep,
  tidy,
  dtype as toDType,
  type DType,
} from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray, type SparseArray } from '../sparray.js';
import { library, libraryId } from '../native.js';
import * as structure from '../structure.js';
import { Task } from '../tasks.js';
import { LinAlgError } from './krylov.js';
import { viaCsr } from './operator.js';


/** Whether this build has SuperLU, and if not, why. */
export function superluAvailable(): { ok: boolean; detail: string } {
  const feature = runtime.features[libraryId]?.features.find((f) => f.name === 'superlu');
  return { ok: Boolean(feature?.enabled), detail: feature?.detail ?? 'unknown' };
}

/** Column orderings SuperLU offers (SciPy's `permc_spec`). */
export type PermcSpec = 'NATURAL' | 'MMD_ATA' | 'MMD_AT_PLUS_A' | 'COLAMD';

/** SuperLU's own option names, as SciPy's `options` dict takes them. */
export interface SuperLUOptions {
  ColPerm?: PermcSpec;
  DiagPivotThresh?: number;
  SymmetricMode?: boolean;
  PanelSize?: number;
  Relax?: number;
  ILU_DropRule?: string;
  ILU_DropTol?: number;
  ILU_FillFactor?: number;
  ILU_Norm?: 'ONE_NORM' | 'TWO_NORM' | 'INF_NORM';
  ILU_MILU?: 'SILU' | 'SMILU_1' | 'SMILU_2' | 'SMILU_3';
  ILU_FillTol?: number;
}

/** splu's options (SciPy's keyword arguments). */
export interface SpluOptions {
  /** The column ordering (default COLAMD). NATURAL turns SymmetricMode on, as SciPy does. */
  permcSpec?: PermcSpec;
  /** Threshold for partial pivoting, 0 (no pivoting) to 1 (default; for spilu 0.1). */
  diagPivotThresh?: number;
  /** Columns of relaxed supernodes (default SuperLU's sp_ienv(2)). */
  relax?: number;
  /** Panel size (default SuperLU's sp_ienv(1)). */
  panelSize?: number;
  /** SuperLU's options by their own names; they override the ones above. */
  options?: SuperLUOptions;
}

/** spilu's options (SciPy's keyword arguments). */
export interface SpiluOptions extends SpluOptions {
  /** Drop tolerance, 0 to 1 (default 1e-4). */
  dropTol?: number;
  /** Upper bound of the fill ratio, at least 1 (default 10). */
  fillFactor?: number;
  /** Comma-separated drop rules: basic, prows, column, area, secondary, dynamic, interp (default 'basic,area'). */
  dropRule?: string;
}

const PERMC: Record<PermcSpec, number> = { NATURAL: 0, MMD_ATA: 1, MMD_AT_PLUS_A: 2, COLAMD: 3 };
const DROP_RULES: Record<string, number> = { basic: 0x1, prows: 0x2, column: 0x4, area: 0x8, secondary: 0xe, dynamic: 0x10, interp: 0x100 };
const NORMS = { ONE_NORM: 0, TWO_NORM: 1, INF_NORM: 2 } as const;
const MILU = { SILU: 0, SMILU_1: 1, SMILU_2: 2, SMILU_3: 3 } as const;
const SUPERLU_OPTIONS = ['ColPerm', 'DiagPivotThresh', 'SymmetricMode', 'PanelSize', 'Relax', 'ILU_DropRule', 'ILU_DropTol', 'ILU_FillFactor', 'ILU_Norm', 'ILU_MILU', 'ILU_FillTol'] as const;
const SPLU_OPTIONS = ['permcSpec', 'diagPivotThresh', 'relax', 'panelSize', 'options'] as const;
const SPILU_OPTIONS = ['dropTol', 'fillFactor', 'dropRule', ...SPLU_OPTIONS] as const;

const INT64 = toDType('int64');
const INT32 = toDType('int32');

const describe = (x: unknown) => (x === null ? 'null' : typeof x === 'object' ? ((x as object).constructor?.name ?? 'object') : typeof x);

function inRange(fn: string, name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !(v >= lo && v <= hi)) throw new np.ValueError(name, `${fn}: expected a number from ${lo} to ${hi}, got ${String(v)}`);
  return v;
}

function positiveInt(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2 ** 31 - 1) throw new np.ValueError(name, `${fn}: expected a positive integer, got ${String(v)}`);
  return v;
}

function choice<T extends Record<string, number>>(fn: string, name: string, v: unknown, table: T): number {
  if (typeof v !== 'string' || !(v in table)) throw new np.ValueError(name, `${fn}: expected one of ${Object.keys(table).join(', ')}, got ${String(v)}`);
  return table[v]!;
}

function dropRule(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'string') throw new np.ValueError(name, `${fn}: expected comma-separated drop rules (${Object.keys(DROP_RULES).join(', ')}), got ${String(v)}`);
  let flags = 0;
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const flag = DROP_RULES[part.toLowerCase()];
    if (flag === undefined) throw new np.ValueError(name, `${fn}: unknown drop rule '${part}'; expected ${Object.keys(DROP_RULES).join(', ')}`);
    flags |= flag;
  }
  return flags;
}

/** The factorisation's settings as the native task takes them (SuperLU's defaults, then SciPy's arguments, then `options`). */
function settings(fn: string, ilu: boolean, given: SpiluOptions): Scalar[] {
  const s = {
    colPerm: PERMC.COLAMD,
    pivot: ilu ? 0.1 : 1.0,
    symmetric: false,
    relax: 0,
    panel: 0,
    rule: DROP_RULES.basic! | DROP_RULES.area!,
    dropTol: 1e-4,
    fillFactor: 10,
    norm: NORMS.INF_NORM as number,
    fillTol: 1e-2,
    milu: MILU.SILU as number,
  };
  const o = checkOptions(given.options, SUPERLU_OPTIONS, fn, 'options');
  const colPerm = o.ColPerm ?? given.permcSpec;
  if (colPerm !== undefined) s.colPerm = choice(fn, o.ColPerm !== undefined ? 'ColPerm' : 'permcSpec', colPerm, PERMC);
  // With the natural order SciPy also asks for SymmetricMode, so that no column is reordered.
  if (s.colPerm === PERMC.NATURAL) s.symmetric = true;
  const pivot = o.DiagPivotThresh ?? given.diagPivotThresh;
  if (pivot !== undefined) s.pivot = inRange(fn, o.DiagPivotThresh !== undefined ? 'DiagPivotThresh' : 'diagPivotThresh', pivot, 0, 1);
  if (o.SymmetricMode !== undefined) {
    if (typeof o.SymmetricMode !== 'boolean') throw new np.ValueError('SymmetricMode', `${fn}: expected a boolean, got ${String(o.SymmetricMode)}`);
    s.symmetric = o.SymmetricMode;
  }
  const relax = o.Relax ?? given.relax;
  if (relax !== undefined) s.relax = positiveInt(fn, o.Relax !== undefined ? 'Relax' : 'relax', relax);
  const panel = o.PanelSize ?? given.panelSize;
  if (panel !== undefined) s.panel = positiveInt(fn, o.PanelSize !== undefined ? 'PanelSize' : 'panelSize', panel);
  if (ilu) {
    const rule = o.ILU_DropRule ?? given.dropRule;
    if (rule !== undefined) s.rule = dropRule(fn, o.ILU_DropRule !== undefined ? 'ILU_DropRule' : 'dropRule', rule);
    const tol = o.ILU_DropTol ?? given.dropTol;
    if (tol !== undefined) s.dropTol = inRange(fn, o.ILU_DropTol !== undefined ? 'ILU_DropTol' : 'dropTol', tol, 0, 1);
    const fill = o.ILU_FillFactor ?? given.fillFactor;
    if (fill !== undefined) s.fillFactor = inRange(fn, o.ILU_FillFactor !== undefined ? 'ILU_FillFactor' : 'fillFactor', fill, 1, Number.MAX_VALUE);
    if (o.ILU_Norm !== undefined) s.norm = choice(fn, 'ILU_Norm', o.ILU_Norm, NORMS);
    if (o.ILU_MILU !== undefined) s.milu = choice(fn, 'ILU_MILU', o.ILU_MILU, MILU);
    if (o.ILU_FillTol !== undefined) s.fillTol = inRange(fn, 'ILU_FillTol', o.ILU_FillTol, 0, 1);
  } else {
    for (const key of ['ILU_DropRule', 'ILU_DropTol', 'ILU_FillFactor', 'ILU_Norm', 'ILU_MILU', 'ILU_FillTol'] as const) {
      if (o[key] !== undefined) throw new np.ValueError(key, `${fn}: an incomplete-LU option; use spilu`);
    }
  }
  return [
    new Scalar(ilu ? 1 : 0, 'int32'),
    new Scalar(s.colPerm, 'int32'),
    new Scalar(s.pivot, 'float64'),
    new Scalar(s.symmetric ? 1 : 0, 'int32'),
    new Scalar(s.relax, 'int32'),
    new Scalar(s.panel, 'int32'),
    new Scalar(s.rule, 'int32'),
    new Scalar(s.dropTol, 'float64'),
    new Scalar(s.fillFactor, 'float64'),
    new Scalar(s.norm, 'int32'),
    new Scalar(s.fillTol, 'float64'),
    new Scalar(s.milu, 'int32'),
  ];
}

/** A as a csrArray (a cscArray is converted), checked square. */
function squareMatrix(fn: string, A: unknown): { m: csrArray; converted: boolean } {
  let m: csrArray;
  let converted = false;
  if (A instanceof csrArray) m = A;
  else if (A !== null && typeof A === 'object' && (A as { format?: unknown }).format === 'csc' && typeof (A as { tocsr?: unknown }).tocsr === 'function') {
    m = (A as { tocsr(): csrArray }).tocsr();
    converted = true;
  } else throw new DTypeError('A', `${fn}: expected a csrArray, got ${describe(A)}`);
  const [rows, cols] = m.shape;
  if (rows !== cols) {
    if (converted) m.dispose();
    throw new ShapeError('A', `${fn}: expected a square matrix, got shape (${rows}, ${cols})`);
  }
  return { m, converted };
}

/** SciPy's `_asfptype`: the least inexact type A's values fit (float32 for small integers and bool). */
function inexact(t: DType): DType {
  return np.resultType(t, 'float32');
}

/** A's canonical CSR in type t: A itself when it already is, else a copy. */
function canonicalIn(A: csrArray, t: DType): csrArray {
  if (A.dtype === t && A.hasCanonicalFormat) return A;
  const m = A.astype(t);
  m.sumDuplicates();
  return m;
}

const TRANS = { N: 0, T: 1, H: 2 } as const;

/** SuperLU's arrays of one factorisation and its counts, as the native tasks take them. */
interface Factors {
  /** L's values, L's row indices, L's column pointers into each, the column and supernode maps, U's values, row indices and column pointers (see superlu.cc). */
  readonly stores: readonly LogicalStore[];
  readonly counts: readonly Scalar[];
}

/**
 * An LU factorisation Pr·A·Pc = L·U (SciPy's `SuperLU` object, from {@link splu} or
 * {@link spilu}). L is unit lower triangular with its diagonal stored, U upper triangular;
 * row i of A is row permR[i] of Pr·A, and column i of A is column permC[i] of A·Pc. SciPy's L
 * and U are csc_matrix; these are csrArray objects with the same entries, built from SuperLU's
 * own storage on first use (a solve never needs them).
 */
export class SuperLU {
  readonly shape: readonly [number, number];
  /** Stored entries of the factors in SuperLU's own (supernodal) storage, as SciPy's `nnz`. */
  readonly nnz: number;
  /** Row permutation (int32, as SciPy's `perm_r`). */
  readonly permR: np.ndarray;
  /** Column permutation (int32, as SciPy's `perm_c`). */
  readonly permC: np.ndarray;
  /** @internal SuperLU's arrays (an enumerable field: `tidy` finds them through the object). */
  readonly factorStores: readonly LogicalStore[];
  readonly #counts: readonly Scalar[];
  readonly #dtype: DType;
  #lu: [csrArray, csrArray] | undefined;
  #disposed = false;

  /** @internal */
  constructor(n: number, dtype: DType, factors: Factors, permR: np.ndarray, permC: np.ndarray, nnz: number) {
    this.shape = [n, n];
    this.#dtype = dtype;
    this.factorStores = factors.stores;
    this.#counts = factors.counts;
    this.permR = permR;
    this.permC = permC;
    this.nnz = nnz;
  }

  get dtype(): DType {
    return this.#dtype;
  }

  /** L, unit lower triangular with its unit diagonal stored (csrArray, int32 indices). */
  get L(): csrArray {
    return this.#factors()[0];
  }

  /** U, upper triangular (csrArray, int32 indices). */
  get U(): csrArray {
    return this.#factors()[1];
  }

  #check(fn: string): void {
    if (this.#disposed) throw new np.ValueError('this', `${fn}: the factorisation was disposed`);
  }

  // L and U as CSR, made once from SuperLU's arrays and kept until dispose (out of any tidy
  // scope open at the first use: the factorisation owns them).
  #factors(): [csrArray, csrArray] {
    this.#check('SuperLU');
    if (this.#lu) return this.#lu;
    const n = this.shape[0];
    const t = this.#dtype;
    const made = keep(
      tidy((): [csrArray, csrArray] => {
        if (n === 0) {
          const empty = () => csrArray.fromArrays(np.empty([0], t), np.empty([0], INT32), np.zeros([1], INT32), [0, 0], true);
          return [empty(), empty()];
        }
        const out = [LogicalStore.create([n + 1], INT32), LogicalStore.createUnbound(INT32), LogicalStore.createUnbound(t), LogicalStore.create([n + 1], INT32), LogicalStore.createUnbound(INT32), LogicalStore.createUnbound(t)] as const;
        const task = new AutoTask(library, Task.SuperluFactors);
        for (const s of this.factorStores) task.addInput(s).addConstraint(broadcast(s));
        for (const s of out) task.addOutput(s);
        task.addConstraint(broadcast(out[0])).addConstraint(broadcast(out[3]));
        for (const c of this.#counts) task.addScalar(c);
        task.execute();
        const make = (ptr: LogicalStore, idx: LogicalStore, val: LogicalStore) => csrArray.fromArrays(np.fromStore(val), np.fromStore(idx), np.fromStore(ptr), [n, n], true);
        return [make(out[0], out[1], out[2]), make(out[3], out[4], out[5])];
      }),
    );
    this.#lu = made;
    return made;
  }

  /**
   * x with op(A)·x = rhs, op 'N' (A), 'T' (Aᵀ) or 'H' (Aᴴ); rhs a vector (n,) or a matrix
   * (n, k), cast to the factors' type (a complex rhs for real factors is an error). The result
   * has rhs's shape.
   */
  solve(rhs: np.ndarray, trans: 'N' | 'T' | 'H' = 'N'): np.ndarray {
    noMorePositional('SuperLU.solve', arguments, 2, [], 'solve takes rhs and trans');
    this.#check('SuperLU.solve');
    if (!(rhs instanceof np.ndarray)) throw new DTypeError('rhs', `SuperLU.solve: expected an ndarray, got ${describe(rhs)}`);
    const n = this.shape[0];
    if (!(rhs.ndim === 1 || rhs.ndim === 2) || rhs.shape[0] !== n) {
      throw new ShapeError('rhs', `SuperLU.solve: expected shape (${n},) or (${n}, k), got (${rhs.shape.join(', ')})`);
    }
    if (!(trans in TRANS)) throw new np.ValueError('trans', `SuperLU.solve: expected 'N', 'T' or 'H', got ${String(trans)}`);
    const t = this.dtype;
    if (rhs.dtype.isComplex && !t.isComplex) throw new DTypeError('rhs', `SuperLU.solve: cannot cast a ${rhs.dtype.name} right-hand side to the factors' type ${t.name}`);
    const x = rhs.astype(t);
    if (x.size === 0) return x;
    const task = new AutoTask(library, Task.SuperluSolve);
    for (const s of [...this.factorStores, this.permR.store, this.permC.store]) task.addInput(s).addConstraint(broadcast(s));
    task.addInputOutput(x.store).addConstraint(broadcast(x.store)).addScalar(new Scalar(TRANS[trans], 'int32'));
    for (const c of this.#counts) task.addScalar(c);
    task.execute();
    return x;
  }

  /** Frees SuperLU's arrays, the permutations, and L and U if they were made. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const s of this.factorStores) s.dispose();
    this.permR.store.dispose();
    this.permC.store.dispose();
    if (this.#lu) for (const m of this.#lu) m.dispose();
    this.#lu = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

function factor(fn: string, A: csrArray, ilu: boolean, given: SpiluOptions): SuperLU {
  const available = superluAvailable();
  if (!available.ok) throw new NativeLoadError(`${fn} needs SuperLU, which this build of @legate/sparse lacks: ${available.detail}`);
  const { m: square, converted } = squareMatrix(fn, A);
  try {
    const scalars = settings(fn, ilu, given);
    const n = square.shape[0];
    if (square.nnz >= 2 ** 31 || n >= 2 ** 31) throw new np.ValueError('A', `${fn}: SuperLU takes int32 indices; the matrix has ${square.nnz} entries`);
    const t = inexact(square.dtype);
    const permR = LogicalStore.create([n], INT32);
    const permC = LogicalStore.create([n], INT32);
    if (n === 0) return new SuperLU(0, t, { stores: [], counts: [] }, np.fromStore(permR), np.fromStore(permC), 0);
    const info = LogicalStore.create([4], INT64);
    // SuperLU's arrays (superlu.cc's order): L's values and row indices (sizes known only once
    // factored), L's column pointers, the column and supernode maps, U's values, rows, columns.
    const unbound = new Set([0, 1, 6, 7]);
    const stores = [t, INT32, INT32, INT32, INT32, INT32, t, INT32, INT32].map((type, q) => (unbound.has(q) ? LogicalStore.createUnbound(type) : LogicalStore.create([n + 1], type)));
    tidy(() => {
      const c = canonicalIn(square, t);
      const task = new AutoTask(library, Task.SuperluFactor);
      for (const s of [c.indptr, c.indices, c.data]) task.addInput(s.store).addConstraint(broadcast(s.store));
      for (const s of [...stores, permR, permC, info]) task.addOutput(s);
      stores.forEach((s, q) => unbound.has(q) || task.addConstraint(broadcast(s)));
      for (const s of [permR, permC, info]) task.addConstraint(broadcast(s));
      for (const s of scalars) task.addScalar(s);
      task.execute();
      if (c !== square) c.dispose();
    });
    const [code, lnnz, unnz, nsuper] = Array.from(info.read() as BigInt64Array, Number) as [number, number, number, number];
    info.dispose();
    if (code !== 0) {
      for (const s of [...stores, permR, permC]) s.dispose();
      if (code > 0 && code <= n) throw new LinAlgError('A', `${fn}: Factor is exactly singular`);
      if (code > n) throw new LinAlgError('A', `${fn}: SuperLU ran out of memory (info ${code})`);
      throw new LinAlgError('A', `${fn}: SuperLU rejected argument ${-code}`);
    }
    const counts = [nsuper, lnnz, unnz].map((v) => new Scalar(v, 'int32'));
    return new SuperLU(n, t, { stores, counts }, np.fromStore(permR), np.fromStore(permC), lnnz + unnz);
  } finally {
    if (converted) square.dispose();
  }
}

/**
 * The LU factorisation of a square sparse A through SuperLU (SciPy's `splu`): Pr·A·Pc = L·U
 * with SciPy's defaults (COLAMD ordering, partial pivoting threshold 1). The matrix is factored
 * whole on one processor. A singular A raises {@link LinAlgError}.
 *
 * @example
 * ```ts
 * const lu = sparse.linalg.splu(new sparse.csrArray(np.array([[4, 1, 0], [1, 3, 0], [0, 0, 2]])).tocsc());
 * console.log(lu.solve(np.array([5, 4, 2])));
 * // array([1., 1., 1.])
 * ```
 */
export function splu(A: SparseArray, options: SpluOptions = {}): SuperLU {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (splu as (...a: unknown[]) => ReturnType<typeof splu>)(m, ...[...arguments].slice(1)));
  noMorePositional('splu', arguments, 2, ['diag_pivot_thresh', 'relax', 'panel_size', 'options'], `give ${SPLU_OPTIONS.join(', ')} in the options object`);
  return factor('splu', A, false, checkOptions(options, SPLU_OPTIONS, 'splu'));
}

/**
 * An incomplete LU factorisation through SuperLU's ILUTP (SciPy's `spilu`), with SciPy's
 * defaults: drop tolerance 1e-4, fill factor 10, drop rules basic and area, pivoting
 * threshold 0.1. The result's solve applies the approximate inverse (a preconditioner).
 *
 * @example
 * ```ts
 * const ilu = sparse.linalg.spilu(sparse.diags([-1, 4, -1], [-1, 0, 1], { shape: [4, 4] }).tocsc());
 * console.log(ilu.shape);
 * // [ 4, 4 ]
 * ```
 */
export function spilu(A: SparseArray, options: SpiluOptions = {}): SuperLU {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (spilu as (...a: unknown[]) => ReturnType<typeof spilu>)(m, ...[...arguments].slice(1)));
  noMorePositional('spilu', arguments, 2, ['fill_factor', 'drop_rule', 'permc_spec', 'diag_pivot_thresh', 'relax', 'panel_size', 'options'], `give ${SPILU_OPTIONS.join(', ')} in the options object`);
  return factor('spilu', A, true, checkOptions(options, SPILU_OPTIONS, 'spilu'));
}

/**
 * A solve function over A's LU factorisation (SciPy's `factorized`); `dispose` frees the factors.
 *
 * @example
 * ```ts
 * const solve = sparse.linalg.factorized(sparse.diags([[2, 4]], [0], { shape: [2, 2] }).tocsc());
 * console.log(solve(np.array([2, 2])));
 * // array([1. , 0.5])
 * ```
 */
export function factorized(A: SparseArray): ((b: np.ndarray) => np.ndarray) & { dispose(): void; lu: SuperLU } {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (factorized as (...a: unknown[]) => ReturnType<typeof factorized>)(m, ...[...arguments].slice(1)));
  noMorePositional('factorized', arguments, 1, [], 'factorized takes only A');
  const lu = factor('factorized', A, false, {});
  const solve = (b: np.ndarray) => lu.solve(b);
  return Object.assign(solve, { dispose: () => lu.dispose(), lu });
}

/** spsolveTriangular's options (SciPy's keyword arguments). */
export interface SpsolveTriangularOptions {
  /** Whether A is lower (default) or upper triangular; the other triangle's entries are not read. */
  lower?: boolean;
  /** Accepted as SciPy's; A is never changed here. */
  overwriteA?: boolean;
  /** Write x into b when b already has the result's type (b is returned). */
  overwriteB?: boolean;
  /** Take A's diagonal as ones, not reading it. */
  unitDiagonal?: boolean;
}

/**
 * x with A·x = b for a triangular sparse A (SciPy's `spsolve_triangular`); b a vector or an
 * (n, k) matrix. A zero diagonal entry raises {@link LinAlgError}. The result's type is A's,
 * at least float32, promoted with b's.
 *
 * @example
 * ```ts
 * const L = new sparse.csrArray(np.array([[2, 0], [1, 1]]));
 * console.log(sparse.linalg.spsolveTriangular(L, np.array([2, 3])));
 * // array([1., 2.])
 * ```
 */
export function spsolveTriangular(A: SparseArray, b: np.ndarray, options: SpsolveTriangularOptions = {}): np.ndarray {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (spsolveTriangular as (...a: unknown[]) => ReturnType<typeof spsolveTriangular>)(m, ...[...arguments].slice(1)));
  const fn = 'spsolve_triangular';
  noMorePositional(fn, arguments, 3, ['overwrite_A', 'overwrite_b', 'unit_diagonal'], 'give lower, overwriteA, overwriteB, unitDiagonal in the options object');
  const o = checkOptions(options, ['lower', 'overwriteA', 'overwriteB', 'unitDiagonal'], fn);
  for (const key of ['lower', 'overwriteA', 'overwriteB', 'unitDiagonal'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new np.ValueError(key, `${fn}: expected a boolean, got ${String(o[key])}`);
  }
  const { m: square, converted } = squareMatrix(fn, A);
  try {
    const n = square.shape[0];
    if (!(b instanceof np.ndarray)) throw new DTypeError('b', `${fn}: expected an ndarray, got ${describe(b)}`);
    if (!(b.ndim === 1 || b.ndim === 2) || b.shape[0] !== n) throw new ShapeError('b', `${fn}: expected shape (${n},) or (${n}, k), got (${b.shape.join(', ')})`);
    const t = np.resultType(inexact(square.dtype), b.dtype);
    const x = o.overwriteB && b.dtype === t ? b : b.astype(t);
    if (x.size === 0) return x;
    const status = LogicalStore.create([], INT64);
    tidy(() => {
      const c = canonicalIn(square, t);
      const task = new AutoTask(library, Task.TriangularSolve);
      for (const s of [c.indptr, c.indices, c.data]) task.addInput(s.store).addConstraint(broadcast(s.store));
      task.addInputOutput(x.store).addOutput(status).addConstraint(broadcast(x.store)).addConstraint(broadcast(status));
      task.addScalar(new Scalar(o.lower === false ? 0 : 1, 'int32')).addScalar(new Scalar(o.unitDiagonal ? 1 : 0, 'int32')).addScalar(new Scalar(0, 'int32'));
      task.execute();
      if (c !== square) c.dispose();
    });
    const code = Number((status.read() as BigInt64Array)[0]);
    status.dispose();
    if (code !== 0) {
      if (x !== b) x.store.dispose();
      throw new LinAlgError('A', `${fn}: A is singular: zero entry on diagonal (row ${code - 1})`);
    }
    return x;
  } finally {
    if (converted) square.dispose();
  }
}

/** [below, above]: row − column and column − row of the farthest stored entry (0 when none), by reductions. */
function bands(fn: string, A: csrArray): [number, number] {
  const { m, converted } = ((): { m: csrArray; converted: boolean } => {
    if (A instanceof csrArray) return { m: A, converted: false };
    if (A !== null && typeof A === 'object' && (A as { format?: unknown }).format === 'csc' && typeof (A as { tocsr?: unknown }).tocsr === 'function') {
      return { m: (A as { tocsr(): csrArray }).tocsr(), converted: true };
    }
    throw new DTypeError('A', `${fn}: expected a csrArray, got ${describe(A)}`);
  })();
  try {
    if (m.nnz === 0 || m.shape[0] === 0) return [0, 0];
    return tidy(() => {
      const [rows, cols] = m.shape;
      const parts = { rows, cols, data: m.data, indices: m.indices, indptr: m.indptr, pos: structure.windowOf(m.indptr) };
      const entryRows = structure.entryRows(parts, INT64);
      const diff = np.subtract(entryRows, m.indices.astype('int64'));
      const below = Number(np.max(diff).item());
      const above = -Number(np.min(diff).item());
      return [Math.max(below, 0), Math.max(above, 0)] as [number, number];
    });
  } finally {
    if (converted) m.dispose();
  }
}

/**
 * Whether A is lower and upper triangular, as `[lower, upper]`: all stored entries on or below (on or above) the diagonal (SciPy's `is_sptriangular`).
 *
 * @example
 * ```ts
 * console.log(sparse.linalg.isSptriangular(sparse.diags([1, 2], [0, 1], { shape: [3, 3] })));
 * // [ false, true ]
 * ```
 */
export function isSptriangular(A: SparseArray): [boolean, boolean] {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (isSptriangular as (...a: unknown[]) => ReturnType<typeof isSptriangular>)(m, ...[...arguments].slice(1)));
  noMorePositional('is_sptriangular', arguments, 1, [], 'is_sptriangular takes only A');
  const [below, above] = bands('is_sptriangular', A);
  return [above === 0, below === 0];
}

/**
 * The farthest stored diagonals below and above the main one, as `[below, above]` (SciPy's `spbandwidth`).
 *
 * @example
 * ```ts
 * console.log(sparse.linalg.spbandwidth(sparse.diags([1, 2, 3], [-2, 0, 1], { shape: [5, 5] })));
 * // [ 2, 1 ]
 * ```
 */
export function spbandwidth(A: SparseArray): [number, number] {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (spbandwidth as (...a: unknown[]) => ReturnType<typeof spbandwidth>)(m, ...[...arguments].slice(1)));
  noMorePositional('spbandwidth', arguments, 1, [], 'spbandwidth takes only A');
  return bands('spbandwidth', A);
}
