import v8 from 'node:v8';
import vm from 'node:vm';

import { ArgumentError } from './errors.js';
import { failureError } from './failure.js';
import { native, type StorageHandle, rankCount } from './native-core.js';
import { Scalar, type ScalarValue } from './scalar.js';
import { AffineMap, cStrides, rectVolume, ShapeError, type Rect } from './transform.js';
import { describe, dtype as toDType, dtypes, DTypeError, dtypeOfArray, type DType, type DTypeLike, type TypedArray } from './types.js';

/** A store, or a view of one, used after `dispose()`. */
export class DisposedError extends ArgumentError {
  override name = 'DisposedError';
  constructor(argument: string) {
    super(argument, 'the store was disposed');
  }
}

/**
 * The memory shared by a store and all its views. Freed when the last of them is disposed, or
 * when the garbage collector finds every view that was not disposed unreachable (the views hold
 * the storage, so the collector watches the storage alone: a view dropped without `dispose()`
 * costs the collector nothing more than any other object).
 */
class Storage {
  /** The stores (views) over it not yet disposed. */
  views = 0;
  released = false;
  /** An unbound storage: `fresh` until a task is launched to produce it, then `pending`. */
  unbound: 'fresh' | 'pending' | undefined;
  /** Values derived from the contents (image partitions), dropped at every write. */
  derived: Map<string, unknown> | undefined;
  /** Counts the writes of the contents issued so far. */
  version = 0;
  /**
   * The newest launch that used the storage and had not finished when it returned, or 0: a
   * storage only ever used by launches that ran at once (small ones) needs no wait.
   */
  unsettled = 0;
  /** Whether the collector watches it, or it waits in the nursery to be (false: made inside `tidy`). */
  watched = false;
  /** Made inside a `tidy` scope that has not let it out (the native storage knows too). */
  scoped = false;
  /** The collector's record, once registered. */
  ticket: Ticket | undefined;

  constructor(
    readonly handle: StorageHandle,
    readonly dtype: DType,
    public shape: readonly number[],
    /** An attached caller's array, kept alive as long as the storage. */
    readonly attached?: TypedArray,
  ) {}

  get strides(): number[] {
    return cStrides(this.shape);
  }

  retain(): void {
    this.views++;
  }

  release(): void {
    if (--this.views === 0 && !this.released) {
      this.released = true;
      if (this.ticket) this.ticket.done = true;
      native().releaseStorage(this.handle);
    }
  }
}

/**
 * What the collector's callback gets for a storage it found unreachable: its handle, whether it
 * was released first (then the callback does nothing), and an attached array, kept alive until
 * the native storage lets go of it. No unregister token: V8 keeps tokens in a hash table that
 * costs about a microsecond per store to add to and remove from.
 */
interface Ticket {
  readonly handle: StorageHandle;
  readonly attached: TypedArray | undefined;
  done: boolean;
}

/**
 * A FinalizationRegistry whose callbacks can also be run on demand (`cleanupSome`): V8 has the
 * method behind `--harmony-weak-refs-with-cleanup-some`, in contexts made after the flag is
 * set. Otherwise the callbacks run only when the event loop gets control, which a synchronous
 * loop never gives it. `LEGATE_EAGER_RELEASE=0` turns this off; it is off where V8 is newer than
 * the versions known to have the flag (12).
 */
type Registry = FinalizationRegistry<Ticket> & { cleanupSome?: () => void };

function makeRegistry(): Registry {
  const release = (ticket: Ticket) => {
    if (ticket.done) return;
    ticket.done = true;
    native().releaseStorage(ticket.handle, true);
  };
  const setting = process.env.LEGATE_EAGER_RELEASE;
  const v8Major = Number(process.versions.v8.split('.')[0]);
  if (setting !== '0' && (setting === '1' || v8Major <= 12)) {
    try {
      v8.setFlagsFromString('--harmony-weak-refs-with-cleanup-some');
      const Eager = vm.runInNewContext('FinalizationRegistry') as typeof FinalizationRegistry;
      const registry = new Eager<Ticket>(release) as Registry;
      if (typeof registry.cleanupSome === 'function') return registry;
    } catch {
      // Not this V8: the plain registry below.
    }
  }
  return new FinalizationRegistry<Ticket>(release);
}

const finalizer = makeRegistry();

/**
 * Frees now the storages of stores the garbage collector has already found unreachable, before
 * the event loop would: their memory goes back to the allocator's cache, so the next new store
 * of the same size reuses it instead of touching fresh pages. Runs at every store creation and
 * launch; costs tens of nanoseconds when there is nothing to free.
 */
export function releaseCollected(): void {
  finalizer.cleanupSome?.();
}

function register(storage: Storage): void {
  storage.watched = true;
  const ticket: Ticket = { handle: storage.handle, attached: storage.attached, done: false };
  storage.ticket = ticket;
  finalizer.register(storage, ticket);
}

/**
 * Small storages made outside `tidy` wait here, held, for the next few storages before the
 * collector is told to watch them: most are temporaries disposed within a launch or two, and
 * registering one costs more than the launch of a 1,000-element operation (measured: `np.add`
 * of 1,000 float64, result disposed, 3.7 us with each result registered, 2.8 us without; most
 * of it in the young-generation collector). Bounded in count and in bytes (`NURSERY_SLOTS` of
 * at most `NURSERY_BYTES`), and emptied when the event loop next runs, so a dropped small store
 * is freed a few dozen stores later than it would be, never kept.
 */
const NURSERY_SLOTS = 32;
const NURSERY_BYTES = 256 * 1024;
const nursery: (Storage | undefined)[] = new Array(NURSERY_SLOTS).fill(undefined);
let nurseryNext = 0;
let nurseryFlush = false;

function watch(storage: Storage): void {
  if (storage.watched || storage.released) return;
  let bytes = storage.dtype.itemsize;
  for (const e of storage.shape) bytes *= e;
  if (storage.attached !== undefined || storage.unbound !== undefined || bytes > NURSERY_BYTES) {
    register(storage);
    return;
  }
  storage.watched = true;
  const evicted = nursery[nurseryNext];
  nursery[nurseryNext] = storage;
  nurseryNext = (nurseryNext + 1) % NURSERY_SLOTS;
  if (evicted !== undefined && !evicted.released) register(evicted);
  if (!nurseryFlush) {
    nurseryFlush = true;
    setImmediate(flushNursery).unref();
  }
}

function flushNursery(): void {
  nurseryFlush = false;
  for (let i = 0; i < NURSERY_SLOTS; i++) {
    const storage = nursery[i];
    nursery[i] = undefined;
    if (storage !== undefined && !storage.released) register(storage);
  }
}

/** What a disposed store points to instead of its storage (one per dtype), so it holds no memory. */
const disposedStorages: Storage[] = [];
function disposedStorage(dtype: DType): Storage {
  let s = disposedStorages[dtype.code];
  if (!s) {
    s = new Storage(-1, dtype, []);
    s.released = true;
    disposedStorages[dtype.code] = s;
  }
  return s;
}

/** The stores made inside each open `tidy` scope, innermost last. */
const scopes: Set<LogicalStore>[] = [];

// tidy frees what its function made when the function returns, which an async function does
// before its work is done: refused rather than freeing stores the function still uses.
function asyncTidy(): ArgumentError {
  return new ArgumentError('fn', 'tidy: the function is async (it returned a promise); tidy frees what it made when it returns, before the promise settles. Call tidy inside the async function around its synchronous parts, or dispose the arrays yourself');
}

/**
 * Runs `fn` and then disposes every store (and view) it made, except those it returns (a
 * store, an object with a `store` such as a numeric array, or an array or object of these).
 * When `fn` throws, every store it made is disposed.
 *
 * A store left to the garbage collector is freed only after a collection finds it unreachable,
 * so a long loop that makes temporaries, such as `center[:] = (center + left + right) / 3`
 * repeated, holds more memory and spends time collecting: wrap each iteration in `tidy`.
 */
/** The stores a value holds: a store, an array's (`.store`), or those of the objects and lists in it (three levels). */
function storesOf(value: unknown): Set<LogicalStore> {
  const found = new Set<LogicalStore>();
  const collect = (v: unknown, depth: number): void => {
    if (v instanceof LogicalStore) found.add(v);
    else if (v && typeof v === 'object' && depth < 3) {
      const store = (v as { store?: unknown }).store;
      if (store instanceof LogicalStore) found.add(store);
      else for (const w of Array.isArray(v) ? v : Object.values(v)) collect(w, depth + 1);
    }
  };
  collect(value, 0);
  return found;
}

/**
 * Takes `value`'s stores (a store, an array, a matrix, or objects and lists of them, as tidy
 * finds what it returns) out of every enclosing {@link tidy} scope, so that they live until
 * disposed (tfjs's `keep`): for a cache made inside someone else's scope. Returns `value`.
 *
 * @example
 * ```ts
 * let cache: np.ndarray | undefined;
 * np.tidy(() => {
 *   cache = core.keep(np.ones([3])); // survives the scope
 *   np.zeros([3]); // freed at its end
 * });
 * console.log(cache!.store.disposed);
 * // false
 * ```
 */
export function keep<T>(value: T): T {
  for (const store of storesOf(value)) {
    for (const scope of scopes) scope.delete(store);
    store.keepAfterScope();
  }
  return value;
}

/**
 * Runs `fn` and frees every store (array, matrix) it made except those it returns, when it
 * returns or throws (tfjs's `tidy`): temporaries of a loop body cost no collection. Scopes nest;
 * what `fn` returns joins the enclosing scope. `fn` must be synchronous: an async function, or
 * one that returns a promise, is an error. `keep()` takes a store out of every scope.
 *
 * @example
 * ```ts
 * const x = np.arange(1000);
 * const total = np.tidy(() => np.sum(np.multiply(np.add(x, 1), 2))); // the two temporaries are freed here
 * console.log(total.item());
 * // 1001000
 * ```
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ArgumentError('fn', `tidy: expected a function, got ${fn === null ? 'null' : typeof fn}`);
  if ((fn as { constructor?: { name?: string } }).constructor?.name === 'AsyncFunction') throw asyncTidy();
  const scope = new Set<LogicalStore>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      // The error is thrown here; the promise's own failure (it meets freed stores) is not a
      // second, unhandled one.
      (result as unknown as Promise<unknown>).then(undefined, () => undefined);
      throw asyncTidy();
    }
  } catch (error) {
    // A throwing `fn` returns nothing: everything it made is freed.
    for (const store of scope) store.dispose();
    throw error;
  } finally {
    scopes.pop();
  }
  const kept = storesOf(result);
  const outer = scopes.at(-1);
  for (const store of scope) {
    if (!kept.has(store)) store.dispose();
    else if (outer) outer.add(store);
    else store.keepAfterScope();
  }
  return result;
}

// readItem's bytes, and each type's typed-array view of them (by type code).
const itemBytes = new Uint8Array(16);
const itemViews: TypedArray[] = dtypes.map((t) => new t.arrayType(itemBytes.buffer));

/** The most dimensions a store (or a view) has: the native engine's LEGATE_MAX_DIM. */
export const MAX_DIMS = 6;

function checkDims(ndim: number, argument: string): void {
  if (ndim > MAX_DIMS) throw new ShapeError(argument, `at most ${MAX_DIMS} dimensions are supported, got ${ndim}`);
}

function checkShape(shape: readonly number[], argument: string): number[] {
  if (!Array.isArray(shape)) throw new ShapeError(argument, `expected an array of extents, got ${describe(shape)}`);
  checkDims(shape.length, argument);
  for (const e of shape) {
    if (!Number.isSafeInteger(e) || e < 0) throw new ShapeError(argument, `extents must be non-negative integers, got [${shape.join(', ')}]`);
  }
  return [...shape];
}

/**
 * An N-d array of one element type in the runtime's memory, or a view of one. Views (slice,
 * promote, project, transpose, broadcast, delinearize) never copy: a write through any view is
 * seen through every other view of the same storage.
 */
export class LogicalStore implements Disposable {
  /** The storage; once disposed, a stand-in that holds nothing (the storage may outlive it). */
  #storage: Storage;
  #resolved: AffineMap | undefined;
  #disposed = false;
  #readOnly = false;

  private constructor(storage: Storage, map: AffineMap | undefined) {
    this.#storage = storage;
    this.#resolved = map;
    storage.retain();
    // Inside tidy the scope frees the store (or, returned, has the collector watch it when it
    // leaves the outermost scope); outside, the collector's safety net does.
    if (scopes.length > 0) scopes[scopes.length - 1]!.add(this);
    else watch(storage);
  }

  /**
   * A 1-D store whose size only the task that produces it knows (the pieces each point task
   * creates, joined in point order). Reading its shape waits for that task.
   */
  static createUnbound(dtype: DTypeLike): LogicalStore {
    const t = toDType(dtype);
    const storage = new Storage(native().createUnboundStorage(t.code, t.itemsize), t, []);
    storage.unbound = 'fresh';
    return new LogicalStore(storage, undefined);
  }

  /**
   * The map, once the shape is known: an unbound store waits for the task that produces it. (A
   * method: V8 calls into its runtime for private getters.)
   */
  #map(): AffineMap {
    return this.#resolved ?? this.#resolve();
  }

  #resolve(): AffineMap {
    const storage = this.#live();
    if (storage.unbound === 'fresh') {
      throw new ShapeError('store', 'an unbound store has no shape until a task is launched to produce it');
    }
    const failure = native().wait(storage.handle, [0], [Number.MAX_SAFE_INTEGER]);
    const shape = native().storageShape(storage.handle);
    if (failure) throw failureError(failure);
    storage.shape = shape!;
    storage.unbound = undefined;
    this.#resolved = AffineMap.identity(shape!);
    return this.#resolved;
  }

  /** @internal Whether this is an unbound store no task has been launched to produce yet. */
  get isFreshUnbound(): boolean {
    return this.#storage.unbound === 'fresh';
  }

  /** @internal A task producing this unbound store was launched. */
  markProduced(): void {
    this.#storage.unbound = 'pending';
  }

  /** A new store of `shape` and `dtype`; its memory is allocated on first use, uninitialised. */
  static create(shape: readonly number[], dtype: DTypeLike): LogicalStore {
    const t = toDType(dtype);
    const extents = checkShape(shape, 'shape');
    // NumPy refuses sizes whose bytes do not fit in a signed 64-bit size (exact in BigInt, when
    // a double's product is not obviously far below it).
    let bytes = t.itemsize;
    for (const e of extents) bytes *= e;
    if (bytes > 2 ** 52 && !extents.includes(0) && extents.reduce((b, e) => b * BigInt(e), BigInt(t.itemsize)) > 2n ** 63n - 1n) {
      throw new ShapeError('shape', `array is too big; the size (${extents.join(' × ')}) times the item size (${t.itemsize}) is larger than the maximum possible size`);
    }
    releaseCollected();
    const handle = native().createStorage(t.code, t.itemsize, extents, scopes.length > 0);
    const storage = new Storage(handle, t, extents);
    storage.scoped = scopes.length > 0;
    return new LogicalStore(storage, AffineMap.identity(extents));
  }

  /**
   * A store over the caller's typed array, without copying (complex types take interleaved
   * re, im). The runtime reads and writes the array's memory until the store is disposed.
   */
  static attach(array: TypedArray, shape: readonly number[] = [array.length], dtype?: DTypeLike): LogicalStore {
    const t = dtype === undefined ? dtypeOfArray(array) : toDType(dtype);
    if (!(array instanceof t.arrayType)) {
      throw new DTypeError('array', `a ${describe(array)} cannot hold ${t.name}; expected ${t.arrayType.name}`);
    }
    const extents = checkShape(shape, 'shape');
    const volume = extents.reduce((a, b) => a * b, 1);
    if (volume * t.lanes !== array.length) {
      throw new ShapeError('shape', `[${extents.join(', ')}] of ${t.name} needs ${volume * t.lanes} array elements, the array has ${array.length}`);
    }
    const handle = native().attachStorage(t.code, t.itemsize, extents, array);
    return new LogicalStore(new Storage(handle, t, extents, array), AffineMap.identity(extents));
  }

  get shape(): readonly number[] {
    return this.#map().shape;
  }

  get ndim(): number {
    return this.#map().ndim;
  }

  get size(): number {
    return this.#map().shape.reduce((a, b) => a * b, 1);
  }

  get dtype(): DType {
    return this.#storage.dtype;
  }

  /** How this view's coordinates map onto its storage's. */
  get transform(): AffineMap {
    return this.#map();
  }

  /** Whether this view refuses writes (see {@link asReadOnly}); views of it are read-only too. */
  get readOnly(): boolean {
    return this.#readOnly;
  }

  /**
   * A view of the same elements that refuses writes, from JavaScript and as a task's output,
   * as NumPy's non-writeable arrays (a `broadcast_to` result); every view made from it is too.
   */
  asReadOnly(): LogicalStore {
    const view = this.#view(this.#map());
    view.#readOnly = true;
    return view;
  }

  /** Whether this store and `other` view the same storage. */
  sharesStorageWith(other: LogicalStore): boolean {
    return this.#storage === other.#storage && !this.#storage.released;
  }

  get disposed(): boolean {
    return this.#disposed || this.#storage.released;
  }

  #live(argument = 'store'): Storage {
    if (this.disposed) throw new DisposedError(argument);
    return this.#storage;
  }

  /** @internal The storage's id in the native runtime. */
  get storageHandle(): number {
    return this.#live().handle;
  }

  /** The extents of the storage this store views (its own shape for a store that is no view; waits for an unbound one). */
  get storageShape(): readonly number[] {
    this.#map();
    return this.#live().shape;
  }

  /** @internal Forgets what was derived from the contents: a task, `fill` or `write` changes them. */
  markWritten(): void {
    this.#storage.derived = undefined;
    this.#storage.version++;
  }

  /**
   * @internal Changes at every write of the contents; null for attached storage, whose owner
   * may change it unseen.
   */
  get contentVersion(): number | null {
    const storage = this.#live();
    return storage.attached ? null : storage.version;
  }

  /** @internal Launch `id`, which uses this store, may still be running (or have failed). */
  markUnsettled(id: number): void {
    this.#storage.unsettled = id;
  }

  /**
   * @internal `compute()`, remembered until the storage is next written (image partitions of
   * CSR structure, which many launches share). Attached storage is never remembered: its owner
   * may change it behind the runtime's back.
   */
  derive<T>(key: string, compute: () => T): T {
    const storage = this.#live();
    if (storage.attached) return compute();
    const map = this.#map();
    const full = `${map.key}|${key}`;
    const known = storage.derived?.get(full);
    if (known !== undefined) return known as T;
    const value = compute();
    (storage.derived ??= new Map()).set(full, value);
    return value;
  }

  /** The storage box this view's elements lie in. */
  #bounds(): Rect {
    const map = this.#map();
    return map.storageBounds({ lo: map.shape.map(() => 0), hi: map.shape });
  }

  /** Waits for every issued task that touches this view's elements; throws a task's failure. */
  #sync(storage: Storage): void {
    // Under ranks every rank waits alike (a wait is where they agree on failures), settled or not.
    if ((storage.unsettled === 0 && rankCount() === 1) || this.size === 0) return;
    const { lo, hi } = this.#bounds();
    const failure = native().wait(storage.handle, lo, hi);
    if (failure) throw failureError(failure);
    // Waited for all of it, and nothing failed: the storage is settled until the next launch.
    if (rectVolume(this.#bounds()) === storage.shape.reduce((a, b) => a * b, 1)) storage.unsettled = 0;
  }

  /** Where a write from JavaScript lands: the box, and whether the view fills it (no gaps). */
  #writeTarget(): [readonly number[], readonly number[], boolean] {
    const box = this.#bounds();
    return [box.lo, box.hi, rectVolume(box) === this.size];
  }

  /** Blocks until the tasks that produce this store's elements have run; throws their failure. */
  wait(): void {
    this.#sync(this.#live());
  }

  /**
   * Resolves once the tasks that produce this store's elements have run, without blocking the
   * event loop (the waiting happens on a libuv worker thread); rejects with their failure.
   */
  async waitAsync(): Promise<void> {
    const storage = this.#live();
    const { lo, hi } = this.#resolved
      ? this.#resolved.storageBounds({ lo: this.#resolved.shape.map(() => 0), hi: this.#resolved.shape })
      : { lo: [0], hi: [Number.MAX_SAFE_INTEGER] }; // an unbound store: wait for its producer
    if (this.#resolved?.shape.includes(0)) return;
    const failure = await native().waitAsync(storage.handle, lo, hi);
    if (failure) throw failureError(failure);
  }

  /** Like {@link read}, without blocking the event loop while the producing tasks run. */
  async readAsync(): Promise<TypedArray> {
    await this.waitAsync();
    return this.read();
  }

  #view(map: AffineMap): LogicalStore {
    checkDims(map.ndim, 'shape');
    const view = new LogicalStore(this.#live(), map);
    view.#readOnly = this.#readOnly;
    return view;
  }

  /** Elements start, start+step, ... before stop along `dim`. */
  slice(dim: number, start: number, stop: number, step = 1): LogicalStore {
    return this.#view(this.#map().slice(dim, start, stop, step));
  }

  /** A new dimension of `extent` at `dim`, along which every element is the same. */
  promote(dim: number, extent: number): LogicalStore {
    return this.#view(this.#map().promote(dim, extent));
  }

  /** The slice at `index` of dimension `dim`, which disappears. */
  project(dim: number, index: number): LogicalStore {
    return this.#view(this.#map().project(dim, index));
  }

  /** Dimension v of the result is dimension `axes[v]` of this store. */
  transpose(axes: readonly number[]): LogicalStore {
    return this.#view(this.#map().transpose(axes));
  }

  /** Dimension `dim`, of extent 1, repeated `extent` times. */
  broadcast(dim: number, extent: number): LogicalStore {
    return this.#view(this.#map().broadcast(dim, extent));
  }

  /**
   * Read-only windows of `window` consecutive elements along `dim`, as a new last dimension
   * (NumPy's `sliding_window_view`): view[i, j] = this[i + j].
   */
  slidingWindow(dim: number, window: number): LogicalStore {
    return this.#view(this.#map().slidingWindow(dim, window));
  }

  /** The diagonal of `dim1` and `dim2` as a new last dimension (NumPy's `diagonal`, a view). */
  diagonal(dim1: number, dim2: number, offset = 0): LogicalStore {
    return this.#view(this.#map().diagonal(dim1, dim2, offset));
  }

  /** Dimension `dim` split into `shape` (C order). */
  delinearize(dim: number, shape: readonly number[]): LogicalStore {
    return this.#view(this.#map().delinearize(dim, shape));
  }

  /**
   * This view's elements (C order) in `shape`, without copying, wherever NumPy's reshape makes
   * a view: each new dimension a fixed step through the old ones (merging dimensions included,
   * which addresses the storage by linear index); null where the view's steps do not allow it
   * (a transposed or strided view merged across its gaps), so the caller copies.
   */
  reshape(shape: readonly number[]): LogicalStore | null {
    const map = this.#map().reshape(shape, this.#live().shape);
    return map ? this.#view(map) : null;
  }

  #block(storage: Storage): [number, number[], number[]] {
    const strides = storage.strides;
    const map = this.#map();
    const origin = map.shape.map(() => 0);
    return [this.size === 0 ? 0 : map.linearOffset(origin, strides), [...map.shape], map.strides(strides)];
  }

  #writable(argument: string): Storage {
    const storage = this.#live(argument);
    if (this.#readOnly) throw new ShapeError(argument, 'assignment destination is read-only');
    if (this.#map().hasBroadcast) {
      throw new ShapeError(argument, 'a broadcast view repeats elements, so it can be read but not written');
    }
    return storage;
  }

  /** Sets every element to `value`. */
  fill(value: ScalarValue | Scalar): void {
    const storage = this.#writable('store');
    const scalar = value instanceof Scalar ? value : new Scalar(value, storage.dtype, 'value');
    if (scalar.dtype !== storage.dtype) {
      throw new DTypeError('value', `a ${scalar.dtype.name} scalar cannot fill a ${storage.dtype.name} store`);
    }
    this.#sync(storage);
    this.markWritten();
    const [offset, shape, strides] = this.#block(storage);
    const [lo, hi, dense] = this.#writeTarget();
    native().fill(storage.handle, offset, shape, strides, scalar.bytes(), lo, hi, dense);
  }

  /** A copy of the elements in C order (complex: interleaved re, im). */
  read(): TypedArray {
    const storage = this.#live();
    this.#sync(storage);
    const { lo, hi } = this.#bounds();
    const [offset, shape, strides] = this.#block(storage);
    const bytes = native().gather(storage.handle, offset, shape, strides, lo, hi);
    const t = storage.dtype;
    return new t.arrayType(bytes, 0, bytes.byteLength / t.arrayType.BYTES_PER_ELEMENT);
  }

  /**
   * @internal Like {@link read}, into the caller's typed array (C order, at least the store's
   * size in elements of its type), without a new buffer.
   */
  readInto(target: TypedArray): void {
    const storage = this.#live();
    this.#sync(storage);
    const t = storage.dtype;
    if (!(target instanceof t.arrayType) || target.length < this.size * t.lanes) {
      throw new ShapeError('target', `readInto: expected a ${t.arrayType.name} of at least ${this.size * t.lanes} elements`);
    }
    const { lo, hi } = this.#bounds();
    const [offset, shape, strides] = this.#block(storage);
    native().gather(storage.handle, offset, shape, strides, lo, hi, target);
  }

  /**
   * @internal The hull [lo, hi) of the elements of a 1-D target of `extent` that this store's
   * integer values select (`range`: [start, stop) pairs along its last dimension; else each value
   * one element), computed where the values are, without reading them into JavaScript. Waits as
   * {@link read} does. `bad` is the first selection outside the target, if any.
   */
  imageBounds(range: boolean, extent: number): { lo: number; hi: number; bad: [number, number] | null } {
    const storage = this.#live();
    this.#sync(storage);
    const { lo, hi } = this.#bounds();
    const [offset, shape, strides] = this.#block(storage);
    const [a, b, badLo, badHi] = native().imageBounds(storage.handle, offset, shape, strides, lo, hi, range, extent);
    return { lo: a, hi: b, bad: badLo === -1 && badHi === -1 ? null : [badLo, badHi] };
  }

  /**
   * The one element of a store of size one (any shape), without making an array: a number, a
   * bigint for the 64-bit integer types, a boolean for bool, `{ re, im }` for complex. Waits.
   */
  readItem(): ScalarValue {
    const storage = this.#live();
    if (this.size !== 1) throw new ShapeError('store', `readItem: the store has ${this.size} elements, not one`);
    this.#sync(storage);
    const { lo, hi } = this.#bounds();
    const [offset, shape, strides] = this.#block(storage);
    native().gather(storage.handle, offset, shape, strides, lo, hi, itemBytes);
    const t = storage.dtype;
    const view = itemViews[t.code]!;
    if (t.isComplex) return { re: view[0] as number, im: view[1] as number };
    return t.kind === 'b' ? view[0] !== 0 : view[0]!;
  }

  /** Copies `values` (C order, as `read` returns them) into the elements. */
  write(values: TypedArray): void {
    const storage = this.#writable('store');
    const t = storage.dtype;
    if (!(values instanceof t.arrayType)) {
      throw new DTypeError('values', `expected a ${t.arrayType.name} for a ${t.name} store, got ${describe(values)}`);
    }
    if (values.length !== this.size * t.lanes) {
      throw new ShapeError('values', `expected ${this.size * t.lanes} elements for shape [${this.shape.join(', ')}], got ${values.length}`);
    }
    this.#sync(storage);
    this.markWritten();
    const [offset, shape, strides] = this.#block(storage);
    const [lo, hi, dense] = this.#writeTarget();
    native().scatter(storage.handle, offset, shape, strides, values, lo, hi, dense);
  }

  /** Releases this view; the storage is freed once no view of it remains. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const storage = this.#storage;
    this.#storage = disposedStorage(storage.dtype);
    storage.release();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** @internal A store `tidy` keeps past its outermost scope: the collector's safety net takes it. */
  keepAfterScope(): void {
    if (this.#disposed) return;
    watch(this.#storage);
    if (this.#storage.scoped) {
      this.#storage.scoped = false;
      native().unscopeStorage(this.#storage.handle);
    }
  }

  toString(): string {
    return `LogicalStore(${this.dtype.name}, [${this.shape.join(', ')}])`;
  }
}
