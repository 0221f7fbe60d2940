// Elementwise arithmetic and reductions on large arrays, against NumPy on the same inputs.
import { runtime } from '@legate/core';
import { defineSuite } from '@legate/bench';

import * as np from '@legate/numeric';

function load(data: Float64Array): np.ndarray {
  const a = np.empty([data.length]);
  a.store.write(data);
  return a;
}

/** examples/heat-2d.ts's (n + 2)² grid, hot top edge, and its five views. */
function heatGrid(n: number): Record<string, np.ndarray> {
  const grid = np.zeros([n + 2, n + 2]);
  grid.set(':, 0', -273.15);
  grid.set(':, -1', -273.15);
  grid.set('-1, :', -273.15);
  grid.set('0, :', 40.0);
  return {
    grid,
    center: grid.slice('1:-1, 1:-1'),
    north: grid.slice(':-2, 1:-1'),
    south: grid.slice('2:, 1:-1'),
    east: grid.slice('1:-1, 2:'),
    west: grid.slice('1:-1, :-2'),
  };
}

/** Waits for a result, then frees it, as NumPy frees a result nobody holds. */
function done(result: np.ndarray): void {
  result.store.wait();
  result.store.dispose();
}

export default defineSuite({
  name: 'arrays',
  description: 'numeric: a + b (new result), a * x + y, the 1-D and 2-D stencils and sum over large float64 arrays; latency of 1,000-element ops',
  cases: ({ quick }) => {
    const n = quick ? 2 ** 20 : 2 ** 25;
    const stencilN = quick ? 100_000 : 10_000_000;
    const heatN = quick ? 400 : 4000;
    const heatSteps = quick ? 100 : 1000;
    let baseBytes = 0;
    const small = 1000;
    // Runs per timed sample of the latency cases, on both sides.
    const latency = quick ? 200 : 2000;
    const smallRandom = () => ({ data: Float64Array.from({ length: small }, () => Math.random()) });
    const random = () => ({ data: Float64Array.from({ length: n }, () => Math.random()) });
    type Inputs = { a: np.ndarray; b: np.ndarray };
    const setup = (inputs: Record<string, { data: unknown }>): Inputs => ({
      a: load(inputs.a!.data as Float64Array),
      b: load(inputs.b!.data as Float64Array),
    });
    return [
      {
        name: `a + b, 2^${Math.log2(n)} float64 (new result)`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => done(np.add(a, b)),
        peer: { run: 'c = a + b' },
        bytes: 3 * 8 * n,
        idealBytes: 3 * 8 * n,
      },
      {
        // The temporary a * 2.5 is freed only when JavaScript's garbage collector finds it.
        name: `a * 2.5 + b, 2^${Math.log2(n)} float64 (temporary left to the GC)`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => done(np.add(np.multiply(a, 2.5), b)),
        peer: { run: 'c = a * 2.5 + b' },
        bytes: 6 * 8 * n,
        // a and b read once, c written once: the temporary never reaches memory.
        idealBytes: 3 * 8 * n,
      },
      {
        name: '  the same, the temporary disposed',
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a, b }: Inputs) => {
          const t = np.multiply(a, 2.5);
          done(np.add(t, b));
          t.store.dispose();
        },
        peer: { run: 'c = a * 2.5 + b' },
        bytes: 6 * 8 * n,
        // a and b read once, c written once: the temporary never reaches memory.
        idealBytes: 3 * 8 * n,
      },
      {
        // The example's code: each iteration's temporaries freed by tidy.
        name: `1-D stencil, n = ${stencilN}, 10 iterations`,
        setup: () => {
          const v = np.zeros([stencilN]);
          v.set(`${stencilN / 2}`, 1000);
          return { center: v.slice('1:-1'), left: v.slice(':-2'), right: v.slice('2:'), v };
        },
        run: ({ center, left, right, v }: { center: np.ndarray; left: np.ndarray; right: np.ndarray; v: np.ndarray }) => {
          for (let i = 0; i < 10; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3)));
          v.store.wait();
        },
        peer: {
          setup: `v = np.zeros(${stencilN}); v[${stencilN / 2}] = 1000; center = v[1:-1]; left = v[:-2]; right = v[2:]`,
          run: 'for _ in range(10):\n    center[:] = (center + left + right) / 3',
        },
        bytes: 10 * 8 * 8 * stencilN,
        // per iteration the grid read once and its center written once
        idealBytes: 10 * 2 * 8 * stencilN,
      },
      {
        // The example's code (examples/heat-2d.ts): five views, a reduction per step.
        name: `2-D heat stencil, N = ${heatN}, 10 iterations`,
        setup: () => heatGrid(heatN),
        run: ({ center, north, south, east, west }: Record<string, np.ndarray>) => {
          let delta = 0;
          for (let i = 0; i < 10; i++) {
            delta = np.tidy(() => {
              const work = np.multiply(0.2, np.add(np.add(np.add(np.add(center!, north!), east!), west!), south!));
              const change = np.sum(np.abs(np.subtract(work, center!)));
              center!.assign(work);
              return change.item() as number;
            });
          }
          return delta;
        },
        peer: {
          setup: [
            `N = ${heatN}`,
            'grid = np.zeros((N + 2, N + 2)); grid[:, 0] = -273.15; grid[:, -1] = -273.15; grid[-1, :] = -273.15; grid[0, :] = 40.0',
            'center = grid[1:-1, 1:-1]; north = grid[0:-2, 1:-1]; east = grid[1:-1, 2:]; west = grid[1:-1, 0:-2]; south = grid[2:, 1:-1]',
          ].join('\n'),
          run: 'for _ in range(10):\n    work = 0.2 * (center + north + east + west + south)\n    delta = np.sum(np.absolute(work - center))\n    center[:] = work',
        },
        // per step: 5 reads + 4 temporaries written and read, work, |work - center|, sum, assign
        bytes: 10 * 8 * heatN * heatN * 16,
        // per step the grid read once and its center written once (the sum reads nothing more)
        idealBytes: 10 * 2 * 8 * heatN * heatN,
      },
      {
        // The example as a user runs it (examples/heat-2d.ts): a small grid, many steps in tidy,
        // nothing read until the end; the runtime's peak memory is printed.
        name: `2-D heat, N = 500, ${heatSteps} iterations in tidy, no reads`,
        setup: () => {
          // What earlier cases left to the collector may still be in use: the peak is reported above it.
          runtime.resetPeakMemory();
          baseBytes = runtime.memoryStats()[0]!.bytesInUse;
          return heatGrid(500);
        },
        run: ({ center, north, south, east, west }: Record<string, np.ndarray>) => {
          let delta = np.zeros([]);
          for (let i = 0; i < heatSteps; i++) {
            delta.dispose();
            delta = np.tidy(() => {
              const work = np.multiply(0.2, np.add(np.add(np.add(np.add(center!, north!), east!), west!), south!));
              const change = np.sum(np.abs(np.subtract(work, center!)));
              center!.assign(work);
              return change;
            });
          }
          const value = delta.item() as number;
          delta.dispose();
          return value;
        },
        teardown: (views: Record<string, np.ndarray>) => {
          const host = runtime.memoryStats()[0]!;
          console.log(`  heat-2d N = 500: the runtime's memory peaked ${((host.peakBytesInUse - baseBytes) / 2 ** 20).toFixed(1)} MiB above what was in use before (the grid ${(502 * 502 * 8 / 2 ** 20).toFixed(1)} MiB)`);
          for (const a of Object.values(views)) a.dispose();
        },
        peer: {
          setup: [
            'N = 500',
            'grid = np.zeros((N + 2, N + 2)); grid[:, 0] = -273.15; grid[:, -1] = -273.15; grid[-1, :] = -273.15; grid[0, :] = 40.0',
            'center = grid[1:-1, 1:-1]; north = grid[0:-2, 1:-1]; east = grid[1:-1, 2:]; west = grid[1:-1, 0:-2]; south = grid[2:, 1:-1]',
          ].join('\n'),
          run: `for _ in range(${heatSteps}):\n    work = 0.2 * (center + north + east + west + south)\n    delta = np.sum(np.absolute(work - center))\n    center[:] = work\ndelta = float(delta)`,
        },
        runs: 3,
        warmup: 1,
      },
      {
        name: `a + b, ${small} float64 (latency)`,
        inputs: () => ({ a: smallRandom(), b: smallRandom() }),
        setup,
        run: ({ a, b }: Inputs) => done(np.add(a, b)),
        peer: { run: 'c = a + b' },
        repeat: latency,
      },
      {
        name: `sqrt(a), ${small} float64 (latency)`,
        inputs: () => ({ a: smallRandom(), b: smallRandom() }),
        setup,
        run: ({ a }: Inputs) => done(np.sqrt(a)),
        peer: { run: 'c = np.sqrt(a)' },
        repeat: latency,
      },
      {
        name: `sum(a), ${small} float64, read (latency)`,
        inputs: () => ({ a: smallRandom(), b: smallRandom() }),
        setup,
        run: ({ a }: Inputs) => np.sum(a).item(),
        peer: { run: 's = float(a.sum())' },
        repeat: latency,
      },
      {
        name: `a[1:] = a[:-1] * 0.5, ${small} float64 (latency)`,
        inputs: () => ({ a: smallRandom(), b: smallRandom() }),
        setup,
        run: ({ a }: Inputs) => {
          np.tidy(() => a.slice('1:').assign(np.multiply(a.slice(':-1'), 0.5)));
          a.store.wait();
        },
        peer: { run: 'a[1:] = a[:-1] * 0.5' },
        repeat: latency,
      },
      {
        name: `sum, 2^${Math.log2(n)} float64`,
        inputs: () => ({ a: random(), b: random() }),
        setup,
        run: ({ a }: Inputs) => np.sum(a).item(),
        peer: { run: 's = a.sum()' },
        bytes: 8 * n,
      },
    ];
  },
});
