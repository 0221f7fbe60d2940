// The separate-memory mode (each CPU processor its own memory, as GPUs and ranks) against NumPy:
// scatters, unbound outputs, in-place updates whose output comes before its input, and a switch
// of mode in the middle of a program. Each of these gave wrong answers once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLibrary, defineTask, runtime, setPartitionSettings, type MemoryMode, type PartitionSettings } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** NumPy's values of `expression`, bit for bit (results that are copies of inputs, not sums). */
async function expectExactly(got: np.ndarray, expression: string, inputs: Record<string, NdValue>): Promise<void> {
  const want = await py!.eval<NdValue>(`np.asarray(${expression})`, inputs as never);
  expect(got.dtype.name).toBe(want.dtype);
  expect(got.shape).toEqual(want.shape);
  const a = got.toArray() as Float64Array;
  const b = new Float64Array((want.data as Uint8Array).slice().buffer);
  let wrong = 0;
  let first = -1;
  for (let i = 0; i < b.length; i++) {
    if (!Object.is(a[i], b[i])) {
      wrong++;
      if (first < 0) first = i;
    }
  }
  expect(wrong, `${expression}: ${wrong} of ${b.length} differ, the first at ${first}: ${a[first]} vs ${b[first]}`).toBe(0);
}

// A TypeScript task whose body works on its pieces with numeric operations (launches of their
// own, split again under forced partitioning): their results must land in the pieces.
const saxpy = defineTask(createLibrary('separate-memory-tests'), {
  name: 'saxpy',
  params: { x: { kind: 'input' }, y: { kind: 'input' }, z: { kind: 'output' }, a: { kind: 'scalar', dtype: 'float64' } },
  constraints: [
    ['align', 'x', 'y'],
    ['align', 'y', 'z'],
  ],
  body: ({ x, y, z, a }) => {
    const out = np.fromPiece(z);
    np.tidy(() => out.assign(np.add(np.multiply(np.fromPiece(x), a as number), np.fromPiece(y))));
    out.store.wait();
  },
});

let savedMode: MemoryMode;
let savedSettings: PartitionSettings;
beforeAll(() => {
  savedMode = runtime.memoryMode;
  savedSettings = setPartitionSettings({ force: true, pieces: 4 });
});
afterAll(() => {
  runtime.setMemoryMode(savedMode);
  setPartitionSettings(savedSettings);
});

const settings: [string, Partial<PartitionSettings>][] = [
  ['4 forced pieces', { force: true, pieces: 4 }],
  ['the default partitioning', { force: false, pieces: runtime.counters().threads }],
];

describe.skipIf(!python.ok)('separate memories against NumPy', () => {
  for (const [label, partition] of settings) {
    describe(label, () => {
      beforeAll(() => {
        runtime.setMemoryMode('separate');
        setPartitionSettings(partition);
      });

      it('put, place and putmask on 300,000 float64 keep the elements they do not write', async () => {
        const n = 300_000;
        const a = random('float64', [n]);
        const idx: NdValue = { dtype: 'int64', shape: [n / 3], data: BigInt64Array.from({ length: n / 3 }, (_, i) => BigInt(3 * i + (i % 3))) };
        const v = random('float64', [n / 3]);
        const x = ours(a);
        np.put(x, ours(idx), ours(v));
        await expectExactly(x, '(lambda t: (np.put(t, i, v), t)[1])(a.copy())', { a, i: idx, v });
        const m = random('bool', [n]);
        const y = ours(a);
        np.place(y, ours(m), ours(v));
        await expectExactly(y, '(lambda t: (np.place(t, m, v), t)[1])(a.copy())', { a, m, v });
        const z = ours(a);
        np.putmask(z, ours(m), ours(v));
        await expectExactly(z, '(lambda t: (np.putmask(t, m, v), t)[1])(a.copy())', { a, m, v });
      });

      it("a TypeScript task's numeric operations over its pieces write the pieces", async () => {
        const n = 100_000;
        const x = random('float64', [n]);
        const y = random('float64', [n]);
        const z = np.empty([n]);
        saxpy({ x: ours(x).store, y: ours(y).store, z: z.store, a: 2.5 });
        await expectExactly(z, '2.5 * x + y', { x, y });
      });

      it('unique with returnInverse, on 20 and on 300,000 elements', async () => {
        for (const n of [20, 300_000]) {
          const a: NdValue = { dtype: 'int64', shape: [n], data: BigInt64Array.from({ length: n }, () => BigInt(Math.floor(Math.random() * 50))) };
          const r = np.unique(ours(a), { returnInverse: true, returnCounts: true, returnIndex: true });
          await expectLikeNumpy(r.values, 'np.unique(a)', { a });
          await expectLikeNumpy(r.inverse!, 'np.unique(a, return_inverse=True)[1]', { a });
          await expectLikeNumpy(r.indices!, 'np.unique(a, return_index=True)[1]', { a });
          await expectLikeNumpy(r.counts!, 'np.unique(a, return_counts=True)[1]', { a });
        }
      });

      it('an in-place update whose output is listed before its input reads the values from before it', async () => {
        const a = random('float64', [60, 50]);
        const b = random('float64', [50]);
        const x = ours(a);
        np.add(x, ours(b), { out: x });
        await expectLikeNumpy(x, 'a + b', { a, b });
        const y = ours(a);
        np.multiply(y, 2, { out: y });
        np.negative(y, { out: y });
        await expectLikeNumpy(y, '-(a * 2)', { a });
      });
    });
  }

  it('switching the memory mode in the middle of a program keeps every value', async () => {
    const n = 20_003;
    const a = random('float64', [n]);
    for (const force of [true, false]) {
      setPartitionSettings({ force, pieces: 3 });
      runtime.setMemoryMode('shared');
      const x = ours(a); // written by the host
      np.add(x, 1, { out: x }); // a += 1 in the host memory
      runtime.setMemoryMode('separate');
      np.add(x, 1, { out: x }); // then in the processors' memories
      const half = x.slice(`${n >> 1}:`);
      np.multiply(half, 2, { out: half }); // a part of it
      runtime.setMemoryMode('shared');
      np.add(x, 1, { out: x });
      await expectLikeNumpy(x, '(lambda t: (t.__setitem__(slice(len(t) // 2, None), t[len(t) // 2:] * 2), t + 1)[1])(a + 2)', { a });
      runtime.setMemoryMode('separate');
      const s = np.sum(x);
      runtime.setMemoryMode('shared');
      await expectLikeNumpy(s, '(lambda t: (t.__setitem__(slice(len(t) // 2, None), t[len(t) // 2:] * 2), (t + 1).sum())[1])(a + 2)', { a }, false);
    }
  });

  it('an unbound output made in the separate mode reads back and feeds later tasks in either mode', async () => {
    const a = random('float64', [5000]);
    runtime.setMemoryMode('separate');
    setPartitionSettings({ force: true, pieces: 4 });
    const nz = np.flatnonzero(np.greater(ours(a), 0));
    runtime.setMemoryMode('shared');
    await expectLikeNumpy(np.add(nz, 1), 'np.flatnonzero(a > 0) + 1', { a });
    runtime.setMemoryMode('separate');
    await expectLikeNumpy(np.multiply(nz, 2), 'np.flatnonzero(a > 0) * 2', { a });
  });
});

it('the separate mode counts as a mode', () => {
  expect(['shared', 'separate']).toContain(runtime.memoryMode);
});
