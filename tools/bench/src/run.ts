import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { runtime } from '@legate/core';

import { writeNpy } from './npy.js';
import type { Peer } from './peer.js';
import { summarize, type Timing } from './stats.js';
import type { BenchCase, BenchInput, BenchSuite } from './suite.js';

export interface RunOptions {
  readonly runs: number;
  readonly warmup: number;
  readonly quick: boolean;
}

export interface Row {
  readonly case: string;
  readonly ours: Timing | null;
  readonly peer: Timing | null;
  /** Why the peer has no figure (none defined, no numpy, or its error). */
  readonly peerNote?: string;
  /** peer median / our median: above 1 means we are faster. */
  readonly ratio: number | null;
  readonly bytesPerSecond: number | null;
  /** Bytes our tasks read and wrote per run (the runtime's count), and that over the ideal. */
  readonly movedBytes: number | null;
  readonly movedOverIdeal: number | null;
  /** Our bytes per second over the probed memory bandwidth. */
  readonly bandwidthShare: number | null;
  readonly flopsPerSecond: number | null;
  readonly itemsPerSecond: number | null;
  readonly itemUnit?: string;
  readonly error?: string;
}

/** Our timing, and the bytes our tasks read and wrote per run (over the timed runs). */
async function timeOurs(c: BenchCase, context: unknown, options: RunOptions): Promise<{ timing: Timing; moved: number }> {
  const repeat = c.repeat ?? 1;
  for (let i = 0; i < (c.warmup ?? options.warmup) * repeat; i++) await c.run(context);
  const samples: number[] = [];
  const before = runtime.counters().bytesAccessed;
  const runs = c.runs ?? options.runs;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    if (repeat === 1) await c.run(context);
    else for (let k = 0; k < repeat; k++) c.run(context); // latency cases: synchronous runs
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / repeat);
  }
  const moved = (runtime.counters().bytesAccessed - before) / (runs * repeat);
  return { timing: summarize(samples), moved };
}

function scratchDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(path.join(base, 'legate-bench-'));
}

/** Runs every case of a suite: ours and the peer's, timed the same way. A failing case is a row with its error. */
export async function runSuite(suite: BenchSuite, peer: Peer | string, bandwidth: number, options: RunOptions): Promise<Row[]> {
  if (suite.external) {
    const external = await suite.external({ quick: options.quick, runs: options.runs });
    return external.map((r) => {
      const timing = (ms: number | null): Timing | null => (ms === null ? null : { median: ms, min: ms, max: ms, runs: options.runs });
      return {
        case: r.case,
        ours: timing(r.oursMs),
        peer: timing(r.peerMs),
        peerNote: r.peerLabel,
        ratio: r.oursMs && r.peerMs ? r.peerMs / r.oursMs : null,
        bytesPerSecond: null,
        movedBytes: null,
        movedOverIdeal: null,
        bandwidthShare: null,
        flopsPerSecond: null,
        itemsPerSecond: null,
        ...(r.error ? { error: r.error } : {}),
      };
    });
  }
  const rows: Row[] = [];
  for (const c of suite.cases({ quick: options.quick })) rows.push(await runCase(c, peer, bandwidth, options));
  return rows;
}

const describeError = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

async function runCase(c: BenchCase, peer: Peer | string, bandwidth: number, options: RunOptions): Promise<Row> {
  const errors: string[] = [];
  let ours: Timing | null = null;
  let moved: number | null = null;
  let peerTiming: Timing | null = null;
  let peerNote: string | undefined;
  const dir = scratchDir();
  try {
    let inputs: Record<string, BenchInput> | undefined;
    try {
      inputs = c.inputs?.() ?? {};
    } catch (e) {
      errors.push(`inputs: ${describeError(e)}`);
    }

    // Written before our side runs, so the peer starts from the same values even if a run writes into its inputs.
    let files: Record<string, string> | undefined;
    if (!c.peer) peerNote = 'no peer';
    else if (typeof peer === 'string') peerNote = `n/a (${peer})`;
    else if (!inputs) peerNote = 'skipped (no inputs)';
    else {
      try {
        files = {};
        for (const [name, input] of Object.entries(inputs)) {
          files[name] = path.join(dir, `${name}.npy`);
          writeNpy(files[name], input);
        }
      } catch (e) {
        files = undefined;
        peerNote = 'error: inputs not written';
        errors.push(`peer inputs: ${describeError(e)}`);
      }
    }

    if (inputs) {
      try {
        const context = await c.setup?.(inputs);
        try {
          const timed = await timeOurs(c, context, options);
          ours = timed.timing;
          moved = timed.moved > 0 ? timed.moved : null;
        } finally {
          await c.teardown?.(context);
        }
      } catch (e) {
        errors.push(describeError(e));
      }
    }

    if (files && c.peer && typeof peer !== 'string') {
      try {
        const runs = c.runs ?? options.runs;
        peerTiming = summarize(await peer.time({ setup: c.peer.setup, run: c.peer.run, inputs: files, warmup: c.warmup ?? options.warmup, runs, repeat: c.repeat ?? 1 }));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        peerNote = `error: ${message.trim().split('\n').at(-1)}`;
        errors.push(`peer: ${message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const seconds = ours ? ours.median / 1e3 : null;
  // What our side moved, where the runtime counted it; else the case's model of the traffic.
  const bytes = moved ?? c.bytes;
  return {
    case: c.name,
    ours,
    peer: peerTiming,
    ...(peerNote ? { peerNote } : {}),
    ratio: ours && peerTiming ? peerTiming.median / ours.median : null,
    bytesPerSecond: seconds && bytes ? bytes / seconds : null,
    movedBytes: moved,
    movedOverIdeal: moved !== null && c.idealBytes ? moved / c.idealBytes : null,
    bandwidthShare: seconds && bytes && bandwidth > 0 ? bytes / seconds / bandwidth : null,
    flopsPerSecond: seconds && c.flops ? c.flops / seconds : null,
    itemsPerSecond: seconds && c.items ? c.items.count / seconds : null,
    ...(c.items ? { itemUnit: c.items.unit } : {}),
    ...(errors.length ? { error: errors.join('\n') } : {}),
  };
}

/** Memory bandwidth of this machine now, with every configured CPU (STREAM add). */
export function probeBandwidth(quick: boolean): number {
  return runtime.probeBandwidth({ bytesPerArray: quick ? 2 ** 24 : 2 ** 27, repetitions: 5 }).bytesPerSecond;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
