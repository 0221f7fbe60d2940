#!/usr/bin/env node
// End-to-end: pack each package as npm would publish it, install the tarballs (never workspace
// links) into scratch npm projects outside the workspace, and run scripts against them the way
// a user would: one package at a time, then together, then a third party's addon beside core.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { findNodeHeaders } from '../scripts/native.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'legate-e2e-'));
const platform = `${process.platform}-${process.arch}`;
const ADDONS = { core: 'legate_core', numeric: 'legate_numeric', sparse: 'legate_sparse' };

let passed = 0;
let failed = 0;
function check(name, body) {
  try {
    body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(error.message).split('\n').join('\n     ')}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (r.error) throw r.error;
  return r;
}
function ok(command, args, options = {}) {
  const r = run(command, args, options);
  assert(r.status === 0, `${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

// 1. Pack.
const tarballs = {};
const packDir = path.join(scratch, 'tarballs');
mkdirSync(packDir);
for (const name of Object.keys(ADDONS)) {
  check(`pack @legate/${name}`, () => {
    ok('pnpm', ['pack', '--pack-destination', packDir], { cwd: path.join(root, 'packages', name) });
    const file = readdirSync(packDir).find((f) => f.startsWith(`legate-${name}-`) && f.endsWith('.tgz'));
    assert(file, `no tarball for ${name} in ${packDir}`);
    tarballs[name] = path.join(packDir, file);
    const files = ok('tar', ['-tzf', tarballs[name]]).split('\n');
    const needed = ['package/dist/index.js', 'package/dist/index.d.ts', `package/prebuilds/${platform}/${ADDONS[name]}.node`];
    if (name === 'core') needed.push('package/bin/legate.js', 'package/include/legate/core_abi.h', 'package/include/legate/addon.hpp');
    for (const f of needed) assert(files.includes(f), `${path.basename(tarballs[name])} lacks ${f}`);
    assert(!files.some((f) => f.includes('/test/')), 'tests must not be published');
    const manifest = ok('tar', ['-xzOf', tarballs[name], 'package/package.json']);
    assert(!manifest.includes('workspace:'), `the packed package.json still has a workspace: range:\n${manifest}`);
  });
}

/** A fresh npm project with the given tarballs (and folders packed to tarballs) installed. */
function project(label, specs) {
  const dir = path.join(scratch, label);
  mkdirSync(dir);
  ok('npm', ['init', '-y'], { cwd: dir });
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, type: 'module' }, null, 2));
  ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], { cwd: dir });
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/@legate/')) continue;
    assert(String(entry.resolved).startsWith('file:'), `${key} did not come from a tarball: ${entry.resolved}`);
    assert(!lstatSync(path.join(dir, key)).isSymbolicLink(), `${key} is a link, not an installed copy`);
  }
  return dir;
}

function script(dir, name, source) {
  writeFileSync(path.join(dir, name), source);
  return ok(process.execPath, [name], { cwd: dir });
}

const legateBin = (dir) => path.join(dir, 'node_modules', '.bin', 'legate');

// 2. core alone.
if (tarballs.core) {
  let dir;
  check('install @legate/core alone from its tarball', () => {
    dir = project('core-only', [tarballs.core]);
  });
  if (dir) {
    check('core: runtime.features lists core with each feature on or off and a reason', () => {
      const out = script(dir, 'features.mjs', `
        import { runtime } from '@legate/core';
        const [core] = runtime.features;
        if (core.library !== 'core') throw new Error('first library is ' + core.library);
        for (const name of ['cpu', 'mpi', 'cuda', 'nccl']) {
          const f = core.features.find((x) => x.name === name);
          if (!f || typeof f.enabled !== 'boolean' || !f.detail) throw new Error('bad feature ' + name);
        }
        console.log(core.features.map((f) => f.name + '=' + f.enabled).join(' '));
      `);
      assert(out.includes('cpu=true'), out);
    });
    check('core: stores, views and attach work from the installed package', () => {
      const out = script(dir, 'stores.mjs', `
        import { LogicalStore } from '@legate/core';
        const data = Float64Array.from({ length: 12 }, (_, i) => i);
        const s = LogicalStore.attach(data, [3, 4]);
        console.log(Array.from(s.transpose([1, 0]).project(0, 1).read()).join(','));
      `);
      assert(out.trim() === '1,5,9', out);
    });
    check('core: legate --info prints the CPU threads and features', () => {
      const out = ok(legateBin(dir), ['--info'], { cwd: dir });
      assert(out.includes('CPU threads:') && out.includes('@legate/core'), out);
      assert(out.includes('not installed: @legate/numeric, @legate/sparse'), out);
    });
    check('core: LEGATE_CPUS=3 is reported by legate --info --json', () => {
      const out = ok(legateBin(dir), ['--info', '--json'], { cwd: dir, env: { ...process.env, LEGATE_CPUS: '3' } });
      assert(JSON.parse(out).cpus === 3, out);
    });
    check('core: a bad LEGATE_CPUS fails with a message naming it, not a stack trace', () => {
      const r = run(legateBin(dir), ['--info'], { cwd: dir, env: { ...process.env, LEGATE_CPUS: 'zero' } });
      assert(r.status === 1, `exit ${r.status}`);
      assert(r.stderr.trim() === "legate: LEGATE_CPUS: expected a positive integer, got 'zero'", r.stderr);
    });
    check('core: the C ABI headers ship in the package', () => {
      for (const h of ['core_abi.h', 'addon.hpp']) assert(existsSync(path.join(dir, 'node_modules/@legate/core/include/legate', h)), h);
    });
    check('core: a strict TypeScript consumer type-checks against the generated .d.ts', () => {
      writeFileSync(path.join(dir, 'consumer.ts'), `
        import { LogicalStore, runtime, type Feature, type MemoryStats } from '@legate/core';
        const features: readonly Feature[] = runtime.features[0]!.features;
        const store: LogicalStore = LogicalStore.create([2, 3], 'float64');
        const stats: MemoryStats[] = runtime.memoryStats();
        export const summary = [features.length, store.ndim, stats.length];
      `);
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023', 'ESNext.Disposable'], strict: true, noEmit: true, types: [], skipLibCheck: false },
        files: ['consumer.ts'],
      }));
      ok(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
    });
  }
}

// 3. core + numeric, then all three.
for (const [label, names] of [['core-numeric', ['core', 'numeric']], ['all', ['core', 'numeric', 'sparse']]]) {
  if (!names.every((n) => tarballs[n])) continue;
  let dir;
  check(`install ${names.map((n) => '@legate/' + n).join(' + ')} from tarballs`, () => {
    dir = project(label, names.map((n) => tarballs[n]));
  });
  if (!dir) continue;
  check(`${label}: importing registers ${names.join(', ')} into core's runtime`, () => {
    const out = script(dir, 'libraries.mjs', `
      import { runtime } from '@legate/core';
      ${names.slice(1).map((n) => `await import('@legate/${n}');`).join('\n')}
      console.log(runtime.features.map((l) => l.library).join(','));
      const numeric = runtime.features.find((l) => l.library === 'numeric');
      for (const f of ['blas', 'lapack', 'fft']) {
        if (!numeric.features.find((x) => x.name === f)?.enabled) throw new Error(f + ' is off');
      }
    `);
    assert(out.trim() === names.join(','), out);
  });
  check(`${label}: numeric arrays compute from the installed packages`, () => {
    const out = script(dir, 'arrays.mjs', `
      import * as np from '@legate/numeric';
      const x = np.add(np.arange(10), 1);
      console.log(String(np.sum(x).item()), x.dtype.name, Array.from(np.divide(x, 2).toArray()).slice(0, 3).join(','));
    `);
    assert(out.trim() === '55 int64 0.5,1,1.5', out);
  });
  check(`${label}: legate --info shows every installed library`, () => {
    const out = ok(legateBin(dir), ['--info'], { cwd: dir });
    for (const n of names) assert(out.includes(`@legate/${n}`), out);
  });
}

// 4. A third party's addon, built against the installed core's headers.
if (tarballs.core) {
  check('third party: a C addon built against the installed headers registers and runs its task', () => {
    const headers = findNodeHeaders();
    assert(headers, 'no Node.js headers to build the third-party addon');
    const source = path.join(scratch, 'thirdparty-src');
    cpSync(path.join(here, 'third-party'), source, { recursive: true });
    const dir = project('thirdparty', [tarballs.core]);
    const prebuilds = path.join(source, 'prebuilds', platform);
    mkdirSync(prebuilds, { recursive: true });
    ok('cc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', `-I${headers}`, `-I${path.join(dir, 'node_modules/@legate/core/include')}`,
      '-o', path.join(prebuilds, 'thirdparty.node'), path.join(source, 'thirdparty.c')]);
    ok('npm', ['pack', '--pack-destination', scratch, '--loglevel=error'], { cwd: source });
    const tgz = path.join(scratch, readdirSync(scratch).find((f) => f.startsWith('legate-thirdparty-example')));
    ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tgz], { cwd: dir });
    const out = script(dir, 'thirdparty.mjs', `
      import { LegateError, LogicalStore, registerNativeLibrary, loadNativeAddon, runtime } from '@legate/core';
      import { library, square } from 'legate-thirdparty-example';
      const lib = runtime.features.find((l) => l.library === 'thirdparty');
      if (!lib || lib.features[0].name !== 'square') throw new Error('not registered');
      const x = LogicalStore.attach(Float64Array.from([1, 2, 3, 4, 5]));
      const y = LogicalStore.create([5], 'float64');
      square(x, y);
      console.log(Array.from(y.read()).join(','));
      // Another addon may not take the name; the process keeps working.
      const other = { register: (api, name) => { throw new Error('another library already registered the name ' + name); } };
      try {
        registerNativeLibrary('thirdparty', other);
        throw new Error('no error');
      } catch (error) {
        if (!(error instanceof LegateError) || !error.message.includes("'thirdparty'")) throw error;
      }
      square(y, x);
      console.log(Array.from(x.read()).join(','), library.id);
    `);
    const [first, second] = out.trim().split('\n');
    assert(first === '1,4,9,16,25', out);
    assert(second?.startsWith('1,16,81,256,625 '), out);
  });
}

if (process.env.LEGATE_E2E_KEEP === '1') console.log(`kept ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
