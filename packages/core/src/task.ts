import { ArgumentError, ConfigError, MemoryError, RankError } from './errors.js';
import { rememberCallSite } from './failure.js';
import type { Library } from './library.js';
import { native, rankCount } from './native-core.js';
import { readConfig } from './config.js';
import { Scalar } from './scalar.js';
import { LogicalStore, releaseCollected } from './store.js';
import { DTypeError, type DType } from './types.js';

/** Reduction operators; the codes match `legate_redop` in `<legate/core_abi.h>`. */
export type ReductionOp = 'add' | 'mul' | 'min' | 'max' | 'and' | 'or' | 'xor';
const REDOP_CODES: Record<ReductionOp, number> = { add: 1, mul: 2, min: 3, max: 4, and: 5, or: 6, xor: 7 };

const enum Privilege {
  Read = 1,
  Write = 2,
  ReadWrite = 3,
  Reduce = 4,
  /** An output whose size the point tasks decide (an unbound store). */
  WriteUnbound = 5,
}

/** A task argument or constraint that does not fit. */
export class TaskError extends ArgumentError {
  override name = 'TaskError';
}

/** A constraint between a launch's stores; see {@link align}, {@link broadcast}, {@link bloat}, {@link scale}. */
export type Constraint =
  | { readonly kind: 'align'; readonly a: LogicalStore; readonly b: LogicalStore }
  | { readonly kind: 'broadcast'; readonly store: LogicalStore; readonly dims?: readonly number[] }
  | { readonly kind: 'bloat'; readonly source: LogicalStore; readonly target: LogicalStore; readonly low: readonly number[]; readonly high: readonly number[] }
  | { readonly kind: 'scale'; readonly factors: readonly number[]; readonly source: LogicalStore; readonly target: LogicalStore }
  | { readonly kind: 'image'; readonly source: LogicalStore; readonly target: LogicalStore; readonly mode: ImageMode }
  | { readonly kind: 'split'; readonly store: LogicalStore; readonly offsets: readonly number[] };

/**
 * How an image reads its source's values: `point` (indices into the target; each piece gets the
 * min–max hull of its indices) or `range` (an (n, 2) store of [lo, hi) ranges; each piece gets
 * the hull of its ranges).
 */
export type ImageMode = 'point' | 'range';

/**
 * `store` is split along its first dimension at `offsets` (0, then increasing, then the extent):
 * one point task per block, blocks of any sizes. The other dimensions stay whole; stores aligned
 * with it get the same blocks, and scale, bloat and image constraints derive from them. For
 * work that is uneven per row, such as a sparse matrix's rows balanced by their nonzeros.
 *
 * @example
 * ```ts
 * const rows = core.LogicalStore.create([10], 'float64');
 * // three point tasks: rows 0-3, 4-8 and 9 (blocks balanced by work, not by count)
 * console.log(core.split(rows, [0, 4, 9, 10]).offsets);
 * // [ 0, 4, 9, 10 ]
 * ```
 */
export function split(store: LogicalStore, offsets: readonly number[]): Extract<Constraint, { kind: 'split' }> {
  return { kind: 'split', store, offsets: [...offsets] };
}

/**
 * `a` and `b` (of the same shape) get the same partition.
 *
 * @example
 * ```ts
 * const x = core.LogicalStore.create([8], 'float64');
 * const y = core.LogicalStore.create([8], 'float64');
 * // new AutoTask(library, TASK).addInput(x).addOutput(y).addConstraint(core.align(x, y))
 * console.log(core.align(x, y).kind);
 * // align
 * ```
 */
export function align(a: LogicalStore, b: LogicalStore): Extract<Constraint, { kind: 'align' }> {
  return { kind: 'align', a, b };
}

/**
 * `store` is not partitioned along `dims` (all dimensions when omitted).
 *
 * @example
 * ```ts
 * const x = core.LogicalStore.create([8], 'float64');
 * const y = core.LogicalStore.create([8], 'float64');
 * // every point task sees the whole of y (a small table, a reduction target)
 * console.log(core.broadcast(y).kind, core.broadcast(y, [0]).dims);
 * // broadcast [ 0 ]
 * ```
 */
export function broadcast(store: LogicalStore, dims?: readonly number[]): Extract<Constraint, { kind: 'broadcast' }> {
  return dims === undefined ? { kind: 'broadcast', store } : { kind: 'broadcast', store, dims: [...dims] };
}

/**
 * `target`'s piece is `source`'s piece grown by `low` / `high` elements per dimension (a halo).
 *
 * @example
 * ```ts
 * const x = core.LogicalStore.create([8], 'float64');
 * const y = core.LogicalStore.create([8], 'float64');
 * // each piece of y is x's piece plus one element on either side (a 3-point stencil's halo)
 * const halo = core.bloat(x, y, [1], [1]);
 * console.log(halo.kind, halo.low, halo.high);
 * // bloat [ 1 ] [ 1 ]
 * ```
 */
export function bloat(source: LogicalStore, target: LogicalStore, low: readonly number[], high: readonly number[]): Extract<Constraint, { kind: 'bloat' }> {
  return { kind: 'bloat', source, target, low: [...low], high: [...high] };
}

/**
 * `target`'s piece is `source`'s piece scaled by `factors` per dimension.
 *
 * @example
 * ```ts
 * const fine = core.LogicalStore.create([16], 'float64');
 * const coarse = core.LogicalStore.create([8], 'float64');
 * // fine's piece is coarse's piece, twice as long (a 2:1 restriction)
 * console.log(core.scale([2], coarse, fine).factors);
 * // [ 2 ]
 * ```
 */
export function scale(factors: readonly number[], source: LogicalStore, target: LogicalStore): Extract<Constraint, { kind: 'scale' }> {
  return { kind: 'scale', factors: [...factors], source, target };
}

/**
 * `target`'s pieces follow the values in `source`'s pieces: CSR row ranges select the column
 * indices and values of each row block, and column indices select the entries of `x` a block
 * needs. The target must be 1-D. The runtime waits for the source's values to compute it.
 *
 * @example
 * ```ts
 * const pos = core.LogicalStore.create([4, 2], 'int64'); // a CSR matrix's row ranges
 * const crd = core.LogicalStore.create([9], 'int32');
 * // each row block's piece of crd is the range its rows' entries span
 * console.log(core.image(pos, crd, 'range').mode);
 * // range
 * ```
 */
export function image(source: LogicalStore, target: LogicalStore, mode: ImageMode = 'point'): Extract<Constraint, { kind: 'image' }> {
  return { kind: 'image', source, target, mode };
}

class Argument {
  constructor(
    readonly store: LogicalStore,
    readonly privilege: Privilege,
    readonly redop: number,
    readonly role: 'input' | 'output' | 'reduction',
    readonly ordinal: number,
  ) {}

  /** `input 0`, `output 1`, ...: how errors name the argument (made only for an error). */
  get name(): string {
    return `${this.role} ${this.ordinal}`;
  }
}

/** How one dimension of an argument is split: see DimPartition in native/core/src/engine.h. */
interface DimSplit {
  colorDim: number;
  tile: number;
  low: number;
  high: number;
}

/** A tiling of a store: its grid of pieces and the tile extent per dimension. */
export interface Tiling {
  readonly colors: readonly number[];
  readonly tiles: readonly number[];
}

/** How many pieces the solver may make, and how small a piece may be. */
export interface PartitionSettings {
  /** Processors in scope: the most pieces one launch gets. */
  readonly pieces: number;
  /** No piece below this many elements (unless forced). */
  readonly minPieceElements: number;
  /** Tests: split stores even when tiny, so partitioning is exercised. */
  readonly force: boolean;
}

let settings: PartitionSettings | undefined;

/**
 * The solver's settings: `LEGATE_CPUS` pieces per rank, `LEGATE_MIN_PIECE` elements, `LEGATE_FORCE_PARTITION=1`.
 *
 * @example
 * ```ts
 * const settings = core.partitionSettings(); // LEGATE_CPUS, LEGATE_MIN_PIECE, LEGATE_FORCE_PARTITION
 * console.log(Object.keys(settings));
 * // [ 'pieces', 'minPieceElements', 'force' ]
 * ```
 */
export function partitionSettings(): PartitionSettings {
  if (!settings) {
    const config = readConfig();
    const env = process.env;
    const min = env.LEGATE_MIN_PIECE ? Number(env.LEGATE_MIN_PIECE) : 1 << 16;
    if (!Number.isSafeInteger(min) || min < 1) throw new ConfigError('LEGATE_MIN_PIECE', `expected a positive integer, got '${env.LEGATE_MIN_PIECE}'`);
    // Every rank's processors: a launch's points go to the ranks in contiguous blocks.
    settings = { pieces: config.cpus * rankCount(), minPieceElements: min, force: env.LEGATE_FORCE_PARTITION === '1' };
  }
  return settings;
}

/**
 * Overrides the solver's settings (tests, benchmarks); returns the previous ones.
 *
 * @example
 * ```ts
 * const previous = core.setPartitionSettings({ force: true, pieces: 4 }); // split even small arrays
 * const pieces = core.partitionSettings().pieces;
 * core.setPartitionSettings(previous);
 * console.log(pieces);
 * // 4
 * ```
 */
export function setPartitionSettings(next: Partial<PartitionSettings>): PartitionSettings {
  const previous = partitionSettings();
  settings = { ...previous, ...next };
  plans.clear();
  return previous;
}

/**
 * Splits `shape` into at most `pieces` tiles along its largest dimensions, no tile below
 * `minPieceElements` unless forced. Deterministic: the same inputs give the same tiling.
 *
 * @example
 * ```ts
 * const tiling = core.chooseTiling([1000, 10], [true, true], { pieces: 4, minPieceElements: 1, force: false });
 * console.log(tiling);
 * // { colors: [ 4, 1 ], tiles: [ 250, 10 ] }
 * ```
 */
export function chooseTiling(shape: readonly number[], free: readonly boolean[], s: PartitionSettings = partitionSettings()): Tiling {
  const colors = shape.map(() => 1);
  const volume = shape.reduce((a, b) => a * b, 1);
  const minPiece = s.force ? 1 : s.minPieceElements;
  for (;;) {
    const count = colors.reduce((a, b) => a * b, 1);
    // The splittable dimension with the largest tile; ties go to the outermost.
    let best = -1;
    for (let d = 0; d < shape.length; d++) {
      if (!free[d] || colors[d]! >= shape[d]!) continue;
      if (best < 0 || shape[d]! / colors[d]! > shape[best]! / colors[best]!) best = d;
    }
    if (best < 0) break;
    const next = count / colors[best]! * (colors[best]! + 1);
    if (next > s.pieces || volume / next < minPiece) break;
    colors[best]!++;
  }
  const tiles = shape.map((e, d) => Math.max(1, Math.ceil(e / colors[d]!)));
  // Ceil division can leave empty trailing tiles: recount the colors from the tiles.
  return { colors: shape.map((e, d) => (e === 0 ? 1 : Math.ceil(e / tiles[d]!))), tiles };
}

/**
 * A launch of a library's task over stores: inputs, outputs, reductions and scalars, with
 * constraints on how they are partitioned relative to each other. The runtime picks the
 * partition and the number of point tasks; `execute()` returns at once.
 */
export class AutoTask {
  readonly #library: Library;
  readonly #taskId: number;
  readonly #arguments: Argument[] = [];
  readonly #scalars: Scalar[] = [];
  readonly #constraints: Constraint[] = [];
  #executed = false;

  constructor(library: Library, taskId: number) {
    if (!Number.isSafeInteger(taskId) || taskId < 0) throw new TaskError('taskId', `expected a non-negative integer, got ${taskId}`);
    this.#library = library;
    this.#taskId = taskId;
  }

  #inputs = 0;
  #outputs = 0;
  #reductions = 0;

  #add(store: LogicalStore, privilege: Privilege, redop: number, role: Argument['role'], ordinal: number): this {
    const name = () => `${role} ${ordinal}`;
    if (!(store instanceof LogicalStore)) throw new TaskError(name(), 'expected a LogicalStore');
    if (store.disposed) throw new TaskError(name(), 'the store was disposed');
    if (store.isFreshUnbound) {
      if (privilege !== Privilege.Write) {
        throw new TaskError(name(), 'an unbound store has no elements until a task produces it; pass it as an output first');
      }
      if (this.#arguments.some((a) => a.store === store)) throw new TaskError(name(), 'an unbound store can be passed once');
      this.#arguments.push(new Argument(store, Privilege.WriteUnbound, 0, role, ordinal));
      this.#outputs++;
      return this;
    }
    if (privilege !== Privilege.Read && store.readOnly) {
      throw new TaskError(name(), 'output array is read-only');
    }
    if ((privilege === Privilege.Write || privilege === Privilege.ReadWrite) && store.transform.hasBroadcast) {
      throw new TaskError(name(), 'a broadcast view repeats elements, so it can be read or reduced but not written');
    }
    this.#arguments.push(new Argument(store, privilege, redop, role, ordinal));
    if (role === 'input') this.#inputs++;
    else if (role === 'output') this.#outputs++;
    else this.#reductions++;
    return this;
  }

  addInput(store: LogicalStore): this {
    return this.#add(store, Privilege.Read, 0, 'input', this.#inputs);
  }

  addOutput(store: LogicalStore): this {
    return this.#add(store, Privilege.Write, 0, 'output', this.#outputs);
  }

  /** An argument read and written by the task (an in-place update). */
  addInputOutput(store: LogicalStore): this {
    return this.#add(store, Privilege.ReadWrite, 0, 'output', this.#outputs);
  }

  /** A store the task folds values into with `op`; its pieces start at the identity. */
  addReduction(store: LogicalStore, op: ReductionOp): this {
    const code = REDOP_CODES[op];
    if (code === undefined) throw new TaskError('op', `expected one of ${Object.keys(REDOP_CODES).join(', ')}, got '${String(op)}'`);
    checkReduction(store.dtype, op);
    return this.#add(store, Privilege.Reduce, code, 'reduction', this.#reductions);
  }

  addScalar(value: Scalar): this {
    if (!(value instanceof Scalar)) throw new TaskError(`scalar ${this.#scalars.length}`, 'expected a Scalar (value and type)');
    this.#scalars.push(value);
    return this;
  }

  addConstraint(constraint: Constraint): this {
    // The common case first: two arguments of one shape aligned.
    if (constraint.kind === 'align' && this.#isArgument(constraint.a) && this.#isArgument(constraint.b) && sameShape(constraint.a.shape, constraint.b.shape)) {
      this.#constraints.push(constraint);
      return this;
    }
    const stores = constraintStores(constraint);
    for (const [role, store] of stores) {
      if (store.isFreshUnbound) throw new TaskError(role, 'an unbound output takes no constraints: each point task makes its own piece');
      if (!this.#arguments.some((a) => a.store === store)) {
        throw new TaskError(role, `${store} is not an argument of this task; add it before constraining it`);
      }
    }
    if (constraint.kind === 'align' && !sameShape(constraint.a.shape, constraint.b.shape)) {
      throw new TaskError('align', `cannot align stores of shapes [${constraint.a.shape.join(', ')}] and [${constraint.b.shape.join(', ')}]`);
    }
    if (constraint.kind === 'broadcast' && constraint.dims) {
      for (const d of constraint.dims) {
        if (!Number.isInteger(d) || d < 0 || d >= constraint.store.ndim) {
          throw new TaskError('dims', `dimension ${d} is out of range for a ${constraint.store.ndim}-d store`);
        }
      }
    }
    if (constraint.kind === 'split') {
      const { store, offsets } = constraint;
      const extent = store.shape[0];
      const ok = store.ndim > 0 && offsets.length >= 2 && offsets[0] === 0 && offsets[offsets.length - 1] === extent && offsets.every((o, i) => Number.isSafeInteger(o) && (i === 0 || o >= offsets[i - 1]!));
      if (!ok) throw new TaskError('offsets', `expected 0, non-decreasing integers, then the extent ${extent ?? '(a 0-d store has none)'}, got [${offsets.join(', ')}]`);
      if (this.#constraints.some((c) => c.kind === 'split')) throw new TaskError('split', 'a launch takes one split constraint');
    }
    if (constraint.kind === 'image') {
      const { source, target, mode } = constraint;
      if (mode !== 'point' && mode !== 'range') throw new TaskError('mode', `expected 'point' or 'range', got '${String(mode)}'`);
      if (target.ndim !== 1) throw new TaskError('image', `the target must be 1-D, got shape [${target.shape.join(', ')}]`);
      if (!source.dtype.isInteger) throw new TaskError('image', `the source must hold integers, got ${source.dtype.name}`);
      if (mode === 'range' && source.shape.at(-1) !== 2) {
        throw new TaskError('image', `a range source holds [lo, hi) pairs in its last dimension, got shape [${source.shape.join(', ')}]`);
      }
    }
    if (constraint.kind === 'bloat' || constraint.kind === 'scale') {
      const { source, target } = constraint;
      if (source.ndim !== target.ndim) throw new TaskError(constraint.kind, 'source and target must have the same number of dimensions');
      const lists = constraint.kind === 'bloat' ? [constraint.low, constraint.high] : [constraint.factors];
      for (const list of lists) {
        if (list.length !== source.ndim || list.some((x) => !Number.isSafeInteger(x) || x < 0)) {
          throw new TaskError(constraint.kind, `expected ${source.ndim} non-negative integers, got [${list.join(', ')}]`);
        }
      }
    }
    this.#constraints.push(constraint);
    return this;
  }

  /** Whether `store` is a bound argument of this launch. */
  #isArgument(store: LogicalStore): boolean {
    for (const a of this.#arguments) if (a.store === store) return !store.isFreshUnbound;
    return false;
  }

  /** Issues the launch. A task runs once; execute it again and it throws. */
  execute(): void {
    if (this.#executed) throw new TaskError('task', 'this task was already executed');
    this.#executed = true;
    const args = this.#arguments;
    const { shape, splits, pieces } = this.partition(args, this.#constraints);
    checkAliasing(args, splits);
    const length = encode(this.#library.id, this.#taskId, shape, args, splits, pieces, this.#scalars);
    // What the collector found unreachable is freed first: this launch's new outputs can reuse it.
    releaseCollected();
    let id: number;
    try {
      id = native().launch(length);
    } catch (error) {
      if (error instanceof MemoryError || error instanceof RankError) throw error;
      throw new TaskError(`task ${this.#taskId} of ${this.#library.name}`, (error as Error).message);
    }
    // A launch that already ran here comes back negated: it cannot fail later, and its stores
    // need no wait. For the others the call site is recorded (captured after the launch, the
    // stack above execute() is the same), and every store they use is marked to wait on.
    const settled = id < 0;
    if (!settled) scheduleFlush();
    if (!settled && callSiteCapture) rememberCallSite(id, captureCallSite());
    for (const a of args) {
      if (!settled) a.store.markUnsettled(id);
      if (a.privilege === Privilege.WriteUnbound) a.store.markProduced();
      else if (a.privilege !== Privilege.Read) a.store.markWritten();
    }
  }

  /** @internal How the launch is split: the solver's choice (ManualTask gives its own). */
  protected partition(args: readonly Argument[], constraints: readonly Constraint[]): Solution {
    const quick = onePiece(args, constraints);
    if (quick) return quick;
    const key = planKey(args, constraints);
    const known = key === null ? undefined : plans.get(key);
    if (known) return known;
    const solution = wholeForFlatWrites(args, solve(args, constraints));
    if (key !== null) {
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(key, solution);
    }
    return solution;
  }
}

/**
 * One point task where a split would write a flat view (a reshape that merged dimensions) in
 * pieces: their storage boxes are the hulls of linear ranges, which may share rows, and two
 * pieces writing one box are not kept apart. Reads of flat views split as any other.
 */
function wholeForFlatWrites(args: readonly Argument[], solution: Solution): Solution {
  if (solution.shape.every((e) => e === 1)) return solution;
  const split = args.some((a, i) => a.privilege !== Privilege.Read && a.privilege !== Privilege.WriteUnbound && a.store.transform.flatShape !== null && (solution.pieces[i] !== undefined || solution.splits[i]!.some((d) => d.colorDim >= 0)));
  if (!split) return solution;
  return { shape: [1], splits: args.map((a) => (a.privilege === Privilege.WriteUnbound ? [{ colorDim: -1, tile: 0, low: 0, high: 0 }] : a.store.shape.map(() => ({ colorDim: -1, tile: 0, low: 0, high: 0 })))), pieces: args.map(() => undefined) };
}

/** How ManualTask splits one store: a tile extent per dimension, or null to keep it whole. */
export type ManualTiling = readonly (number | null)[];

/**
 * A launch with an explicit grid of point tasks and an explicit tiling per store, for the rare
 * case the solver's choice will not do. The i-th tiled dimension of a store follows the i-th
 * dimension of the launch grid; untiled stores are given whole to every point task.
 */
export class ManualTask extends AutoTask {
  readonly #shape: readonly number[];
  readonly #tilings = new Map<LogicalStore, ManualTiling>();

  constructor(library: Library, taskId: number, launchShape: readonly number[]) {
    super(library, taskId);
    if (launchShape.length === 0 || launchShape.some((e) => !Number.isSafeInteger(e) || e < 1)) {
      throw new TaskError('launchShape', `expected positive integers, got [${launchShape.join(', ')}]`);
    }
    this.#shape = [...launchShape];
  }

  /** Sets how `store` (an argument) is split; call before execute(). */
  tile(store: LogicalStore, tiling: ManualTiling): this {
    const tiled = tiling.filter((t) => t !== null);
    if (tiling.length !== store.ndim) throw new TaskError('tiling', `expected one entry per dimension of a ${store.ndim}-d store, got ${tiling.length}`);
    if (tiled.length > this.#shape.length) throw new TaskError('tiling', `tiles ${tiled.length} dimensions of a ${this.#shape.length}-d launch grid`);
    let k = 0;
    tiling.forEach((t, d) => {
      if (t === null) return;
      if (!Number.isSafeInteger(t) || t < 1) throw new TaskError('tiling', `tile extents must be positive integers, got ${t}`);
      if (t * this.#shape[k++]! < store.shape[d]!) {
        throw new TaskError('tiling', `tiles of ${t} along dimension ${d} in ${this.#shape[k - 1]} pieces do not cover its extent ${store.shape[d]}`);
      }
    });
    this.#tilings.set(store, [...tiling]);
    return this;
  }

  protected override partition(args: readonly Argument[], constraints: readonly Constraint[]): Solution {
    if (constraints.length) throw new TaskError('constraints', 'a ManualTask takes tilings, not constraints');
    const splits = args.map((a) => {
      if (a.privilege === Privilege.WriteUnbound) return [{ colorDim: -1, tile: 0, low: 0, high: 0 }];
      const tiling = this.#tilings.get(a.store);
      if (!tiling && (a.privilege === Privilege.Write || a.privilege === Privilege.ReadWrite)) {
        throw new TaskError(a.name, `${a.store} is written, so it needs a tiling (every point would write all of it)`);
      }
      if (a.privilege !== Privilege.Read && a.store.transform.flatShape !== null && tiling?.some((t, d) => t !== null && t < a.store.shape[d]!)) {
        throw new TaskError(a.name, `${a.store} is a merged reshape (a flat view), which a ManualTask cannot write in tiles: give it whole (one point) or write a copy`);
      }
      let k = 0;
      return a.store.shape.map((_, d) => {
        const t = tiling?.[d] ?? null;
        return t === null ? { colorDim: -1, tile: 0, low: 0, high: 0 } : { colorDim: k++, tile: t, low: 0, high: 0 };
      });
    });
    return { shape: [...this.#shape], splits, pieces: args.map(() => undefined) };
  }
}

/**
 * The point tasks of a launch run in any order, so an argument that is written may share
 * elements with another argument only when both are the same view, split the same way (an
 * in-place update). Anything else must be copied first, as NumPy does for overlapping operands.
 */
function checkAliasing(args: readonly Argument[], splits: readonly DimSplit[][]): void {
  let shared = false;
  for (let i = 0; i < args.length && !shared; i++) {
    const w = args[i]!;
    if (w.privilege === Privilege.Read || w.privilege === Privilege.WriteUnbound) continue;
    for (let j = 0; j < args.length; j++) {
      if (j !== i && args[j]!.privilege !== Privilege.WriteUnbound && w.store.sharesStorageWith(args[j]!.store)) {
        shared = true;
        break;
      }
    }
  }
  if (!shared) return;
  const whole = (a: Argument) => a.store.transform.storageBounds({ lo: a.store.shape.map(() => 0), hi: a.store.shape });
  const overlaps = (x: Argument, y: Argument) => {
    if (!x.store.sharesStorageWith(y.store) || x.store.size === 0 || y.store.size === 0) return false;
    const a = whole(x);
    const b = whole(y);
    return a.lo.every((lo, d) => lo < b.hi[d]! && b.lo[d]! < a.hi[d]!);
  };
  args.forEach((w, i) => {
    if (w.privilege === Privilege.Read || w.privilege === Privilege.WriteUnbound) return;
    args.forEach((other, j) => {
      if (j === i || other.privilege === Privilege.WriteUnbound || !overlaps(w, other)) return;
      const sameView = sameMap(w.store, other.store) && JSON.stringify(splits[i]) === JSON.stringify(splits[j]);
      const bothReduce = w.privilege === Privilege.Reduce && other.privilege === Privilege.Reduce && w.redop === other.redop;
      if (!sameView && !bothReduce) {
        throw new TaskError(w.name, `${w.store} overlaps ${other.name} (${other.store}) in the same storage; copy one of them first`);
      }
    });
  });
}

function sameMap(a: LogicalStore, b: LogicalStore): boolean {
  const x = a.transform;
  const y = b.transform;
  return x.key === y.key;
}

/**
 * Elementwise launches the native runtime holds for fusion go out at the next launch that is
 * not one, the next wait or host access, or, for a program that stops issuing without reading
 * (it returns to the event loop), on the loop's next turn: one flush per turn, scheduled by the
 * first launch that did not settle.
 */
let flushScheduled = false;
function flushHeld(): void {
  flushScheduled = false;
  native().flushHeld();
}
function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushHeld).unref();
}

let callSiteCapture = process.env.LEGATE_CALL_SITES !== '0';

/**
 * Whether launches record the user's call site, which a task failure reports (on by default;
 * `LEGATE_CALL_SITES=0` turns it off). V8 charges ~2 us per capture: a tight loop of tiny
 * launches may turn it off.
 *
 * @example
 * ```ts
 * const before = core.setCallSiteCapture(false); // returns the previous setting
 * core.setCallSiteCapture(before);
 * console.log(typeof before);
 * // boolean
 * ```
 */
export function setCallSiteCapture(on: boolean): boolean {
  const previous = callSiteCapture;
  callSiteCapture = on;
  return previous;
}

/**
 * The launch's call site: the frames below `execute`, where a library or the user launched it.
 * V8 charges for every frame it summarizes, so a dozen are taken: enough to get through a
 * library's own functions to the user's line. Launches that ran at once take none.
 */
function captureCallSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, AutoTask.prototype.execute);
  Error.stackTraceLimit = limit;
  return site as Error;
}

function checkReduction(t: DType, op: ReductionOp): void {
  const bitwise = op === 'and' || op === 'or' || op === 'xor';
  if (bitwise && !(t.isInteger || t.kind === 'b')) throw new DTypeError('op', `'${op}' needs an integer or bool store, got ${t.name}`);
  if (t.isComplex && (op === 'min' || op === 'max')) throw new DTypeError('op', `'${op}' is not defined for ${t.name}`);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

function constraintStores(c: Constraint): [string, LogicalStore][] {
  switch (c.kind) {
    case 'align':
      return [['align', c.a], ['align', c.b]];
    case 'broadcast':
      return [['broadcast', c.store]];
    case 'split':
      return [['split', c.store]];
    default:
      return [[c.kind, c.source], [c.kind, c.target]];
  }
}

/**
 * The partition solver: picks a key store, tiles it, and derives every argument's split from the
 * constraints. Unconstrained inputs and reductions are broadcast (every piece sees all of them);
 * an unconstrained output must be aligned or broadcast explicitly.
 */
interface Solution {
  shape: number[];
  splits: DimSplit[][];
  /** Explicit pieces per argument (one [lo, hi) box per point), where an image gave them. */
  pieces: (Box[] | undefined)[];
}

interface Box {
  lo: number[];
  hi: number[];
}

/**
 * The solver's answers, by launch: what every argument is (storage, view, privilege) and every
 * constraint says, and the contents of every image source (a write changes its version). The
 * solver is deterministic, so a launch repeated in a loop reuses its partition.
 */
const plans = new Map<string, Solution>();
const MAX_PLANS = 1024;

function planKey(args: readonly Argument[], constraints: readonly Constraint[]): string | null {
  const indexOf = (store: LogicalStore) => {
    for (let i = 0; i < args.length; i++) if (args[i]!.store === store) return i;
    return -1;
  };
  // The solver looks at the arguments' views and at which of them are the same store, never at
  // which storage they view (but for image sources, whose values it reads): a launch over new
  // vectors of the same shapes reuses the partition.
  let key = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.privilege === Privilege.WriteUnbound) return null;
    let same = i; // the first argument that is the same store
    for (let j = 0; j < i; j++) {
      if (args[j]!.store === a.store) {
        same = j;
        break;
      }
    }
    key += `${a.privilege}.${a.redop}:${same}:${a.store.transform.key};`;
  }
  for (const c of constraints) {
    switch (c.kind) {
      case 'align':
        key += `a${indexOf(c.a)},${indexOf(c.b)};`;
        break;
      case 'broadcast':
        key += `b${indexOf(c.store)}:${c.dims?.join() ?? '*'};`;
        break;
      case 'split':
        key += `s${indexOf(c.store)}:${c.offsets.join()};`;
        break;
      case 'bloat':
        key += `l${indexOf(c.source)},${indexOf(c.target)}:${c.low.join()}:${c.high.join()};`;
        break;
      case 'scale':
        key += `c${indexOf(c.source)},${indexOf(c.target)}:${c.factors.join()};`;
        break;
      case 'image': {
        const version = c.source.contentVersion;
        if (version === null) return null;
        key += `i${indexOf(c.source)},${indexOf(c.target)}:${c.mode}:${c.source.storageHandle}@${version};`;
        break;
      }
    }
  }
  return key;
}

const WHOLE: DimSplit = Object.freeze({ colorDim: -1, tile: 0, low: 0, high: 0 });
const wholeSplits: DimSplit[][] = [];
const NO_PIECES: (Box[] | undefined)[] = [];

/**
 * The solver's answer without the solver, where it is sure to be one point task with every
 * argument whole: every store too small to split in two (or one processor in scope), and only
 * align and broadcast constraints that leave every written argument aligned or broadcast. Null
 * where the solver must decide (or report a constraint that cannot be met).
 */
function onePiece(args: readonly Argument[], constraints: readonly Constraint[]): Solution | null {
  const s = partitionSettings();
  if (s.force) return null;
  const limit = s.pieces <= 1 ? Infinity : 2 * s.minPieceElements;
  for (const a of args) {
    if (a.privilege === Privilege.WriteUnbound || a.store.size >= limit) return null;
  }
  // Written arguments must be aligned into one class, or broadcast whole.
  let aligned: LogicalStore[] | undefined;
  const whole: LogicalStore[] = [];
  for (const c of constraints) {
    if (c.kind === 'align') {
      if (!aligned) aligned = [c.a, c.b];
      else if (aligned.includes(c.a) || aligned.includes(c.b)) aligned.push(c.a, c.b);
      else return null; // two classes: the solver decides which is the key
    } else if (c.kind === 'broadcast') {
      if (c.dims === undefined) whole.push(c.store);
    } else {
      return null;
    }
  }
  // With no alignment, one written argument may stand alone: the solver makes it the key.
  let loose: LogicalStore | undefined;
  for (const a of args) {
    if ((a.privilege === Privilege.Write || a.privilege === Privilege.ReadWrite) && !aligned?.includes(a.store) && !whole.includes(a.store)) {
      if (aligned || (loose && loose !== a.store)) return null;
      loose = a.store;
    }
  }
  if (loose) aligned = [loose];
  // As the solver splits them (checkAliasing compares splits): the key's class in one tile of
  // its whole extent, where a member is not broadcast whole; everything else whole.
  const keyed = aligned?.some((store) => !whole.includes(store)) ?? false;
  const splits: DimSplit[][] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const store = args[i]!.store;
    if (keyed && aligned!.includes(store)) {
      splits[i] = store.shape.map((e) => ({ colorDim: -1, tile: Math.max(1, e), low: 0, high: 0 }));
    } else {
      const ndim = store.ndim;
      splits[i] = wholeSplits[ndim] ??= Object.freeze(new Array<DimSplit>(ndim).fill(WHOLE)) as DimSplit[];
    }
  }
  return { shape: [1], splits, pieces: NO_PIECES };
}

function solve(args: readonly Argument[], constraints: readonly Constraint[]): Solution {
  // Union-find over arguments joined by align.
  const parent = args.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // A store passed twice is one partition symbol: constraints on it apply to every use.
  const uses = new Map<LogicalStore, number[]>();
  args.forEach((a, i) => {
    const list = uses.get(a.store);
    if (list) list.push(i);
    else uses.set(a.store, [i]);
  });
  const indicesOf = (store: LogicalStore) => uses.get(store)!;
  const indexOf = (store: LogicalStore) => uses.get(store)![0]!;
  args.forEach((a, i) => (parent[i] = find(indexOf(a.store))));
  // An unbound output is 1-D and never split: each point task makes its own piece.
  const broadcastDims = args.map((a) => (a.privilege === Privilege.WriteUnbound ? [true] : new Array<boolean>(a.store.ndim).fill(false)));
  for (const c of constraints) {
    if (c.kind === 'align') parent[find(indexOf(c.a))] = find(indexOf(c.b));
    if (c.kind === 'broadcast') {
      for (const i of indicesOf(c.store)) {
        const dims = broadcastDims[i]!;
        for (const d of c.dims ?? dims.map((_, k) => k)) dims[d] = true;
      }
    }
  }
  const derived = new Map<number, Extract<Constraint, { kind: 'bloat' | 'scale' | 'image' }>>();
  for (const c of constraints) {
    if (c.kind === 'bloat' || c.kind === 'scale' || c.kind === 'image') for (const i of indicesOf(c.target)) derived.set(i, c);
    // A range source's [lo, hi) pairs stay together.
    if (c.kind === 'image' && c.mode === 'range') for (const i of indicesOf(c.source)) broadcastDims[i]![c.source.ndim - 1] = true;
  }
  // Key: an argument that is not fully broadcast nor derived; outputs and aligned arguments
  // first, the largest among them. Failing those, the largest unconstrained input (the others
  // are given whole to every piece).
  let key = -1;
  for (const unconstrainedInputs of [false, true]) {
    args.forEach((a, i) => {
      if (derived.has(i) || a.privilege === Privilege.Reduce || a.privilege === Privilege.WriteUnbound) return;
      const aligned = args.some((_, j) => j !== i && find(j) === find(i));
      if (!aligned && a.privilege === Privilege.Read && !unconstrainedInputs) return;
      if (!broadcastDims[i]!.some((b) => !b)) return;
      if (key < 0 || a.store.size > args[key]!.store.size) key = i;
    });
    if (key >= 0) break;
  }
  const explicitSplit = constraints.find((c): c is Extract<Constraint, { kind: 'split' }> => c.kind === 'split');
  if (explicitSplit) key = indexOf(explicitSplit.store);
  const splits: DimSplit[][] = args.map((_, i) => broadcastDims[i]!.map(() => ({ colorDim: -1, tile: 0, low: 0, high: 0 })));
  const pieces: (Box[] | undefined)[] = args.map(() => undefined);
  // Every output that is not fully broadcast qualifies as key, so none is left unsplit here.
  if (key < 0) return { shape: [1], splits, pieces };
  const keyStore = args[key]!.store;
  const launchShape: number[] = [];
  if (explicitSplit) {
    // The given blocks along dimension 0, the same for the key's whole alignment class.
    const { offsets } = explicitSplit;
    launchShape.push(offsets.length - 1);
    const boxes = offsets.slice(1).map((hi, p) => ({ lo: keyStore.shape.map((_, d) => (d === 0 ? offsets[p]! : 0)), hi: keyStore.shape.map((e, d) => (d === 0 ? hi : e)) }));
    args.forEach((_, i) => {
      if (find(i) === find(key)) pieces[i] = boxes;
    });
  } else {
    // Dimensions broadcast for any member of the key's alignment class stay whole for all.
    const free = keyStore.shape.map((_, d) => args.every((_, j) => find(j) !== find(key) || !broadcastDims[j]![d]));
    const tiling = chooseTiling(keyStore.shape, free);
    const colorDims: number[] = [];
    tiling.colors.forEach((c, d) => {
      if (c > 1) {
        colorDims[d] = launchShape.length;
        launchShape.push(c);
      } else {
        colorDims[d] = -1;
      }
    });
    const keySplit = keyStore.shape.map((_, d) => ({ colorDim: colorDims[d]!, tile: tiling.tiles[d]!, low: 0, high: 0 }));
    args.forEach((_, i) => {
      if (find(i) === find(key)) splits[i] = keySplit.map((s) => ({ ...s }));
    });
  }
  const points = launchShape.reduce((a, b) => a * b, 1);
  const pieceOf = (i: number, point: number[]): Box => {
    const explicit = pieces[i];
    if (explicit) return explicit[flatIndex(point, launchShape)]!;
    const store = args[i]!.store;
    const lo: number[] = [];
    const hi: number[] = [];
    splits[i]!.forEach((s, d) => {
      const extent = store.shape[d]!;
      const a = s.colorDim < 0 ? 0 : point[s.colorDim]! * s.tile - s.low;
      const b = s.colorDim < 0 ? extent : (point[s.colorDim]! + 1) * s.tile + s.high;
      lo.push(Math.max(0, a));
      hi.push(Math.max(Math.max(0, a), Math.min(extent, b)));
    });
    return { lo, hi };
  };
  // Derived partitions, in the order given, so an image may follow another (x from crd from pos).
  const known = new Set(args.flatMap((_, i) => (find(i) === find(key) ? [i] : [])));
  for (const c of constraints) {
    if (c.kind !== 'bloat' && c.kind !== 'scale' && c.kind !== 'image') continue;
    const source = indexOf(c.source);
    if (!known.has(source)) throw new TaskError(c.kind, 'its source must be the key store, aligned to it, or derived by an earlier constraint');
    const targets = indicesOf(c.target);
    for (const t of targets) known.add(t);
    if (c.kind === 'image') {
      const boxes = gridPoints(launchShape, points).map((point) => imageOf(c, pieceOf(source, point)));
      for (const t of targets) pieces[t] = boxes;
    } else if (pieces[source]) {
      // Explicit blocks (a split, an image): scaled or grown box by box, within the target.
      const extent = c.target.shape;
      const boxes = pieces[source]!.map(({ lo, hi }) => ({
        lo: lo.map((x, d) => Math.min(extent[d]!, Math.max(0, c.kind === 'scale' ? x * c.factors[d]! : x - c.low[d]!))),
        hi: hi.map((x, d) => Math.min(extent[d]!, Math.max(0, c.kind === 'scale' ? x * c.factors[d]! : x + c.high[d]!))),
      }));
      for (const t of targets) pieces[t] = boxes;
    } else {
      const base = splits[source]!;
      for (const t of targets) {
        splits[t] = base.map((s, d) => (c.kind === 'bloat' ? { ...s, low: c.low[d]!, high: c.high[d]! } : { ...s, tile: s.tile * c.factors[d]! }));
      }
    }
  }
  args.forEach((a, i) => {
    const constrained = find(i) === find(key) || derived.has(i) || args.some((_, j) => j !== i && find(j) === find(i) && derived.has(j));
    if (!constrained && (a.privilege === Privilege.Write || a.privilege === Privilege.ReadWrite) && !broadcastDims[i]!.every(Boolean)) {
      throw new TaskError(a.name, `${a.store} must be aligned to another argument or broadcast`);
    }
  });
  return { shape: launchShape.length ? launchShape : [1], splits, pieces };
}

function flatIndex(point: readonly number[], shape: readonly number[]): number {
  return point.reduce((acc, p, d) => acc * shape[d]! + p, 0);
}

/** Every point of a launch grid, in C order. */
function gridPoints(shape: readonly number[], count: number): number[][] {
  const out: number[][] = [];
  const point = shape.map(() => 0);
  for (let i = 0; i < count; i++) {
    out.push([...point]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++point[d]! < shape[d]!) break;
      point[d] = 0;
    }
  }
  return out;
}

/** The hull of the target elements a source piece's values select (waits for the values). */
function imageOf(c: Extract<Constraint, { kind: 'image' }>, piece: Box): Box {
  const empty = { lo: [0], hi: [0] };
  if (piece.lo.some((lo, d) => lo >= piece.hi[d]!)) return empty;
  // Many launches share one CSR structure: the hull is remembered until the source is written.
  return c.source.derive(`image:${c.mode}:${c.target.shape[0]}:${piece.lo.join()}:${piece.hi.join()}`, () => computeImage(c, piece, empty));
}

function computeImage(c: Extract<Constraint, { kind: 'image' }>, piece: Box, empty: Box): Box {
  // One view of the piece (each intermediate view freed: a view keeps its storage alive).
  let view = c.source;
  piece.lo.forEach((lo, d) => {
    const next = view.slice(d, lo, piece.hi[d]!);
    if (view !== c.source) view.dispose();
    view = next;
  });
  const extent = c.target.shape[0]!;
  let bounds;
  try {
    // The hull is found where the values are (natively), not by reading them into JavaScript.
    bounds = view.imageBounds(c.mode === 'range', extent);
  } finally {
    if (view !== c.source) view.dispose();
  }
  if (bounds.bad) {
    throw new TaskError('image', `${c.source} selects [${bounds.bad[0]}, ${bounds.bad[1]}), outside the target's extent ${extent}`);
  }
  return bounds.lo < bounds.hi ? { lo: [bounds.lo], hi: [bounds.hi] } : empty;
}

// The buffers launches are encoded into, reused (the native side holds them: see
// setLaunchBuffers in native/core/src/engine_bindings.cc) and grown when a launch needs more.
let encodeBuffer = new Float64Array(256);
let scalarBuffer = new Uint8Array(256);
let buffersSet = false;

/**
 * Encodes the launch descriptor native/core/src/engine_bindings.cc reads into the reused
 * buffers; returns how many numbers it took.
 */
function encode(
  library: number,
  task: number,
  shape: readonly number[],
  args: readonly Argument[],
  splits: readonly DimSplit[][],
  pieces: readonly (Box[] | undefined)[],
  scalars: readonly Scalar[],
): number {
  let size = 4 + shape.length + 1 + scalars.length;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.privilege === Privilege.WriteUnbound) {
      size += 6 + 1 + 1 + 5 + 1;
      continue;
    }
    const m = a.store.transform;
    size += 6 + m.ndim + m.offset.length * (1 + m.ndim) + 5 * m.ndim + 1 + (pieces[i]?.length ?? 0) * 2 * m.ndim;
  }
  let scalarBytes = 0;
  for (let i = 0; i < scalars.length; i++) scalarBytes += scalars[i]!.bytes().byteLength;
  if (encodeBuffer.length < size || scalarBuffer.length < scalarBytes || !buffersSet) {
    if (encodeBuffer.length < size) encodeBuffer = new Float64Array(Math.max(size, 2 * encodeBuffer.length));
    if (scalarBuffer.length < scalarBytes) scalarBuffer = new Uint8Array(Math.max(scalarBytes, 2 * scalarBuffer.length));
    native().setLaunchBuffers(encodeBuffer, scalarBuffer);
    buffersSet = true;
  }
  const out = encodeBuffer;
  let k = 0;
  out[k++] = library;
  out[k++] = task;
  out[k++] = shape.length;
  for (let d = 0; d < shape.length; d++) out[k++] = shape[d]!;
  out[k++] = args.length;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.privilege === Privilege.WriteUnbound) {
      // 1-D, extent unknown, a storage with no dimensions yet, never split, no pieces.
      out[k++] = a.privilege;
      out[k++] = 0;
      out[k++] = a.store.storageHandle;
      out[k++] = 1;
      out[k++] = 0;
      out[k++] = 0;
      out[k++] = -1;
      for (let j = 0; j < 5; j++) out[k++] = 0;
      continue;
    }
    const map = a.store.transform;
    out[k++] = a.privilege;
    out[k++] = a.redop;
    out[k++] = a.store.storageHandle;
    const ndim = map.shape.length;
    out[k++] = ndim;
    for (let v = 0; v < ndim; v++) out[k++] = map.shape[v]!;
    const sdim = map.offset.length;
    out[k++] = sdim;
    for (let s = 0; s < sdim; s++) out[k++] = map.offset[s]!;
    for (let s = 0; s < sdim; s++) {
      const row = map.matrix[s]!;
      for (let v = 0; v < ndim; v++) out[k++] = row[v]!;
    }
    const split = splits[i]!;
    for (let v = 0; v < split.length; v++) {
      const d = split[v]!;
      out[k++] = d.colorDim;
      out[k++] = d.colorDim < 0 ? 0 : d.tile;
      out[k++] = 0;
      out[k++] = d.low;
      out[k++] = d.high;
    }
    const boxes = pieces[i];
    if (boxes === undefined) {
      out[k++] = 0;
      continue;
    }
    out[k++] = boxes.length;
    for (const b of boxes) {
      for (const x of b.lo) out[k++] = x;
      for (const x of b.hi) out[k++] = x;
    }
  }
  out[k++] = scalars.length;
  let at = 0;
  for (let i = 0; i < scalars.length; i++) {
    const bytes = scalars[i]!.bytes();
    const n = bytes.byteLength;
    out[k++] = n;
    // Byte by byte: a scalar is 1 to 16 bytes, below what a typed-array set() call costs.
    for (let j = 0; j < n; j++) scalarBuffer[at + j] = bytes[j]!;
    at += n;
  }
  return k;
}
