// Allocation failures: a typed MemoryError at the call, naming the shape, the type and the
// bytes, and a runtime that stays usable; a loop whose pending work outgrows an address-space
// limit waits for that work instead of dying.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { MemoryError, runtime, ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();

describe('allocation failures', () => {
  it('an array no memory can hold is a MemoryError naming its shape, type and bytes', () => {
    const cases: [() => unknown, string][] = [
      [() => np.zeros([1e10]), 'Unable to allocate 74.5 GiB for an array with shape (10000000000,) and data type float64'],
      [() => np.ones([2 ** 40]), 'Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type float64'],
      [() => np.arange(1e15), 'Unable to allocate 7.11 PiB for an array with shape (1000000000000000,) and data type int64'],
      [() => np.full([2 ** 20, 2 ** 20], 1, 'complex128'), 'Unable to allocate 16.0 TiB for an array with shape (1048576, 1048576) and data type complex128'],
      [() => np.zeros([2 ** 37 + 7], 'uint8'), 'Unable to allocate 128. GiB for an array with shape (137438953479,) and data type uint8'],
    ];
    for (const [call, message] of cases) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MemoryError);
      expect((error as MemoryError).message.startsWith(message), (error as Error).message).toBe(true);
      expect((error as MemoryError).bytes).toBeGreaterThan(2 ** 35);
      expect((error as MemoryError).memory).toMatch(/^(host|cpu\d+)$/);
    }
    // The runtime goes on as before.
    const a = np.arange(10);
    expect(np.sum(a).item()).toBe(45);
    expect(Array.from(np.multiply(a, 2).toArray() as BigInt64Array, Number)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    runtime.issueExecutionFence();
  });

  it('a size whose bytes do not fit in 64 bits is refused before anything is allocated', () => {
    expect(() => np.zeros([2 ** 40, 2 ** 40])).toThrow(ShapeError);
    expect(() => np.zeros([2 ** 40, 2 ** 40])).toThrow(/array is too big/);
    expect(np.zeros([2 ** 40, 2 ** 40, 0]).size).toBe(0);
  });

  // Before, the loop below issued outputs far faster than it ran and died of std::bad_alloc
  // (SIGABRT) under this limit: its pending outputs reach ~10 GB of address space. With the
  // window of pending work it stays small; with the window opened wide, an allocation that
  // fails makes the launch wait for pending work, and the loop goes on.
  it.skipIf(!python.ok || process.platform !== 'linux')('a tidy loop of a few MiB live runs under a 4 GiB address-space limit, with NumPy\'s answer', async () => {
    const script = fileURLToPath(new URL('./fixtures/tidy-loop.mjs', import.meta.url));
    const n = 1000;
    const iterations = 250;
    const results: { sum: number; error: string | null; peak: number }[] = [];
    for (const window of [{}, { LEGATE_WINDOW_LAUNCHES: '1000000000', LEGATE_WINDOW_BYTES: String(2 ** 50) }]) {
      const run = spawnSync('bash', ['-c', `ulimit -v ${4 * 1024 * 1024} && exec "${process.execPath}" "${script}" ${n} ${iterations}`], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, LEGATE_MEMORY_MODE: 'shared', ...window },
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      results.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { sum: number; error: string | null; peak: number });
    }
    // The default window: the grid and one window of outputs (32 MiB), never GiBs.
    expect(results[0]!.peak).toBeLessThan(96 * 2 ** 20);
    expect(results[1]!.peak).toBeGreaterThan(results[0]!.peak);
    for (const result of results) expect(result.error).toBe('MemoryError');
    const result = results[1]!;
    expect(results[0]!.sum).toBe(result.sum);
    const want = await py!.run<number>(
      `g = np.zeros((${n + 2}, ${n + 2})); g[0, :] = 40.0\n` +
        `c = g[1:-1, 1:-1]\n` +
        `for _ in range(${iterations}): c[:] = 0.2 * ((((c + g[:-2, 1:-1]) + g[1:-1, 2:]) + g[1:-1, :-2]) + g[2:, 1:-1])\n` +
        `out = float(c.sum())`,
    );
    expect(Math.abs(result.sum - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
  });
});
