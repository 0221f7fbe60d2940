#!/usr/bin/env node
// `legate`: runs a script with the runtime's launcher options, or (--info) prints what this
// installation was built with, and why each optional part is on or off.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { formatInfo, runtime } from '../dist/index.js';

const USAGE = `usage: legate [--ranks N] [--cpus N] [--memory shared|separate] <script> [args...]
       legate [--cpus N] [--memory shared|separate] --info [--json]

  --ranks N    run the script as N processes (MPI ranks, through mpirun), one program over all
               of them; without it the script is one rank, or what its own launcher started
  --cpus N     CPU processors (worker threads) of the runtime, per rank (LEGATE_CPUS; default
               one per core, shared among the ranks of this machine)
  --memory M   shared: all processors work in one memory (default); separate: each its own
               (LEGATE_MEMORY_MODE)
  --oversubscribe, --allow-run-as-root
               passed to mpirun with --ranks (added by themselves when more ranks than cores,
               or when run as root)
  --info       print CPU threads, ranks, BLAS, FFT, MPI, CUDA, NCCL and why each is on or off
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
let ranks;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--cpus' || a === '--memory' || a === '--ranks') {
    const value = argv[++i];
    if (value === undefined) fail(`${a}: expected a value`);
    if (a === '--ranks') {
      if (!/^\d+$/.test(value) || Number(value) < 1) fail(`--ranks: expected a positive integer, got '${value}'`);
      ranks = Number(value);
    } else if (a === '--cpus') {
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
const known = new Set(['--info', '--json', '--help', '-h', '--oversubscribe', '--allow-run-as-root']);
const unknown = args.find((a) => !known.has(a));
if (unknown) fail(`unknown option ${unknown}\n${USAGE}`);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (ranks !== undefined && !script) fail(`--ranks: give the script to run\n${USAGE}`);
if (script && ranks !== undefined) {
  process.exit(runRanks(ranks, script, scriptArgs));
} else if (script) {
  const r = spawnSync(process.execPath, [...typescriptLoader(script), script, ...scriptArgs], { stdio: 'inherit', env: process.env });
  process.exit(r.status ?? 1);
}

// A TypeScript script (.ts, .mts, .cts) runs through tsx where the project has it, else through
// Node's own type stripping (Node 22.6 and later); otherwise the error says what to install.
function typescriptLoader(file) {
  if (!/\.[mc]?ts$/.test(file)) return [];
  try {
    createRequire(path.join(process.cwd(), 'package.json')).resolve('tsx');
    return ['--import', 'tsx'];
  } catch {
    // tsx is not installed in the project
  }
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 23 || (major === 23 && minor >= 6)) return [];
  if (major > 22 || (major === 22 && minor >= 6)) return ['--experimental-strip-types'];
  fail(`${file} is TypeScript, which Node ${process.versions.node} cannot run by itself: install tsx in the project (npm install --save-dev tsx), or use Node 22.6 or later`);
}

// `--ranks N`: mpirun starts N copies of the script, each a rank of one program. Ranks share
// this machine's cores (each gets its share as LEGATE_CPUS unless --cpus says otherwise), are
// not bound to cores (each has a thread pool), and get the caller's environment.
function runRanks(n, file, fileArgs) {
  const mpirun = findOnPath('mpirun');
  if (!mpirun) fail('--ranks: mpirun was not found on PATH (Debian: apt-get install openmpi-bin libopenmpi-dev, then rebuild @legate/core)');
  const cores = availableParallelism();
  if (process.env.LEGATE_CPUS === undefined) process.env.LEGATE_CPUS = String(Math.max(1, Math.floor(cores / n)));
  const options = ['-n', String(n), '--bind-to', 'none'];
  if (args.includes('--oversubscribe') || n * Number(process.env.LEGATE_CPUS) > cores) options.push('--oversubscribe');
  if (args.includes('--allow-run-as-root') || process.getuid?.() === 0) options.push('--allow-run-as-root');
  for (const name of Object.keys(process.env)) {
    if (/^(LEGATE_|NODE_)/.test(name) || name === 'PATH' || name === 'LD_LIBRARY_PATH') options.push('-x', name);
  }
  const r = spawnSync(mpirun, [...options, process.execPath, ...process.execArgv, file, ...fileArgs], { stdio: 'inherit', env: process.env });
  if (r.error) fail(`--ranks: ${r.error.message}`);
  return r.status ?? 1;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
if (!args.includes('--info')) {
  console.log(USAGE);
  process.exit(1);
}

// Load the libraries installed beside core (from the caller's project first) so they register:
// numeric, sparse, and every dependency of the project that depends on @legate/core itself.
const projectFile = path.join(process.cwd(), 'package.json');
const missing = [];
const failed = [];
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
// `node_modules/<name>/package.json` as Node finds packages: from `dir` up to the root (a
// package's exports need not list its package.json, so it is not resolved through them).
function manifestOf(name, dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return realpathSync(file);
    if (path.dirname(d) === d) return undefined;
  }
}
// A package's entry as `import` resolves it (its exports' import or default, never a require
// stub), from the caller's project first, then from core's own place.
function entryOf(name) {
  const manifest = manifestOf(name, process.cwd()) ?? manifestOf(name, path.dirname(fileURLToPath(import.meta.url)));
  if (!manifest) return undefined;
  const pkg = readJson(manifest) ?? {};
  const dot = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.'];
  const entry = typeof dot === 'string' ? dot : (dot?.import ?? dot?.default ?? pkg.main ?? 'index.js');
  return path.join(path.dirname(manifest), entry);
}
const project = readJson(projectFile) ?? {};
const thirdParty = Object.keys({ ...project.dependencies, ...project.devDependencies }).filter((name) => {
  if (name === '@legate/core' || name === '@legate/numeric' || name === '@legate/sparse') return false;
  const manifest = manifestOf(name, process.cwd());
  const pkg = (manifest && readJson(manifest)) ?? {};
  return '@legate/core' in { ...pkg.dependencies, ...pkg.peerDependencies };
});
for (const name of ['@legate/numeric', '@legate/sparse', ...thirdParty]) {
  const resolved = entryOf(name);
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
