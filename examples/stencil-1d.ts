// A 1-D three-point stencil (repeated averaging): three views of one array, updated in place, on every processor.
//   v = zeros(n); v[n/2] = 1000; center = v[1:-1]; left = v[:-2]; right = v[2:]
//   for I iterations: center[:] = (center + left + right) / 3
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 1_000_000);
const iterations = Number(process.argv[3] ?? 100);

const v = np.zeros([n]);
v.set(`${n / 2}`, 1000);
const center = v.slice('1:-1');
const left = v.slice(':-2');
const right = v.slice('2:');

const start = performance.now();
for (let i = 0; i < iterations; i++) {
  // tidy frees this iteration's temporaries now; JavaScript's collector would free them only
  // once the program returns to the event loop.
  np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3)));
}
const total = np.sum(v).item() as number;
const ms = performance.now() - start;
log(`1-D stencil, n = ${n}, ${iterations} iterations: sum(v) = ${total.toFixed(6)} (1000 minus what left the ends), ${ms.toFixed(0)} ms`);
log(`v[n/2-2 : n/2+3] = ${Array.from((v.slice(`${n / 2 - 2}:${n / 2 + 3}`).toArray() as Float64Array), (x) => x.toFixed(4)).join(', ')}`);
