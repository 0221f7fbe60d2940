import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  AutoTask,
  createLibrary,
  defineTask,
  DTypeError,
  keep,
  LogicalStore,
  runtime,
  Scalar,
  setPartitionSettings,
  TaskError,
  TaskFailure,
  type PartitionSettings,
} from '@legate/core';

import { defineSaxpy, T, testLibrary } from './test-tasks.js';
import { numbers } from './views.js';

const lib = testLibrary('ts-tasks');

let saved: PartitionSettings;
beforeAll(() => {
  saved = setPartitionSettings({ force: true, pieces: 4 });
});
afterAll(() => setPartitionSettings(saved));

const saxpy = defineSaxpy(lib);

const histogram = defineTask(lib, {
  name: 'histogram',
  params: { values: { kind: 'input' }, bins: { kind: 'reduction', op: 'add' } },
  constraints: [['broadcast', 'bins']],
  body: ({ values, bins }) => {
    for (const v of values.data as Int32Array) (bins.data as BigInt64Array)[v]! += 1n;
  },
});

const pieces = defineTask(lib, {
  name: 'record-pieces',
  params: { out: { kind: 'output' } },
  body: ({ out }, { point }) => {
    for (let i = 0; i < out.data.length; i++) out.data[i] = out.offset[0]! * 1000 + point[0]! * 10 + i;
  },
});

const failing = defineTask(lib, {
  name: 'failing',
  params: { out: { kind: 'output' } },
  body: () => {
    throw new RangeError('the body threw');
  },
});

describe('TypeScript tasks', () => {
  it('run a body per piece with constraints by parameter name (SAXPY)', () => {
    const n = 37;
    const xs = Float64Array.from({ length: n }, () => Math.random());
    const ys = Float64Array.from({ length: n }, () => Math.random());
    const z = LogicalStore.create([n], 'float64');
    const before = runtime.counters().pointTasks;
    saxpy({ alpha: 2.5, x: LogicalStore.attach(xs), y: LogicalStore.attach(ys), z });
    expect(runtime.counters().pointTasks - before).toBe(4);
    expect(numbers(z)).toEqual(Array.from(xs, (x, i) => 2.5 * x + ys[i]!));
  });

  it('see each piece\'s global offset and their point', () => {
    const out = LogicalStore.create([8], 'float64');
    pieces({ out });
    expect(numbers(out)).toEqual([0, 1, 2010, 2011, 4020, 4021, 6030, 6031]);
  });

  it('fold reductions into a broadcast store (histogram)', () => {
    const values = Int32Array.from({ length: 500 }, () => Math.floor(Math.random() * 6));
    const bins = LogicalStore.create([6], 'int64');
    bins.fill(0n);
    histogram({ values: LogicalStore.attach(values), bins });
    const expected = new Array<bigint>(6).fill(0n);
    for (const v of values) expected[v]! += 1n;
    expect(Array.from(bins.read() as BigInt64Array)).toEqual(expected);
  });

  it('compose with native tasks in both directions', () => {
    const xs = LogicalStore.create([12], 'float64');
    new AutoTask(lib, T.fill).addOutput(xs).addScalar(new Scalar(3, 'float64')).execute(); // native fill
    const z = LogicalStore.create([12], 'float64');
    saxpy({ alpha: 2, x: xs, y: xs, z }); // waits for the fill through dependences
    const back = LogicalStore.create([12], 'float64');
    new AutoTask(lib, T.add).addOutput(back).addInput(z).addInput(xs).execute(); // native add
    expect(new Set(numbers(back))).toEqual(new Set([12]));
  });

  it('run from the event loop while the program awaits', async () => {
    const z = LogicalStore.create([16], 'float64');
    const one = LogicalStore.create([16], 'float64');
    one.fill(1);
    saxpy({ alpha: 1, x: one, y: one, z });
    expect(Array.from((await z.readAsync()) as Float64Array)).toEqual(new Array(16).fill(2));
  });

  it('report a throwing body as a task failure at the wait, and keep going', () => {
    const out = LogicalStore.create([4], 'float64');
    failing({ out });
    expect(() => out.read()).toThrow(TaskFailure);
    expect(() => out.read()).toThrow(/task 'failing' failed: RangeError: the body threw/);
    pieces({ out });
    expect(numbers(out).length).toBe(4);
  });

  it('free the stores a body makes (over its pieces, and temporaries) when it returns, but what it keeps', () => {
    const live = () => (runtime.issueExecutionFence(), runtime.memoryStats()[0]!.liveStorages);
    const kept: LogicalStore[] = [];
    const scaled = defineTask(lib, {
      name: 'scaled-by-stores',
      params: { x: { kind: 'input' }, y: { kind: 'output' } },
      constraints: [['align', 'x', 'y']],
      body: ({ x, y }) => {
        const over = LogicalStore.attach(x.data, x.shape, x.dtype);
        const temporary = LogicalStore.create(x.shape, 'float64');
        temporary.fill(3);
        (y.data as Float64Array).set((over.read() as Float64Array).map((v, i) => v * (temporary.read() as Float64Array)[i]!));
        if (kept.length === 0) kept.push(keep(LogicalStore.create([1], 'float64')));
      },
    });
    const x = LogicalStore.attach(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    const y = LogicalStore.create([8], 'float64');
    scaled({ x, y });
    expect(numbers(y)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    const before = live();
    for (let i = 0; i < 5; i++) scaled({ x, y });
    expect(numbers(y)[7]).toBe(24);
    expect(live()).toBe(before);
    expect(kept[0]!.disposed).toBe(false);
    kept[0]!.dispose();
  });

  it('fail a body that returns a promise, saying that bodies run synchronously', () => {
    const later = defineTask(lib, {
      name: 'async-body',
      params: { out: { kind: 'output' } },
      body: (async ({ out }: { out: { data: Float64Array } }) => {
        out.data.fill(1);
      }) as never,
    });
    const out = LogicalStore.create([4], 'float64');
    later({ out });
    expect(() => out.read()).toThrow(/the body of task 'async-body' returned a promise: a body runs synchronously/);
    pieces({ out });
    expect(numbers(out).length).toBe(4);
  });

  it('live in a library of their own, with no native addon', () => {
    const mine = createLibrary('my-typescript-library');
    expect(createLibrary('my-typescript-library').id).toBe(mine.id);
    const double = defineTask(mine, {
      name: 'double',
      params: { x: { kind: 'input' }, y: { kind: 'output' } },
      constraints: [['align', 'x', 'y']],
      body: ({ x, y }) => (y.data as Float64Array).set((x.data as Float64Array).map((v) => 2 * v)),
    });
    const y = LogicalStore.create([6], 'float64');
    double({ x: LogicalStore.attach(Float64Array.of(1, 2, 3, 4, 5, 6)), y });
    expect(numbers(y)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(() => createLibrary('ts-tasks')).toThrow(/^createLibrary\('ts-tasks'\): register: another library already registered the name 'ts-tasks'$/);
  });

  it("say where a library's code is, so failures point past it to the caller", () => {
    expect(createLibrary('sourced-by-url', undefined, { source: new URL('file:///no/such/library/index.js') }).name).toBe('sourced-by-url');
    expect(createLibrary('sourced-by-path', undefined, { source: '/no/such/dir' }).name).toBe('sourced-by-path');
    expect(() => createLibrary('sourced-badly', undefined, { source: 42 as never })).toThrow(/source: createLibrary: expected a module URL or a path, got number/);
    expect(() => createLibrary('sourced-unknown', undefined, { sources: 'x' } as never)).toThrow(/unknown option 'sources'/);
  });

  it('reject bad definitions and launches, naming the parameter', () => {
    expect(() => defineTask(lib, { name: 'bad', params: { a: { kind: 'input' } }, constraints: [['align', 'a', 'b']], body: () => {} })).toThrow(
      /^constraints: \["align","a","b"\] names 'b', which is not a store parameter$/,
    );
    expect(() => defineTask(lib, { name: 'bad', params: { s: { kind: 'scalar', dtype: 'float16' as never } }, body: () => {} })).toThrow(DTypeError);
    const z = LogicalStore.create([3], 'float64');
    expect(() => saxpy({ alpha: 1, x: z, y: z } as never)).toThrow(/^z: missing argument of task 'saxpy'$/);
    expect(() => saxpy({ alpha: 'one' as never, x: z, y: z, z })).toThrow(/^alpha: 'one' is not a valid float64/);
    expect(() => saxpy({ alpha: 1, x: z, y: z, z, w: z } as never)).toThrow(TaskError);
  });
});
