// The `@example` blocks of the packages' doc comments run, and print what they say they print:
// each `console.log(...)` line is followed by comment lines holding its output (NumPy's repr for
// arrays), which this test compares with the output of the example run as TypeScript.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Example {
  readonly where: string;
  readonly code: string[];
  readonly expected: string[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every ```ts fence after an `@example` tag in the doc comments of `file`. */
function examplesOf(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = comment[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const tag = body.findIndex((l) => l.startsWith('@example'));
    if (tag < 0) continue;
    const open = body.findIndex((l, i) => i > tag && /^```(ts|typescript)$/.test(l.trim()));
    const close = body.findIndex((l, i) => i > open && l.trim() === '```');
    if (open < 0 || close < 0) continue;
    const lines = body.slice(open + 1, close);
    const line = text.slice(0, comment.index).split('\n').length;
    const expected: string[] = [];
    let afterLog = false;
    for (const l of lines) {
      if (/^\s*\/\/ ?/.test(l) && afterLog) expected.push(l.replace(/^\s*\/\/ ?/, ''));
      else afterLog = /console\.log\(/.test(l);
    }
    found.push({ where: `${path.relative(root, file)}:${line}`, code: lines, expected });
  }
  return found;
}

const examples = ['core', 'numeric', 'sparse'].flatMap((p) => sources(path.join(root, 'packages', p, 'src')).flatMap(examplesOf));

describe('doc comment examples', () => {
  it('are there: every ufunc of numeric has one', () => {
    expect(examples.filter((e) => e.where.startsWith('packages/numeric/src/ufunc.ts')).length).toBeGreaterThanOrEqual(70);
    for (const e of examples) expect(e.expected.length, `${e.where}: an example prints nothing it checks`).toBeGreaterThan(0);
  });

  it('print what their comments say', () => {
    // One TypeScript program runs them all, each in its own block, between markers; it lives
    // where the examples' @legate/* packages resolve.
    const imports = ["import * as np from '@legate/numeric';", "import * as sparse from '@legate/sparse';", "import * as core from '@legate/core';"];
    const program = [
      ...imports,
      'void sparse; void core;',
      ...examples.flatMap((e, i) => [`console.log('@@example ${i}');`, 'try {', ...e.code.filter((l) => !/^import /.test(l)).map((l) => `  ${l}`), `} catch (error) { console.log('@@error ' + (error as Error).message); }`]),
    ].join('\n');
    const dir = path.join(root, 'examples', 'out');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'doc-examples.mts');
    writeFileSync(file, program);
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [file], { cwd: path.join(root, 'examples'), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // As a user would paste them: strict TypeScript (unused names aside: examples name results
    // to show them).
    const config = path.join(dir, 'tsconfig.doc-examples.json');
    writeFileSync(config, JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, composite: false, incremental: false, noUnusedLocals: false, noUnusedParameters: false, types: ['node'] },
      files: ['doc-examples.mts'],
    }));
    const typed = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', config], { cwd: root, encoding: 'utf8' });
    expect(typed.status, `the examples do not type-check:\n${typed.stdout}${typed.stderr}`).toBe(0);
    const outputs = r.stdout.split(/^@@example \d+\n/m).slice(1);
    expect(outputs.length).toBe(examples.length);
    examples.forEach((e, i) => {
      const got = outputs[i]!.replace(/\n$/, '').split('\n');
      expect(got, `${e.where}`).toEqual(e.expected);
    });
  });
});

/** Per package, each exported function's name → whether its doc comment has an @example. */
function exampleIndex(pkg: string): Map<string, boolean> {
  const index = new Map<string, boolean>();
  const texts = sources(path.join(root, 'packages', pkg, 'src')).map((file) => readFileSync(file, 'utf8'));
  for (const text of texts) {
    for (const m of text.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export (?:function|const) (\w+)/g)) {
      if (!index.get(m[2]!)) index.set(m[2]!, !!m[1]?.includes('@example'));
    }
  }
  // Renaming re-exports (`export { unravel as unravelIndex }`): the public name has the original's.
  for (const text of texts) {
    for (const list of text.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const [, from, to] of list[1]!.matchAll(/(\w+)\s+as\s+(\w+)/g)) if (index.get(from!) && !index.get(to!)) index.set(to!, true);
    }
  }
  return index;
}

// Public functions still without an example: this list may only shrink. A new public function
// comes with an example (an alias counts through the function it names).
const WITHOUT_EXAMPLES = new Set([
  // core: loading and registering a native addon (they need one: the guide and the template show them).
  'core:loadNativeAddon', 'core:registerNativeLibrary',
  // sparse: what this build has (machine-dependent output).
  'sparse:indexType', 'sparse:linalg.arpackAvailable', 'sparse:linalg.directSolverAvailable', 'sparse:linalg.superluAvailable', 'sparse:linalg.useSolver',
  // numeric: file I/O (writes files), piece wrappers (shown in the guide's TypeScript tasks), index parsing.
  'numeric:load', 'numeric:save', 'numeric:savez', 'numeric:savezCompressed', 'numeric:fromPiece', 'numeric:fromStore', 'numeric:parseIndex',
]);

describe('doc comment examples cover the public functions', () => {
  it('every public function of core, numeric and sparse has one, but the listed', async () => {
    const packages = { core: await import('@legate/core'), numeric: await import('@legate/numeric'), sparse: await import('@legate/sparse') } as Record<string, Record<string, unknown>>;
    const namespaces: Record<string, string[]> = { core: [], numeric: ['linalg', 'fft', 'random'], sparse: ['linalg'] };
    const isFunction = (v: unknown): v is (...a: unknown[]) => unknown => typeof v === 'function' && !/^class\b/.test(Function.prototype.toString.call(v)) && !/^[A-Z]/.test((v as { name?: string }).name ?? '');
    const exported: { key: string; value: unknown; name: string; pkg: string }[] = [];
    for (const [pkg, mod] of Object.entries(packages)) {
      for (const [prefix, object] of [['', mod], ...namespaces[pkg]!.map((n) => [`${n}.`, mod[n] as Record<string, unknown>] as const)] as const) {
        for (const [name, value] of Object.entries(object)) if (isFunction(value)) exported.push({ key: `${pkg}:${prefix}${name}`, value, name, pkg });
      }
    }
    const indexes = Object.fromEntries(Object.keys(packages).map((p) => [p, exampleIndex(p)]));
    const own = (e: (typeof exported)[number]) => indexes[e.pkg]!.get(e.name) === true;
    // An alias (another name for the same function, a re-export from core) counts through any name that has one.
    const covered = new Set(exported.filter(own).map((e) => e.value));
    const missing = exported.filter((e) => !covered.has(e.value)).map((e) => e.key);
    expect(missing.filter((k) => !WITHOUT_EXAMPLES.has(k)), 'public functions without an example').toEqual([]);
    expect([...WITHOUT_EXAMPLES].filter((k) => !missing.includes(k)), 'listed as without an example, but they have one (or are gone): take them off the list').toEqual([]);
  });
});
