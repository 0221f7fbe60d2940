// A loop in the style of the examples runs in bounded memory, with tidy and without it: the
// window bounds what is pending, tidy frees each iteration's temporaries, and temporaries left to
// the garbage collector are freed by the runtime once a collection finds them (not only when the
// event loop next runs, which a synchronous loop never lets it).
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import { runtime } from '@legate/core';

import * as np from '@legate/numeric';

/** heat-2d (examples/heat-2d.ts) on an (n + 2)² grid; the runtime's memory in use, sampled each step. */
function heat(n: number, steps: number, useTidy: boolean): { delta: number; peak: number } {
  const grid = np.zeros([n + 2, n + 2]);
  grid.set(':, 0', -273.15);
  grid.set(':, -1', -273.15);
  grid.set('-1, :', -273.15);
  grid.set('0, :', 40.0);
  const center = grid.slice('1:-1, 1:-1');
  const north = grid.slice(':-2, 1:-1');
  const south = grid.slice('2:, 1:-1');
  const east = grid.slice('1:-1, 2:');
  const west = grid.slice('1:-1, :-2');
  const base = runtime.memoryStats()[0]!.bytesInUse;
  let peak = 0;
  let delta: np.ndarray | undefined;
  const step = () => {
    const work = np.multiply(0.2, np.add(np.add(np.add(np.add(center, north), east), west), south));
    const change = np.sum(np.abs(np.subtract(work, center)));
    center.assign(work);
    return change;
  };
  for (let i = 0; i < steps; i++) {
    if (useTidy) {
      delta?.dispose();
      delta = np.tidy(step);
    } else {
      delta = step(); // every temporary, the last delta included, left to the collector
    }
    peak = Math.max(peak, runtime.memoryStats()[0]!.bytesInUse - base);
  }
  const value = delta!.item() as number;
  for (const a of [grid, center, north, south, east, west]) a.dispose();
  if (useTidy) delta!.dispose();
  return { delta: value, peak };
}

const eager = (() => {
  try {
    const Registry = vm.runInNewContext('FinalizationRegistry') as typeof FinalizationRegistry;
    return typeof (new Registry(() => undefined) as { cleanupSome?: unknown }).cleanupSome === 'function';
  } catch {
    return false;
  }
})();

describe('a heat-2d loop that never reads', () => {
  const n = 300; // 720 KiB per array: the loop makes 8 of them a step
  const steps = 400;
  const bytes = (n + 2) * (n + 2) * 8;

  it('inside tidy, holds the grid plus a few temporaries', () => {
    const { peak } = heat(n, steps, true);
    // Without tidy or the window: 400 steps × 8 temporaries = 2.3 GB. With them: the window's
    // 32 MiB of pending outputs (it admits a launch below the limit, so up to one launch over),
    // plus the six grid arrays, a step's temporaries and the freed ones that pending launches
    // still read (when execution lags far behind, as under the sanitizers on a loaded machine).
    expect(peak).toBeLessThan(24 * bytes + 32 * 2 ** 20);
  });

  it.skipIf(!eager)('without tidy, stays bounded and gives the same values', () => {
    const kept = heat(n, steps, false);
    const tidied = heat(n, steps, true);
    expect(kept.delta).toBe(tidied.delta);
    console.log(`heat-2d without tidy, ${steps} steps of ${(bytes / 2 ** 20).toFixed(2)} MiB arrays: the runtime's memory peaked ${(kept.peak / 2 ** 20).toFixed(0)} MiB above the start`);
    // The collector runs as the stores' bytes grow (tens of megabytes): far below the 2.3 GB the
    // loop makes.
    expect(kept.peak).toBeLessThan(512 * 2 ** 20);
  });

  if (!eager) console.warn("skipping the bound without tidy: this V8 has no FinalizationRegistry.prototype.cleanupSome, so collected stores are freed only when the event loop runs");
});
