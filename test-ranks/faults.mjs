// Programs that go wrong under ranks, run by run.mjs: `diverge` issues different launches on
// rank 1 (found by LEGATE_CHECK_REPLICATION=1), `throw` fails on rank 1, `kill` kills rank 1;
// `task` has a task fail on the last rank's point, which every rank must report alike.
import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';

const how = process.argv[2];
if (how === 'task') {
  const failing = defineTask(createLibrary('fault-tests'), {
    name: 'fails-on-the-last-point',
    params: { out: { kind: 'output' } },
    body: ({ out }, { point, launchShape }) => {
      if (point[0] === launchShape[0] - 1) throw new RangeError('the last point fails');
      out.data.fill(1);
    },
  });
  const z = np.empty([1000]);
  failing({ out: z.store });
  for (const read of [() => z.toArray(), () => np.sum(z).item()]) {
    try {
      read();
      console.log(`rank ${runtime.rank}: no error`);
    } catch (e) {
      console.log(`rank ${runtime.rank}: ${e.name}: ${e.message.split('\n')[0]}`);
    }
  }
  console.log(`rank ${runtime.rank}: still usable, ${np.sum(np.ones([10])).item()}`);
  process.exit(0);
}
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
