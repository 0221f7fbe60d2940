// `pnpm bench [suite...] [--list] [--runs N] [--warmup N] [--quick] [--json FILE]`
// Runs suites from packages/<pkg>/bench/<suite>.bench.ts: our median against NumPy/SciPy's,
// measured in one run, printed as a table and written as JSON (bench-results/<suite>.json).
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { runtime } from '@legate/core';

import { formatTable } from './format.js';
import { Peer } from './peer.js';
import { ensureDir, probeBandwidth, runSuite, type Row } from './run.js';
import type { BenchSuite } from './suite.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Suite name -> file, from every package's bench folder. */
export function discoverSuites(): Map<string, string> {
  const suites = new Map<string, string>();
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    const dir = path.join(root, 'packages', pkg, 'bench');
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files.filter((f) => f.endsWith('.bench.ts')).sort()) {
      const name = f.slice(0, -'.bench.ts'.length);
      if (suites.has(name)) throw new Error(`two benchmark suites are named '${name}': ${suites.get(name)} and ${path.join(dir, f)}`);
      suites.set(name, path.join(dir, f));
    }
  }
  return suites;
}

const USAGE = 'usage: pnpm bench [suite...] [--list] [--quick] [--runs N] [--warmup N] [--json FILE]';

/** A mistake in the command line: exit status 2, as for an unknown suite. */
class UsageError extends Error {}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        list: { type: 'boolean' },
        quick: { type: 'boolean' },
        runs: { type: 'string' },
        warmup: { type: 'string' },
        json: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine();
  const suites = discoverSuites();
  if (values.list) {
    for (const [name, file] of suites) console.log(`${name.padEnd(16)} ${path.relative(root, file)}`);
    return 0;
  }
  const unknown = positionals.filter((p) => !suites.has(p));
  if (unknown.length) {
    console.error(`unknown suite${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}; suites: ${[...suites.keys()].join(', ')}`);
    return 2;
  }
  const count = (text: string | undefined, fallback: number, name: string) => {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name}: expected a non-negative integer, got '${text}'`);
    return n;
  };
  const options = {
    quick: values.quick ?? false,
    runs: Math.max(1, count(values.runs, values.quick ? 3 : 7, 'runs')),
    warmup: count(values.warmup, values.quick ? 1 : 2, 'warmup'),
  };
  const selected = positionals.length ? positionals : [...suites.keys()];
  if (values.json && selected.length !== 1) {
    console.error(`--json names one file, but ${selected.length} suites are selected: pick one suite`);
    return 2;
  }
  const peer = await Peer.start();
  const bandwidth = probeBandwidth(options.quick);
  const cpus = runtime.config.cpus;
  // Other processes on the machine move every figure, the probe's included: say how busy it was.
  const load = os.loadavg()[0]!;
  console.log(
    `machine: ${cpus} CPU threads, ${(bandwidth / 1e9).toFixed(1)} GB/s probed bandwidth (STREAM add), load ${load.toFixed(2)}, Node.js ${process.version}` +
      (typeof peer === 'string' ? `; peer: ${peer}` : `; peer: NumPy ${peer.versions.numpy}, SciPy ${peer.versions.scipy}`),
  );
  console.log('medians of timed runs after warm-up; peer/ours above 1 means Legate is faster\n');
  const machine = {
    cpus,
    cores: os.availableParallelism(),
    node: process.version,
    python: typeof peer === 'string' ? null : peer.versions.python,
    pythonExecutable: typeof peer === 'string' ? null : peer.versions.executable,
    numpy: typeof peer === 'string' ? null : peer.versions.numpy,
    scipy: typeof peer === 'string' ? null : peer.versions.scipy,
    ...(typeof peer === 'string' ? { peer } : {}),
    bandwidthBytesPerSecond: bandwidth,
    loadAverage: load,
  };
  let failures = 0;
  try {
    for (const name of selected) {
      let suite: BenchSuite;
      let rows: Row[];
      try {
        suite = (await import(pathToFileURL(suites.get(name)!).href)).default as BenchSuite;
        console.log(`${suite.name}: ${suite.description}`);
        rows = await runSuite(suite, peer, bandwidth, options);
      } catch (e) {
        // A suite that cannot load or list its cases fails alone; the others still run.
        failures++;
        console.log(`${name}: the suite failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        continue;
      }
      console.log(formatTable(rows));
      for (const r of rows.filter((r) => r.error)) {
        failures++;
        console.log(`\n${r.case}: ${r.error}`);
      }
      const file = values.json ? path.resolve(values.json) : path.join(root, 'bench-results', `${name}.json`);
      ensureDir(path.dirname(file));
      writeFileSync(file, JSON.stringify({ suite: name, date: new Date().toISOString(), options, machine, rows }, null, 2));
      console.log(`\nwrote ${path.relative(process.cwd(), file)}\n`);
    }
  } finally {
    if (typeof peer !== 'string') peer.close();
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`bench: ${error.message}${error instanceof UsageError ? `\n${USAGE}` : ''}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
