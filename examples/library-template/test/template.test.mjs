// The template's tasks against NumPy on fresh random inputs, with the runtime forced to split
// even small arrays into pieces (so every task runs as several point tasks), and its errors.
// Run with `npm test`; add LEGATE_MEMORY_MODE=separate LEGATE_SCRIBBLE=1 to run each point task
// in its own memory with write-only outputs starting as garbage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';

import { AutoTask, ArgumentError, DTypeError, Scalar, align, runtime, setPartitionSettings, TaskFailure } from '@legate/core';
import * as np from '@legate/numeric';
import { axpby, library, positives, softThreshold, sumOfSquares } from 'legate-library-template';

/** Runs `code` in python3 with NumPy; `inputs` become arrays of those names, `out` comes back. */
function numpy(code, inputs) {
  const program = `import json, sys\nimport numpy as np\nd = json.load(sys.stdin)\n${Object.keys(inputs).map((k) => `${k} = np.array(d['${k}'][0], dtype=d['${k}'][1]).reshape(d['${k}'][2])`).join('\n')}\n${code}\nprint(json.dumps(np.asarray(out, dtype=np.float64).ravel().tolist()))`;
  const data = Object.fromEntries(Object.entries(inputs).map(([k, a]) => [k, [Array.from(a.toArray(), Number), a.dtype.name, a.shape]]));
  const r = spawnSync('python3', ['-c', program], { input: JSON.stringify(data), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const skipNumpy = hasNumpy.status === 0 ? false : `python3 with NumPy is not available (${hasNumpy.error?.message ?? hasNumpy.stderr.trim().split('\n').pop()})`;
if (skipNumpy) console.log(`# skipping the NumPy comparisons: ${skipNumpy}`);

function close(got, want, rtol) {
  const values = Array.from(got.toArray());
  assert.equal(values.length, want.length);
  values.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= rtol * (1 + Math.abs(want[i])), `element ${i}: ${v} vs ${want[i]}`));
}

const rng = np.random.defaultRng();
let saved;
before(() => {
  saved = setPartitionSettings({ force: true, pieces: 4 });
});
after(() => setPartitionSettings(saved));

describe('against NumPy', { skip: skipNumpy }, () => {
  for (const dtype of ['float64', 'float32']) {
    const rtol = dtype === 'float64' ? 1e-12 : 1e-5;
    it(`axpby on ${dtype}, contiguous and strided`, () => {
      const x = rng.normal(0, 1, [37, 11]).astype(dtype);
      const y = rng.normal(0, 1, [37, 11]).astype(dtype);
      const got = axpby(1.5, x, -0.25, y);
      assert.equal(got.dtype.name, dtype);
      close(got, numpy('out = np.float64(1.5) * x + np.float64(-0.25) * y', { x, y }), rtol);
      // Views: a transpose and a reversed, stepped slice, passed without a copy.
      const xt = x.T;
      const ys = rng.normal(0, 1, [22, 37]).astype(dtype).slice('::-2, :');
      close(axpby(2, xt, 3, ys), numpy('out = 2 * x + 3 * y', { x: xt, y: ys }), rtol);
    });
    it(`sumOfSquares and softThreshold on ${dtype}`, () => {
      const x = rng.normal(0, 3, [1001]).astype(dtype);
      close(sumOfSquares(x), numpy('out = np.sum(x.astype(np.float64) ** 2)', { x }), dtype === 'float64' ? 1e-12 : 1e-6);
      const got = softThreshold(x, 1.25);
      assert.equal(got.dtype.name, dtype);
      close(got, numpy('out = np.sign(x) * np.maximum(np.abs(x) - np.float32(1.25), 0)', { x }), rtol);
    });
  }
  it('positives (an unbound output) in C order, as x[x > 0]', () => {
    for (const shape of [[1000], [17, 13], [0], [5]]) {
      const x = rng.normal(0, 1, shape);
      const got = positives(x);
      assert.equal(got.ndim, 1);
      close(got, numpy('out = x[x > 0]', { x }), 0);
    }
    assert.equal(positives(np.full([4], -1, 'float32')).size, 0);
  });
  it('integer inputs compute in float64, as NumPy does', () => {
    const x = np.arange(12).reshape([3, 4]);
    const y = np.ones([3, 4], 'int32');
    const got = axpby(0.5, x, 2, y);
    assert.equal(got.dtype.name, 'float64');
    close(got, numpy('out = 0.5 * x + 2 * y', { x, y }), 1e-15);
    assert.equal(sumOfSquares([1, 2, 3]).item(), 14);
  });
});

describe('bad input', () => {
  it('names the argument', () => {
    assert.throws(() => axpby(1, np.ones([3]), 1, np.ones([4])), (e) => e instanceof ArgumentError && e.argument === 'y' && /shape/.test(e.message));
    assert.throws(() => axpby('2', np.ones([3]), 1, np.ones([3])), (e) => e instanceof ArgumentError && e.argument === 'a');
    assert.throws(() => sumOfSquares(np.ones([3], 'complex128')), (e) => e instanceof DTypeError && e.argument === 'x');
    assert.throws(() => softThreshold(np.ones([3]), -1), (e) => e instanceof ArgumentError && e.argument === 't');
    assert.throws(() => softThreshold('abc', 1), (e) => e instanceof ArgumentError && e.argument === 'x');
  });
  it('a native task that fails reports why and where it was launched; the runtime goes on', () => {
    // The task itself refuses pieces of another type than its output's (TS checks prevent this).
    const x = np.ones([8], 'float32');
    const out = np.empty([8], 'float64');
    new AutoTask(library, 0).addInput(x.store).addInput(x.store).addOutput(out.store)
      .addScalar(new Scalar(1, 'float64')).addScalar(new Scalar(1, 'float64'))
      .addConstraint(align(x.store, out.store)).execute();
    assert.throws(() => out.toArray(), (e) => e instanceof TaskFailure && e.task === 'template.axpby' &&
      e.reason.includes('input 0: holds float32 elements, accessed as float64') && /template\.test\.mjs/.test(e.launchSite ?? ''));
    assert.deepEqual(Array.from(axpby(1, [1, 2], 1, [3, 4]).toArray()), [4, 6]);
  });
});

describe('fusion', { skip: skipNumpy }, () => {
  it("axpby fuses with numeric's operations around it: one task, its temporaries never allocated", () => {
    const x = rng.random([5000]);
    const y = rng.random([5000]);
    const was = runtime.setFusion(true);
    const before = runtime.counters();
    // numeric's multiply, the library's axpby, numeric's abs and sqrt: one chain, one pass.
    const got = np.tidy(() => np.sqrt(np.abs(axpby(2, np.multiply(x, 3), -1, y))));
    const values = got.toArray();
    const after = runtime.counters();
    assert.equal(after.fusedTasks - before.fusedTasks, 1);
    assert.equal(after.fusedLaunches - before.fusedLaunches, 4);
    // The three temporaries, and the result itself until it was read (then computed, once).
    assert.equal(after.elidedTemporaries - before.elidedTemporaries, 4);
    assert.equal(after.materialized - before.materialized, 1);
    const want = numpy('out = np.sqrt(np.abs(2 * (x * 3) - y))', { x, y });
    Array.from(values).forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-12 * (1 + Math.abs(want[i])), `element ${i}: ${v} vs ${want[i]}`));
    // The same bits with fusion off.
    runtime.setFusion(false);
    try {
      const plain = np.tidy(() => np.sqrt(np.abs(axpby(2, np.multiply(x, 3), -1, y))));
      assert.deepEqual(Array.from(plain.toArray()), Array.from(values));
    } finally {
      runtime.setFusion(was);
    }
  });
});

describe('memory', () => {
  it('frees what it makes', () => {
    const x = np.ones([1000]);
    const live = () => (runtime.issueExecutionFence(), runtime.memoryStats()[0].liveStorages);
    axpby(1, x, 1, x).dispose();
    const before = live();
    for (let i = 0; i < 20; i++) np.tidy(() => { axpby(2, x, 1, x); sumOfSquares(x).item(); softThreshold(x, 0.5); positives(x); });
    assert.equal(live(), before);
    // The conversions a function makes (lists, integers to float64) are its own to free.
    const ints = np.arange(1000);
    const again = live();
    for (let i = 0; i < 20; i++) {
      axpby(2, ints, 1, ints).dispose();
      axpby(1, [1, 2], 1, [3, 4]).dispose();
      sumOfSquares(ints.T).dispose();
      softThreshold(ints, 0.5).dispose();
      positives(ints).dispose();
    }
    assert.equal(live(), again);
  });
});
