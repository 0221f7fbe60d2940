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
    const outputs = r.stdout.split(/^@@example \d+\n/m).slice(1);
    expect(outputs.length).toBe(examples.length);
    examples.forEach((e, i) => {
      const got = outputs[i]!.replace(/\n$/, '').split('\n');
      expect(got, `${e.where}`).toEqual(e.expected);
    });
  });
});
