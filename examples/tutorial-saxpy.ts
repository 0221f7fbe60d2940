// Legate's SAXPY tutorial as a TypeScript task over numeric arrays: z = a·x + y, with x, y and z
// aligned so that every point task gets matching pieces; the body works on its pieces as local
// numeric arrays.
import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 1_000_000);
const a = Number(process.argv[3] ?? 2.5);
const library = createLibrary('tutorial-saxpy');

const saxpy = defineTask(library, {
  name: 'saxpy',
  params: { x: { kind: 'input' }, y: { kind: 'input' }, z: { kind: 'output' }, a: { kind: 'scalar', dtype: 'float64' } },
  constraints: [
    ['align', 'x', 'y'],
    ['align', 'y', 'z'],
  ],
  body: ({ x, y, z, a }) => {
    const out = np.fromPiece(z);
    np.tidy(() => out.assign(np.add(np.multiply(np.fromPiece(x), a as number), np.fromPiece(y))));
    out.store.wait();
  },
});

const rng = np.random.defaultRng(1);
const x = rng.random(n);
const y = rng.random(n);
const z = np.empty([n]);
saxpy({ x: x.store, y: y.store, z: z.store, a });
const check = np.max(np.abs(np.subtract(z, np.add(np.multiply(x, a), y)))).item() as number;
log(`saxpy: n = ${n}, a = ${a}: sum(z) = ${(np.sum(z).item() as number).toPrecision(15)}, max |z − (a·x + y)| = ${check}`);
