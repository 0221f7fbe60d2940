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
import { ensureDir, probeBandwidth, runSuite } from './run.js';
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

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      json: { type: 'string' },
    },
  });
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
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`--${name}: expected a non-negative integer, got '${text}'`);
    return n;
  };
  const options = {
    quick: values.quick ?? false,
    runs: Math.max(1, count(values.runs, values.quick ? 3 : 7, 'runs')),
    warmup: count(values.warmup, values.quick ? 1 : 2, 'warmup'),
  };
  const selected = positionals.length ? positionals : [...suites.keys()];
  const peer = await Peer.start();
  const bandwidth = probeBandwidth(options.quick);
  const cpus = runtime.config.cpus;
  console.log(
    `machine: ${cpus} CPU threads, ${(bandwidth / 1e9).toFixed(1)} GB/s probed bandwidth (STREAM add), Node.js ${process.version}` +
      (typeof peer === 'string' ? `; peer: ${peer}` : `; peer: NumPy ${peer.versions.numpy}, SciPy ${peer.versions.scipy}`),
  );
  console.log('medians of timed runs after warm-up; peer/ours above 1 means Legate is faster\n');
  let failures = 0;
  try {
    for (const name of selected) {
      const suite = (await import(pathToFileURL(suites.get(name)!).href)).default as BenchSuite;
      console.log(`${suite.name}: ${suite.description}`);
      const rows = await runSuite(suite, peer, bandwidth, options);
      console.log(formatTable(rows));
      for (const r of rows.filter((r) => r.error)) {
        failures++;
        console.log(`\n${r.case}: ${r.error}`);
      }
      const file = values.json && selected.length === 1 ? path.resolve(values.json) : path.join(root, 'bench-results', `${name}.json`);
      ensureDir(path.dirname(file));
      writeFileSync(
        file,
        JSON.stringify(
          {
            suite: name,
            date: new Date().toISOString(),
            options,
            machine: {
              cpus,
              cores: os.availableParallelism(),
              node: process.version,
              ...(typeof peer === 'string' ? { peer } : peer.versions),
              bandwidthBytesPerSecond: bandwidth,
            },
            rows,
          },
          null,
          2,
        ),
      );
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
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  },
);
