import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import { setPartitionSettings } from '@legate/core';
import { ours, randomCoo } from './test/harness.js';
setPartitionSettings({ force: true, pieces: 4 });
function counts(c: { row: Int32Array; col: Int32Array; shape: [number, number] }) { const s = new Set<number>(); for (let k = 0; k < c.row.length; k++) s.add(c.row[k]! * 1000 + c.col[k]!); const r = new Array(c.shape[0]).fill(0); for (const key of s) r[Math.floor(key / 1000)]++; return r; }
let bad = 0;
for (let it = 0; it < 300; it++) {
  const a = randomCoo(3, 4), b = randomCoo(2, 5);
  const K = sparse.kron(ours(a), ours(b));
  const ip = Array.from(K.indptr.toArray() as ArrayLike<number | bigint>, Number);
  const ca = counts(a), cb = counts(b);
  const want = [0]; for (let i = 0; i < 3; i++) for (let p = 0; p < 2; p++) want.push(want.at(-1)! + ca[i]! * cb[p]!);
  if (JSON.stringify(ip) !== JSON.stringify(want)) { bad++; if (bad < 4) console.log('bad', it, JSON.stringify(ip), JSON.stringify(want), JSON.stringify(ca), JSON.stringify(cb)); }
}
console.log('bad', bad, 'of 300');
