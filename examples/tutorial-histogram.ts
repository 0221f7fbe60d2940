// Legate's histogram tutorial: values split across processors, the histogram broadcast to every
// point task as an ADD reduction (each piece counts into its own copy; the runtime adds them).
import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 1_000_000);
const bins = Number(process.argv[3] ?? 16);
const seed = Number(process.argv[4] ?? 7);
const library = createLibrary('tutorial-histogram');

const histogram = defineTask(library, {
  name: 'histogram',
  params: { values: { kind: 'input' }, counts: { kind: 'reduction', op: 'add' }, bins: { kind: 'scalar', dtype: 'int64' } },
  constraints: [['broadcast', 'counts']],
  body: ({ values, counts, bins }) => {
    const local = counts.data as BigInt64Array;
    const width = Number(bins);
    for (const v of values.data as Float64Array) local[Math.min(width - 1, Math.floor(v * width))]! += 1n;
  },
});

const values = np.random.defaultRng(seed).random(n);
const counts = np.zeros([bins], 'int64');
histogram({ values: values.store, counts: counts.store, bins: BigInt(bins) });
log(`histogram: n = ${n}, ${bins} bins: ${counts.toNested()}`);
