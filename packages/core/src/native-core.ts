import { writeSync } from 'node:fs';

import type { LibraryFeatures } from './features.js';
import { readConfig } from './config.js';
import { MemoryError, RankError } from './errors.js';
import { failureError } from './failure.js';
import { loadNativeAddon } from './native.js';
import { dtypes, type TypedArray } from './types.js';

/** Where point tasks work: all in the host memory, or each CPU processor in its own. */
export type MemoryMode = 'shared' | 'separate';

/** A storage's id in the native runtime. */
export type StorageHandle = number;

/** Per-memory allocation counters. */
export interface MemoryStats {
  /** The memory's name: `host` for the memory JavaScript reads; `cpu0`, `cpu1`... for the processors' own (separate-memory mode). */
  readonly memory: string;
  readonly bytesInUse: number;
  /** Freed blocks kept for reuse (fresh pages are expensive to touch). */
  readonly bytesCached: number;
  readonly peakBytesInUse: number;
  readonly allocations: number;
  readonly cacheHits: number;
  readonly liveStorages: number;
}

/** What the runtime has done since the process started, for tests and benchmarks. */
export interface RuntimeCounters {
  readonly launches: number;
  readonly pointTasks: number;
  /** Point tasks run on the launching thread (small, single-piece launches). */
  readonly inlineTasks: number;
  /** Reductions folded into their stores. */
  readonly folds: number;
  readonly failedTasks: number;
  /** Copies between memories, and their bytes (0 while one memory holds everything). */
  readonly copies: number;
  readonly bytesCopied: number;
  /** Times the issuing thread waited for the window of pending work to drain. */
  readonly throttled: number;
  /** Messages between ranks, and the bytes of values they carried (0 on one rank). */
  readonly messagesSent: number;
  readonly messagesReceived: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /**
   * Fusion: elementwise launches merged into fused tasks (`fusedLaunches` of them into
   * `fusedTasks`), and the temporaries those never allocated, with their bytes.
   */
  readonly fusedLaunches: number;
  readonly fusedTasks: number;
  readonly elidedTemporaries: number;
  readonly elidedBytes: number;
  /**
   * Of the elided stores, those JavaScript still held that were needed after all (read, or an
   * input of theirs about to change): computed then, by a launch of their own.
   */
  readonly materialized: number;
  /**
   * Stores copied before a write because several such stores not yet computed read them: they
   * are computed from the copy when needed.
   */
  readonly copiedOnWrite: number;
  /**
   * Bytes of the elements point tasks were given to read and write: each input's and output's
   * piece once (a fused task's temporaries live in cache, and are not counted).
   */
  readonly bytesAccessed: number;
  /** CPU worker threads. */
  readonly threads: number;
}

/** The functions core's addon exports (native/core/src/*.cc). */
export interface CoreAddon {
  readonly version: string;
  readonly abiVersion: number;
  libraries(): LibraryFeatures[];
  coreApi(): unknown;
  registerLibrary(name: string): number;
  probeBandwidth(
    bytesPerArray: number,
    threads: number,
    repetitions: number,
  ): { medianBytesPerSecond: number; bestBytesPerSecond: number; medianSeconds: number };
  /** `scoped`: made inside a `tidy` scope (unscopeStorage when it outlives it). */
  createStorage(typeCode: number, itemsize: number, shape: number[], scoped?: boolean): StorageHandle;
  unscopeStorage(handle: StorageHandle): void;
  attachStorage(typeCode: number, itemsize: number, shape: number[], array: TypedArray): StorageHandle;
  /** `collected`: the collector found it unreachable (not an explicit release). */
  releaseStorage(handle: StorageHandle, collected?: boolean): void;
  createUnboundStorage(typeCode: number, itemsize: number): StorageHandle;
  storageShape(handle: StorageHandle): number[] | null;
  gather(handle: StorageHandle, offset: number, shape: number[], strides: number[], lo: readonly number[], hi: readonly number[]): ArrayBuffer;
  /** The same into `into` (at least the block's bytes); returns the bytes written. */
  gather(handle: StorageHandle, offset: number, shape: number[], strides: number[], lo: readonly number[], hi: readonly number[], into: TypedArray): number;
  /** The hull of what a block of integer values selects in a target of `extent` (see storage_bindings.cc). */
  imageBounds(handle: StorageHandle, offset: number, shape: number[], strides: number[], lo: readonly number[], hi: readonly number[], range: boolean, extent: number): [number, number, number, number];
  scatter(
    handle: StorageHandle,
    offset: number,
    shape: number[],
    strides: number[],
    values: TypedArray,
    lo: readonly number[],
    hi: readonly number[],
    dense: boolean,
  ): void;
  fill(
    handle: StorageHandle,
    offset: number,
    shape: number[],
    strides: number[],
    value: Uint8Array,
    lo: readonly number[],
    hi: readonly number[],
    dense: boolean,
  ): void;
  setMemoryMode(mode: MemoryMode): void;
  memoryStats(): MemoryStats[];
  /** Holds the buffers launches are encoded into (task.ts `encode`); again whenever one is replaced. */
  setLaunchBuffers(descriptor: Float64Array, scalars: Uint8Array): void;
  /** Launches what the first `length` numbers of the descriptor buffer describe; a negated id when it already ran. */
  launch(length: number): number;
  wait(handle: StorageHandle, lo: readonly number[], hi: readonly number[]): { message: string; task: string; launch: number } | null;
  waitAsync(handle: StorageHandle, lo: readonly number[], hi: readonly number[]): Promise<{ message: string; task: string; launch: number } | null>;
  fence(): void;
  setJsTaskRunner(runner: (call: never) => void): void;
  registerJsTask(library: number, taskId: number, name: string): void;
  runJsTasks(): number;
  oldestPending(): number;
  setStatusBuffer(status: Float64Array): void;
  failedLaunches(): { count: number; ids: number[] };
  failedLaunchCount(): number;
  counters(): RuntimeCounters;
  setInlineLimit(elements: number): void;
  flushHeld(): void;
  setFusion(on: boolean): void;
  ranks(): { rank: number; size: number; launched: boolean };
  shutdownRanks(exitCode: number): void;
  setWindow(launches: number, bytes: number): void;
  trimCache(): void;
  resetPeakMemory(): void;
}

let addon: CoreAddon | undefined;
let mode: MemoryMode = 'shared';

/** Core's addon, loaded on first use, in the memory mode of `LEGATE_MEMORY_MODE`. */
interface NativeOutOfMemory {
  code: 'LEGATE_OUT_OF_MEMORY';
  bytes: number;
  memory: string;
  shape?: number[];
  typeCode?: number;
}

/**
 * A native error as the error JavaScript gets: an allocation failure a {@link MemoryError}, a
 * failure of the ranks a {@link RankError}, values a failed task on another rank left invalid
 * that task's failure; any other error as it is.
 */
export function nativeErrorOf(error: unknown): unknown {
  const e = error as Partial<NativeOutOfMemory> | null;
  const code = e !== null && typeof e === 'object' ? (e as { code?: string }).code : undefined;
  if (code === 'LEGATE_RANKS') return new RankError((error as Error).message);
  // Values another rank's failed task left invalid, found when they arrived: the task's failure.
  if (code === 'LEGATE_TASK_FAILED') {
    const f = error as Error & { task: string; launch: number };
    return failureError({ message: f.message, task: f.task, launch: f.launch });
  }
  if (e === null || typeof e !== 'object' || e.code !== 'LEGATE_OUT_OF_MEMORY') return error;
  const dtype = e.typeCode === undefined ? undefined : dtypes[e.typeCode]?.name;
  return new MemoryError(e.bytes ?? 0, e.memory ?? 'host', e.shape, dtype);
}

// Every function of the addon, with its errors thrown as nativeErrorOf makes them.
function withNativeErrors(loaded: CoreAddon): CoreAddon {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(loaded)) {
    if (typeof value !== 'function') {
      wrapped[key] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    // Fixed arguments, no rest array per call (no binding takes more than eight, and none
    // counts its arguments: a missing one and an undefined one read the same).
    wrapped[key] = function (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown, g: unknown, h: unknown): unknown {
      try {
        return fn.call(loaded, a, b, c, d, e, f, g, h);
      } catch (error) {
        throw nativeErrorOf(error);
      }
    };
  }
  return wrapped as unknown as CoreAddon;
}

export function native(): CoreAddon {
  if (!addon) {
    const loaded = withNativeErrors(loadNativeAddon<CoreAddon>(import.meta.url, 'legate_core'));
    mode = readConfig().memoryMode;
    loaded.setMemoryMode(mode);
    addon = loaded;
    // Under a launcher the runtime joined the job's other ranks: leaving it is part of exiting
    // (a clean exit meets them; a failing one ends the job, so no rank waits for this one).
    const job = loaded.ranks();
    if (job.launched) {
      process.on('exit', (code) => {
        const exitCode = typeof code === 'number' ? code : 1;
        if (exitCode !== 0 && job.size > 1) {
          writeSync(2, `legate: rank ${job.rank} of ${job.size} exits with code ${exitCode}: ending every rank of the job\n`);
        }
        loaded.shutdownRanks(exitCode);
      });
    }
  }
  return addon;
}

let ranksOfJob: number | undefined;

/** How many ranks run the program (1 without a launcher); it never changes. */
export function rankCount(): number {
  ranksOfJob ??= native().ranks().size;
  return ranksOfJob;
}

export function memoryMode(): MemoryMode {
  native();
  return mode;
}

export function setMemoryMode(next: MemoryMode): void {
  native().setMemoryMode(next);
  mode = next;
}
