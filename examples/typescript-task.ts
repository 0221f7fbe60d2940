// A task written in TypeScript over numeric arrays: a histogram, as in Legate's tutorial.
// `bins` is a reduction every piece adds into; the runtime splits `values` over the processors.
import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const library = createLibrary('histogram-example');

const histogram = defineTask(library, {
  name: 'histogram',
  params: { values: { kind: 'input' }, bins: { kind: 'reduction', op: 'add' } },
  constraints: [['broadcast', 'bins']],
  body: ({ values, bins }) => {
    const counts = bins.data as BigInt64Array;
    for (const v of values.data as BigInt64Array) counts[Number(v % 10n)]! += 1n;
  },
});

const values = np.arange(1_000); // int64: 0..999
const bins = np.zeros([10], 'int64');
histogram({ values: values.store, bins: bins.store });
log(`counts of each last digit in 0..999: ${bins.toNested()}`);
