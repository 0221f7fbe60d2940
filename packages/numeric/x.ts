import * as np from '@legate/numeric';
const n = 2 ** 25;
const a = np.array(Float64Array.from({ length: n }, () => Math.random()));
const b = np.array(Float64Array.from({ length: n }, () => Math.random()));
const N = 10_000_000;
const v = np.zeros([N]); const center = v.slice('1:-1'), left = v.slice(':-2'), right = v.slice('2:');
function med(f: () => void, runs = 7) { f(); const r: number[] = []; for (let i = 0; i < runs; i++) { const t = process.hrtime.bigint(); f(); r.push(Number(process.hrtime.bigint() - t) / 1e6); } r.sort((x, y) => x - y); return r[runs >> 1]!.toFixed(1); }
const axpb = med(() => { const c = np.add(np.multiply(a, 2.5), b); c.store.wait(); c.store.dispose(); });
const axpbd = med(() => { const c = np.tidy(() => np.add(np.multiply(a, 2.5), b)); c.store.wait(); c.store.dispose(); });
const st = med(() => { for (let i = 0; i < 10; i++) np.tidy(() => center.assign(np.divide(np.add(np.add(center, left), right), 3))); v.store.wait(); }, 5);
console.log(`block ${process.env.XBLOCK ?? 4096} fusion ${process.env.LEGATE_FUSION ?? 1}: a*2.5+b ${axpb} ms, in tidy ${axpbd} ms, stencil ${st} ms`);
