import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { afterAll, describe, expect, it } from 'vitest';

import { findPython, PythonReference, type NdValue } from '@legate/testing';

import { DisposedError, DTypeError, keep, LogicalStore, runtime, ShapeError, tidy, type TypedArray } from '@legate/core';

import { applyOp, numbers, NUMPY_OPS, randint, randomChain } from './views.js';

const probe = findPython();
if (!probe.ok) console.warn(`skipping the NumPy comparisons of stores: ${probe.reason}`);
const py = probe.ok ? PythonReference.start() : null;
afterAll(() => py?.close());

const randomShape = () => Array.from({ length: randint(0, 4) }, () => randint(1, 6));
const volume = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const FILLERS: Record<string, (n: number) => TypedArray> = {
  float64: (n) => Float64Array.from({ length: n }, () => Math.random() * 200 - 100),
  int32: (n) => Int32Array.from({ length: n }, () => randint(-(2 ** 31), 2 ** 31 - 1)),
  complex128: (n) => Float64Array.from({ length: 2 * n }, () => Math.random() - 0.5),
  uint8: (n) => Uint8Array.from({ length: n }, () => randint(0, 255)),
  int64: (n) => BigInt64Array.from({ length: n }, () => BigInt(randint(-(2 ** 40), 2 ** 40))),
};

describe.skipIf(!probe.ok)('LogicalStore views against NumPy', () => {
  it.each(Object.keys(FILLERS))('reads %s through random chains of views as NumPy does', async (dtype) => {
    for (let trial = 0; trial < 40; trial++) {
      const shape = randomShape();
      const data = FILLERS[dtype]!(volume(shape));
      const store = LogicalStore.create(shape, dtype as never);
      store.write(data);
      const ops = randomChain(shape);
      const view = ops.reduce(applyOp, store);
      const numpyData = dtype === 'complex128' ? { dtype: 'complex128', shape, data: new Uint8Array(data.buffer) } : { dtype, shape, data };
      const expected = await py!.run<NdValue>(
        `${NUMPY_OPS}\nimport json\nb = a\nfor op in json.loads(ops):\n    b = apply(b, op)\nout = np.array(b, copy=True, order="C")`,
        { a: numpyData as NdValue, ops: JSON.stringify(ops) },
      );
      expect(view.shape, JSON.stringify(ops)).toEqual(expected.shape);
      const got = view.read();
      const want = dtype === 'complex128' ? new Float64Array((expected.data as Uint8Array).slice().buffer) : expected.data;
      expect(Array.from(got as ArrayLike<number>), JSON.stringify({ shape, ops })).toEqual(Array.from(want as ArrayLike<number>));
      store.dispose();
    }
  });
});

describe('LogicalStore writes through views', () => {
  it('writes through random views land where the view maps them, and nowhere else', () => {
    for (let trial = 0; trial < 100; trial++) {
      const shape = randomShape();
      const before = FILLERS.float64!(volume(shape)) as Float64Array;
      const store = LogicalStore.create(shape, 'float64');
      store.write(before);
      const view = randomChain(shape, { writable: true }).reduce(applyOp, store);
      const values = FILLERS.float64!(view.size) as Float64Array;
      view.write(values);
      expect(numbers(view)).toEqual(Array.from(values));
      const after = store.read() as Float64Array;
      const touched = new Map<number, number>();
      const map = view.transform;
      const point = map.shape.map(() => 0);
      const storageStrides = shape.map((_, d) => volume(shape.slice(d + 1)));
      for (let i = 0; i < view.size; i++) {
        touched.set(map.linearOffset(point, storageStrides), values[i]!);
        for (let d = point.length - 1; d >= 0; d--) {
          if (++point[d]! < map.shape[d]!) break;
          point[d] = 0;
        }
      }
      after.forEach((x, i) => expect(x).toBe(touched.has(i) ? touched.get(i) : before[i]));
      store.dispose();
    }
  });

  it('shares storage between overlapping views, as a stencil needs', () => {
    const n = 12;
    const v = LogicalStore.create([n], 'float64');
    v.fill(0);
    v.slice(0, n / 2, n / 2 + 1).fill(1000);
    const center = v.slice(0, 1, n - 1);
    const left = v.slice(0, 0, n - 2);
    const right = v.slice(0, 2, n);
    const c = center.read() as Float64Array;
    const l = left.read() as Float64Array;
    const r = right.read() as Float64Array;
    center.write(c.map((x, i) => (x + l[i]! + r[i]!) / 3));
    expect(numbers(v)).toEqual([0, 0, 0, 0, 0, 1000 / 3, 1000 / 3, 1000 / 3, 0, 0, 0, 0]);
    expect(numbers(left).slice(4, 7)).toEqual([0, 1000 / 3, 1000 / 3]);
    expect(center.sharesStorageWith(left)).toBe(true);
    v.dispose();
  });

  it('fills views, including 0-d ones, and complex and bool stores', () => {
    const m = LogicalStore.create([3, 4], 'int32');
    m.fill(-1);
    m.transpose([1, 0]).slice(0, 1, 4, 2).fill(5);
    m.project(0, 2).project(0, 3).fill(9);
    expect(numbers(m)).toEqual([-1, 5, -1, 5, -1, 5, -1, 5, -1, 5, -1, 9]);
    const z = LogicalStore.create([2], 'complex64');
    z.fill({ re: 1.5, im: -2 });
    expect(numbers(z)).toEqual([1.5, -2, 1.5, -2]);
    const b = LogicalStore.create([3], 'bool');
    b.fill(true);
    expect(numbers(b)).toEqual([1, 1, 1]);
    for (const s of [m, z, b]) s.dispose();
  });
});

describe('LogicalStore.readItem', () => {
  it('reads the one element of a store of every type, through views, and refuses other sizes', () => {
    const cases: [string, ArrayLike<unknown> & { length: number }, unknown][] = [
      ['bool', Uint8Array.of(0, 1), true],
      ['int8', Int8Array.of(3, -7), -7],
      ['int16', Int16Array.of(3, -300), -300],
      ['int32', Int32Array.of(3, -70000), -70000],
      ['int64', BigInt64Array.of(3n, -(2n ** 62n)), -(2n ** 62n)],
      ['uint8', Uint8Array.of(3, 250), 250],
      ['uint16', Uint16Array.of(3, 65000), 65000],
      ['uint32', Uint32Array.of(3, 4e9), 4e9],
      ['uint64', BigUint64Array.of(3n, 2n ** 63n + 5n), 2n ** 63n + 5n],
      ['float32', Float32Array.of(3, -1.5), -1.5],
      ['float64', Float64Array.of(3, Math.PI), Math.PI],
      ['complex64', Float32Array.of(1, 2, 0.5, -0.25), { re: 0.5, im: -0.25 }],
      ['complex128', Float64Array.of(1, 2, Math.E, -Math.PI), { re: Math.E, im: -Math.PI }],
    ];
    for (const [dtype, values, second] of cases) {
      const store = LogicalStore.create([2], dtype as never);
      store.write(values as never);
      const item = store.slice(0, 1, 2);
      expect(item.readItem(), dtype).toEqual(second);
      expect(item.delinearize(0, [1, 1]).readItem(), dtype).toEqual(second);
      expect(() => store.readItem()).toThrow(/readItem: the store has 2 elements, not one/);
      store.dispose();
    }
  });
});

describe('LogicalStore.attach', () => {
  it('shares the caller\'s memory in both directions, without copying', () => {
    const array = new Float64Array([1, 2, 3, 4, 5, 6]);
    const store = LogicalStore.attach(array, [2, 3]);
    expect(store.dtype.name).toBe('float64');
    array[4] = 50;
    expect(numbers(store.project(0, 1))).toEqual([4, 50, 6]);
    store.slice(1, 0, 1).fill(-7);
    expect(Array.from(array)).toEqual([-7, 2, 3, -7, 50, 6]);
    store.dispose();
  });

  it('attaches interleaved complex data and rejects mismatches', () => {
    const store = LogicalStore.attach(new Float32Array(8), [4], 'complex64');
    expect(store.size).toBe(4);
    store.dispose();
    expect(() => LogicalStore.attach(new Float64Array(5), [2, 3])).toThrow(/^shape: \[2, 3\] of float64 needs 6 array elements, the array has 5$/);
    expect(() => LogicalStore.attach(new Int32Array(4), [4], 'float32')).toThrow(DTypeError);
  });
});

describe('LogicalStore lifetime and memory', () => {
  const host = () => runtime.memoryStats().find((m) => m.memory === 'host')!;
  /**
   * Lets the collector free what is unreachable. Finalizers run after a collection, on a later
   * turn of the event loop; a small store made in the last few launches is watched from the next
   * turn: the count must hold twice.
   */
  const settle = async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0, before = -1, same = 0; i < 50 && same < 2; i++) {
      before = host().liveStorages;
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
      same = host().liveStorages === before ? same + 1 : 0;
    }
  };

  it('resetPeakMemory starts the peak over from the bytes in use', () => {
    const big = LogicalStore.create([1 << 20], 'float64');
    big.fill(1);
    big.dispose();
    expect(host().peakBytesInUse).toBeGreaterThanOrEqual(8 << 20);
    runtime.resetPeakMemory();
    const start = host();
    expect(start.peakBytesInUse).toBe(start.bytesInUse);
    const small = LogicalStore.create([1024], 'float64');
    small.fill(2);
    expect(host().peakBytesInUse).toBe(host().bytesInUse);
    expect(host().peakBytesInUse).toBeLessThan(start.bytesInUse + (1 << 20));
    small.dispose();
  });

  it('frees the storage when the last view is disposed, and reuses its memory', () => {
    const live = host().liveStorages;
    const a = LogicalStore.create([1 << 18], 'float64');
    a.fill(1);
    const view = a.slice(0, 10, 20);
    a.dispose();
    expect(host().liveStorages).toBe(live + 1); // the view still holds it
    expect(numbers(view)).toEqual(new Array(10).fill(1));
    view.dispose();
    expect(host().liveStorages).toBe(live);
    const hits = host().cacheHits;
    using b = LogicalStore.create([1 << 18], 'float64');
    b.fill(2);
    expect(host().cacheHits).toBe(hits + 1);
  });

  it('keep takes stores out of every enclosing tidy scope (a cache made inside a caller\'s scope)', () => {
    const live = host().liveStorages;
    const cache: { value?: LogicalStore } = {};
    tidy(() => {
      tidy(() => {
        cache.value = keep(LogicalStore.create([3], 'float64'));
        cache.value.fill(7);
        LogicalStore.create([3], 'float64').fill(0); // freed with the scope
      });
      expect(numbers(cache.value!)).toEqual([7, 7, 7]);
    });
    expect(host().liveStorages).toBe(live + 1);
    expect(numbers(cache.value!)).toEqual([7, 7, 7]);
    cache.value!.dispose();
    expect(host().liveStorages).toBe(live);
    expect(keep(5)).toBe(5);
  });

  it('tidy disposes the stores a scope made, except what it returns', () => {
    const outside = LogicalStore.create([4], 'float64');
    outside.fill(1);
    const live = host().liveStorages;
    const [kept, view] = tidy(() => {
      const a = LogicalStore.create([4], 'float64');
      a.fill(2);
      const inner = tidy(() => {
        const b = LogicalStore.create([4], 'float64');
        LogicalStore.create([8], 'int32').fill(0);
        b.fill(3);
        return { store: b }; // a numeric-array-like result is kept too
      });
      outside.slice(0, 0, 2).fill(5); // a view of a store made outside: disposed, the store is not
      return [inner.store, a.slice(0, 1, 3)] as const;
    });
    expect(host().liveStorages).toBe(live + 2); // b, and a through its returned view
    expect(numbers(kept)).toEqual([3, 3, 3, 3]);
    expect(numbers(view)).toEqual([2, 2]);
    expect(numbers(outside)).toEqual([5, 5, 1, 1]);
    kept.dispose();
    view.dispose();
    expect(host().liveStorages).toBe(live);
  });

  it('raises DisposedError on any use after dispose', () => {
    const a = LogicalStore.create([4], 'int8');
    a.dispose();
    a.dispose(); // idempotent
    expect(() => a.read()).toThrow(DisposedError);
    expect(() => a.slice(0, 0, 1)).toThrow(/^store: the store was disposed$/);
    expect(() => a.fill(1)).toThrow(DisposedError);
  });

  it('frees storage whose views were garbage collected', async () => {
    await settle();
    const live = host().liveStorages;
    (() => {
      const s = LogicalStore.create([1000], 'float64');
      s.fill(0);
      s.slice(0, 1, 3);
    })();
    expect(host().liveStorages).toBe(live + 1);
    await settle();
    expect(host().liveStorages).toBe(live);
  });

  it('frees storage once its disposed store is the only one left, however long that store object lives', async () => {
    await settle();
    const live = host().liveStorages;
    // Large (watched at once) and small (watched after the nursery): a view dropped without
    // dispose, then the store disposed while the program still holds it.
    const held = [LogicalStore.create([1 << 16], 'float64'), LogicalStore.create([10], 'float64')];
    for (const s of held) {
      s.fill(1);
      s.slice(0, 1, 3);
    }
    expect(host().liveStorages).toBe(live + 2);
    for (const s of held) s.dispose();
    await settle();
    expect(host().liveStorages).toBe(live);
    expect(held.every((s) => s.disposed)).toBe(true);
    expect(() => held[0]!.read()).toThrow(DisposedError);
    expect(held[1]!.dtype.name).toBe('float64'); // a disposed store still knows its type
  });
});

describe('LogicalStore bad input', () => {
  it.each([
    ['a negative extent', () => LogicalStore.create([2, -1], 'float64'), ShapeError, /^shape: extents must be non-negative integers, got \[2, -1\]$/],
    ['an unknown dtype', () => LogicalStore.create([2], 'float8' as never), DTypeError, /^dtype: expected one of/],
    ['a write of the wrong length', () => LogicalStore.create([2, 2], 'float64').write(new Float64Array(3)), ShapeError, /^values: expected 4 elements for shape \[2, 2\], got 3$/],
    ['a write of the wrong type', () => LogicalStore.create([2], 'float64').write(new Float32Array(2)), DTypeError, /^values: expected a Float64Array for a float64 store, got Float32Array$/],
    ['a write through a broadcast view', () => LogicalStore.create([2], 'float64').promote(0, 3).write(new Float64Array(6)), ShapeError, /^store: a broadcast view repeats elements/],
    ['a fill value out of range', () => LogicalStore.create([2], 'uint8').fill(300), DTypeError, /^value: 300 is not a valid uint8/],
    ['a write through a read-only view', () => LogicalStore.create([2], 'float64').asReadOnly().write(new Float64Array(2)), ShapeError, /^store: assignment destination is read-only$/],
    ['a fill of a view of a read-only view', () => LogicalStore.create([2, 3], 'float64').asReadOnly().slice(1, 0, 2).fill(1), ShapeError, /^store: assignment destination is read-only$/],
    ['a store of 7 dimensions', () => LogicalStore.create([1, 1, 1, 1, 1, 1, 0], 'float64'), ShapeError, /^shape: at most 6 dimensions are supported, got 7$/],
    ['a view of 7 dimensions', () => LogicalStore.create([1, 1, 1, 1, 1, 1], 'float64').promote(0, 2), ShapeError, /^shape: at most 6 dimensions are supported, got 7$/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type as never);
    expect(make).toThrow(message);
  });
});

describe('tidy and async functions', () => {
  it('refuses an async function, and a function that returns a promise, freeing what it made', async () => {
    const live = () => runtime.memoryStats()[0]!.liveStorages;
    const before = live();
    expect(() => tidy((async () => LogicalStore.create([4], 'float64')) as never)).toThrow(/^fn: tidy: the function is async/);
    let made: LogicalStore | undefined;
    expect(() =>
      tidy(() => {
        made = LogicalStore.create([4], 'float64');
        return Promise.resolve(made);
      }),
    ).toThrow(/^fn: tidy: the function is async/);
    expect(made!.disposed).toBe(true);
    expect(live()).toBe(before);
    expect(() => tidy(42 as never)).toThrow(/^fn: tidy: expected a function, got number/);
  });
});
