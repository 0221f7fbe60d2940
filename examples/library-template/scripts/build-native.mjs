#!/usr/bin/env node
// Builds native/template.cc into prebuilds/<platform>-<arch>/legate_template.node, the file
// loadNativeAddon finds. It needs a C++17 compiler ($CXX, or c++), Node's headers (node_api.h),
// node-addon-api's headers and the headers of the installed @legate/core; it links nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const fail = (message) => {
  console.error(`legate-library-template build: ${message}`);
  process.exit(1);
};

function packageDir(name, hint) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return fail(`${name} is not installed; ${hint}`);
  }
}

const nodeHeaders = [
  process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include/node'),
  path.resolve(path.dirname(process.execPath), '../include/node'),
  path.join(process.env.HOME ?? '', '.cache/node-gyp', process.versions.node, 'include/node'),
  '/usr/include/node',
].find((dir) => dir && existsSync(path.join(dir, 'node_api.h')));
if (!nodeHeaders) {
  fail("no Node.js headers (node_api.h): use Node's official build (it carries include/node), or on Debian apt-get install libnode-dev, or set npm_config_nodedir");
}
const napi = packageDir('node-addon-api', 'npm install node-addon-api');
const core = path.join(packageDir('@legate/core', 'npm install @legate/core'), 'include');
if (!existsSync(path.join(core, 'legate/task.hpp'))) fail(`${core} lacks legate/task.hpp: install @legate/core 0.1.0 or later`);

const platform = `${process.platform}-${process.arch}`;
const outDir = path.join(root, 'prebuilds', platform);
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'legate_template.node');
const cxx = process.env.CXX || 'c++';
const args = [
  '-std=c++17', '-O3', '-Wall', '-Wextra', '-Werror', '-fPIC', '-shared', '-fvisibility=hidden',
  // node-addon-api: JavaScript errors as C++ exceptions (Napi::Error is thrown and caught).
  '-DNAPI_CPP_EXCEPTIONS', '-DNAPI_VERSION=8',
  `-I${nodeHeaders}`, `-I${napi}`, `-I${core}`,
  '-o', `${out}.tmp`, path.join(root, 'native/template.cc'),
];
try {
  execFileSync(cxx, args, { stdio: 'inherit' });
} catch (error) {
  fail(error.code === 'ENOENT' ? `no C++ compiler '${cxx}' (on Debian: apt-get install g++, or set $CXX)` : `${cxx} failed (${error.status ?? error.signal})`);
}
// Renamed into place whole, so a process that loads the addon never sees half a file.
renameSync(`${out}.tmp`, out);
console.log(`built ${path.relative(root, out)}`);
