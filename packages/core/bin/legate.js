#!/usr/bin/env node
// `legate`: runs a script with the runtime's launcher options, or (--info) prints what this
// installation was built with, and why each optional part is on or off.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { formatInfo, runtime } from '../dist/index.js';

const USAGE = `usage: legate [--cpus N] [--memory shared|separate] <script> [args...]
       legate [--cpus N] [--memory shared|separate] --info [--json]

  --cpus N     CPU processors (worker threads) of the runtime (LEGATE_CPUS; default one per core)
  --memory M   shared: all processors work in one memory (default); separate: each its own
               (LEGATE_MEMORY_MODE)
  --info       print CPU threads, BLAS, FFT, MPI, CUDA, NCCL and why each is on or off
  --json       with --info: as JSON`;

function fail(message) {
  console.error(`legate: ${message}`);
  process.exit(1);
}

// Launcher options first, then either --info or the script to run with them.
const argv = process.argv.slice(2);
const args = [];
let script;
let scriptArgs = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--cpus' || a === '--memory') {
    const value = argv[++i];
    if (value === undefined) fail(`${a}: expected a value`);
    if (a === '--cpus') {
      if (!/^\d+$/.test(value) || Number(value) < 1) fail(`--cpus: expected a positive integer, got '${value}'`);
      process.env.LEGATE_CPUS = value;
    } else {
      if (value !== 'shared' && value !== 'separate') fail(`--memory: expected 'shared' or 'separate', got '${value}'`);
      process.env.LEGATE_MEMORY_MODE = value;
    }
  } else if (a.startsWith('-')) {
    args.push(a);
  } else {
    script = a;
    scriptArgs = argv.slice(i + 1);
    break;
  }
}
const known = new Set(['--info', '--json', '--help', '-h']);
const unknown = args.find((a) => !known.has(a));
if (unknown) fail(`unknown option ${unknown}\n${USAGE}`);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (script) {
  const r = spawnSync(process.execPath, [script, ...scriptArgs], { stdio: 'inherit', env: process.env });
  process.exit(r.status ?? 1);
}
if (!args.includes('--info')) {
  console.log(USAGE);
  process.exit(1);
}

// Load the libraries installed beside core (from the caller's project first) so they register.
const fromProject = createRequire(path.join(process.cwd(), 'package.json'));
const fromCore = createRequire(import.meta.url);
const missing = [];
const failed = [];
for (const name of ['@legate/numeric', '@legate/sparse']) {
  let resolved;
  for (const req of [fromProject, fromCore]) {
    try {
      resolved = req.resolve(name);
      break;
    } catch {
      // not installed there
    }
  }
  if (!resolved) {
    missing.push(name);
    continue;
  }
  try {
    await import(pathToFileURL(resolved).href);
  } catch (error) {
    failed.push(`${name}: ${error.message}`);
  }
}

try {
  console.log(formatInfo(runtime, { json: args.includes('--json') }));
  if (!args.includes('--json')) {
    if (missing.length) console.log(`\nnot installed: ${missing.join(', ')}`);
    for (const line of failed) console.log(`\nfailed to load ${line}`);
  }
  if (failed.length) process.exitCode = 1;
} catch (error) {
  console.error(`legate: ${error.message}`);
  process.exit(1);
}
