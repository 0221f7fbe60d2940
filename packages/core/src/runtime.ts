import { readConfig, type RuntimeConfig } from './config.js';
import type { LibraryFeatures } from './features.js';
import { ConfigError, LegateError } from './errors.js';
import { checkOptions } from './options.js';
import { memoryMode, native, rankCount, setMemoryMode, type CoreAddon, type MemoryMode, type MemoryStats, type RuntimeCounters } from './native-core.js';

/**
 * A library addon: it exports `register(coreApi, name)`, which registers it under `name` through
 * core's C ABI (`register_library` in `<legate/core_abi.h>`) and returns the library's id.
 */
export interface NativeLibraryAddon {
  register(coreApi: unknown, name: string): number;
}

/** A bandwidth measurement of this machine (STREAM Add: a = b + c over float64). */
export interface BandwidthProbe {
  /** Median over the repetitions, in bytes per second (3 arrays counted, as STREAM does). */
  readonly bytesPerSecond: number;
  readonly bestBytesPerSecond: number;
  readonly threads: number;
  readonly bytesPerArray: number;
}

/**
 * The process's runtime. It loads the native core and reads its configuration on first use, so
 * importing `@legate/core` never fails; the first call that needs them throws instead.
 */
export class Runtime {
  #config: RuntimeConfig | undefined;
  #window: { launches: number; bytes: number } | undefined;
  #fusion: boolean | undefined;

  get #addon(): CoreAddon {
    return native();
  }

  /** Where point tasks work: `shared` (all in the host memory) or `separate` (each CPU its own). */
  get memoryMode(): MemoryMode {
    return memoryMode();
  }

  /**
   * Switches where later point tasks work. In `separate` mode each CPU processor has its own
   * memory, as GPUs and MPI ranks do: the runtime tracks which memory holds the newest values of
   * each rectangle and copies only what a task lacks (`counters().bytesCopied`). Safe at any
   * time: the data stays coherent across the switch.
   */
  setMemoryMode(mode: MemoryMode): void {
    if (mode !== 'shared' && mode !== 'separate') throw new ConfigError('mode', `expected 'shared' or 'separate', got '${String(mode)}'`);
    setMemoryMode(mode);
  }

  /**
   * How far the issuing thread may run ahead of execution: launches not yet finished, and the
   * bytes they write. Past either bound, issuing waits until half the window has drained, so a
   * loop that never reads runs in memory bounded by its live arrays plus the window. Defaults
   * from `LEGATE_WINDOW_LAUNCHES` / `LEGATE_WINDOW_BYTES` (512 launches, 32 MiB). Returns the
   * previous window. The window changes only when work waits, never what is issued.
   */
  setWindow(window: { launches?: number; bytes?: number }): { launches: number; bytes: number } {
    const known = checkOptions(window, ['launches', 'bytes'], 'setWindow', 'window');
    const previous = { ...(this.#window ?? this.config.window) };
    const next = { ...previous };
    for (const key of ['launches', 'bytes'] as const) {
      const value = known[key];
      if (value === undefined) continue;
      if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(key, `expected a positive integer, got ${String(value)}`);
      next[key] = value;
    }
    this.#addon.setWindow(next.launches, next.bytes);
    this.#window = next;
    return previous;
  }

  /**
   * Turns fusion on or off for later launches; returns whether it was on. With fusion on
   * (`LEGATE_FUSION`, default `1`), consecutive elementwise launches whose arguments line up
   * element for element run as one task that passes over memory once, block by block, and a
   * temporary only they use is never allocated (`counters().fusedTasks`,
   * `counters().elidedTemporaries`). Results are the same either way: turning it off is for
   * comparing and measuring. Under ranks fusion stays off.
   */
  setFusion(on: boolean): boolean {
    if (typeof on !== 'boolean') throw new ConfigError('on', `expected a boolean, got ${typeof on}`);
    const previous = this.fusion;
    this.#addon.setFusion(on);
    this.#fusion = on;
    return previous;
  }

  /** Whether fusion is on (see {@link Runtime.setFusion}). */
  get fusion(): boolean {
    return this.#fusion ?? this.config.fusion;
  }

  /** The window now in force (see {@link Runtime.setWindow}). */
  get window(): { readonly launches: number; readonly bytes: number } {
    return { ...(this.#window ?? this.config.window) };
  }

  /**
   * This process's rank among the ranks of the program (0 without a launcher). Every rank runs
   * the whole program: use it to print or write files from one rank only, never to decide what
   * to compute (the ranks must issue the same operations in the same order).
   */
  get rank(): number {
    return this.#addon.ranks().rank;
  }

  /** How many ranks (processes) run the program: 1 unless an MPI launcher started it. */
  get ranks(): number {
    return rankCount();
  }

  /** Whether an MPI launcher (`mpirun`, `legate --ranks`) started this process. */
  get launched(): boolean {
    return this.#addon.ranks().launched;
  }

  /** The configuration (environment variables such as `LEGATE_CPUS`). */
  get config(): RuntimeConfig {
    this.#config ??= readConfig();
    return this.#config;
  }

  /** The version of the loaded native core. */
  get nativeVersion(): string {
    return this.#addon.version;
  }

  /** What each registered library was built with, and why each optional part is on or off. */
  get features(): readonly LibraryFeatures[] {
    return this.#addon.libraries();
  }

  /** Allocation counters of each memory: `host`, and each processor's in the separate-memory mode. */
  memoryStats(): MemoryStats[] {
    return this.#addon.memoryStats();
  }

  /**
   * Starts every memory's `peakBytesInUse` over from its bytes in use now, so the peak of one
   * phase of a program (a benchmark case, a solve) can be read on its own.
   */
  resetPeakMemory(): void {
    this.#addon.resetPeakMemory();
  }

  /** What the runtime has done so far: launches, point tasks, folds, copies. */
  counters(): RuntimeCounters {
    return this.#addon.counters();
  }

  /**
   * Blocks until every task issued so far has run (their failures stay with their stores),
   * including what fusion left to compute when needed (see `counters().materialized`).
   */
  issueExecutionFence(): void {
    this.#addon.fence();
  }

  /**
   * Microseconds on a monotonic clock, taken after every task issued so far has run: the
   * difference of two readings times the work issued between them.
   */
  time(): number {
    this.#addon.fence();
    return Number(process.hrtime.bigint() / 1000n);
  }

  /** Returns the allocator's cached blocks to the system. */
  trimMemory(): void {
    this.#addon.trimCache();
  }

  /** The C ABI handle a library addon registers through: pass it to the addon's `register`. */
  coreApi(): unknown {
    return this.#addon.coreApi();
  }

  /**
   * Measures this machine's memory bandwidth with `threads` threads (default: the configured
   * CPUs), for benchmarks that report the share of it they reach.
   */
  probeBandwidth(options: { bytesPerArray?: number; threads?: number; repetitions?: number } = {}): BandwidthProbe {
    const bytesPerArray = options.bytesPerArray ?? 2 ** 28;
    const threads = options.threads ?? this.config.cpus;
    const r = this.#addon.probeBandwidth(bytesPerArray, threads, options.repetitions ?? 5);
    return { bytesPerSecond: r.medianBytesPerSecond, bestBytesPerSecond: r.bestBytesPerSecond, threads, bytesPerArray };
  }
}

/** The process's runtime. */
export const runtime = new Runtime();

/**
 * Registers a library's native addon into the process's runtime, through core's C ABI, and
 * returns the library's id. Registering the same addon again (a worker thread, a re-import)
 * returns the same id; a name another addon holds is a {@link LegateError}.
 */
export function registerNativeLibrary(name: string, addon: NativeLibraryAddon): number {
  try {
    return addon.register(runtime.coreApi(), name);
  } catch (cause) {
    throw new LegateError(`registerNativeLibrary('${name}'): ${(cause as Error).message}`, { cause });
  }
}
