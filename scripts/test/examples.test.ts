import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { findPython } from '@legate/testing';
import { PNG } from 'pngjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/example.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('pnpm example', () => {
  it('lists the examples with the main one marked', () => {
    const r = example();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}cg-poisson +.*\(main\)$/m);
  });

  it('runs the main example by name: CG on the 2-D Poisson problem, converged', () => {
    const r = example('main');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cg: info = 0, \d+ iterations, ‖b − Ax‖\/‖b‖ = \S+, max \|x − 1\| = \S+/);
  });

  it('runs the features example, printing the build features and the measured bandwidth', () => {
    const r = example('features');
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

  it('runs the sparse building example: a symmetric matrix, blocks, a slice and an .npz round trip', () => {
    const r = example('sparse-build', '3000', '0.001');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/symmetrised a 3000 × 3000 random matrix with 9000 entries: \d+ entries/);
    expect(r.stdout).toMatch(/‖A − Aᵀ‖ = 0, diagonal in \[3000, 3000\.\d+\]/);
    expect(r.stdout).toMatch(/leading block 1000 × 1000 with (\d+) entries; blockDiag 2000 × 2000 with \d+; strictly lower part \d+/);
    expect(r.stdout).toContain('saved and loaded A.npz: the same matrix');
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

  it('draws heat-2d\'s grid as a PNG heat map: its size, and the hot edge pale, the cold ones dark', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-pictures-'));
    const file = path.join(dir, 'heat.png');
    const r = example('heat-2d', '30', '20', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}: the 32 × 32 grid, -273.15 (dark) to 40 (pale)`);
    const png = PNG.sync.read(readFileSync(file));
    // 400 / 32 → 12 pixels per element.
    expect([png.width, png.height]).toEqual([32 * 12, 32 * 12]);
    const pixel = (row: number, col: number) => Array.from(png.data.subarray(4 * (row * png.width + col), 4 * (row * png.width + col) + 4));
    expect(pixel(0, 100)).toEqual([240, 249, 33, 255]); // the hot top edge: the map's last stop
    expect(pixel(200, 0)).toEqual([13, 8, 135, 255]); // a cold edge: its first stop
  });

  it('draws CG\'s residual curve and a benchmark table as SVG charts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-pictures-'));
    const curve = path.join(dir, 'cg.svg');
    const r = example('cg-residuals', '20', curve);
    expect(r.status, r.stderr).toBe(0);
    const match = /(\d+) iterations/.exec(r.stdout);
    expect(r.stdout).toContain(`wrote ${curve}: ${Number(match![1]) + 1} points`);
    const svg = readFileSync(curve, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('CG on the 2-D Poisson problem, 400 unknowns');
    const results = path.join(dir, 'rows.json');
    writeFileSync(results, JSON.stringify({ suite: 'demo', date: '2026-12-02T00:00:00Z', rows: [{ case: 'fast case', ratio: 2.5 }, { case: 'slow case', ratio: 0.4 }, { case: 'no peer', ratio: null }] }));
    const table = path.join(dir, 'bench.svg');
    const b = example('bench-chart', results, table);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout.trim()).toBe(`wrote ${table}: 2 cases of demo`);
    const chart = readFileSync(table, 'utf8');
    for (const text of ['fast case', 'slow case', 'speed against NumPy/SciPy']) expect(chart).toContain(text);
    const missing = example('bench-chart', path.join(dir, 'none.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('run `pnpm bench <suite>` first');
  });

  const runPython = (program: string): string => {
    const reference = spawnSync(python.ok ? python.executable : 'python3', ['-c', `import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla\n${program}`], { encoding: 'utf8' });
    expect(reference.status, reference.stderr).toBe(0);
    return reference.stdout.trim();
  };
  const laplacian = (n: number) => `T = sp.diags([-1.0, 2, -1], [-1, 0, 1], shape=(${n}, ${n})); I = sp.identity(${n}); A = (sp.kron(I, T) + sp.kron(T, I)).tocsr()`;

  it.skipIf(!python.ok)('runs cg-poisson, which takes SciPy\'s iterations to SciPy\'s residual', () => {
    const n = 20 + Math.floor(Math.random() * 60);
    const r = example('cg-poisson', String(n), '1e-8');
    expect(r.status, r.stderr).toBe(0);
    const match = /(\d+) iterations, ‖b − Ax‖\/‖b‖ = (\S+),/.exec(r.stdout);
    expect(match, r.stdout).not.toBeNull();
    const [iterations, residual] = runPython(
      `${laplacian(n)}\nb = A @ np.ones(${n * n})\ncount = [0]\nx, info = sla.cg(A, b, rtol=1e-8, callback=lambda xk: count.__setitem__(0, count[0] + 1))\nprint(count[0], np.linalg.norm(b - A @ x) / np.linalg.norm(b))`,
    ).split(' ').map(Number);
    expect(Math.abs(Number(match![1]) - iterations!)).toBeLessThanOrEqual(1);
    expect(Number(match![2])).toBeLessThanOrEqual(1e-8);
    expect(residual).toBeLessThanOrEqual(1e-8);
  });

  it.skipIf(!python.ok)('runs preconditioned-cg, whose Jacobi-preconditioned loop takes the iterations SciPy\'s cg with M takes', () => {
    const n = 20 + Math.floor(Math.random() * 40);
    const r = example('preconditioned-cg', String(n), '1e-8');
    expect(r.status, r.stderr).toBe(0);
    const match = /: (\d+) iterations, ‖b − Ax‖\/‖b‖ = (\S+),/.exec(r.stdout);
    expect(match, r.stdout).not.toBeNull();
    const want = Number(
      runPython(
        `n = ${n}\nT = sp.diags([-1.0, 2, -1], [-1, 0, 1], shape=(n, n)); I = sp.identity(n); S = sp.diags([np.linspace(1, 100, n)], [0])\nA = (sp.kron(S, T) + sp.kron(T, I)).tocsr()\nb = np.random.default_rng(1).random(n * n)\nM = sp.diags([1 / A.diagonal()], [0])\ncount = [0]\nx, info = sla.cg(A, b, rtol=1e-8, M=M, callback=lambda xk: count.__setitem__(0, count[0] + 1))\nprint(count[0])`,
      ),
    );
    // Our b differs from NumPy's (another generator); the iteration count is the problem's.
    expect(Math.abs(Number(match![1]) - want)).toBeLessThanOrEqual(Math.max(3, 0.05 * want));
    expect(Number(match![2])).toBeLessThan(1e-8);
  });

  it.skipIf(!python.ok)('runs power-iteration, whose eigenvalue matches NumPy\'s power iteration on the same matrix', async () => {
    const [n, density, iterations, seed] = [300 + Math.floor(Math.random() * 300), 0.02, 60, Math.floor(Math.random() * 1e6)];
    const r = example('power-iteration', String(n), String(density), String(iterations), String(seed));
    expect(r.status, r.stderr).toBe(0);
    const match = /λ = (\S+),/.exec(r.stdout);
    expect(match, r.stdout).not.toBeNull();
    // The same matrix, written by the library and read by SciPy.
    const sparse = await import('@legate/sparse');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'legate-power-')), 'A.mtx');
    const R = sparse.random(n, n, { density, seed });
    sparse.mmwrite(file, R.add(R.T).multiply(0.5).add(sparse.eye(n).multiply(n)));
    const want = Number(
      runPython(
        `import scipy.io\nA = scipy.io.mmread('${file}').tocsr()\nx = np.ones(${n})\nfor i in range(${iterations}):\n    x = A @ x\n    x /= np.linalg.norm(x)\nprint(repr(float(x @ (A @ x))))`,
      ),
    );
    expect(Math.abs(Number(match![1]) - want)).toBeLessThanOrEqual(1e-10 * Math.abs(want));
  });

  it.skipIf(!python.ok)('runs eigsh, whose eigenvalues match the exact ones and SciPy\'s', () => {
    const m = 10 + Math.floor(Math.random() * 20);
    const r = example('eigsh', String(m), '4');
    expect(r.status, r.stderr).toBe(0);
    const found = /found (.*)$/m.exec(r.stdout)![1]!.split(', ').map(Number);
    const want = runPython(`${laplacian(m)}\nprint(' '.join(repr(float(v)) for v in np.sort(sla.eigsh(A, k=4, which='SA', return_eigenvectors=False))))`).split(' ').map(Number);
    found.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-9));
    expect(Number(/largest ‖Ax − λx‖\/\|λ\| = (\S+)/.exec(r.stdout)![1])).toBeLessThan(1e-6);
    const shifted = /shift-invert at 0: (.*) \(/m.exec(r.stdout);
    if (shifted) shifted[1]!.split(', ').map(Number).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-9));
  });

  describe.skipIf(!python.ok)('the Legate tutorials as TypeScript tasks over numeric arrays, against NumPy', () => {
    const values = (a: { dtype: { name: string }; shape: readonly number[]; toArray(): unknown }) => ({ dtype: a.dtype.name, shape: [...a.shape], data: a.toArray() as never });
    const reference = async (code: string, inputs: Record<string, unknown>) => {
      const { PythonReference } = await import('@legate/testing');
      const py = PythonReference.start()!;
      try {
        return await py.run<number>(code, inputs as never);
      } finally {
        py.close();
      }
    };

    it('saxpy (x, y, z aligned)', async () => {
      const n = 1000 + Math.floor(Math.random() * 5000);
      const r = example('tutorial-saxpy', String(n), '1.5');
      expect(r.status, r.stderr).toBe(0);
      const got = Number(/sum\(z\) = (\S+),/.exec(r.stdout)![1]);
      const np = await import('@legate/numeric');
      const rng = np.random.defaultRng(1);
      const x = rng.random(n);
      const y = rng.random(n);
      const want = await reference('out = float((1.5 * x + y).sum())', { x: values(x), y: values(y) });
      expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.abs(want));
      expect(r.stdout).toContain('max |z − (a·x + y)| = 0');
    });

    it('histogram (broadcast ADD reduction)', async () => {
      const [n, bins, seed] = [5000 + Math.floor(Math.random() * 5000), 12, Math.floor(Math.random() * 1000)];
      const r = example('tutorial-histogram', String(n), String(bins), String(seed));
      expect(r.status, r.stderr).toBe(0);
      const got = /bins: (.*)$/m.exec(r.stdout)![1]!.split(',').map(Number);
      const np = await import('@legate/numeric');
      const v = np.random.defaultRng(seed).random(n);
      const want = await reference(`out = np.bincount(np.minimum((v * ${bins}).astype(np.int64), ${bins - 1}), minlength=${bins}).tolist()`, { v: values(v) });
      expect(got).toEqual(want);
    });

    it('matmul over the promoted (m, k, n) space (ADD reduction over k)', async () => {
      const [m, k, n] = [20 + Math.floor(Math.random() * 40), 10 + Math.floor(Math.random() * 40), 5 + Math.floor(Math.random() * 30)];
      const r = example('tutorial-matmul', String(m), String(k), String(n));
      expect(r.status, r.stderr).toBe(0);
      const got = Number(/sum\(C\) = (\S+),/.exec(r.stdout)![1]);
      const np = await import('@legate/numeric');
      const rng = np.random.defaultRng(3);
      const A = rng.random([m, k]);
      const B = rng.random([k, n]);
      const want = await reference('out = float((A @ B).sum())', { A: values(A), B: values(B) });
      expect(Math.abs(got - want)).toBeLessThan(1e-10 * Math.abs(want));
    });

    it('batched 2-D FFT (dst, src aligned; src broadcast on axes 1 and 2)', async () => {
      const [batch, rows, cols] = [2 + Math.floor(Math.random() * 6), 8 + Math.floor(Math.random() * 24), 8 + Math.floor(Math.random() * 24)];
      const r = example('tutorial-fft', String(batch), String(rows), String(cols));
      expect(r.status, r.stderr).toBe(0);
      const got = Number(/total power = (\S+),/.exec(r.stdout)![1]);
      const np = await import('@legate/numeric');
      const rng = np.random.defaultRng(11);
      const re = rng.normal(0, 1, [batch, rows, cols]);
      const im = rng.normal(0, 1, [batch, rows, cols]);
      const want = await reference('f = np.fft.fft2(re + 1j * im, axes=(1, 2))\nout = float((f * f.conj()).real.sum())', { re: values(re), im: values(im) });
      expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.abs(want));
    });
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
