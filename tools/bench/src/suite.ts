import type { TypedArray } from '@legate/core';

/** An input array shared by our side and the Python peer (same values, loaded from .npy). */
export interface BenchInput {
  readonly data: TypedArray;
  readonly shape?: readonly number[];
  /** NumPy dtype name when it differs from the typed array's (e.g. 'complex128'). */
  readonly dtype?: string;
}

export interface BenchCase<Context = unknown> {
  readonly name: string;
  /** Inputs, bound by name in the peer's namespace and passed to `setup`. */
  inputs?(): Record<string, BenchInput>;
  /** Our side's preparation, untimed. */
  setup?(inputs: Record<string, BenchInput>): Context | Promise<Context>;
  /** One timed run of our side; it must wait for its work to finish. */
  run(context: Context): unknown;
  teardown?(context: Context): void | Promise<void>;
  /** The same work in Python: `setup` once, then `run` timed; `np` and `scipy` are bound. */
  readonly peer?: { readonly setup?: string; readonly run: string; readonly label?: string };
  /**
   * Bytes moved to and from memory by one run, operation by operation (what NumPy moves): gives
   * GB/s and the share of the probed bandwidth when the runtime's own count (the pieces its
   * tasks read and wrote, `counters().bytesAccessed`) is not there.
   */
  readonly bytes?: number;
  /**
   * Bytes the fused form of one run must move: each input read once, each result written once.
   * The table prints what the run moved against it.
   */
  readonly idealBytes?: number;
  /** Floating-point operations in one run: gives GFLOP/s. */
  readonly flops?: number;
  /** Items one run processes (launches, point tasks...): gives items per second. */
  readonly items?: { readonly count: number; readonly unit: string };
  /** Override the timed runs for a slow case. */
  readonly runs?: number;
  /**
   * Override the warm-up runs (both sides): a case whose one run is short does not warm up
   * JavaScript's optimizing compiler in the default one or two.
   */
  readonly warmup?: number;
  /**
   * Latency cases: each timed sample is this many runs back to back, reported per run, on both
   * sides (one run of a few microseconds is below what a single sample measures well).
   */
  readonly repeat?: number;
}

/** A row of a suite that measures whole processes (see {@link BenchSuite.external}). */
export interface ExternalRow {
  readonly case: string;
  /** This project's configuration, and the one it is compared with (the peer's column). */
  readonly oursMs: number | null;
  readonly peerMs: number | null;
  readonly peerLabel: string;
  readonly error?: string;
}

export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  /** `quick` asks for smaller sizes (smoke tests). */
  cases(options: { quick: boolean }): BenchCase<any>[];
  /**
   * Instead of cases timed in this process: a suite that runs its workloads in other processes
   * (under mpirun) and reports their medians, compared with another configuration of ours.
   */
  external?(options: { quick: boolean; runs: number }): Promise<ExternalRow[]>;
}

/** Declares a suite; a file `packages/<pkg>/bench/<name>.bench.ts` exports it as default. */
export function defineSuite(suite: BenchSuite): BenchSuite {
  return suite;
}
