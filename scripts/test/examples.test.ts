import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { findPython } from '@legate/testing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/example.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('pnpm example', () => {
  it('lists the examples with the main one marked', () => {
    const r = example();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}features +.*\(main\)$/m);
  });

  it('runs the main example by name, printing the build features and the measured bandwidth', () => {
    const r = example('main');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('@legate/numeric');
    expect(r.stdout).toMatch(/memory bandwidth \(STREAM add, 256 MiB arrays\): \d+\.\d GB\/s on 1 thread, \d+\.\d GB\/s on \d+/);
  });

  it('runs the numeric arrays example, whose mean is exact', () => {
    const r = example('arrays');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('mean(y) = 2500000.75 (expected 2500000.75)');
  });

  it('runs the TypeScript task example (a histogram reduction)', () => {
    const r = example('typescript-task');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('counts of each last digit in 0..999: 100,100,100,100,100,100,100,100,100,100');
  });

  it('runs the 1-D stencil example, which conserves the heat inside', () => {
    const r = example('stencil-1d', '1000', '20');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sum\(v\) = 1000\.000000/);
    expect(r.stdout).toContain('v[n/2-2 : n/2+3] = 93.6471, 104.3901, 108.2313, 104.3901, 93.6471');
  });

  const python = findPython();
  it.skipIf(!python.ok)('runs the 2-D heat example, which matches the same program in NumPy', () => {
    const [n, iterations] = [60 + Math.floor(Math.random() * 100), 5 + Math.floor(Math.random() * 20)];
    const r = example('heat-2d', String(n), String(iterations));
    expect(r.status, r.stderr).toBe(0);
    const match = /delta = (\S+), sum\(center\) = (\S+),/.exec(r.stdout);
    expect(match, r.stdout).not.toBeNull();
    const program = [
      `N, I = ${n}, ${iterations}`,
      'grid = np.zeros((N + 2, N + 2)); grid[:, 0] = -273.15; grid[:, -1] = -273.15; grid[-1, :] = -273.15; grid[0, :] = 40.0',
      'center = grid[1:-1, 1:-1]; north = grid[0:-2, 1:-1]; east = grid[1:-1, 2:]; west = grid[1:-1, 0:-2]; south = grid[2:, 1:-1]',
      'for i in range(I):',
      '    average = center + north + east + west + south; work = 0.2 * average',
      '    delta = np.sum(np.absolute(work - center)); center[:] = work',
      'print(repr(float(delta)), repr(float(np.sum(center))))',
    ].join('\n');
    const reference = spawnSync(python.ok ? python.executable : 'python3', ['-c', `import numpy as np\n${program}`], { encoding: 'utf8' });
    expect(reference.status, reference.stderr).toBe(0);
    const [delta, total] = reference.stdout.trim().split(' ').map(Number);
    expect(Math.abs(Number(match![1]) - delta!)).toBeLessThanOrEqual(1e-10 * Math.abs(delta!));
    expect(Math.abs(Number(match![2]) - total!)).toBeLessThanOrEqual(1e-10 * Math.abs(total!));
  });

  it('names the examples when asked for one that does not exist', () => {
    const r = example('no-such-example');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no example 'no-such-example'; examples: .*features/);
  });

  it('type-checks every example (strict)', () => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'examples/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
