import * as np from '@legate/numeric';
const a = np.random.default_rng ? null : null;
const x = np.empty([1000]); x.store.write(Float64Array.from({length:1000},(_, i)=>Math.random()));
const y = np.empty([1000]); y.store.write(Float64Array.from({length:1000},(_, i)=>Math.random()));
function done(r){ r.store.wait(); r.store.dispose(); }
const cases = {
  add: () => done(np.add(x, y)),
  sqrt: () => done(np.sqrt(x)),
  sum: () => np.sum(x).item(),
  assign: () => { np.tidy(() => x.slice('1:').assign(np.multiply(x.slice(':-1'), 0.5))); x.store.wait(); },
};
const only = process.env.CASE;
for (const [name, f] of Object.entries(cases)) {
  if (only && only !== name) continue;
  const N = Number(process.env.N ?? 20000);
  for (let i = 0; i < N/4; i++) f();
  const ts = [];
  for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) f(); ts.push(Number(process.hrtime.bigint() - t0) / N / 1000); }
  ts.sort((a,b)=>a-b);
  console.log(name, ts[2].toFixed(2), 'us');
}
