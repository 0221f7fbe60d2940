#!/usr/bin/env node
// End-to-end: pack each package as npm would publish it, install the tarballs (never workspace
// links) into scratch npm projects outside the workspace, and run scripts against them the way
// a user would: core alone, then with numeric, then all three, then a third party's C addon
// built against the installed core's headers.
//
// npm runs with an unreachable registry: @legate/* is not on the npm registry, so every package
// must come from the tarballs, and an install that tries the registry fails here.
// LEGATE_E2E_KEEP=1 keeps the scratch folders.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { findNodeHeaders } from '../scripts/native.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'legate-e2e-')));
const platform = `${process.platform}-${process.arch}`;
const ADDONS = { core: 'legate_core', numeric: 'legate_numeric', sparse: 'legate_sparse' };
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
const started = Date.now();

function cleanup() {
  if (process.env.LEGATE_E2E_KEEP === '1') console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.on('exit', () => {
  if (existsSync(scratch) && process.env.LEGATE_E2E_KEEP !== '1') rmSync(scratch, { recursive: true, force: true });
});

// The environment of npm, npx and the scripts: a user's shell, not pnpm's (which sets npm_config_*
// and npm_package_* when it runs this file), with no registry to fall back on.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_)/i.test(k)));
Object.assign(env, {
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_fetch_retries: '0',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});
delete env.LEGATE_CPUS;
delete env.LEGATE_MEMORY_MODE;

let passed = 0;
let failed = 0;
function check(name, body) {
  try {
    body();
    passed++;
    console.log(`ok   ${name}`);
    return true;
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(error?.message ?? error).trim().split('\n').join('\n     ')}`);
    return false;
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 120_000, ...options });
  if (r.error) throw r.error;
  return r;
}
function ok(command, args, options = {}) {
  const r = run(command, args, options);
  assert(r.status === 0, `${command} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}
/** stderr without npm's own warnings (npx prints those for the user's npmrc). */
const ownStderr = (r) => r.stderr.split('\n').filter((l) => l && !/^npm (warn|notice)/.test(l)).join('\n');

assert(!scratch.startsWith(realpathSync(root) + path.sep), `scratch ${scratch} must lie outside ${root}`);

// 1. Pack each package as it would be published.
const tarballs = {};
const manifests = {};
const packDir = path.join(scratch, 'tarballs');
mkdirSync(packDir);
for (const name of Object.keys(ADDONS)) {
  check(`pack @legate/${name}`, () => {
    ok('pnpm', ['pack', '--pack-destination', packDir], { cwd: path.join(root, 'packages', name), env: process.env });
    const file = readdirSync(packDir).find((f) => f.startsWith(`legate-${name}-`) && f.endsWith('.tgz'));
    assert(file, `no tarball for ${name} in ${packDir}`);
    tarballs[name] = path.join(packDir, file);
    const files = ok('tar', ['-tzf', tarballs[name]]).split('\n');
    const needed = ['package/package.json', 'package/dist/index.js', 'package/dist/index.d.ts', `package/prebuilds/${platform}/${ADDONS[name]}.node`];
    if (name === 'core') needed.push('package/bin/legate.js', 'package/include/legate/core_abi.h', 'package/include/legate/addon.hpp', 'package/include/legate/task.hpp');
    for (const f of needed) assert(files.includes(f), `${path.basename(tarballs[name])} lacks ${f}`);
    assert(!files.some((f) => /\/test\/|\.test\.[cm]?[jt]s$|tsbuildinfo$/.test(f)), `tests or build state are published:\n${files.filter((f) => /test|tsbuildinfo/.test(f)).join('\n')}`);
    const text = ok('tar', ['-xzOf', tarballs[name], 'package/package.json']);
    assert(!text.includes('workspace:'), `the packed package.json still has a workspace: range:\n${text}`);
    manifests[name] = JSON.parse(text);
  });
}
check('packed dependencies on @legate/* name the packed versions', () => {
  for (const [name, manifest] of Object.entries(manifests)) {
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      const target = manifests[dep.replace('@legate/', '')];
      if (!dep.startsWith('@legate/') || !target) continue;
      assert(range === `^${target.version}` || range === target.version, `@legate/${name} depends on ${dep}@${range}; packed ${dep} is ${target.version}`);
    }
  }
  assert(manifests.core?.bin?.legate === './bin/legate.js' || manifests.core?.bin?.legate === 'bin/legate.js', `core's bin: ${JSON.stringify(manifests.core?.bin)}`);
});

check('release: pnpm publish -r --dry-run would publish exactly the tarballs installed here', () => {
  // The release flow (changesets versions, then `pnpm publish -r`) packs as `pnpm pack` does:
  // the same bytes, so what these tests install is what a release publishes.
  const r = run('pnpm', ['-r', '--filter', './packages/*', 'publish', '--dry-run', '--no-git-checks'], { cwd: root, env: { ...process.env, npm_config_registry: env.npm_config_registry, npm_config_fetch_retries: '0' } });
  assert(r.status === 0, `pnpm publish --dry-run exited ${r.status}:\n${r.stdout}${r.stderr}`);
  const notices = r.stdout + r.stderr;
  const published = Object.fromEntries([...notices.matchAll(/name: (@legate\/\w+)[\s\S]*?shasum: ([0-9a-f]{40})/g)].map((m) => [m[1], m[2]]));
  for (const name of Object.keys(ADDONS)) {
    const sha = createHash('sha1').update(readFileSync(tarballs[name])).digest('hex');
    assert(published[`@legate/${name}`] === sha, `@legate/${name}: publish would send ${published[`@legate/${name}`]}, the packed tarball is ${sha}\n${notices.slice(-2000)}`);
    assert(!('devDependencies' in manifests[name]) && !('scripts' in manifests[name]), `@legate/${name}'s published package.json keeps development fields: ${Object.keys(manifests[name])}`);
  }
});

/** A fresh npm project outside the workspace with the given tarballs installed in one command. */
function project(label, specs) {
  const dir = path.join(scratch, label);
  mkdirSync(dir);
  ok('npm', ['init', '-y'], { cwd: dir });
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, type: 'module' }, null, 2));
  ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], { cwd: dir });
  verifyInstall(dir);
  return dir;
}

/** Every @legate package came from a tarball, as a real folder, with one core in the tree. */
function verifyInstall(dir) {
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const cores = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!/(^|\/)node_modules\/@legate\//.test(key)) continue;
    assert(String(entry.resolved).startsWith('file:') && String(entry.resolved).endsWith('.tgz'), `${key} did not come from a tarball: ${entry.resolved}`);
    assert(!entry.link, `${key} is a link`);
    const installed = path.join(dir, key);
    assert(!lstatSync(installed).isSymbolicLink(), `${key} is a symlink, not an installed copy`);
    assert(!realpathSync(installed).startsWith(root + path.sep), `${key} resolves into the workspace: ${realpathSync(installed)}`);
    if (key.endsWith('node_modules/@legate/core')) cores.push(key);
  }
  assert(cores.length === 1, `expected one @legate/core in the tree, found ${cores.join(', ') || 'none'}`);
  const ls = run('npm', ['ls', '--all', '--json'], { cwd: dir });
  assert(ls.status === 0, `npm ls reports problems:\n${ls.stdout}${ls.stderr}`);
  const walk = (deps, trail) => {
    for (const [name, info] of Object.entries(deps ?? {})) {
      // Nested entries without `resolved` are references to the copy above (npm ls --json's dedupe).
      if (name.startsWith('@legate/') && (trail.length === 0 || info.resolved !== undefined)) {
        assert(String(info.resolved).startsWith('file:'), `npm ls: ${[...trail, name].join(' > ')} resolved ${info.resolved}`);
      }
      walk(info.dependencies, [...trail, name]);
    }
  };
  walk(JSON.parse(ls.stdout).dependencies, []);
}

function script(dir, name, source, options = {}) {
  writeFileSync(path.join(dir, name), source);
  return ok(process.execPath, [name], { cwd: dir, ...options });
}

/** `npx legate ...` in the project: the installed bin, never a download. */
const legate = (dir, args, options = {}) => run('npx', ['--no', '--', 'legate', ...args], { cwd: dir, ...options });
function legateOk(dir, args, options = {}) {
  const r = legate(dir, args, options);
  assert(r.status === 0, `npx legate ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * `tsc --noEmit` (the workspace's TypeScript, not installed into the project) on a strict NodeNext
 * consumer, checking the installed .d.ts files too. `nodeTypes`: with the workspace's @types/node,
 * as a Node.js project has; without it, the packages' types must stand on their own.
 */
function typecheck(dir, name, source, { nodeTypes = false } = {}) {
  writeFileSync(path.join(dir, name), source);
  const types = nodeTypes ? { typeRoots: [path.join(root, 'node_modules', '@types')], types: ['node'] } : { types: [] };
  const config = `tsconfig.${path.basename(name, '.ts')}.json`;
  writeFileSync(path.join(dir, config), JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023', 'ESNext.Disposable'], strict: true, noEmit: true, skipLibCheck: false, ...types },
    files: [name],
  }));
  const r = run(tsc, ['-p', config], { cwd: dir });
  assert(r.status === 0, `tsc --noEmit exited ${r.status}:\n${r.stdout}${r.stderr}`);
}

// 2a. core alone.
if (tarballs.core) {
  let dir;
  check('core: install @legate/core alone from its tarball', () => {
    dir = project('core-only', [tarballs.core]);
  });
  if (dir) {
    check('core: runtime.features lists core first, cpu/mpi/cuda/nccl each on or off with a reason', () => {
      const out = script(dir, 'features.mjs', `
        import { runtime } from '@legate/core';
        const [core] = runtime.features;
        if (core?.library !== 'core') throw new Error('first library is ' + core?.library);
        for (const name of ['cpu', 'mpi', 'cuda', 'nccl']) {
          const f = core.features.find((x) => x.name === name);
          if (!f || typeof f.enabled !== 'boolean' || typeof f.detail !== 'string' || !f.detail) throw new Error('bad feature ' + name + ': ' + JSON.stringify(f));
        }
        if (runtime.features.length !== 1) throw new Error('libraries: ' + runtime.features.map((l) => l.library));
        console.log(core.features.map((f) => f.name + '=' + f.enabled).join(' '));
      `);
      assert(out.includes('cpu=true'), out);
    });
    check('core: the exports map serves the package, its package.json and its headers', () => {
      script(dir, 'exports.mjs', `
        import { existsSync } from 'node:fs';
        import { fileURLToPath } from 'node:url';
        import { createRequire } from 'node:module';
        const require = createRequire(import.meta.url);
        const main = fileURLToPath(import.meta.resolve('@legate/core'));
        if (!main.endsWith('/node_modules/@legate/core/dist/index.js')) throw new Error('main: ' + main);
        const header = fileURLToPath(import.meta.resolve('@legate/core/include/legate/core_abi.h'));
        if (!existsSync(header)) throw new Error('header: ' + header);
        if (require('@legate/core/package.json').version !== ${JSON.stringify(manifests.core?.version)}) throw new Error('version');
        const core = require('@legate/core');
        if (typeof core.loadNativeAddon !== 'function') throw new Error('require(): ' + Object.keys(core));
      `);
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
    check('core: a bad LEGATE_CPUS is a ConfigError naming it', () => {
      script(dir, 'config.mjs', `
        import { ConfigError, LegateError, readConfig, runtime } from '@legate/core';
        try {
          runtime.config;
          throw new Error('no error');
        } catch (error) {
          if (!(error instanceof ConfigError) || !(error instanceof LegateError)) throw error;
          if (error.argument !== 'LEGATE_CPUS' || !error.message.startsWith('LEGATE_CPUS:')) throw error;
        }
        if (readConfig({ LEGATE_CPUS: '5' }).cpus !== 5) throw new Error('readConfig');
      `, { env: { ...env, LEGATE_CPUS: 'zero' } });
    });
    check('core: require() without ES module support says to use import', () => {
      writeFileSync(path.join(dir, 'cjs.cjs'), "require('@legate/core');\n");
      const r = run(process.execPath, ['--no-experimental-require-module', 'cjs.cjs'], { cwd: dir });
      assert(r.status !== 0 && r.stderr.includes('@legate/core is an ES module, and require() cannot load ES modules in this Node'), r.stderr);
    });
    check('core: npx legate app.ts runs TypeScript or says what to install', () => {
      writeFileSync(path.join(dir, 'typed.ts'), 'const n: number = 7;\nconsole.log(`typed ${n}`);\n');
      const [major, minor] = process.versions.node.split('.').map(Number);
      const r = legate(dir, ['typed.ts']);
      if (major > 22 || (major === 22 && minor >= 6)) assert(r.status === 0 && r.stdout.trim() === 'typed 7', r.stdout + r.stderr);
      else assert(r.status === 1 && r.stderr.includes('typed.ts is TypeScript') && r.stderr.includes('npm install --save-dev tsx'), r.stdout + r.stderr);
    });
    check('core: npx legate --info prints the CPU threads and features', () => {
      const out = legateOk(dir, ['--info']);
      assert(/^CPU threads: \d+/m.test(out) && out.includes('@legate/core'), out);
      assert(out.includes('not installed: @legate/numeric, @legate/sparse'), out);
    });
    check('core: LEGATE_CPUS=3 npx legate --info --json reports cpus 3', () => {
      const out = legateOk(dir, ['--info', '--json'], { env: { ...env, LEGATE_CPUS: '3' } });
      const info = JSON.parse(out);
      assert(info.cpus === 3 && info.cpusSource === 'LEGATE_CPUS', out);
      assert(info.libraries.map((l) => l.library).join() === 'core', out);
    });
    check('core: LEGATE_CPUS=zero npx legate --info fails with a message naming it, no stack trace', () => {
      const r = legate(dir, ['--info'], { env: { ...env, LEGATE_CPUS: 'zero' } });
      const err = ownStderr(r);
      assert(r.status !== 0 && r.status !== null, `exit ${r.status ?? r.signal}`);
      assert(err === "legate: LEGATE_CPUS: expected a positive integer, got 'zero'", `stderr:\n${r.stderr}`);
      assert(!/^\s+at /m.test(r.stderr + r.stdout), `stack trace:\n${r.stderr}`);
    });
    check('core: the C ABI headers ship in the package', () => {
      for (const h of ['core_abi.h', 'addon.hpp', 'task.hpp']) assert(existsSync(path.join(dir, 'node_modules/@legate/core/include/legate', h)), h);
    });
    check('core: a strict NodeNext TypeScript consumer type-checks against the shipped .d.ts', () => {
      typecheck(dir, 'consumer.ts', `
        import { ConfigError, LegateError, LogicalStore, readConfig, runtime, type Feature, type LibraryFeatures, type MemoryStats, type RuntimeConfig } from '@legate/core';
        const libraries: readonly LibraryFeatures[] = runtime.features;
        const features: readonly Feature[] = libraries[0]!.features;
        const enabled: boolean = features[0]!.enabled;
        const store: LogicalStore = LogicalStore.create([2, 3], 'float64');
        const stats: MemoryStats[] = runtime.memoryStats();
        const config: RuntimeConfig = readConfig({ LEGATE_CPUS: '2' });
        const error: LegateError = new ConfigError('LEGATE_CPUS', 'bad');
        // The types are real, not any: each of these must be an error.
        // @ts-expect-error a string is not a feature list
        const wrong: readonly Feature[] = 'cpu';
        // @ts-expect-error no such element type
        LogicalStore.create([2], 'float128');
        // @ts-expect-error features are read-only
        features[0]!.enabled = true;
        export const summary = [enabled, store.ndim, stats.length, config.cpus, error.message, wrong];
      `);
    });
  }
}

// 2b, 2c. core + numeric, then all three, each installed together in one command.
for (const [label, names] of [['core-numeric', ['core', 'numeric']], ['all', ['core', 'numeric', 'sparse']]]) {
  if (!names.every((n) => tarballs[n])) continue;
  let dir;
  check(`${label}: install ${names.map((n) => '@legate/' + n).join(' + ')} from tarballs`, () => {
    dir = project(label, names.map((n) => tarballs[n]));
  });
  if (!dir) continue;
  check(`${label}: importing registers ${names.join(', ')} into core's runtime`, () => {
    const out = script(dir, 'libraries.mjs', `
      import { runtime } from '@legate/core';
      ${names.slice(1).map((n) => `await import('@legate/${n}');`).join('\n      ')}
      console.log(runtime.features.map((l) => l.library).join(','));
      const numeric = runtime.features.find((l) => l.library === 'numeric');
      for (const f of ['blas', 'lapack', 'fft']) {
        const feature = numeric?.features.find((x) => x.name === f);
        if (feature?.enabled !== true || !feature.detail) throw new Error(f + ': ' + JSON.stringify(feature));
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
  check(`${label}: npx legate --info shows every installed library`, () => {
    const out = legateOk(dir, ['--info']);
    for (const n of names) assert(out.includes(`@legate/${n}`), out);
    assert(!out.includes('failed to load'), out);
    if (names.length === 3) assert(!out.includes('not installed'), out);
    else assert(out.includes('not installed: @legate/sparse'), out);
  });
  if (label === 'all') {
    check(`${label}: a CG solve with sparse and numeric from the installed packages`, () => {
      const out = script(dir, 'cg.mjs', `
        import * as np from '@legate/numeric';
        import * as sparse from '@legate/sparse';
        const n = 30;
        const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
        const A = sparse.kron(sparse.identity(n), T).add(sparse.kron(T, sparse.identity(n)));
        const b = A.dot(np.ones([n * n]));
        const { x, info } = sparse.linalg.cg(A, b, { rtol: 1e-10 });
        console.log(info, (np.max(np.abs(np.subtract(x, 1))).item() < 1e-7) ? 'ok' : 'wrong');
      `);
      assert(out.trim() === '0 ok', out);
    });
    check(`${label}: a strict TypeScript consumer of @legate/sparse type-checks`, () => {
      typecheck(dir, 'sparse-consumer.ts', `
        import * as np from '@legate/numeric';
        import * as sparse from '@legate/sparse';
        const A: sparse.csrArray = sparse.eye(4);
        const y: np.ndarray = A.dot(np.ones([4]));
        const result: sparse.linalg.SolverResult = sparse.linalg.cg(A, y);
        // @ts-expect-error dot takes arrays, not strings
        A.dot('x');
        export const summary = [result.info, A.nnz];
      `, { nodeTypes: true });
    });
  }
  if (label === 'core-numeric') {
    const consumer = `
        import * as np from '@legate/numeric';
        import { runtime, type DType } from '@legate/core';
        const x: np.ndarray = np.add(np.arange(10), 1);
        const t: DType = x.dtype;
        // @ts-expect-error arange takes numbers
        np.arange('10');
        export const summary = [x.shape, t.name, runtime.features.length];
      `;
    check(`${label}: a strict TypeScript consumer of @legate/numeric type-checks (with @types/node)`, () => {
      typecheck(dir, 'numeric-node.ts', consumer, { nodeTypes: true });
    });
    check(`${label}: the same consumer type-checks without @types/node (as a consumer of @legate/core alone does)`, () => {
      typecheck(dir, 'numeric-plain.ts', consumer);
    });
  }
}

// 2d. A third party's addon, built against the installed core's headers.
if (tarballs.core) {
  let dir;
  let tgz;
  const source = path.join(scratch, 'thirdparty-src');
  check('third party: build a C addon against the installed core headers and pack it', () => {
    const headers = findNodeHeaders();
    assert(headers, 'no Node.js headers (node_api.h) to build the third-party addon');
    dir = project('thirdparty', [tarballs.core]);
    cpSync(path.join(here, 'third-party'), source, { recursive: true });
    const include = path.join(dir, 'node_modules/@legate/core/include');
    const cc = (out) => ok(process.env.CC || 'cc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', `-I${headers}`, `-I${include}`, '-o', out, path.join(source, 'thirdparty.c')]);
    mkdirSync(path.join(source, 'prebuilds', platform), { recursive: true });
    cc(path.join(source, 'prebuilds', platform, 'thirdparty.node'));
    // A second, separate addon (the app's own) that will try to take the same name.
    mkdirSync(path.join(dir, 'prebuilds', platform), { recursive: true });
    cc(path.join(dir, 'prebuilds', platform, 'rival.node'));
    ok('npm', ['pack', '--pack-destination', scratch, '--loglevel=error'], { cwd: source });
    tgz = path.join(scratch, readdirSync(scratch).find((f) => f.startsWith('legate-thirdparty-example-') && f.endsWith('.tgz')));
  });
  if (tgz && check('third party: install its tarball beside the installed core', () => {
    ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tgz], { cwd: dir });
    verifyInstall(dir);
    assert(existsSync(path.join(dir, 'node_modules/legate-thirdparty-example/prebuilds', platform, 'thirdparty.node')), 'the addon was not installed');
  })) {
    check('third party: registers through the C ABI, its features appear, its task runs', () => {
      const out = script(dir, 'thirdparty.mjs', `
        import { LogicalStore, runtime } from '@legate/core';
        import { library, square } from 'legate-thirdparty-example';
        const lib = runtime.features.find((l) => l.library === 'thirdparty');
        if (!lib) throw new Error('not registered: ' + runtime.features.map((l) => l.library));
        const [sq, gpu] = lib.features;
        if (sq?.name !== 'square' || sq.enabled !== true || !sq.detail.startsWith('squares float64 vectors (built against ABI ')) throw new Error(JSON.stringify(lib));
        if (gpu?.name !== 'gpu' || gpu.enabled !== false || !gpu.detail) throw new Error(JSON.stringify(lib));
        if (!(library.id >= 0)) throw new Error('id ' + library.id);
        const x = LogicalStore.attach(Float64Array.from([1, 2, 3, 4, 5]));
        const y = LogicalStore.create([5], 'float64');
        square(x, y);
        console.log(Array.from(y.read()).join(','));
      `);
      assert(out.trim() === '1,4,9,16,25', out);
    });
    check('third party: the same name from another addon is a LegateError naming it; the process goes on', () => {
      const out = script(dir, 'duplicate.mjs', `
        import { LegateError, LogicalStore, loadNativeAddon, registerNativeLibrary, runtime } from '@legate/core';
        import { addon, library, square } from 'legate-thirdparty-example';
        // The same addon again (a re-import, a worker) gets the same id.
        if (registerNativeLibrary('thirdparty', addon) !== library.id) throw new Error('re-registering changed the id');
        // Another addon may not take the name.
        const rival = loadNativeAddon(import.meta.url, 'rival');
        let caught;
        try {
          registerNativeLibrary('thirdparty', rival);
        } catch (error) {
          caught = error;
        }
        if (!(caught instanceof LegateError)) throw new Error('expected a LegateError, got ' + caught);
        if (!caught.message.includes("'thirdparty'")) throw new Error('message: ' + caught.message);
        console.log(caught.message);
        // Everything still works: the original's tasks run, the rival registers under its own name.
        const rivalId = registerNativeLibrary('rival', rival);
        const names = runtime.features.map((l) => l.library);
        if (names.filter((n) => n === 'thirdparty').length !== 1 || !names.includes('rival') || rivalId === library.id) throw new Error(names.join());
        const x = LogicalStore.attach(Float64Array.from([1, 2, 3]));
        const y = LogicalStore.create([3], 'float64');
        square(x, y);
        console.log(Array.from(y.read()).join(','));
      `);
      const [message, values] = out.trim().split('\n');
      assert(message.includes("registerNativeLibrary('thirdparty')"), out);
      assert(values === '1,4,9', out);
    });
  }
}

// 2e. The library template (examples/library-template), as its author would use it: copied out
// of the repository, its development dependencies installed (the packed @legate packages; the
// workspace's node-addon-api and TypeScript, packed), built from source by its install step,
// tested against NumPy, packed with its prebuilt addon; then installed from that tarball beside
// the packed core, numeric and sparse in a user's project, with no compiler involved.
if (tarballs.core && tarballs.numeric && tarballs.sparse) {
  const tools = {};
  const author = path.join(scratch, 'template-author');
  let tgz;
  check('template: install its development dependencies from tarballs; its install step builds the C++ addon', () => {
    for (const name of ['node-addon-api', 'typescript']) {
      const out = ok('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--loglevel=error', realpathSync(path.join(root, 'node_modules', name))]);
      tools[name] = path.join(packDir, out.trim().split('\n').pop());
    }
    cpSync(path.join(root, 'examples/library-template'), author, {
      recursive: true,
      filter: (file) => !/[\\/](node_modules|dist|prebuilds)$/.test(file),
    });
    // --no-save keeps the template's ranges as its author publishes them (npm would write file:
    // specs into them); npm installs named packages without the project's own install step, so
    // that runs next, as a bare `npm install` runs it.
    ok('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--foreground-scripts', tarballs.core, tarballs.numeric, tarballs.sparse, tools['node-addon-api'], tools.typescript], { cwd: author });
    const output = ok('npm', ['run', 'install', '--foreground-scripts'], { cwd: author });
    assert(output.includes('no prebuilt addon for') && existsSync(path.join(author, 'prebuilds', platform, 'legate_template.node')), `the install step did not build the addon:\n${output}`);
    const pkg = JSON.parse(readFileSync(path.join(author, 'package.json'), 'utf8'));
    assert(pkg.devDependencies['@legate/core'] === '^0.1.0' && pkg.peerDependencies['@legate/core'] === '^0.1.0', `the ranges changed: ${JSON.stringify(pkg)}`);
  });
  check('template: npm test (its tasks against NumPy, in both memory modes) passes', () => {
    ok('npm', ['run', 'build', '--loglevel=error'], { cwd: author });
    const shared = ok('npm', ['test', '--loglevel=error'], { cwd: author });
    assert(/# fail 0/.test(shared) && /# pass [1-9]/.test(shared) && !/# skipped [1-9]/.test(shared), shared);
    const separate = ok('npm', ['test', '--loglevel=error'], { cwd: author, env: { ...env, LEGATE_MEMORY_MODE: 'separate', LEGATE_SCRIBBLE: '1' } });
    assert(/# fail 0/.test(separate), separate);
  });
  check('template: npm pack ships its prebuilt addon, dist and sources, not its tests', () => {
    ok('npm', ['pack', '--pack-destination', scratch, '--loglevel=error'], { cwd: author });
    tgz = path.join(scratch, readdirSync(scratch).find((f) => f.startsWith('legate-library-template-') && f.endsWith('.tgz')));
    const files = ok('tar', ['-tzf', tgz]).split('\n');
    for (const f of [`package/prebuilds/${platform}/legate_template.node`, 'package/dist/index.js', 'package/dist/index.d.ts', 'package/native/template.cc', 'package/scripts/build-native.mjs']) assert(files.includes(f), `the tarball lacks ${f}:\n${files.join('\n')}`);
    assert(!files.some((f) => f.includes('/test/') || f.includes('node_modules')), files.join('\n'));
  });
  let dir;
  if (tgz) {
    check('template: install its tarball beside the packed core, numeric and sparse (no build)', () => {
      dir = project('template-user', [tarballs.core, tarballs.numeric, tarballs.sparse, tools['node-addon-api'], tgz]);
    });
  }
  if (dir) {
    check("template: its C++ and TypeScript tasks run on numeric arrays and on sparse's A.dot(x), with no copies", () => {
      const out = script(dir, 'template.mjs', `
        import { runtime } from '@legate/core';
        import * as np from '@legate/numeric';
        import * as sparse from '@legate/sparse';
        import { axpby, positives, softThreshold, sumOfSquares } from 'legate-library-template';
        const n = 400;
        const A = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
        const x = np.linspace(0, 1, n);
        const y = A.dot(x);              // sparse's output, a numeric array
        y.store.wait();
        const before = runtime.counters();
        const z = axpby(2, y, -1, x);    // C++ task on sparse's and numeric's stores as they are
        const one = runtime.counters();
        const s = sumOfSquares(z);       // C++ reduction
        const t = softThreshold(z, 0.5); // TypeScript task (its body launches numeric's tasks)
        const zv = z.toArray(), tv = t.toArray(), sv = s.item();
        const after = runtime.counters();
        const yv = y.toArray(), xv = x.toArray();
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const want = 2 * yv[i] - xv[i];
          if (Math.abs(zv[i] - want) > 1e-12) throw new Error('axpby at ' + i + ': ' + zv[i] + ' vs ' + want);
          const soft = Math.sign(want) * Math.max(Math.abs(want) - 0.5, 0);
          if (Math.abs(tv[i] - soft) > 1e-12) throw new Error('softThreshold at ' + i);
          sum += want * want;
        }
        if (Math.abs(sv - sum) > 1e-9 * sum) throw new Error('sumOfSquares ' + sv + ' vs ' + sum);
        // An unbound output (C++ create_output_buffer) from sparse's result.
        const pv = positives(y).toArray(), want = Array.from(yv).filter((v) => v > 0);
        if (pv.length !== want.length || want.some((v, i) => v !== pv[i])) throw new Error('positives: ' + pv.length + ' vs ' + want.length);
        // axpby is one launch: no conversion of its inputs; nothing is copied anywhere.
        if (one.launches - before.launches !== 1) throw new Error('axpby launches: ' + (one.launches - before.launches));
        if (after.copies !== before.copies || after.bytesCopied !== before.bytesCopied) throw new Error('copies: ' + JSON.stringify([before, after]));
        const lib = runtime.features.find((l) => l.library === 'template');
        if (lib?.features[0]?.name !== 'axpby' || lib.features[0].enabled !== true) throw new Error(JSON.stringify(runtime.features));
        console.log('ok', z.dtype.name, t.shape.join());
      `);
      assert(out.trim() === 'ok float64 400', out);
    });
    check('template: a failure inside its C++ task reaches the user with the task, the reason and the user\'s line', () => {
      const out = script(dir, 'template-failure.mjs', `
        import { AutoTask, Scalar, TaskFailure, align } from '@legate/core';
        import * as np from '@legate/numeric';
        import { axpby, library } from 'legate-library-template';
        const x = np.ones([16], 'float32');
        const out = np.empty([16], 'float64');
        new AutoTask(library, 0).addInput(x.store).addInput(x.store).addOutput(out.store)
          .addScalar(new Scalar(1, 'float64')).addScalar(new Scalar(1, 'float64')).addConstraint(align(x.store, out.store)).execute();
        try {
          out.toArray();
          throw new Error('no failure');
        } catch (error) {
          if (!(error instanceof TaskFailure)) throw error;
          console.log(error.message);
        }
        console.log(Array.from(axpby(1, [1, 2], 1, [3, 4]).toArray()).join());
      `);
      assert(out.includes("task 'template.axpby' failed: template.axpby: input 0: holds float32 elements, accessed as float64"), out);
      assert(/launched at .*template-failure\.mjs:8:/.test(out), out);
      assert(out.trim().endsWith('4,6'), out);
    });
    check('template: npx legate --info lists the template library beside core, numeric and sparse', () => {
      const out = legateOk(dir, ['--info']);
      for (const name of ['@legate/core', '@legate/numeric', '@legate/sparse', 'template']) assert(out.includes(name), out);
      assert(!out.includes('failed to load') && !out.includes('not installed'), out);
    });
    check('template: a strict TypeScript consumer type-checks against its .d.ts', () => {
      typecheck(dir, 'template-consumer.ts', `
        import * as np from '@legate/numeric';
        import { axpby, softThreshold, sumOfSquares } from 'legate-library-template';
        const z: np.ndarray = axpby(2, np.ones([3]), 1, [1, 2, 3]);
        const s: number = Number(sumOfSquares(z).item());
        // @ts-expect-error the threshold is a number
        softThreshold(z, '1');
        export const summary = [s, softThreshold(z, 1).shape];
      `);
    });
  }
}

cleanup();
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
