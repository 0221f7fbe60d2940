// Small operations run at once on the calling thread (no task object, no hand-off), but only when
// nothing issued before them still touches their arguments: a pending writer of an input, or a
// pending reader of an output, makes them take the general path and wait. Both memory modes.
import { afterAll, describe, expect, it } from 'vitest';

import { createLibrary, defineTask, runtime, setPartitionSettings, type MemoryMode } from '@legate/core';

import * as np from '@legate/numeric';

import { storesLeftBy } from './harness.js';

const lib = createLibrary('immediate-tests');

// A TypeScript task runs on the JavaScript thread when that thread next waits, so the store it
// writes stays pending, deterministically, until then.
const ramp = defineTask(lib, {
  name: 'ramp',
  params: { out: { kind: 'output' } },
  body: ({ out }) => {
    const data = out.data as Float64Array;
    for (let i = 0; i < data.length; i++) data[i] = 2 * (out.offset[0]! + i);
  },
});

const modes: MemoryMode[] = ['shared', 'separate'];
const saved = runtime.memoryMode;
const savedSettings = setPartitionSettings({ force: false });
afterAll(() => {
  runtime.setMemoryMode(saved);
  setPartitionSettings(savedSettings);
});

const values = (a: np.ndarray) => Array.from(a.toArray() as Float64Array);

describe.each(modes)('small operations (%s memory)', (mode) => {
  it('run at once when their inputs are ready, and give NumPy values', () => {
    runtime.setMemoryMode(mode);
    const a = np.arange(1000, { dtype: 'float64' });
    const b = np.full([1000], 0.5);
    a.store.wait();
    const before = runtime.counters();
    const c = np.add(a, b);
    const s = np.sum(c);
    const after = runtime.counters();
    expect(after.inlineTasks - before.inlineTasks).toBe(after.launches - before.launches);
    expect(s.item()).toBe((999 * 1000) / 2 + 500);
    expect(values(c).slice(0, 3)).toEqual([0.5, 1.5, 2.5]);
    for (const x of [a, b, c, s]) x.dispose();
  });

  it('wait for a pending writer of an input', () => {
    runtime.setMemoryMode(mode);
    const x = np.empty([1000]);
    ramp({ out: x.store });
    // x's writer has not run: the sum and the sliced product must wait for it, not read x now.
    const total = np.sum(x);
    const shifted = np.multiply(x.slice('1:'), 0.5);
    expect(total.item()).toBe(2 * ((999 * 1000) / 2));
    expect(values(shifted).slice(0, 3)).toEqual([1, 2, 3]);
    expect(values(shifted).at(-1)).toBe(999);
    for (const a of [x, total, shifted]) a.dispose();
  });

  it('wait for a pending reader of an output (a write after a read)', () => {
    runtime.setMemoryMode(mode);
    const source = np.empty([1000]);
    ramp({ out: source.store });
    // The copy reads source (after ramp writes it); the small fill of source's first half must
    // not overtake that read.
    const copy = np.add(source, 0);
    source.slice(':500').assign(np.full([500], -1));
    expect(values(copy).slice(0, 2)).toEqual([0, 2]);
    expect(values(copy).at(-1)).toBe(1998);
    expect(values(source).slice(0, 2)).toEqual([-1, -1]);
    expect(values(source).at(-1)).toBe(1998);
    for (const a of [source, copy]) a.dispose();
  });

  it('after a large launch split across the processors, read its values', () => {
    runtime.setMemoryMode(mode);
    const n = 1 << 20;
    const big = np.arange(n, { dtype: 'float64' });
    for (let round = 0; round < 5; round++) {
      np.multiply(big, 2, { out: big }); // pieces on the worker threads, likely still running
      const head = np.add(big.slice(':8'), 1);
      const tail = np.sum(big.slice(`${n - 4}:`));
      const scale = 2 ** (round + 1);
      expect(values(head)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * scale + 1));
      expect(tail.item()).toBe(scale * (4 * n - 10));
      head.dispose();
      tail.dispose();
    }
    big.dispose();
  });

  it('report a failure at the wait, with the call site, and leave the runtime usable', () => {
    runtime.setMemoryMode(mode);
    const base = np.arange(10);
    const negative = np.full([10], -1n, 'int64');
    const bad = np.power(base, negative); // integers to negative powers fail in the task
    expect(() => bad.toArray()).toThrow(/negative integer powers/);
    expect(() => bad.toArray()).toThrow(/immediate\.test\.ts/);
    const fine = np.add(base, 1);
    expect(Array.from(fine.toArray() as BigInt64Array).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const a of [base, negative, bad, fine]) a.dispose();
  });

  it('free their temporaries: a loop of small operations keeps no storage', () => {
    runtime.setMemoryMode(mode);
    const a = np.ones([100]);
    let steps = 0;
    // (The collector may free earlier tests' garbage meanwhile: storesLeftBy retries a count it lowered.)
    const left = storesLeftBy(() => {
      for (let i = 0; i < 100; i++, steps++) {
        np.tidy(() => {
          a.slice('1:').assign(np.multiply(a.slice(':-1'), 0.5));
          return np.sum(a).item();
        });
      }
    });
    expect(left).toBe(0);
    // After every step (100 or more), a[99] = 0.5^99, however many steps there were.
    expect(steps).toBeGreaterThanOrEqual(100);
    expect((a.toArray() as Float64Array)[99]).toBeCloseTo(0.5 ** 99, 300);
    a.dispose();
  });
});
