// 2-D heat diffusion: a 5-point stencil over five views of one grid, updated in place on every
// processor, with the change per step as a reduction (explicit steps of the heat equation).
// `pnpm example heat-2d N I heat.png` also draws the final grid as a PNG heat map.
//   grid = zeros((N+2, N+2)); hot top edge, cold other edges
//   center = grid[1:-1, 1:-1]; north = grid[:-2, 1:-1]; south = grid[2:, 1:-1]
//   east = grid[1:-1, 2:]; west = grid[1:-1, :-2]
//   for I iterations: work = 0.2 * (center + north + east + west + south)
//                     delta = sum(abs(work - center)); center[:] = work
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';

import { heatmapPng } from './lib/pictures.js';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 1000);
const iterations = Number(process.argv[3] ?? 50);
const picture = process.argv[4];

const grid = np.zeros([n + 2, n + 2]);
grid.set(':, 0', -273.15);
grid.set(':, -1', -273.15);
grid.set('-1, :', -273.15);
grid.set('0, :', 40.0);
const center = grid.slice('1:-1, 1:-1');
const north = grid.slice(':-2, 1:-1');
const south = grid.slice('2:, 1:-1');
const east = grid.slice('1:-1, 2:');
const west = grid.slice('1:-1, :-2');

const start = performance.now();
let delta = np.zeros([]);
for (let i = 0; i < iterations; i++) {
  delta.store.dispose();
  // tidy frees this step's temporaries at once; it keeps `delta`, which it returns.
  delta = np.tidy(() => {
    const average = np.add(np.add(np.add(np.add(center, north), east), west), south);
    const work = np.multiply(0.2, average);
    const change = np.sum(np.abs(np.subtract(work, center)));
    center.assign(work);
    return change;
  });
}
const total = np.sum(center).item() as number;
const ms = performance.now() - start;
log(`heat-2d, N = ${n}, ${iterations} iterations: delta = ${(delta.item() as number).toPrecision(15)}, sum(center) = ${total.toPrecision(15)}, ${ms.toFixed(0)} ms`);
if (picture && runtime.rank === 0) {
  // Pixels scaled up for small grids, so the picture is at least ~400 pixels across.
  const { min, max } = heatmapPng(grid, picture, { scale: Math.max(1, Math.floor(400 / (n + 2))) });
  log(`wrote ${picture}: the ${n + 2} × ${n + 2} grid, ${min} (dark) to ${max} (pale)`);
}
