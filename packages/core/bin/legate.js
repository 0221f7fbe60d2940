#!/usr/bin/env node
// `legate --info`: what this installation was built with, and why each optional part is on or off.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { formatInfo, runtime } from '../dist/index.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.includes('--info')) {
  console.log('usage: legate --info [--json]\n\n  --info   print CPU threads, BLAS, FFT, MPI, CUDA, NCCL and why each is on or off\n  --json   as JSON');
  process.exit(args.includes('--info') || args.includes('--help') || args.includes('-h') ? 0 : 1);
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
