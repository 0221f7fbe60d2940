// Fusion: consecutive elementwise launches run as one task, block by block. Every program here
// runs with fusion on and off and must give the same bits both ways, and NumPy's values; the
// runtime's counters show what was fused and which temporaries were never allocated.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { keep, runtime, TaskFailure } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Runs `program` with fusion on and with it off; returns both results' values. */
function bothWays(program: () => np.ndarray): { fused: ArrayLike<unknown>; unfused: ArrayLike<unknown>; result: np.ndarray } {
  const saved = runtime.setFusion(true);
  try {
    const result = program();
    const fused = result.toArray() as ArrayLike<unknown>;
    runtime.setFusion(false);
    const plain = program();
    const unfused = plain.toArray() as ArrayLike<unknown>;
    plain.dispose();
    return { fused, unfused, result };
  } finally {
    runtime.setFusion(saved);
  }
}

function expectSameBits(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  expect(a.length, what).toBe(b.length);
  let wrong = 0;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) {
      wrong++;
      if (first < 0) first = i;
    }
  }
  expect(wrong, `${what}: ${wrong} of ${a.length} differ, the first at ${first}: ${String(a[first])} vs ${String(b[first])}`).toBe(0);
}

/** The counters' change over `body`, which runs with fusion on. */
function countersOver(body: () => void): Record<string, number> {
  const saved = runtime.setFusion(true);
  try {
    runtime.issueExecutionFence(); // what earlier tests left to compute is not counted here
    const before = runtime.counters() as unknown as Record<string, number>;
    body();
    const after = runtime.counters() as unknown as Record<string, number>;
    return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
  } finally {
    runtime.setFusion(saved);
  }
}

describe.skipIf(!python.ok)('fusion against NumPy, on and off', () => {
  it('a * 2.5 + b - 1 is one task, its two temporaries never allocated', async () => {
    const inputs = { a: random('float64', [40_000]), b: random('float64', [40_000]) };
    const a = ours(inputs.a);
    const b = ours(inputs.b);
    // The most the runtime's memories (the host's, and each processor's in the separate mode) held above what they held before.
    const peakOf = (body: () => void) => {
      runtime.issueExecutionFence();
      runtime.resetPeakMemory();
      const before = runtime.memoryStats().map((m) => m.bytesInUse);
      body();
      runtime.issueExecutionFence();
      return runtime.memoryStats().reduce((sum, m, i) => sum + m.peakBytesInUse - (before[i] ?? 0), 0);
    };
    // Unfused first: in the separate mode it leaves the inputs' copies in the processors' memories.
    const saved = runtime.setFusion(false);
    let plain: np.ndarray | undefined;
    const unfusedPeak = peakOf(() => {
      plain = np.tidy(() => np.subtract(np.add(np.multiply(a, 2.5), b), 1));
      plain.store.wait();
    });
    runtime.setFusion(saved);
    plain!.dispose();
    let result: np.ndarray | undefined;
    let fusedPeak = 0;
    const delta = countersOver(() => {
      fusedPeak = peakOf(() => {
        result = np.tidy(() => np.subtract(np.add(np.multiply(a, 2.5), b), 1));
        result.store.wait();
      });
    });
    expect(delta.launches).toBe(3);
    expect(delta.fusedLaunches).toBe(3);
    expect(delta.fusedTasks).toBe(1);
    // The two temporaries, and the result itself until it was read (then computed, once).
    expect(delta.elidedTemporaries).toBe(3);
    expect(delta.elidedBytes).toBe(3 * 8 * 40_000);
    expect(delta.materialized).toBe(1);
    expect(delta.pointTasks).toBe(4); // forced into 4 pieces: one fused task each
    // Only the result was allocated: a third of what the same chain takes unfused.
    expect(fusedPeak).toBeGreaterThanOrEqual(8 * 40_000);
    expect(fusedPeak).toBeLessThan(unfusedPeak / 2);
    await expectLikeNumpy(result!, 'a * 2.5 + b - 1', inputs, false);
    for (const x of [a, b, result!]) x.dispose();
  });

  it('what JavaScript still holds is computed when it is read, from the inputs as they were', async () => {
    const inputs = { a: random('float64', [3, 5000]), b: random('float64', [5000]) };
    const a = ours(inputs.a);
    const b = ours(inputs.b);
    let t: np.ndarray | undefined;
    let r: np.ndarray | undefined;
    const delta = countersOver(() => {
      np.tidy(() => {
        t = keep(np.multiply(a, b)); // b broadcast over the rows
        r = keep(np.sqrt(np.abs(np.subtract(t, 0.5))));
      });
      r!.store.wait();
    });
    // r computed by one task; t, which nothing has read, not yet.
    expect(delta.fusedTasks).toBe(1);
    expect(delta.fusedLaunches).toBe(4);
    expect(delta.elidedTemporaries).toBe(4);
    expect(delta.materialized).toBe(1);
    // a changes: t is computed first, from a as it was.
    np.multiply(a, -1, { out: a });
    await expectLikeNumpy(t!, 'a * b', inputs, false);
    await expectLikeNumpy(r!, 'np.sqrt(np.abs(a * b - 0.5))', inputs, false);
    await expectLikeNumpy(a, '-a', inputs, false);
    // The same through a host write to an input, and a partial write to the result itself.
    const u = np.add(a, b);
    const w = np.multiply(u, 3);
    w.store.wait(); // u is not computed
    b.store.write(new Float64Array(b.size).fill(7));
    const part = np.tidy(() => np.multiply(u, 2));
    u.slice('0, :3').assign(0);
    await expectLikeNumpy(w, '(-a + b) * 3', inputs, false);
    await expectLikeNumpy(part, '(-a + b) * 2', inputs, false);
    await expectLikeNumpy(u, '(lambda v: (v.__setitem__((0, slice(0, 3)), 0), v)[1])(-a + b)', inputs, false);
    for (const x of [a, b, t!, r!, u, w, part]) x.dispose();
  });

  it('random chains of mixed ufuncs over views and broadcasts: the same bits on and off, and NumPy values', async () => {
    // Fused and unfused must agree bit for bit; NumPy's libm only to rounding, so no operation
    // here turns a last-bit difference into a large one (sin of a large value, floor near an
    // integer would).
    const unary = ['negative', 'abs', 'sqrt', 'exp', 'square', 'tanh'] as const;
    const binary = ['add', 'subtract', 'multiply', 'maximum', 'minimum', 'divide', 'hypot'] as const;
    for (let trial = 0; trial < 16; trial++) {
      const rows = 3 + Math.floor(Math.random() * 40);
      const cols = 5 + Math.floor(Math.random() * 700);
      const inputs = { x: random('float64', [rows + 2, cols + 2], 2), y: random('float64', [cols], 2), z: random('float32', [rows, 1], 2) };
      // Which steps, and on what: the same program both ways, and as NumPy source.
      const steps: { kind: 'u' | 'b' | 'w' | 'c'; op: string; k: number; scalar: number }[] = [];
      const length = 2 + Math.floor(Math.random() * 10);
      for (let s = 0; s < length; s++) {
        const r = Math.random();
        steps.push({
          kind: r < 0.35 ? 'u' : r < 0.8 ? 'b' : r < 0.9 ? 'w' : 'c',
          op: r < 0.35 ? unary[Math.floor(Math.random() * unary.length)]! : binary[Math.floor(Math.random() * binary.length)]!,
          k: Math.floor(Math.random() * 6),
          scalar: Math.round(Math.random() * 40) / 8 - 2,
        });
      }
      const numpySource = (() => {
        const lines = ['v = [x[1:-1, 1:-1], x[:-2, 1:-1], x[2:, 2:], y, z]', 'cur = v[0]'];
        for (const s of steps) {
          const other = s.k < 5 ? `v[${s.k}]` : `np.float64(${s.scalar})`;
          if (s.kind === 'u') lines.push(`cur = np.${s.op}(cur)`);
          else if (s.kind === 'b') lines.push(`cur = np.${s.op}(cur, ${other})`);
          else if (s.kind === 'w') lines.push(`cur = np.where(cur > ${s.scalar}, cur, ${other})`);
          else lines.push('cur = cur.astype(np.float32).astype(np.float64)');
        }
        return lines.join('\n');
      })();
      const x = ours(inputs.x);
      const y = ours(inputs.y);
      const z = ours(inputs.z);
      const views = [x.slice('1:-1, 1:-1'), x.slice(':-2, 1:-1'), x.slice('2:, 2:'), y, z];
      const program = () =>
        np.tidy(() => {
          let cur = views[0]!;
          for (const s of steps) {
            const other: np.ndarray | number = s.k < 5 ? views[s.k]! : s.scalar;
            if (s.kind === 'u') cur = (np as unknown as Record<string, (a: np.ndarray) => np.ndarray>)[s.op]!(cur);
            else if (s.kind === 'b') cur = (np as unknown as Record<string, (a: np.ndarray, b: np.ndarray | number) => np.ndarray>)[s.op]!(cur, other);
            else if (s.kind === 'w') cur = np.where(np.greater(cur, s.scalar), cur, other);
            else cur = cur.astype('float32').astype('float64');
          }
          return cur === views[0] ? np.copy(cur) : cur;
        });
      const { fused, unfused, result } = bothWays(program);
      expectSameBits(fused, unfused, numpySource);
      const want = await py!.run<NdValue>(`${numpySource}\nout = np.asarray(cur)`, inputs as never);
      const got = Array.from(fused as ArrayLike<number>);
      const ref = Array.from(new Float64Array((want.data as Uint8Array).slice().buffer));
      expect(result.shape, numpySource).toEqual(want.shape);
      got.forEach((g, i) => {
        const w = ref[i]!;
        if (Number.isNaN(w)) expect(Number.isNaN(g), numpySource).toBe(true);
        else if (!Number.isFinite(w)) expect(g, numpySource).toBe(w);
        // (a float32 round trip may round a last-bit difference the other way: 6e-8)
        else expect(Math.abs(g - w), `${numpySource}\n[${i}]: ${g} vs ${w}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(w)));
      });
      for (const a of [result, x, y, z, ...views]) a.dispose();
    }
  });

  it("the 1-D stencil over shifted views of one storage keeps NumPy's semantics for its overlapping write", async () => {
    const inputs = { grid: random('float64', [20_002]) };
    const program = () => {
      const grid = ours(inputs.grid);
      const center = grid.slice('1:-1');
      const left = grid.slice(':-2');
      const right = grid.slice('2:');
      for (let i = 0; i < 5; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3.0)));
      for (const v of [center, left, right]) v.dispose();
      return grid;
    };
    const { fused, unfused, result } = bothWays(program);
    expectSameBits(fused, unfused, 'stencil');
    await py!.run('g = grid.copy()\nfor _ in range(5):\n    g[1:-1] = (g[1:-1] + g[:-2] + g[2:]) / 3.0\nout = g', inputs as never).then(async (want) => {
      await expectLikeNumpy(result, 'want', { want: want as NdValue }, false);
    });
    result.dispose();
  });

  it('heat-2d: the same delta and grid on and off, and as NumPy', async () => {
    const n = 60;
    const program = () => {
      const grid = np.zeros([n + 2, n + 2]);
      grid.set(':, 0', -273.15);
      grid.set(':, -1', -273.15);
      grid.set('-1, :', -273.15);
      grid.set('0, :', 40.0);
      const [center, north, south, east, west] = ['1:-1, 1:-1', ':-2, 1:-1', '2:, 1:-1', '1:-1, 2:', '1:-1, :-2'].map((s) => grid.slice(s));
      let delta = 0;
      for (let i = 0; i < 20; i++) {
        delta = np.tidy(() => {
          const work = np.multiply(0.2, np.add(np.add(np.add(np.add(center!, north!), east!), west!), south!));
          const change = np.sum(np.abs(np.subtract(work, center!)));
          center!.assign(work);
          return change.item() as number;
        });
      }
      for (const v of [center, north, south, east, west]) v!.dispose();
      return np.concatenate([grid.reshape([-1]), np.array([delta])]);
    };
    const { fused, unfused, result } = bothWays(program);
    expectSameBits(fused, unfused, 'heat-2d');
    const want = await py!.run<NdValue>(
      [
        `n = ${n}`,
        'g = np.zeros((n + 2, n + 2)); g[:, 0] = -273.15; g[:, -1] = -273.15; g[-1, :] = -273.15; g[0, :] = 40.0',
        'c = g[1:-1, 1:-1]',
        'for _ in range(20):',
        '    work = 0.2 * (c + g[:-2, 1:-1] + g[1:-1, 2:] + g[1:-1, :-2] + g[2:, 1:-1])',
        '    delta = np.sum(np.abs(work - c))',
        '    c[...] = work',
        'out = np.concatenate([g.reshape(-1), [delta]])',
      ].join('\n'),
      {},
    );
    await expectLikeNumpy(result, 'want', { want }, false);
    result.dispose();
  });

  it('an in-place chain through one view (a += b; a *= 2) fuses and matches NumPy', async () => {
    const inputs = { a: random('float64', [7, 3000]), b: random('float64', [7, 3000]) };
    const program = () => {
      const a = ours(inputs.a);
      const b = ours(inputs.b);
      np.tidy(() => {
        a.assign(np.add(a, b));
        a.assign(np.multiply(a, 2));
        a.assign(np.where(np.greater(a, 0), a, np.negative(b)));
      });
      b.dispose();
      return a;
    };
    const { fused, unfused, result } = bothWays(program);
    expectSameBits(fused, unfused, 'in place');
    await expectLikeNumpy(result, 'np.where((a + b) * 2 > 0, (a + b) * 2, -b)', inputs, false);
    result.dispose();
  });

  it('a chain with a failed operation: what depends on it fails, naming its task and line; the rest is right', async () => {
    const inputs = { a: random('float64', [8000]) };
    const a = ours(inputs.a);
    const i = np.arange(8000);
    const e = np.subtract(np.arange(8000), 4000); // negative exponents: NumPy's ValueError, at the task
    const saved = runtime.setFusion(true);
    let before: np.ndarray | undefined, after: np.ndarray | undefined, dependent: np.ndarray | undefined;
    try {
      np.tidy(() => {
        before = keep(np.multiply(a, 3));
        const p = np.power(i, e);
        dependent = keep(np.add(p, 1));
        after = keep(np.add(a, 1));
      });
      expect(() => dependent!.toArray()).toThrow(TaskFailure);
      try {
        dependent!.toArray();
      } catch (error) {
        expect((error as TaskFailure).task).toBe('numeric.binary');
        expect((error as Error).message).toMatch(/Integers to negative integer powers are not allowed/);
        expect((error as TaskFailure).launchSite ?? '').toMatch(/fusion\.test\.ts/);
      }
      await expectLikeNumpy(before!, 'a * 3', inputs, false);
      await expectLikeNumpy(after!, 'a + 1', inputs, false);
      // An output the failed operation wrote and a later one overwrote whole is valid, as unfused.
      const o = np.empty([8000], 'int64');
      const overwritten = np.empty([8000]);
      np.tidy(() => {
        np.power(i, e, { out: o });
        np.multiply(a, 4, { out: overwritten });
        np.power(i, e, { out: o }); // fails again: o stays invalid
        np.add(a, 1, { out: overwritten });
      });
      expect(() => o.toArray()).toThrow(/Integers to negative integer powers/);
      await expectLikeNumpy(overwritten, 'a + 1', inputs, false);
      const rewritten = np.empty([8000], 'int64');
      np.tidy(() => {
        np.power(i, e, { out: rewritten });
        np.add(i, 1, { out: rewritten });
      });
      expect(Array.from(rewritten.toArray() as BigInt64Array, Number).slice(0, 3)).toEqual([1, 2, 3]);
      for (const x of [o, overwritten, rewritten]) x.dispose();
      // The runtime goes on.
      const again = np.tidy(() => np.add(np.multiply(a, 2), 1));
      await expectLikeNumpy(again, 'a * 2 + 1', inputs, false);
      again.dispose();
    } finally {
      runtime.setFusion(saved);
    }
    for (const x of [a, i, e, before!, after!, dependent!]) x.dispose();
  });

  it('a result nobody keeps is never computed, and nothing is left allocated', () => {
    const a = np.ones([50_000]);
    a.store.wait();
    const live = runtime.memoryStats()[0]!.liveStorages;
    const delta = countersOver(() => {
      np.tidy(() => {
        np.multiply(np.add(a, 1), 2);
      });
      runtime.issueExecutionFence();
    });
    expect(delta.pointTasks).toBe(0);
    expect(delta.elidedTemporaries).toBe(2);
    expect(runtime.memoryStats()[0]!.liveStorages).toBe(live);
    a.dispose();
  });

  it('in small blocks (several a row, or rows a block) over 1-D to 3-D views: the same bits on and off', () => {
    const script = fileURLToPath(new URL('./fixtures/fusion-blocks.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, String(Math.floor(Math.random() * 1e9))], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LEGATE_FUSED_BLOCK_BYTES: '8192', LEGATE_FUSION: '1' },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ failures: [] });
  });

  it('a fence runs what fusion left to compute when needed', async () => {
    const inputs = { a: random('float64', [30_000]) };
    const a = ours(inputs.a);
    a.store.wait();
    let c: np.ndarray | undefined;
    const delta = countersOver(() => {
      c = np.add(np.multiply(a, 2), 1); // nothing reads it yet
      runtime.issueExecutionFence();
    });
    // c, and the product, which the collector has not found yet: each computed by its own task.
    expect(delta.materialized).toBe(2);
    expect(delta.fusedTasks).toBe(2);
    await expectLikeNumpy(c!, 'a * 2 + 1', inputs, false);
    for (const x of [a, c!]) x.dispose();
  });

  it('setFusion checks its argument', () => {
    expect(() => runtime.setFusion('off' as never)).toThrow(/on: expected a boolean/);
    expect(typeof runtime.fusion).toBe('boolean');
  });
});
