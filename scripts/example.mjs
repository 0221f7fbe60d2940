#!/usr/bin/env node
// `pnpm example <name>` runs examples/<name>.ts; `pnpm example` lists them.
// `main` is the README's main example.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const MAIN = 'cg-poisson';

const names = readdirSync(examples)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [requested, ...args] = process.argv.slice(2);

if (!requested) {
  console.log('usage: pnpm example <name> [args...]\n\nexamples:');
  for (const name of names) {
    const first = readFileSync(path.join(examples, `${name}.ts`), 'utf8').split('\n')[0] ?? '';
    console.log(`  ${name.padEnd(20)} ${first.replace(/^\/\/\s*/, '')}${name === MAIN ? '  (main)' : ''}`);
  }
  process.exit(0);
}
const name = requested === 'main' ? MAIN : requested;
const file = path.join(examples, `${name}.ts`);
if (!existsSync(file)) {
  console.error(`no example '${requested}'; examples: ${names.join(', ')}`);
  process.exit(2);
}
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, [file, ...args], { stdio: 'inherit', cwd: examples });
process.exit(r.status ?? 1);
