// Programs that go wrong under ranks, run by run.mjs: `diverge` issues different launches on
// rank 1 (found by LEGATE_CHECK_REPLICATION=1), `throw` fails on rank 1, `kill` kills rank 1.
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';

const how = process.argv[2];
const a = np.ones([1000]);
for (let i = 0; i < 20; i++) {
  let b = np.multiply(a, 2);
  if (how === 'diverge' && i === 5 && runtime.rank === 1) b = np.add(b, 1);
  np.sum(b).item();
  if (i === 5 && runtime.rank === 1) {
    if (how === 'throw') throw new Error('rank 1 gives up');
    if (how === 'kill') process.kill(process.pid, 'SIGKILL');
  }
}
console.log(`rank ${runtime.rank} finished`);
