// The runtime's own costs: launch overhead, point-task throughput, and an elementwise native
// task against the machine's memory bandwidth (and NumPy doing the same add).
import { defineSuite } from '@legate/bench';
import {
  align,
  AutoTask,
  LogicalStore,
  runtime,
  setCallSiteCapture,
  setPartitionSettings,
  type PartitionSettings,
} from '@legate/core';

import { defineSaxpy, T, testLibrary } from '../test/test-tasks.js';

// The tasks live in core's test addon, a library that registers through the C ABI only.
const lib = testLibrary('core-bench');
const ADD = T.add;
const NOOP = T.noop;

// The same elementwise work as a TypeScript task: its bodies run on the JavaScript thread.
const saxpy = defineSaxpy(lib);

function withSettings<T>(settings: Partial<PartitionSettings>, body: () => T): T {
  const saved = setPartitionSettings(settings);
  try {
    return body();
  } finally {
    setPartitionSettings(saved);
  }
}

function noopLaunches(store: LogicalStore, launches: number): void {
  for (let i = 0; i < launches; i++) new AutoTask(lib, NOOP).addOutput(store).execute();
  runtime.issueExecutionFence();
}

export default defineSuite({
  name: 'runtime',
  description: 'launch overhead, point tasks per second, and an elementwise native task at memory bandwidth',
  cases: ({ quick }) => {
    const launches = quick ? 200 : 2000;
    const points = quick ? 256 : 4096;
    const n = quick ? 2 ** 20 : 2 ** 25;
    return [
      {
        name: `empty task, 2 points, x${launches} launches`,
        setup: () => LogicalStore.create([2], 'float64'),
        run: (store: LogicalStore) => withSettings({ force: true, pieces: 2 }, () => noopLaunches(store, launches)),
        items: { count: launches, unit: 'launch' },
      },
      {
        name: `  the same, without call sites`,
        setup: () => LogicalStore.create([2], 'float64'),
        run: (store: LogicalStore) => {
          const saved = setCallSiteCapture(false);
          try {
            withSettings({ force: true, pieces: 2 }, () => noopLaunches(store, launches));
          } finally {
            setCallSiteCapture(saved);
          }
        },
        items: { count: launches, unit: 'launch' },
      },
      {
        name: `empty task, ${points} points, x10 launches`,
        setup: () => LogicalStore.create([points], 'float64'),
        run: (store: LogicalStore) => withSettings({ force: true, pieces: points }, () => noopLaunches(store, 10)),
        items: { count: 10 * points, unit: 'point task' },
      },
      {
        name: `c = a + b, 2^${Math.log2(n)} float64`,
        inputs: () => ({
          a: { data: Float64Array.from({ length: n }, () => Math.random()) },
          b: { data: Float64Array.from({ length: n }, () => Math.random()) },
        }),
        setup: (inputs) => {
          const a = LogicalStore.create([n], 'float64');
          const b = LogicalStore.create([n], 'float64');
          a.write(inputs.a!.data);
          b.write(inputs.b!.data);
          return { a, b, c: LogicalStore.create([n], 'float64') };
        },
        run: ({ a, b, c }: { a: LogicalStore; b: LogicalStore; c: LogicalStore }) => {
          new AutoTask(lib, ADD).addOutput(c).addInput(a).addInput(b).addConstraint(align(c, a)).addConstraint(align(c, b)).execute();
          c.wait();
        },
        teardown: ({ a, b, c }: { a: LogicalStore; b: LogicalStore; c: LogicalStore }) => [a, b, c].forEach((s) => s.dispose()),
        peer: { setup: 'c = np.empty_like(a)', run: 'np.add(a, b, out=c)' },
        bytes: 3 * 8 * n,
      },
      {
        // Fresh memory: the cache is emptied first, so the store's pages are new to the process
        // (NumPy's np.full gets fresh pages from malloc as well). LEGATE_HUGE_PAGES=0 measures
        // the same without transparent huge pages.
        name: `fresh store filled, 2^${Math.log2(n)} float64 (first touch)`,
        run: () => {
          runtime.trimMemory();
          const s = LogicalStore.create([n], 'float64');
          s.fill(1);
          s.wait();
          s.dispose();
        },
        peer: { run: `c = np.full(${n}, 1.0)` },
        bytes: 8 * n,
      },
      {
        name: `TypeScript task z = 2x + y, 2^${Math.log2(n / 8)} float64`,
        setup: () => {
          const x = LogicalStore.create([n / 8], 'float64');
          const y = LogicalStore.create([n / 8], 'float64');
          x.fill(1);
          y.fill(2);
          return { x, y, z: LogicalStore.create([n / 8], 'float64') };
        },
        run: ({ x, y, z }: { x: LogicalStore; y: LogicalStore; z: LogicalStore }) => {
          saxpy({ alpha: 2, x, y, z });
          z.wait();
        },
        peer: { setup: `x = np.ones(${n / 8}); y = np.full(${n / 8}, 2.0)`, run: 'z = 2 * x + y' },
        bytes: 3 * 8 * (n / 8),
      },
    ];
  },
});
