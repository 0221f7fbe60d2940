import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  align,
  AutoTask,
  bloat,
  broadcast,
  chooseTiling,
  image,
  ManualTask,
  scale,
  DTypeError,
  LogicalStore,
  runtime,
  Scalar,
  setCallSiteCapture,
  setPartitionSettings,
  split,
  TaskError,
  TaskFailure,
  type PartitionSettings,
  type ReductionOp,
} from '@legate/core';

import { T, testLibrary } from './test-tasks.js';
import { numbers } from './views.js';

// The test tasks live in a separate addon that registers through core's C ABI only.
const lib = testLibrary('core-test');

let saved: PartitionSettings;
beforeAll(() => {
  // Split even tiny stores, into up to 4 pieces, so every test exercises real partitioning.
  saved = setPartitionSettings({ force: true, pieces: 4 });
});
afterAll(() => setPartitionSettings(saved));

const f64 = (shape: number[]) => LogicalStore.create(shape, 'float64');
const task = (id: number) => new AutoTask(lib, id);
const fill = (store: LogicalStore, value: number) => task(T.fill).addOutput(store).addScalar(new Scalar(value, 'float64')).execute();
const iotaValue = (p: number[]) => p.reduce((v, x) => v * 1000 + x, 0);

describe('AutoTask launches', () => {
  it('splits the key store into pieces and each point task writes its own', () => {
    const before = runtime.counters().pointTasks;
    const out = f64([7, 5]);
    task(T.iota).addOutput(out).execute();
    const got = out.read();
    for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) expect(got[i * 5 + j]).toBe(iotaValue([i, j]));
    expect(runtime.counters().pointTasks - before).toBe(4);
  });

  it('tiles along the largest dimensions, deterministically, never into more pieces than allowed', () => {
    const s = { pieces: 4, minPieceElements: 1, force: false };
    expect(chooseTiling([100, 10], [true, true], s)).toEqual({ colors: [4, 1], tiles: [25, 10] });
    expect(chooseTiling([64, 64], [true, true], s)).toEqual({ colors: [2, 2], tiles: [32, 32] });
    expect(chooseTiling([100, 10], [false, true], s)).toEqual({ colors: [1, 4], tiles: [100, 3] });
    expect(chooseTiling([3], [true], s)).toEqual({ colors: [3], tiles: [1] });
    expect(chooseTiling([1000], [true], { ...s, minPieceElements: 400 })).toEqual({ colors: [2], tiles: [500] });
    expect(chooseTiling([], [], s)).toEqual({ colors: [], tiles: [] });
  });

  it('runs a task over aligned views (transposed and sliced) of other stores', () => {
    const a = f64([6, 4]);
    const b = f64([4, 6]);
    task(T.iota).addOutput(a).execute();
    task(T.iota).addOutput(b).execute();
    const out = f64([3, 4]);
    const av = a.slice(0, 1, 6, 2); // rows 1, 3, 5
    const bv = b.transpose([1, 0]).slice(0, 0, 3); // b.T[0:3]
    task(T.add).addOutput(out).addInput(av).addInput(bv).addConstraint(align(out, av)).addConstraint(align(out, bv)).execute();
    const got = out.read();
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) expect(got[i * 4 + j]).toBe(iotaValue([2 * i + 1, j]) + iotaValue([j, i]));
    }
  });

  it('gives a broadcast input whole to every piece', () => {
    const v = f64([8]);
    task(T.iota).addOutput(v).execute();
    const out = f64([8]);
    const tagged = task(T.tagPieces).addOutput(out).addInput(v).addConstraint(align(out, v));
    tagged.execute();
    const tags = Array.from(out.read() as Float64Array, (x) => Math.floor(x / 1e6));
    expect(tags).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('grows a piece by a halo with bloat, for a stencil over one storage', () => {
    const n = 10;
    const v = f64([n]);
    task(T.iota).addOutput(v).execute();
    const center = v.slice(0, 1, n - 1);
    const tmp = f64([n - 2]);
    const left = v.slice(0, 0, n - 2);
    const right = v.slice(0, 2, n);
    task(T.stencil)
      .addOutput(tmp)
      .addInput(left)
      .addInput(center)
      .addInput(right)
      .addConstraint(align(tmp, left))
      .addConstraint(align(tmp, center))
      .addConstraint(align(tmp, right))
      .execute();
    expect(numbers(tmp)).toEqual(Array.from({ length: n - 2 }, (_, i) => i + 1));
    // bloat: each piece of the output sees one extra element each side of the input
    const wide = f64([n]);
    task(T.add).addOutput(wide).addInput(v).addInput(v).addConstraint(align(wide, v)).execute();
    expect(numbers(wide)).toEqual(Array.from({ length: n }, (_, i) => 2 * i));
    const halo = task(T.add).addOutput(f64([n])).addInput(v);
    expect(() => halo.addConstraint(bloat(v, tmp, [1], [1]))).toThrow(TaskError);
  });
});

describe('ManualTask', () => {
  it('launches the given grid with the given tiles', () => {
    const v = f64([9]);
    task(T.iota).addOutput(v).execute();
    const out = f64([9]);
    const before = runtime.counters().pointTasks;
    new ManualTask(lib, T.tagPieces, [3]).addOutput(out).addInput(v).tile(out, [3]).tile(v, [3]).execute();
    expect(runtime.counters().pointTasks - before).toBe(3);
    expect(numbers(out)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3].map((t, i) => t * 1e6 + i));
    const grid = f64([4, 6]);
    new ManualTask(lib, T.iota, [2, 3]).addOutput(grid).tile(grid, [2, 2]).execute();
    expect(numbers(grid)).toEqual(Array.from({ length: 24 }, (_, k) => Math.floor(k / 6) * 1000 + (k % 6)));
  });

  it('rejects tilings that do not cover the store, untiled outputs and constraints', () => {
    const v = f64([10]);
    expect(() => new ManualTask(lib, T.iota, [3]).addOutput(v).tile(v, [3])).toThrow(/^tiling: tiles of 3 along dimension 0 in 3 pieces do not cover its extent 10$/);
    expect(() => new ManualTask(lib, T.iota, [2]).addOutput(v).execute()).toThrow(/^output 0: .* is written, so it needs a tiling/);
    // A merged reshape (a flat view) cannot be written in tiles: their storage boxes share rows.
    const grid = f64([4, 5]);
    const flat = grid.reshape([20])!;
    expect(flat.transform.flatShape).toEqual([4, 5]);
    expect(() => new ManualTask(lib, T.iota, [2]).addOutput(flat).tile(flat, [10]).execute()).toThrow(/^output 0: .* is a merged reshape \(a flat view\), which a ManualTask cannot write in tiles/);
    expect(() => new ManualTask(lib, T.iota, [0])).toThrow(/^launchShape: expected positive integers/);
    const w = f64([10]);
    expect(() => new ManualTask(lib, T.add, [2]).addOutput(v).addInput(w).addInput(w).tile(v, [5]).addConstraint(align(v, w)).execute()).toThrow(
      /^constraints: a ManualTask takes tilings, not constraints$/,
    );
  });
});

describe('image and scale constraints', () => {
  /** A random CSR matrix with some empty rows, as pos ((n, 2) [lo, hi)), crd and vals. */
  function randomCsr(rows: number, cols: number) {
    const pos = new BigInt64Array(rows * 2);
    const crd: bigint[] = [];
    const vals: number[] = [];
    for (let r = 0; r < rows; r++) {
      pos[2 * r] = BigInt(crd.length);
      if (Math.random() < 0.8) {
        // Mostly near the diagonal, so row blocks need only part of x.
        const centre = Math.floor((r / rows) * cols);
        for (let c = Math.max(0, centre - 3); c < Math.min(cols, centre + 4); c++) {
          if (Math.random() < 0.6) {
            crd.push(BigInt(c));
            vals.push(Math.random() - 0.5);
          }
        }
      }
      pos[2 * r + 1] = BigInt(crd.length);
    }
    return { pos, crd: BigInt64Array.from(crd), vals: Float64Array.from(vals) };
  }

  /** y2 (rows, 1) = A·x: row blocks, the column indices and values they span, the x they reach. */
  const spmv = (y2: LogicalStore, pos: LogicalStore, crd: LogicalStore, vals: LogicalStore, x: LogicalStore) =>
    task(T.spmv)
      .addOutput(y2)
      .addInput(pos)
      .addInput(crd)
      .addInput(vals)
      .addInput(x)
      .addConstraint(scale([1, 2], y2, pos))
      .addConstraint(image(pos, crd, 'range'))
      .addConstraint(image(pos, vals, 'range'))
      .addConstraint(image(crd, x, 'point'))
      .execute();

  it('partitions CSR column indices by row ranges and x by column indices (SpMV)', () => {
    const rows = 40;
    const cols = 57;
    const a = randomCsr(rows, cols);
    const xs = Float64Array.from({ length: cols }, () => Math.random());
    const pos = LogicalStore.attach(a.pos, [rows, 2]);
    const crd = LogicalStore.attach(a.crd);
    const vals = LogicalStore.attach(a.vals);
    const x = LogicalStore.attach(xs);
    const y = f64([rows]);
    // y as (rows, 1), so scale([1, 2]) gives pos's (rows, 2) pieces the same row blocks.
    const y2 = y.delinearize(0, [rows, 1]);
    spmv(y2, pos, crd, vals, x);
    const got = y.read() as Float64Array;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let k = Number(a.pos[2 * r]); k < Number(a.pos[2 * r + 1]); k++) sum += a.vals[k]! * xs[Number(a.crd[k])]!;
      expect(got[r]).toBeCloseTo(sum, 12);
    }

    // Each piece of x is exactly the hull of the columns its row block uses.
    const bounds = LogicalStore.create([4, 2], 'int64');
    bounds.fill(-1n);
    task(T.pieceBounds)
      .addOutput(y2)
      .addInput(x)
      .addInput(pos)
      .addInput(crd)
      .addReduction(bounds, 'max')
      .addConstraint(scale([1, 2], y2, pos))
      .addConstraint(image(pos, crd, 'range'))
      .addConstraint(image(crd, x, 'point'))
      .execute();
    const b = Array.from(bounds.read() as BigInt64Array, Number);
    const tile = Math.ceil(rows / 4);
    for (let p = 0; p < 4; p++) {
      const used: number[] = [];
      for (let r = p * tile; r < Math.min(rows, (p + 1) * tile); r++) {
        for (let k = Number(a.pos[2 * r]); k < Number(a.pos[2 * r + 1]); k++) used.push(Number(a.crd[k]));
      }
      const expected = used.length ? [Math.min(...used), Math.max(...used) + 1] : [0, 0];
      expect([b[2 * p], b[2 * p + 1]]).toEqual(expected);
      expect(expected[1]! - expected[0]!).toBeLessThan(cols); // a real subset, not all of x
    }
  });

  it('reads row ranges through a sliding window of the row pointers, and recomputes images only after a write', () => {
    const rows = 33;
    const cols = 45;
    const spmvOf = (a: ReturnType<typeof randomCsr>, xs: Float64Array) =>
      Array.from({ length: rows }, (_, r) => {
        let sum = 0;
        for (let k = Number(a.pos[2 * r]); k < Number(a.pos[2 * r + 1]); k++) sum += a.vals[k]! * xs[Number(a.crd[k])]!;
        return sum;
      });
    const a = randomCsr(rows, cols);
    // Row pointers as SciPy keeps them (rows + 1), seen as (rows, 2) [lo, hi) ranges.
    const indptr = LogicalStore.create([rows + 1], 'int64');
    indptr.write(BigInt64Array.from({ length: rows + 1 }, (_, r) => (r < rows ? a.pos[2 * r]! : a.pos[2 * rows - 1]!)));
    const pos = indptr.slidingWindow(0, 2);
    expect(pos.shape).toEqual([rows, 2]);
    expect(pos.read()).toEqual(a.pos);
    expect(() => pos.fill(0n)).toThrow(/can be read but not written/);
    const crd = LogicalStore.create([a.crd.length], 'int64');
    crd.write(a.crd);
    const vals = LogicalStore.attach(a.vals);
    const xs = Float64Array.from({ length: cols }, () => Math.random());
    const x = LogicalStore.attach(xs);
    const y = f64([rows]);
    const y2 = y.delinearize(0, [rows, 1]);
    spmv(y2, pos, crd, vals, x);
    const first = spmvOf(a, xs);
    Array.from(y.read() as Float64Array).forEach((v, r) => expect(v).toBeCloseTo(first[r]!, 12));
    spmv(y2, pos, crd, vals, x); // the remembered images
    Array.from(y.read() as Float64Array).forEach((v, r) => expect(v).toBeCloseTo(first[r]!, 12));
    // New column indices spread over all of x: the images must follow them.
    const moved = { ...a, crd: a.crd.map((_, k) => BigInt((k * 7919) % cols)) };
    crd.write(moved.crd);
    spmv(y2, pos, crd, vals, x);
    const second = spmvOf(moved, xs);
    Array.from(y.read() as Float64Array).forEach((v, r) => expect(v).toBeCloseTo(second[r]!, 12));
  });

  it('splits along dimension 0 at given offsets: aligned stores follow, scale derives boxes', () => {
    const n = 12;
    const x = LogicalStore.attach(Float64Array.from({ length: n }, (_, i) => i));
    const y = f64([n]);
    task(T.tagPieces).addOutput(y).addInput(x).addConstraint(align(y, x)).addConstraint(split(y, [0, 3, 3, 10, 12])).execute();
    const tags = numbers(y).map((v, i) => Math.round((v - i) / 1e6) - 1);
    expect(tags).toEqual([0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 3, 3]);
    // A (rows, 2) store scaled from (rows, 1) blocks gets the same rows.
    const rows = 6;
    const y2 = f64([rows]).delinearize(0, [rows, 1]);
    const bounds = LogicalStore.create([3, 2], 'int64');
    bounds.fill(-1n);
    const pairs = f64([rows, 2]);
    task(T.pieceBounds).addOutput(y2).addInput(pairs).addReduction(bounds, 'max').addConstraint(split(y2, [0, 1, 5, 6])).addConstraint(scale([1, 2], y2, pairs)).execute();
    expect(Array.from(bounds.read() as BigInt64Array, Number)).toEqual([0, 1, 1, 5, 5, 6]);
    expect(() => task(T.add).addOutput(y).addInput(x).addConstraint(split(y, [0, 13]))).toThrow(/^offsets: expected 0, non-decreasing integers, then the extent 12/);
    expect(() => task(T.add).addOutput(y).addInput(x).addConstraint(split(y, [0, 5, 4, 12]))).toThrow(TaskError);
  });

  it('rejects image sources out of range or of the wrong kind', () => {
    const idx = LogicalStore.attach(BigInt64Array.of(0n, 5n, 9n));
    const target = f64([5]);
    const out = f64([3]);
    const launch = () => task(T.add).addOutput(out).addInput(idx).addInput(target).addConstraint(align(out, idx)).addConstraint(image(idx, target, 'point')).execute();
    expect(launch).toThrow(/^image: LogicalStore\(int64, \[3\]\) selects \[5, 6\), outside the target's extent 5$/);
    expect(() => task(T.add).addInput(out).addInput(target).addConstraint(image(out, target))).toThrow(/^image: the source must hold integers, got float64$/);
    expect(() => task(T.add).addInput(idx).addInput(target).addConstraint(image(idx, target, 'range'))).toThrow(/a range source holds \[lo, hi\) pairs/);
  });
});

describe('reductions', () => {
  const cases: [ReductionOp, (xs: number[]) => number][] = [
    ['add', (xs) => xs.reduce((a, b) => a + b, 0)],
    ['mul', (xs) => xs.reduce((a, b) => a * b, 1)],
    ['min', (xs) => Math.min(...xs)],
    ['max', (xs) => Math.max(...xs)],
  ];
  it.each(cases)('fold %s across pieces into a 0-d store', (op, reference) => {
    const xs = Array.from({ length: 37 }, () => 0.5 + Math.random());
    const input = LogicalStore.attach(Float64Array.from(xs));
    const total = f64([]);
    const start = op === 'mul' ? 1 : op === 'add' ? 0 : xs[0]!;
    total.write(Float64Array.of(start));
    task(T.reduceAll).addInput(input).addReduction(total, op).addConstraint(broadcast(total)).execute();
    expect((total.read() as Float64Array)[0]).toBeCloseTo(reference([start, ...xs].slice(op === 'add' || op === 'mul' ? 1 : 0)), 10);
  });

  it.each(cases)('fold %s into a store nothing has written, from the identity, split or whole', (op, reference) => {
    const xs = Array.from({ length: 37 }, () => 0.5 + Math.random());
    for (const force of [true, false]) {
      const previous = setPartitionSettings({ force });
      try {
        const input = LogicalStore.attach(Float64Array.from(xs));
        const total = f64([]); // never written: the fold starts at the operator's identity
        task(T.reduceAll).addInput(input).addReduction(total, op).addConstraint(broadcast(total)).execute();
        expect((total.read() as Float64Array)[0]).toBeCloseTo(reference(xs), 10);
        const acc = LogicalStore.create([], 'int64');
        task(T.reduceBits).addInput(LogicalStore.attach(BigInt64Array.of(6n, 3n))).addReduction(acc, 'and').execute();
        expect((acc.read() as BigInt64Array)[0]).toBe(2n);
      } finally {
        setPartitionSettings(previous);
      }
    }
  });

  it.each([
    ['and', (a: bigint, b: bigint) => a & b, -1n],
    ['or', (a: bigint, b: bigint) => a | b, 0n],
    ['xor', (a: bigint, b: bigint) => a ^ b, 0n],
  ] as const)('fold bitwise %s of int64 values', (op, f, identity) => {
    const xs = BigInt64Array.from({ length: 23 }, () => BigInt(Math.floor(Math.random() * 2 ** 40)) | 1n);
    const input = LogicalStore.attach(xs);
    const acc = LogicalStore.create([], 'int64');
    acc.write(BigInt64Array.of(identity));
    task(T.reduceBits).addInput(input).addReduction(acc, op).execute();
    expect((acc.read() as BigInt64Array)[0]).toBe(Array.from(xs).reduce(f, identity));
  });

  it('builds a histogram with a broadcast reduction over partitioned data', () => {
    const values = Int32Array.from({ length: 1000 }, () => Math.floor(Math.random() * 10));
    const bins = LogicalStore.create([10], 'int64');
    bins.fill(0n);
    task(T.histogram).addInput(LogicalStore.attach(values)).addReduction(bins, 'add').execute();
    const expected = new Array<bigint>(10).fill(0n);
    for (const v of values) expected[v]! += 1n;
    expect(Array.from(bins.read() as BigInt64Array)).toEqual(expected);
    expect(runtime.counters().folds).toBeGreaterThan(0);
  });
});

describe('dependences', () => {
  it('makes a reader of an overlapping slice wait for a slow writer', () => {
    const v = f64([1000]);
    task(T.slowFill).addOutput(v).addScalar(new Scalar(7, 'float64')).addScalar(new Scalar(40, 'float64')).execute();
    const middle = v.slice(0, 250, 750);
    const zeros = f64([500]);
    fill(zeros, 0);
    const out = f64([500]);
    task(T.add).addOutput(out).addInput(middle).addInput(zeros).addConstraint(align(out, middle)).addConstraint(align(out, zeros)).execute();
    expect(new Set(numbers(out))).toEqual(new Set([7]));
  });

  it('lets a later write wait for earlier readers', () => {
    const v = f64([64]);
    task(T.iota).addOutput(v).execute();
    const copy = f64([64]);
    const zeros = f64([64]);
    fill(zeros, 0);
    task(T.add).addOutput(copy).addInput(v).addInput(zeros).addConstraint(align(copy, v)).addConstraint(align(copy, zeros)).execute();
    task(T.slowFill).addOutput(v).addScalar(new Scalar(-1, 'float64')).addScalar(new Scalar(1, 'float64')).execute();
    expect(numbers(copy)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(new Set(numbers(v))).toEqual(new Set([-1]));
  });

  it('runs small single-piece launches inline on the calling thread', () => {
    const saved2 = setPartitionSettings({ force: false });
    try {
      const before = runtime.counters().inlineTasks;
      fill(f64([16]), 1);
      expect(runtime.counters().inlineTasks).toBe(before + 1);
    } finally {
      setPartitionSettings(saved2);
    }
  });
});

describe('waiting', () => {
  it('reads without blocking the event loop while the producing tasks run', async () => {
    const v = f64([64]);
    task(T.slowFill).addOutput(v).addScalar(new Scalar(5, 'float64')).addScalar(new Scalar(60, 'float64')).execute();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const values = await v.readAsync();
    clearInterval(timer);
    expect(new Set(values as Float64Array)).toEqual(new Set([5]));
    expect(ticks).toBeGreaterThan(3); // the event loop ran while the task slept
  });

  it('rejects with the failure of the producing task', async () => {
    const bad = f64([4]);
    task(T.fail).addOutput(bad).execute();
    await expect(bad.readAsync()).rejects.toThrow(TaskFailure);
  });

  it('feeds a 0-d reduction result to the next task without waiting (a future)', () => {
    const xs = LogicalStore.attach(Float64Array.from({ length: 50 }, (_, i) => i));
    const total = f64([]);
    total.write(Float64Array.of(0));
    task(T.reduceAll).addInput(xs).addReduction(total, 'add').execute();
    const launches = runtime.counters().launches;
    // total (still being computed) is an input of the next launch; nothing waits until read().
    const out = f64([8]);
    const zeros = f64([8]);
    fill(zeros, 0);
    task(T.add).addOutput(out).addInput(zeros).addInput(total.promote(0, 8)).addConstraint(align(out, zeros)).execute();
    expect(runtime.counters().launches).toBe(launches + 2);
    expect(new Set(numbers(out))).toEqual(new Set([1225]));
  });
});

describe('unbound outputs', () => {
  it('joins the pieces each point task sized itself, in point order', () => {
    const xs = Float64Array.from({ length: 103 }, () => (Math.random() < 0.3 ? Math.random() + 0.1 : 0));
    const x = LogicalStore.attach(xs);
    const indices = LogicalStore.createUnbound('int64');
    const before = runtime.counters().pointTasks;
    task(T.nonzero).addInput(x).addOutput(indices).execute();
    expect(runtime.counters().pointTasks - before).toBeGreaterThan(1);
    const expected = Array.from(xs.keys()).filter((i) => xs[i] !== 0);
    expect(indices.shape).toEqual([expected.length]);
    expect(Array.from(indices.read() as BigInt64Array, Number)).toEqual(expected);
    // Once bound it is an ordinary store: views, and input to later tasks.
    expect(Array.from(indices.slice(0, 0, 2).read() as BigInt64Array, Number)).toEqual(expected.slice(0, 2));
  });

  it('binds to no elements when no piece has any', () => {
    const indices = LogicalStore.createUnbound('int64');
    task(T.nonzero).addInput(LogicalStore.attach(new Float64Array(9))).addOutput(indices).execute();
    expect(indices.shape).toEqual([0]);
    expect(indices.read().length).toBe(0);
  });

  it('rejects an unbound store used before a task produces it', () => {
    const fresh = LogicalStore.createUnbound('float64');
    expect(() => fresh.shape).toThrow(/^store: an unbound store has no shape until a task is launched to produce it$/);
    expect(() => task(T.add).addOutput(f64([2])).addInput(fresh)).toThrow(/^input 0: an unbound store has no elements until a task produces it/);
    expect(() => task(T.nonzero).addOutput(fresh).addOutput(fresh)).toThrow(/^output 1: an unbound store can be passed once$/);
  });
});

describe('task failures', () => {
  it('throws at the first wait that depends on the failed task, naming the task and the call site', () => {
    const bad = f64([12]);
    task(T.fail).addOutput(bad).execute(); // returns at once
    const derived = f64([12]);
    task(T.add).addOutput(derived).addInput(bad).addInput(bad).addConstraint(align(derived, bad)).execute();
    const fine = f64([12]);
    task(T.iota).addOutput(fine).execute();
    expect(() => derived.read()).toThrow(TaskFailure);
    try {
      derived.read();
    } catch (error) {
      expect((error as TaskFailure).task).toBe('fail');
      expect((error as TaskFailure).message).toMatch(/^task 'fail' failed: this task always fails\n {4}launched at .*task\.test\.ts:\d+/);
    }
    expect(numbers(fine)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    fill(bad, 3); // overwriting heals the store
    expect(new Set(numbers(bad))).toEqual(new Set([3]));
  });

  it('reports no launch site when call-site capture is off', () => {
    const saved = setCallSiteCapture(false);
    try {
      const bad = f64([2]);
      task(T.fail).addOutput(bad).execute();
      expect(() => bad.read()).toThrow(/^task 'fail' failed: this task always fails$/);
    } finally {
      setCallSiteCapture(saved);
    }
  });

  it('turns a C++ exception in a task into a failure, and the runtime stays usable', () => {
    const out = f64([4]);
    task(T.throws).addOutput(out).execute();
    expect(() => out.wait()).toThrow(/^task 'throws' failed: a C\+\+ exception escaped the task/);
    runtime.issueExecutionFence();
    const ok = f64([4]);
    fill(ok, 2);
    expect(numbers(ok)).toEqual([2, 2, 2, 2]);
  });
});

describe('bad launches', () => {
  const a = f64([4]);
  const b = f64([5]);
  it.each([
    ['a constraint on a store that is not an argument', () => task(T.add).addOutput(a).addConstraint(align(a, b)), TaskError, /^align: LogicalStore\(float64, \[5\]\) is not an argument of this task/],
    ['aligning stores of different shapes', () => task(T.add).addOutput(a).addInput(b).addConstraint(align(a, b)), TaskError, /^align: cannot align stores of shapes \[4\] and \[5\]$/],
    ['a scalar without a type', () => task(T.fill).addScalar(3 as never), TaskError, /^scalar 0: expected a Scalar/],
    ['a disposed store', () => { const s = f64([2]); s.dispose(); task(T.fill).addOutput(s); }, TaskError, /^output 0: the store was disposed$/],
    ['a bitwise reduction of floats', () => task(T.reduceAll).addReduction(f64([]), 'xor'), DTypeError, /^op: 'xor' needs an integer or bool store, got float64$/],
    ['an unknown reduction operator', () => task(T.reduceAll).addReduction(f64([]), 'avg' as never), TaskError, /^op: expected one of add, mul, min, max, and, or, xor/],
    ['an unaligned second output', () => task(T.add).addOutput(f64([3])).addOutput(f64([3])).execute(), TaskError, /^output 1: LogicalStore\(float64, \[3\]\) must be aligned/],
    ['an output overlapping an input of the same storage', () => { const v = f64([6]); const o = v.slice(0, 1, 6); const i = v.slice(0, 0, 5); task(T.add).addOutput(o).addInput(i).addInput(i).addConstraint(align(o, i)).execute(); }, TaskError, /^output 0: .* overlaps input 0 .* copy one of them first$/],
    ['a task id the library does not have', () => task(99).addOutput(f64([2])).execute(), TaskError, /^task 99 of core-test: task: no task 99 in library/],
    ['writing through a broadcast view', () => task(T.fill).addOutput(f64([2]).promote(0, 3)), TaskError, /^output 0: a broadcast view repeats elements/],
    ['writing through a read-only view', () => task(T.fill).addOutput(f64([2]).asReadOnly()), TaskError, /^output 0: output array is read-only$/],
    ['reducing into a read-only view', () => task(T.reduceAll).addReduction(f64([]).asReadOnly(), 'add'), TaskError, /^reduction 0: output array is read-only$/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type as never);
    expect(make).toThrow(message);
  });
});
