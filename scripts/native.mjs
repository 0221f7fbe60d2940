#!/usr/bin/env node
// Builds the native addons with CMake: `node scripts/native.mjs <core|numeric|sparse|all>`.
// Configures once per build type into build/native-<type>; later runs are incremental.
// Environment: LEGATE_BUILD_TYPE=Debug|Release (default Release), LEGATE_SANITIZE=address,undefined
// (debug builds), LEGATE_BUILD_DIR (another build tree), LEGATE_CMAKE_ARGS (extra -D flags),
// LEGATE_USE_CUDA/LEGATE_USE_MPI/LEGATE_USE_NCCL=0 to leave a part out on purpose.
// A sanitized build has a tree of its own (build/native-<type>-<sanitizers>) and writes its addons
// into <tree>/prebuilds/<platform>-<arch>, never over packages/*/prebuilds (unless
// LEGATE_CMAKE_ARGS names LEGATE_PACKAGES_DIR or LEGATE_ADDON_DIR); LEGATE_PREBUILDS=<tree>/prebuilds
// makes loadNativeAddon load them (with the sanitizer runtime preloaded: scripts/test-sanitizers.sh).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Which features each package reports when it is built.
const PACKAGE_FEATURES = {
  core: ['mpi', 'cuda', 'nccl'],
  numeric: ['blas', 'lapack', 'fft', 'cublas', 'cufft'],
  sparse: ['cusparse', 'suitesparse', 'superlu', 'arpack'],
};
const TARGETS = {
  core: ['legate_core', 'legate_core_tests', 'legate_core_test_tasks'],
  numeric: ['legate_numeric'],
  sparse: ['legate_sparse'],
};

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function which(command) {
  const r = spawnSync('sh', ['-c', `command -v "${command}"`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function findNodeHeaders() {
  const candidates = [
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include/node'),
    path.resolve(path.dirname(process.execPath), '../include/node'),
    path.join(process.env.HOME ?? '', '.cache/node-gyp', process.versions.node, 'include/node'),
    '/usr/include/node',
  ].filter(Boolean);
  return candidates.find((dir) => existsSync(path.join(dir, 'node_api.h'))) ?? null;
}

function checkToolchain() {
  const cxx = process.env.CXX || which('c++') || which('g++') || which('clang++');
  if (!cxx) {
    fail('no C++ compiler found (c++, g++ or clang++ on PATH, or $CXX).\n' +
      '  Fix: apt-get install g++   (or run `bash scripts/setup-system.sh` as root, which installs every system package Legate needs)');
  }
  if (!which('cmake')) {
    fail('cmake not found on PATH.\n  Fix: apt-get install cmake   (or run `bash scripts/setup-system.sh` as root)');
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// Package builds share one CMake tree; pnpm may run them at once.
function withLock(dir, body) {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '.legate-build-lock');
  const owner = path.join(lock, 'pid');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch {
      let pid = NaN;
      try {
        pid = Number(readFileSync(owner, 'utf8'));
      } catch {
        // the holder has not written its pid yet
      }
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
      else spawnSync('sleep', ['0.2']);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function flag(name) {
  const v = process.env[name];
  return v === undefined ? null : !['0', 'off', 'false', 'no'].includes(v.toLowerCase());
}

export function configureArgs(buildType) {
  const nodeHeaders = findNodeHeaders();
  if (!nodeHeaders) {
    fail('Node.js headers (node_api.h) not found next to this Node.js, in $npm_config_nodedir or node-gyp\'s cache.\n' +
      '  Fix: install a Node.js that ships its headers (the official builds do), or `npx node-gyp install`.');
  }
  const version = JSON.parse(readFileSync(path.join(root, 'packages/core/package.json'), 'utf8')).version;
  const args = [
    `-DCMAKE_BUILD_TYPE=${buildType}`,
    `-DLEGATE_NODE_INCLUDE_DIR=${nodeHeaders}`,
    `-DLEGATE_NODE_ADDON_API_DIR=${require('node-addon-api').include_dir.replace(/^"|"$/g, '')}`,
    `-DLEGATE_PLATFORM=${process.platform}-${process.arch}`,
    `-DLEGATE_VERSION=${version}`,
  ];
  for (const part of ['CUDA', 'MPI', 'NCCL']) {
    const on = flag(`LEGATE_USE_${part}`);
    if (on !== null) args.push(`-DLEGATE_USE_${part}=${on ? 'ON' : 'OFF'}`);
  }
  const extra = (process.env.LEGATE_CMAKE_ARGS ?? '').split(/\s+/).filter(Boolean);
  if (process.env.LEGATE_SANITIZE) {
    args.push(`-DLEGATE_SANITIZE=${process.env.LEGATE_SANITIZE}`);
    if (!extra.some((a) => /^-DLEGATE_(PACKAGES|ADDON)_DIR[:=]/.test(a))) args.push(`-DLEGATE_ADDON_DIR=${sanitizedPrebuilds()}`);
  }
  args.push(...extra);
  return args;
}

export function buildDir() {
  const buildType = process.env.LEGATE_BUILD_TYPE || 'Release';
  const sanitize = process.env.LEGATE_SANITIZE ? `-${process.env.LEGATE_SANITIZE.replace(/[^A-Za-z0-9]+/g, '-')}` : '';
  return process.env.LEGATE_BUILD_DIR
    ? path.resolve(process.env.LEGATE_BUILD_DIR)
    : path.join(root, 'build', `native-${buildType.toLowerCase()}${sanitize}`);
}

/** Where a sanitized build puts its addons: the folder to name in LEGATE_PREBUILDS. */
export function sanitizedPrebuilds() {
  return path.join(buildDir(), 'prebuilds');
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function build(packages) {
  checkToolchain();
  const buildType = process.env.LEGATE_BUILD_TYPE || 'Release';
  const dir = buildDir();
  withLock(dir, () => {
    if (!existsSync(path.join(dir, 'CMakeCache.txt'))) {
      const generator = which('ninja') ? ['-G', 'Ninja'] : [];
      const r = spawnSync('cmake', ['-S', path.join(root, 'native'), '-B', dir, ...generator, ...configureArgs(buildType)], {
        encoding: 'utf8',
      });
      if (r.status !== 0) {
        rmSync(path.join(dir, 'CMakeCache.txt'), { force: true });
        process.stderr.write(r.stdout + r.stderr);
        fail('configuring the native build failed; the CMake message above says what is missing.');
      }
    }
    const targets = packages.flatMap((p) => TARGETS[p]);
    const jobs = String(Math.max(1, Number(process.env.LEGATE_BUILD_JOBS) || 2));
    const r = spawnSync('cmake', ['--build', dir, '--parallel', jobs, '--target', ...targets], { encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      fail(`building ${targets.join(', ')} failed`);
    }
    // Quiet when nothing was rebuilt; otherwise one line per target.
    if (/Linking|Building/.test(r.stdout)) console.log(`legate native build: built ${targets.join(', ')} (${buildType})`);
  });
  reportFeatures(dir, packages);
}

function reportFeatures(dir, packages) {
  const features = JSON.parse(readFileSync(path.join(dir, 'features.json'), 'utf8'));
  for (const pkg of packages) {
    for (const name of PACKAGE_FEATURES[pkg]) {
      const f = features[name];
      if (f && !f.enabled) console.log(`legate native build: ${pkg}: left out ${name}: ${f.detail}`);
    }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const which_ = process.argv[2] ?? 'all';
  const packages = which_ === 'all' ? Object.keys(TARGETS) : [which_];
  try {
    if (!packages.every((p) => p in TARGETS)) fail(`unknown package '${which_}': expected one of core, numeric, sparse, all`);
    build(packages);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(`legate native build: ${error.message}`);
    process.exitCode = 1;
  }
}
