import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('TypeScript, strict', () => {
  it('type-checks the tests, benchmarks and tools (vitest does not)', () => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.tests.json'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
