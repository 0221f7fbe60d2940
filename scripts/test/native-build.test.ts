// The native build's detection: optional parts missing are reported and left out; a missing
// compiler stops the build with a fix. Builds into a scratch tree, never over the real prebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts', 'native.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'legate-native-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [script, 'core'], {
    encoding: 'utf8',
    env: { HOME: process.env.HOME, ...env },
  });
}

describe('native build detection', () => {
  // A whole native build from scratch: minutes on a busy 2-core machine.
  it('builds without MPI and CUDA, and says what it left out and why', { timeout: 600_000 }, () => {
    const r = build({
      // No /usr/local: nvcc is not on PATH, as on a machine without the CUDA toolkit.
      PATH: '/usr/bin:/bin',
      LEGATE_BUILD_DIR: path.join(scratch, 'build'),
      LEGATE_CMAKE_ARGS: `-DCMAKE_DISABLE_FIND_PACKAGE_MPI=TRUE -DLEGATE_PACKAGES_DIR=${path.join(scratch, 'packages')}`,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('left out mpi: no MPI found (mpicc and libmpi); install Open MPI');
    expect(r.stdout).toContain('left out cuda: no CUDA compiler (nvcc) found');
    expect(r.stdout).toContain('left out nccl: needs CUDA, which is off');
    expect(existsSync(path.join(scratch, 'packages/core/prebuilds', `${process.platform}-${process.arch}`, 'legate_core.node'))).toBe(true);
    const features = JSON.parse(readFileSync(path.join(scratch, 'build', 'features.json'), 'utf8')) as Record<string, { enabled: boolean }>;
    expect(features.mpi?.enabled).toBe(false);
    expect(features.cuda?.enabled).toBe(false);
    expect(features.blas?.enabled).toBe(true);
  });

  it('rebuilds nothing when nothing changed (incremental)', () => {
    const again = () => spawnSync(process.execPath, [script, 'all'], { encoding: 'utf8' });
    expect(again().status).toBe(0); // brings the tree up to date, whatever ran before
    const r = again();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('built ');
  });

  it('stops without a C++ compiler, saying how to install one', () => {
    const r = build({ PATH: path.join(scratch, 'empty-path'), LEGATE_BUILD_DIR: path.join(scratch, 'nocompiler') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no C++ compiler found');
    expect(r.stderr).toContain('apt-get install g++');
    expect(existsSync(path.join(scratch, 'nocompiler', 'CMakeCache.txt'))).toBe(false);
  });

  it('rejects an unknown package name', () => {
    const r = spawnSync(process.execPath, [script, 'dense'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown package 'dense': expected one of core, numeric, sparse, all");
  });
});
