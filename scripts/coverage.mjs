#!/usr/bin/env node
// Counts the NumPy and SciPy names this project implements: every public name of the reference
// modules (listed by python3 from the installed NumPy and SciPy), matched without case and
// underscores against what our packages export. Prints the figure per group and the names
// still missing.
//
//   node scripts/coverage.mjs [sparse|numeric|all] [--missing]
//
// sparse: scipy.sparse and scipy.sparse.linalg (functions and classes) and csr_array's methods
// and attributes, against @legate/sparse, sparse.linalg and csrArray.
// numeric: NumPy's top level, ndarray's methods and attributes, numpy.linalg, numpy.fft and
// numpy.random (module functions and Generator's methods), against @legate/numeric.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const which = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'all';
const showMissing = process.argv.includes('--missing');
if (!['sparse', 'numeric', 'all'].includes(which)) {
  console.error(`coverage: expected sparse, numeric or all, got '${which}'`);
  process.exit(2);
}

const listing = `
import inspect, json, types
def public(obj):
    out = []
    for n in dir(obj):
        if n.startswith('_'):
            continue
        try:
            v = getattr(obj, n)
        except Exception:
            continue
        if isinstance(v, types.ModuleType):
            continue
        out.append(n)
    return sorted(out)
groups = {}
import numpy as np
groups['numpy'] = [n for n in public(np) if n not in ('test',)]
groups['numpy.ndarray'] = public(np.ndarray)
groups['numpy.linalg'] = [n for n in public(np.linalg) if n not in ('test',)]
groups['numpy.fft'] = [n for n in public(np.fft) if n not in ('test',)]
groups['numpy.random'] = sorted(set(n for n in public(np.random) if n not in ('test',)) | set(public(np.random.Generator)))
import scipy, scipy.sparse, scipy.sparse.linalg
groups['scipy.sparse'] = public(scipy.sparse)
groups['scipy.sparse.linalg'] = [n for n in public(scipy.sparse.linalg) if n not in ('test',)]
groups['csr_array'] = public(scipy.sparse.csr_array)
print(json.dumps({'versions': {'numpy': np.__version__, 'scipy': scipy.__version__}, 'groups': groups}))
`;

let reference;
try {
  reference = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', ['-c', listing], { encoding: 'utf8' }));
} catch (e) {
  console.error(`coverage: python3 with NumPy and SciPy is needed to list the reference names (${e.message.split('\n')[0]})`);
  process.exit(1);
}

const norm = (name) => name.replace(/_/g, '').toLowerCase();

/** Own and inherited property names of a class's prototype (methods and getters), and its statics. */
function members(cls) {
  const names = new Set();
  for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) for (const k of Object.getOwnPropertyNames(p)) names.add(k);
  for (const k of Object.getOwnPropertyNames(cls)) names.add(k);
  return names;
}

const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);

const groups = [];
if (which !== 'numeric') {
  const sp = await load('sparse');
  groups.push(
    ['scipy.sparse', new Set(Object.keys(sp))],
    ['scipy.sparse.linalg', new Set(Object.keys(sp.linalg))],
    ['csr_array', members(sp.csrArray)],
  );
}
if (which !== 'sparse') {
  const np = await load('numeric');
  const rng = np.random.defaultRng(0);
  const generator = members(rng.constructor);
  groups.push(
    ['numpy', new Set(Object.keys(np))],
    ['numpy.ndarray', members(np.ndarray)],
    ['numpy.linalg', new Set(Object.keys(np.linalg ?? {}))],
    ['numpy.fft', new Set(Object.keys(np.fft ?? {}))],
    ['numpy.random', new Set([...Object.keys(np.random ?? {}), ...generator])],
  );
}

const totals = {};
for (const [group, ours] of groups) {
  const have = new Set([...ours].map(norm));
  const names = reference.groups[group];
  const missing = names.filter((n) => !have.has(norm(n)));
  const family = group.startsWith('numpy') ? 'numeric' : 'sparse';
  totals[family] ??= { hit: 0, total: 0 };
  totals[family].hit += names.length - missing.length;
  totals[family].total += names.length;
  console.log(`${group.padEnd(22)} ${String(names.length - missing.length).padStart(4)} of ${String(names.length).padStart(4)}`);
  if (showMissing && missing.length) console.log(`  missing: ${missing.join(' ')}`);
}
const { numpy, scipy } = reference.versions;
for (const [family, { hit, total }] of Object.entries(totals)) {
  const against = family === 'sparse' ? `SciPy ${scipy}` : `NumPy ${numpy}`;
  console.log(`${family}: ${hit} of ${total} names (${((100 * hit) / total).toFixed(1)}%) against ${against}`);
}
