import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  ConfigError,
  formatInfo,
  LegateError,
  loadNativeAddon,
  NativeLoadError,
  readConfig,
  registerNativeLibrary,
  runtime,
  type NativeLibraryAddon,
} from '@legate/core';

import { damaged, loadFailureHint } from '../src/native.js';

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('runtime.features', () => {
  it('lists core first with cpu, mpi, cuda and nccl, each on or off with a reason', () => {
    const [core] = runtime.features;
    expect(core?.library).toBe('core');
    expect(core?.features.map((f) => f.name)).toEqual(['cpu', 'mpi', 'cuda', 'nccl']);
    for (const f of core!.features) {
      expect(typeof f.enabled).toBe('boolean');
      expect(f.detail.length).toBeGreaterThan(5);
    }
    expect(core!.features[0]).toMatchObject({ enabled: true, detail: expect.stringMatching(/^\d+ hardware threads$/) });
  });

  it('reports the version compiled into the native core as the package version', async () => {
    const pkg = (await import('@legate/core/package.json', { with: { type: 'json' } })).default as { version: string };
    expect(runtime.nativeVersion).toBe(pkg.version);
  });
});

describe('readConfig', () => {
  it('uses one CPU per core by default and LEGATE_CPUS when set', () => {
    expect(readConfig({})).toMatchObject({ cpusSource: 'cores' });
    expect(readConfig({}).cpus).toBeGreaterThanOrEqual(1);
    expect(readConfig({ LEGATE_CPUS: '3' })).toEqual({ cpus: 3, cpusSource: 'LEGATE_CPUS', memoryMode: 'shared', window: { launches: 512, bytes: 32 * 2 ** 20 }, fusion: true });
    expect(readConfig({ LEGATE_FUSION: '0' }).fusion).toBe(false);
    expect(() => readConfig({ LEGATE_FUSION: 'off' })).toThrow(/^LEGATE_FUSION: expected '0' or '1', got 'off'/);
    expect(readConfig({ LEGATE_WINDOW_LAUNCHES: '64', LEGATE_WINDOW_BYTES: '1048576' }).window).toEqual({ launches: 64, bytes: 2 ** 20 });
    expect(() => readConfig({ LEGATE_WINDOW_BYTES: '1e6' })).toThrow(/^LEGATE_WINDOW_BYTES: expected a positive integer/);
    expect(() => readConfig({ LEGATE_ROOT_REDUCTION_RANKS: 'four' })).toThrow(/^LEGATE_ROOT_REDUCTION_RANKS: expected a positive integer/);
    expect(() => readConfig({ LEGATE_ROOT_REDUCTION_RANKS: '8' })).not.toThrow();
    expect(readConfig({ LEGATE_MEMORY_MODE: 'separate' }).memoryMode).toBe('separate');
    expect(() => readConfig({ LEGATE_MEMORY_MODE: 'split' })).toThrow(/^LEGATE_MEMORY_MODE: expected 'shared' or 'separate', got 'split'$/);
  });

  it.each(['0', '-1', 'two', '1.5', '4x'])('rejects LEGATE_CPUS=%s with a ConfigError naming it', (value) => {
    expect(() => readConfig({ LEGATE_CPUS: value })).toThrow(ConfigError);
    expect(() => readConfig({ LEGATE_CPUS: value })).toThrow(/^LEGATE_CPUS: expected a positive integer/);
  });
});

describe('loadNativeAddon', () => {
  it('names the missing file and how to build it', () => {
    expect(() => loadNativeAddon(import.meta.url, 'no_such_addon')).toThrow(NativeLoadError);
    expect(() => loadNativeAddon(import.meta.url, 'no_such_addon')).toThrow(
      /no_such_addon: no native build for linux-x64 at .*prebuilds\/linux-x64\/no_such_addon\.node.*pnpm -r build/,
    );
  });

  it('reports a file that is not a loadable addon', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-addon-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const prebuilds = path.join(dir, 'prebuilds', 'linux-x64');
    spawnSync('mkdir', ['-p', prebuilds]);
    writeFileSync(path.join(prebuilds, 'broken.node'), 'not an ELF file');
    expect(() => loadNativeAddon(path.join(dir, 'index.js'), 'broken')).toThrow(/broken: .*broken\.node is damaged \(15 bytes, not an ELF shared object\); reinstall/);
  });

  it('reports a truncated addon as damaged instead of dying of a signal in the loader', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-addon-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const prebuilds = path.join(dir, 'prebuilds', 'linux-x64');
    mkdirSync(prebuilds, { recursive: true });
    const whole = readFileSync(path.join(coreDir, 'prebuilds', 'linux-x64', 'legate_core.node'));
    writeFileSync(path.join(prebuilds, 'cut.node'), whole.subarray(0, Math.floor(whole.length / 3)));
    expect(() => loadNativeAddon(path.join(dir, 'index.js'), 'cut')).toThrow(NativeLoadError);
    expect(() => loadNativeAddon(path.join(dir, 'index.js'), 'cut')).toThrow(/cut: .*cut\.node is damaged \(truncated: \d+ bytes where its headers need \d+\); reinstall the package/);
    // The whole file passes the check.
    expect(damaged(path.join(coreDir, 'prebuilds', 'linux-x64', 'legate_core.node'))).toBeNull();
  });

  it('names the Debian package of a missing system library', () => {
    expect(loadFailureHint('libopenblas.so.0: cannot open shared object file: No such file or directory')).toMatch(/needs the system library libopenblas\.so\.0: on Debian or Ubuntu, apt-get install libopenblas0-pthread \(all that the addons link: apt-get install .*libsuperlu5/);
    expect(loadFailureHint('libfftw3f.so.3: cannot open shared object file')).toMatch(/apt-get install libfftw3-single3 /);
    expect(loadFailureHint('undefined symbol: foo')).toMatch(/^Reinstall the package/);
  });

  it('prefers LEGATE_PREBUILDS/<platform>/<name>.node, and falls back to the package without it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-prebuilds-'));
    spawnSync('mkdir', ['-p', path.join(dir, 'linux-x64')]);
    writeFileSync(path.join(dir, 'linux-x64', 'other.node'), 'not an ELF file');
    const saved = process.env.LEGATE_PREBUILDS;
    process.env.LEGATE_PREBUILDS = dir;
    try {
      // Found in the override folder (and loaded from there: this one is not an addon).
      expect(() => loadNativeAddon(import.meta.url, 'other')).toThrow(
        new RegExp(`other: ${dir}/linux-x64/other\\.node is damaged`),
      );
      // Not there: the package's own prebuilds, as without the variable.
      expect(() => loadNativeAddon(import.meta.url, 'no_such_addon')).toThrow(
        /no_such_addon: no native build for linux-x64 at .*core\/prebuilds\/linux-x64\/no_such_addon\.node/,
      );
    } finally {
      if (saved === undefined) delete process.env.LEGATE_PREBUILDS;
      else process.env.LEGATE_PREBUILDS = saved;
    }
  });
});

describe('registerNativeLibrary', () => {
  const numeric = loadNativeAddon<NativeLibraryAddon>(path.join(coreDir, '../numeric/package.json'), 'legate_numeric');

  const sparse = loadNativeAddon<NativeLibraryAddon>(path.join(coreDir, '../sparse/package.json'), 'legate_sparse');

  it('registers another addon through the C ABI; the same addon again gets the same id', () => {
    const before = runtime.features.length;
    const id = registerNativeLibrary('numeric', numeric);
    expect(id).toBe(before);
    const lib = runtime.features.at(-1)!;
    expect(lib.library).toBe('numeric');
    expect(lib.features.find((f) => f.name === 'blas')).toMatchObject({ enabled: true, detail: expect.stringContaining('OpenBLAS') });
    expect(registerNativeLibrary('numeric', numeric)).toBe(id);
    expect(runtime.features.length).toBe(before + 1);
  });

  it('refuses a name another addon holds, and stays usable', () => {
    registerNativeLibrary('numeric', numeric);
    expect(() => registerNativeLibrary('numeric', sparse)).toThrow(LegateError);
    expect(() => registerNativeLibrary('numeric', sparse)).toThrow(
      /registerNativeLibrary\('numeric'\): register: another library already registered the name 'numeric'/,
    );
    const id = registerNativeLibrary('sparse-under-test', sparse);
    expect(runtime.features[id]?.library).toBe('sparse-under-test');
  });

  it('rejects a handle that is not core\'s C ABI table, and an empty name', () => {
    expect(() => numeric.register({}, 'x')).toThrow(TypeError);
    expect(() => numeric.register(42, 'x')).toThrow(/coreApi: expected the handle returned by @legate\/core's coreApi\(\)/);
    expect(() => numeric.register(runtime.coreApi(), '')).toThrow(/name: expected a non-empty string/);
  });
});

describe('probeBandwidth', () => {
  it('measures a plausible memory bandwidth', () => {
    const probe = runtime.probeBandwidth({ bytesPerArray: 2 ** 22, threads: 2, repetitions: 3 });
    expect(probe.bytesPerSecond).toBeGreaterThan(1e8);
    expect(probe.bytesPerSecond).toBeLessThan(1e13);
    expect(probe.bestBytesPerSecond).toBeGreaterThanOrEqual(probe.bytesPerSecond);
  });

  it('rejects bad sizes with a RangeError naming the argument', () => {
    expect(() => runtime.probeBandwidth({ bytesPerArray: 0 })).toThrow(/bytesPerArray: expected at least 8/);
    expect(() => runtime.probeBandwidth({ threads: 0 })).toThrow(RangeError);
    expect(() => runtime.probeBandwidth({ repetitions: -2 })).toThrow(/repetitions: expected a positive integer/);
  });
});

describe('legate --info', () => {
  const bin = path.join(coreDir, 'bin', 'legate.js');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: path.join(coreDir, '../..'), encoding: 'utf8', env: { ...process.env, ...env } });

  it('prints every installed library with each feature on or off', () => {
    const r = run(['--info']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Legate for TypeScript \d+\.\d+\.\d+ \(Node\.js v\d+/);
    expect(r.stdout).toMatch(/CPU threads: \d+/);
    for (const lib of ['core', 'numeric', 'sparse']) expect(r.stdout).toContain(`@legate/${lib}`);
    for (const name of ['cpu', 'mpi', 'cuda', 'nccl', 'blas', 'lapack', 'fft', 'cublas', 'cufft', 'cusparse', 'suitesparse']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} +(on |off)  \\S`, 'm'));
    }
  });

  it('prints JSON with the configured CPU count', () => {
    const r = run(['--info', '--json'], { LEGATE_CPUS: '3' });
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout) as { cpus: number; libraries: { library: string }[] };
    expect(info.cpus).toBe(3);
    expect(info.libraries.map((l) => l.library)).toEqual(['core', 'numeric', 'sparse']);
  });

  it('fails with a message naming a bad setting, not a stack trace', () => {
    const r = run(['--info'], { LEGATE_CPUS: 'many' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("legate: LEGATE_CPUS: expected a positive integer, got 'many'");
  });

  it('prints usage and fails without --info or a script', () => {
    const r = run([]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('usage: legate [--ranks N] [--cpus N]');
  });

  it('runs a script with the launcher options, passing on its arguments and exit code', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-launch-'));
    const script = path.join(dir, 'app.mjs');
    writeFileSync(script, 'console.log(process.env.LEGATE_CPUS, process.env.LEGATE_MEMORY_MODE, process.argv.slice(2).join(" ")); process.exit(3);');
    const r = run(['--cpus', '3', '--memory', 'separate', script, 'a', 'b']);
    expect(r.stdout.trim()).toBe('3 separate a b');
    expect(r.status).toBe(3);
    expect(run(['--cpus', 'x', script]).stderr.trim()).toBe("legate: --cpus: expected a positive integer, got 'x'");
    expect(run(['--memory', 'split', '--info']).status).toBe(1);
    expect(run(['--cpus', '5', '--info', '--json']).stdout).toContain('"cpus": 5');
  });

  it('runs a TypeScript script through the project\'s tsx, or says what to install', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-ts-'));
    const script = path.join(dir, 'app.ts');
    writeFileSync(script, 'const n: number = 2;\nconsole.log(`typed ${n * 3}`);\n');
    // From the repository, whose devDependencies have tsx.
    const r = run([script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('typed 6');
    // From a project without tsx: Node's own type stripping where it has it, else the advice.
    const bare = spawnSync(process.execPath, [bin, 'app.ts'], { cwd: dir, encoding: 'utf8' });
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    if (major > 22 || (major === 22 && minor >= 6)) {
      expect(bare.stdout.trim()).toBe('typed 6');
    } else {
      expect(bare.status).toBe(1);
      expect(bare.stderr.trim()).toBe(`legate: app.ts is TypeScript, which Node ${process.versions.node} cannot run by itself: install tsx in the project (npm install --save-dev tsx), or use Node 22.6 or later`);
    }
  });

  it('loads the project\'s own libraries on @legate/core for --info, and reports one that fails', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-info-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'my-lib': '1.0.0', 'not-legate': '1.0.0' } }));
    const lib = path.join(dir, 'node_modules', 'my-lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(lib, 'package.json'), JSON.stringify({ name: 'my-lib', type: 'module', exports: { '.': { require: './stub.cjs', default: './index.js' } }, dependencies: { '@legate/core': '*' } }));
    writeFileSync(path.join(lib, 'index.js'), "throw new Error('my-lib was imported');\n");
    const other = path.join(dir, 'node_modules', 'not-legate');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'not-legate', main: 'index.js' }));
    writeFileSync(path.join(other, 'index.js'), "throw new Error('not-legate was imported');\n");
    const r = spawnSync(process.execPath, [bin, '--info'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toContain('failed to load my-lib: my-lib was imported');
    expect(r.stdout).not.toContain('not-legate');
    expect(r.status).toBe(1);
  });

  it('reports one rank without a launcher', () => {
    expect(runtime.rank).toBe(0);
    expect(runtime.ranks).toBe(1);
    expect(runtime.launched).toBe(false);
    expect(run(['--info']).stdout).toMatch(/^Ranks: 1 \(no launcher/m);
    const info = JSON.parse(run(['--info', '--json']).stdout) as { rank: number; ranks: number };
    expect([info.rank, info.ranks]).toEqual([0, 1]);
  });

  it('refuses a bad --ranks, and one without a script', () => {
    expect(run(['--ranks', 'two', 'app.js']).stderr.trim()).toBe("legate: --ranks: expected a positive integer, got 'two'");
    expect(run(['--ranks', '0', 'app.js']).status).toBe(1);
    const r = run(['--ranks', '2', '--info']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('legate: --ranks: give the script to run');
  });

  const mpirun = spawnSync('sh', ['-c', 'command -v mpirun']).status === 0;
  const mpi = runtime.features.find((l) => l.library === 'core')?.features.find((f) => f.name === 'mpi')?.enabled === true;
  if (!mpirun || !mpi) console.log(`skipped: legate --ranks (${!mpirun ? 'mpirun is not on PATH' : 'core was built without MPI'})`);
  it.skipIf(!mpirun || !mpi)('--ranks 2 runs the script as two ranks of one job, each with its share of the cores', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-ranks-'));
    const script = path.join(dir, 'app.mjs');
    const core = path.join(coreDir, 'dist', 'index.js');
    writeFileSync(script, `import { runtime } from ${JSON.stringify(core)};\nconsole.log(\`rank \${runtime.rank} of \${runtime.ranks}, \${runtime.config.cpus} cpus, \${process.argv[2]}\`);`);
    const r = run(['--ranks', '2', '--cpus', '1', script, 'x'], { OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(['rank 0 of 2, 1 cpus, x', 'rank 1 of 2, 1 cpus, x']);
  });
});

describe('formatInfo', () => {
  it('agrees with runtime.features', () => {
    const text = formatInfo(runtime);
    for (const lib of runtime.features) {
      for (const f of lib.features) expect(text).toContain(`${f.enabled ? 'on ' : 'off'}  ${f.detail}`);
    }
  });
});
