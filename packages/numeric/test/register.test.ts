import { Worker } from 'node:worker_threads';

import { runtime } from '@legate/core';
import { describe, expect, it, vi } from 'vitest';

describe('@legate/numeric native registration', () => {
  it('registers numeric into core\'s runtime with BLAS, LAPACK and FFT on import', async () => {
    const { libraryId } = await import('@legate/numeric');
    const lib = runtime.features[libraryId];
    expect(lib?.library).toBe('numeric');
    const byName = Object.fromEntries(lib!.features.map((f) => [f.name, f]));
    expect(byName.blas).toMatchObject({ enabled: true, detail: expect.stringContaining('OpenBLAS') });
    expect(byName.lapack?.enabled).toBe(true);
    expect(byName.fft).toMatchObject({ enabled: true, detail: expect.stringMatching(/^fftw-3\./) });
    expect(typeof byName.cublas?.enabled).toBe('boolean');
    expect(typeof byName.cufft?.enabled).toBe('boolean');
  });

  it('gets the same library id when imported again and from a worker thread', async () => {
    const first = (await import('@legate/numeric')).libraryId;
    vi.resetModules();
    expect((await import('@legate/numeric')).libraryId).toBe(first);
    const fromWorker = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(
        "import('@legate/numeric').then((m) => require('node:worker_threads').parentPort.postMessage(m.libraryId))",
        // Without the test runner's source condition: the worker loads the built package.
        { eval: true, execArgv: [] },
      );
      worker.once('message', (id: number) => {
        resolve(id);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    expect(fromWorker).toBe(first);
  });
});
