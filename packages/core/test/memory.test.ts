import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findPython, PythonReference, type NdValue } from '@legate/testing';

import {
  align,
  AutoTask,
  ManualTask,
  LogicalStore,
  runtime,
  Scalar,
  setPartitionSettings,
  type MemoryMode,
  type PartitionSettings,
} from '@legate/core';

import { T, testLibrary } from './test-tasks.js';
import { numbers } from './views.js';

const lib = testLibrary('memory-tests');
const ADD = T.add;
const STENCIL = T.stencil;

let saved: PartitionSettings;
let savedMode: MemoryMode;
beforeAll(() => {
  saved = setPartitionSettings({ force: true, pieces: runtime.counters().threads });
  savedMode = runtime.memoryMode;
});
afterAll(() => {
  setPartitionSettings(saved);
  runtime.setMemoryMode(savedMode);
});

/**
 * The lecture's 1-D stencil: v = zeros(n); v[n/2] = 1000; center = v[1:-1], left = v[:-2],
 * right = v[2:]; then `iterations` times center[:] = (center + left + right) / 3, through a
 * temporary (NumPy evaluates the right side first). Returns the result and the bytes copied
 * between memories by each iteration.
 */
function stencil(n: number, iterations: number): { values: number[]; bytesPerIteration: number[] } {
  const v = LogicalStore.create([n], 'float64');
  const init = new Float64Array(n);
  init[n / 2] = 1000;
  v.write(init);
  const center = v.slice(0, 1, n - 1);
  const left = v.slice(0, 0, n - 2);
  const right = v.slice(0, 2, n);
  const tmp = LogicalStore.create([n - 2], 'float64');
  const zeros = LogicalStore.create([n - 2], 'float64');
  zeros.write(new Float64Array(n - 2));
  const bytesPerIteration: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const before = runtime.counters().bytesCopied;
    new AutoTask(lib, STENCIL)
      .addOutput(tmp)
      .addInput(left)
      .addInput(center)
      .addInput(right)
      .addConstraint(align(tmp, left))
      .addConstraint(align(tmp, center))
      .addConstraint(align(tmp, right))
      .execute();
    new AutoTask(lib, ADD).addOutput(center).addInput(tmp).addInput(zeros).addConstraint(align(center, tmp)).addConstraint(align(center, zeros)).execute();
    runtime.issueExecutionFence();
    bytesPerIteration.push(runtime.counters().bytesCopied - before);
  }
  return { values: numbers(v), bytesPerIteration };
}

const python = findPython();

describe('memory modes', () => {
  const n = 1000;
  const iterations = 12;

  it('gives the same 1-D stencil in shared and separate memories, copying only halos when separate', async () => {
    runtime.setMemoryMode('shared');
    const shared = stencil(n, iterations);
    expect(shared.bytesPerIteration.every((b) => b === 0)).toBe(true);

    runtime.setMemoryMode('separate');
    const separate = stencil(n, iterations);
    expect(separate.values).toEqual(shared.values);
    // Each processor's memory has its own allocator and counters.
    const memories = runtime.memoryStats().map((m) => m.memory);
    expect(memories).toEqual(['host', ...Array.from({ length: runtime.counters().threads }, (_, i) => `cpu${i}`)]);
    expect(runtime.memoryStats()[1]!.bytesInUse).toBeGreaterThan(0);
    // The first iteration spreads v from the host memory to the processors' memories; after
    // that, each piece lacks one element on each inner side: 2 halos of 8 bytes per boundary.
    const pieces = runtime.counters().threads;
    expect(separate.bytesPerIteration[0]).toBeGreaterThan(8 * n);
    for (const bytes of separate.bytesPerIteration.slice(1)) expect(bytes).toBe(2 * 8 * (pieces - 1));

    if (python.ok) {
      const py = PythonReference.start()!;
      try {
        const expected = await py.run<NdValue>(
          `v = np.zeros(${n}); v[${n / 2}] = 1000\ncenter = v[1:-1]; left = v[:-2]; right = v[2:]\nfor _ in range(${iterations}):\n    center[:] = (center + left + right) / 3\nout = v`,
        );
        const want = Array.from(expected.data as Float64Array);
        shared.values.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 12));
      } finally {
        py.close();
      }
    }
  });

  it('makes every point task that relies on a copy into its memory wait for that copy', () => {
    runtime.setMemoryMode('separate');
    for (let round = 0; round < 5; round++) {
      // Eight point tasks on the processors' memories each read all of x: the first on each
      // memory copies it in, the others must not read before that copy is done.
      const xs = Float64Array.from({ length: 1 << 17 }, () => Math.random());
      const x = LogicalStore.create([xs.length], 'float64');
      x.write(xs);
      const total = LogicalStore.create([], 'float64');
      total.write(Float64Array.of(0));
      new ManualTask(lib, T.reduceAll, [8]).addInput(x).addReduction(total, 'add').execute();
      const expected = 8 * xs.reduce((a, b) => a + b, 0);
      expect(Math.abs((total.read() as Float64Array)[0]! - expected)).toBeLessThan(1e-9 * expected);
    }
  });

  it('keeps data coherent across a switch of mode, for reads and writes from JavaScript', () => {
    runtime.setMemoryMode('separate');
    const v = LogicalStore.create([64], 'float64');
    v.write(Float64Array.from({ length: 64 }, (_, i) => i));
    const w = LogicalStore.create([64], 'float64');
    new AutoTask(lib, ADD).addOutput(w).addInput(v).addInput(v).addConstraint(align(w, v)).execute();
    v.slice(0, 0, 64, 2).fill(-1); // a strided write from JavaScript: keeps the odd elements
    runtime.setMemoryMode('shared');
    new AutoTask(lib, ADD).addOutput(v).addInput(w).addInput(v).addConstraint(align(v, w)).execute();
    expect(numbers(v)).toEqual(Array.from({ length: 64 }, (_, i) => 2 * i + (i % 2 ? i : -1)));
  });
});

describe('the window of pending work', () => {
  it('bounds what a loop that never reads keeps pending, and the loop gives the same values', () => {
    const previous = runtime.setWindow({ launches: 16, bytes: 2 ** 20 });
    try {
      const n = 1 << 15; // 256 KiB per store
      const a = LogicalStore.create([n], 'float64');
      a.write(Float64Array.from({ length: n }, (_, i) => i));
      const throttled = runtime.counters().throttled;
      const base = runtime.memoryStats()[0]!.bytesInUse;
      let peak = 0;
      let last = a;
      for (let i = 0; i < 200; i++) {
        // slowFill sleeps 1 ms per point task: without a window, all 200 would be issued at once.
        const t = LogicalStore.create([n], 'float64');
        new AutoTask(lib, T.slowFill).addOutput(t).addScalar(new Scalar(i, 'float64')).addScalar(new Scalar(1, 'float64')).execute();
        const next = LogicalStore.create([n], 'float64');
        new AutoTask(lib, ADD).addOutput(next).addInput(last).addInput(t).addConstraint(align(next, last)).addConstraint(align(next, t)).execute();
        t.dispose();
        if (last !== a) last.dispose();
        last = next;
        peak = Math.max(peak, runtime.memoryStats()[0]!.bytesInUse - base);
      }
      const values = numbers(last);
      expect(values[7]).toBe(7 + (199 * 200) / 2);
      expect(runtime.counters().throttled).toBeGreaterThan(throttled);
      // The window (1 MiB of pending outputs) plus the live stores, never the 100 MiB of the loop.
      expect(peak).toBeLessThan(8 * 2 ** 20);
      last.dispose();
      a.dispose();
    } finally {
      runtime.setWindow(previous);
    }
  });

  it('is checked: positive integers and known names only', () => {
    expect(() => runtime.setWindow({ launches: 0 })).toThrow(/launches: expected a positive integer/);
    expect(() => runtime.setWindow({ bytes: 1.5 })).toThrow(/bytes: expected a positive integer/);
    expect(() => runtime.setWindow({ launch: 4 } as never)).toThrow(/unknown option 'launch'/);
    expect(runtime.window.launches).toBeGreaterThan(0);
  });
});
