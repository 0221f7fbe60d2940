import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { findPython, PythonReference, type NdValue } from '@legate/testing';

import { defineSuite, formatTable, Peer, runSuite, summarize, writeNpy, type Timing } from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'legate-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const python = findPython();

interface BenchJson {
  suite: string;
  date: string;
  machine: { cpus: number; node: string; python: string | null; numpy: string | null; scipy: string | null; bandwidthBytesPerSecond: number };
  rows: { case: string; ours: Timing | null; peer: Timing | null; ratio: number | null; bandwidthShare: number | null }[];
}

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
        { name: 'bad setup', setup: () => { throw new Error('setup boom'); }, run: () => 0, peer: { run: 'pass' } },
        { name: 'bad inputs', inputs: () => { throw new Error('inputs boom'); }, run: () => 0, peer: { run: 'pass' } },
      ],
    });
    try {
      const rows = await runSuite(suite, peer as Peer, 10e9, { runs: 3, warmup: 1, quick: true });
      expect(sum).toBe((n * (n - 1)) / 2);
      const [ok, broken, badPeer, badSetup, badInputs] = rows;
      expect(ok!.ours!.runs).toBe(3);
      expect(ok!.peer!.runs).toBe(3);
      expect(ok!.ratio).toBeCloseTo(ok!.peer!.median / ok!.ours!.median, 10);
      expect(ok!.bandwidthShare).toBeCloseTo((8 * n) / (ok!.ours!.median / 1e3) / 10e9, 10);
      expect(broken!.ours).toBeNull();
      expect(broken!.error).toContain('boom');
      expect(badPeer!.peerNote).toContain('ValueError: peer boom');
      expect(badPeer!.error).toContain('Traceback');
      // A failing setup or inputs is its case's error; the suite goes on, and the peer still runs where it can.
      expect(badSetup!.ours).toBeNull();
      expect(badSetup!.error).toContain('setup boom');
      expect(badSetup!.peer!.runs).toBe(3);
      expect(badInputs!.error).toContain('inputs boom');
      expect(badInputs!.peerNote).toBe('skipped (no inputs)');
      const table = formatTable(rows);
      expect(table.split('\n')[0]).toMatch(/^case +ours ms +peer ms +peer\/ours +GB\/s +% bw +moved\/ideal +rate$/);
      // A case that launches nothing moved nothing the runtime counted: its model's bytes stand.
      expect(ok!.movedBytes).toBeNull();
      expect(table).toMatch(/broken +error/);
    } finally {
      (peer as Peer).close();
    }
  });
});

describe('runSuite without a peer', () => {
  it('times ours and says why the peer column is empty', async () => {
    const suite = defineSuite({
      name: 'lonely',
      description: 'test',
      cases: () => [{ name: 'noop', inputs: () => ({ a: { data: new Int32Array(4) } }), run: () => 0, peer: { run: 'pass' }, bytes: 16 }],
    });
    const [row] = await runSuite(suite, 'no python3 with numpy and scipy (test)', 10e9, { runs: 2, warmup: 0, quick: true });
    expect(row!.ours!.runs).toBe(2);
    expect(row!.peer).toBeNull();
    expect(row!.peerNote).toBe('n/a (no python3 with numpy and scipy (test))');
    expect(row!.ratio).toBeNull();
    expect(row!.error).toBeUndefined();
    expect(formatTable([row!])).toMatch(/noop +[\d.]+ +n\/a \(no python3 [^\n]*…/);
  });
});

describe.skipIf(!python.ok)('Peer', () => {
  it('reports a peer that died, in that case and the next, without crashing', async () => {
    const peer = (await Peer.start()) as Peer;
    const suite = defineSuite({
      name: 'dying',
      description: 'test',
      cases: () => [
        { name: 'dies', run: () => 0, peer: { run: 'import os; os._exit(3)' } },
        { name: 'after', run: () => 0, peer: { run: 'pass' } },
      ],
    });
    try {
      const [dies, after] = await runSuite(suite, peer, 10e9, { runs: 1, warmup: 0, quick: true });
      expect(dies!.peerNote).toBe('error: the Python peer exited (exit code 3)');
      expect(after!.peerNote).toMatch(/has exited \(exit code 3\)/);
      expect(after!.ours!.runs).toBe(1);
    } finally {
      peer.close();
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

  it('rejects a malformed option with the usage line', () => {
    const r = bench('--runs', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--runs: expected a non-negative integer[^]*usage: pnpm bench/);
  });

  it('refuses --json with more than one suite', () => {
    const r = bench('runtime', 'arrays', '--json', path.join(scratch, 'two.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--json names one file/);
  });

  it.skipIf(!python.ok)('runs a suite quickly and writes its rows as JSON', () => {
    const file = path.join(scratch, 'runtime.json');
    const r = bench('runtime', '--quick', '--runs', '1', '--warmup', '0', '--json', file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/probed bandwidth/);
    const json = JSON.parse(readFileSync(file, 'utf8')) as BenchJson;
    expect(json.suite).toBe('runtime');
    expect(Date.parse(json.date)).not.toBeNaN();
    expect(json.machine).toMatchObject({ cpus: expect.any(Number), node: process.version, python: expect.stringMatching(/^3\./) });
    expect(json.machine.numpy).toMatch(/^\d+\./);
    expect(json.machine.scipy).toMatch(/^\d+\./);
    expect(json.machine.bandwidthBytesPerSecond).toBeGreaterThan(0);
    expect(json.rows.length).toBeGreaterThan(0);
    for (const row of json.rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['case', 'ours', 'peer', 'ratio', 'bytesPerSecond', 'bandwidthShare', 'flopsPerSecond']));
      expect(row.ours).toMatchObject({ median: expect.any(Number), min: expect.any(Number), max: expect.any(Number), runs: 1 });
      expect(row.ours!.median).toBeGreaterThan(0);
    }
    // At least one case is timed against NumPy, with the ratio and the share of the bandwidth.
    const compared = json.rows.find((row) => row.peer !== null);
    expect(compared?.peer).toMatchObject({ median: expect.any(Number), runs: 1 });
    expect(compared?.ratio).toBeCloseTo(compared!.peer!.median / compared!.ours!.median, 10);
    expect(compared?.bandwidthShare).toBeGreaterThan(0);
  });
});
