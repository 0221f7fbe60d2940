// Legate's matmul tutorial: C = A·B over the promoted (m, k, n) iteration space. A is promoted
// along n, B along m, C along k; all three are aligned, so each point task gets a block of the
// space and adds its partial product into C (an ADD reduction over k).
import { createLibrary, defineTask, runtime, setPartitionSettings } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const [m, k, n] = [Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 200), Number(process.argv[4] ?? 100)];
const library = createLibrary('tutorial-matmul');

const matmul = defineTask(library, {
  name: 'matmul',
  params: { a: { kind: 'input' }, b: { kind: 'input' }, c: { kind: 'reduction', op: 'add' } },
  constraints: [
    ['align', 'a', 'b'],
    ['align', 'a', 'c'],
  ],
  body: ({ a, b, c }) => {
    // Each piece is a (pm, pk, pn) block; A does not vary along n, B not along m.
    const blockA = np.fromPiece(a).slice(':, :, 0');
    const blockB = np.fromPiece(b).slice('0');
    const partial = np.fromPiece(c);
    np.tidy(() => partial.assign(np.broadcastTo(np.expandDims(np.matmul(blockA, blockB), 1), partial.shape)));
    partial.store.wait();
  },
});

// Split even this small problem over every processor, along k too, to show the reduction.
setPartitionSettings({ force: true, pieces: 4 });
const rng = np.random.defaultRng(3);
const A = rng.random([m, k]);
const B = rng.random([k, n]);
const C = np.zeros([m, n]);
matmul({ a: A.store.promote(2, n), b: B.store.promote(0, m), c: C.store.promote(1, k) });
const error = np.max(np.abs(np.subtract(C, np.matmul(A, B)))).item() as number;
log(`matmul: (${m} × ${k}) · (${k} × ${n}): sum(C) = ${(np.sum(C).item() as number).toPrecision(15)}, max |C − A·B| = ${error.toExponential(2)}`);
