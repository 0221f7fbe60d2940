import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { findPython, PythonReference, type NdValue } from '@legate/testing';

import { defineSuite, formatTable, Peer, runSuite, summarize, writeNpy } from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'legate-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const python = findPython();

describe('summarize', () => {
  it('takes the median of odd and even counts, and the extremes', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe.skipIf(!python.ok)('writeNpy', () => {
  it('writes arrays NumPy loads with the same shape, dtype and values', async () => {
    const py = PythonReference.start()!;
    try {
      const cases = [
        { data: Float64Array.from({ length: 12 }, () => Math.random()), shape: [3, 4], dtype: 'float64' },
        { data: Float32Array.from({ length: 7 }, () => Math.random()), shape: [7], dtype: 'float32' },
        { data: Int32Array.from({ length: 6 }, () => Math.floor(Math.random() * 1e9) - 5e8), shape: [2, 3], dtype: 'int32' },
        { data: Float64Array.from({ length: 8 }, () => Math.random()), shape: [4], dtype: 'complex128' },
      ];
      for (const [i, c] of cases.entries()) {
        const file = path.join(scratch, `a${i}.npy`);
        writeNpy(file, c.dtype === 'complex128' ? { data: c.data, shape: c.shape, dtype: 'complex128' } : { data: c.data, shape: c.shape });
        const back = await py.eval<NdValue>(`np.load(f).view(np.float64) if np.load(f).dtype.kind == 'c' else np.load(f)`, { f: file });
        const loadedType = await py.eval<string>('str(np.load(f).dtype)', { f: file });
        expect(loadedType).toBe(c.dtype);
        expect(Array.from(back.data as Float64Array)).toEqual(Array.from(c.data));
        if (c.dtype !== 'complex128') expect(back.shape).toEqual(c.shape);
      }
    } finally {
      py.close();
    }
  });
});

describe.skipIf(!python.ok)('runSuite', () => {
  it('times ours and the peer on the same inputs and computes the ratio and bandwidth share', async () => {
    const peer = await Peer.start();
    expect(typeof peer).not.toBe('string');
    const n = 1 << 16;
    let sum = 0;
    const suite = defineSuite({
      name: 'tiny',
      description: 'test',
      cases: () => [
        {
          name: 'sum',
          inputs: () => ({ a: { data: Float64Array.from({ length: n }, (_, i) => i) } }),
          setup: (inputs) => inputs.a!.data as Float64Array,
          run: (a: Float64Array) => {
            sum = 0;
            for (let i = 0; i < a.length; i++) sum += a[i]!;
          },
          peer: { run: 'assert a.sum() == a.size * (a.size - 1) / 2' },
          bytes: 8 * n,
        },
        { name: 'broken', run: () => { throw new Error('boom'); } },
        { name: 'bad peer', run: () => 0, peer: { run: 'raise ValueError("peer boom")' } },
      ],
    });
    try {
      const rows = await runSuite(suite, peer as Peer, 10e9, { runs: 3, warmup: 1, quick: true });
      expect(sum).toBe((n * (n - 1)) / 2);
      const [ok, broken, badPeer] = rows;
      expect(ok!.ours!.runs).toBe(3);
      expect(ok!.peer!.runs).toBe(3);
      expect(ok!.ratio).toBeCloseTo(ok!.peer!.median / ok!.ours!.median, 10);
      expect(ok!.bandwidthShare).toBeCloseTo((8 * n) / (ok!.ours!.median / 1e3) / 10e9, 10);
      expect(broken!.ours).toBeNull();
      expect(broken!.error).toContain('boom');
      expect(badPeer!.peerNote).toContain('ValueError: peer boom');
      const table = formatTable(rows);
      expect(table.split('\n')[0]).toMatch(/^case +ours ms +peer ms +peer\/ours +GB\/s +% bw +rate$/);
      expect(table).toMatch(/broken +error/);
    } finally {
      (peer as Peer).close();
    }
  });
});

describe('pnpm bench', () => {
  const bench = (...args: string[]) =>
    spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'tools/bench/src/cli.ts'), ...args], { cwd: root, encoding: 'utf8' });

  it('lists the suites of every package', () => {
    const r = bench('--list');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^runtime +packages\/core\/bench\/runtime\.bench\.ts$/m);
  });

  it('rejects an unknown suite, listing the known ones', () => {
    const r = bench('no-such-suite');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unknown suite: no-such-suite; suites: .*runtime/);
  });

  it.skipIf(!python.ok)('runs a suite quickly and writes its rows as JSON', () => {
    const file = path.join(scratch, 'runtime.json');
    const r = bench('runtime', '--quick', '--runs', '1', '--warmup', '0', '--json', file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/probed bandwidth/);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { suite: string; machine: { numpy: string }; rows: { case: string; ours: { median: number } }[] };
    expect(json.suite).toBe('runtime');
    expect(json.machine.numpy).toMatch(/^\d+\./);
    expect(json.rows.length).toBe(5);
    for (const row of json.rows) expect(row.ours.median).toBeGreaterThan(0);
  });
});
