import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const buildType = (process.env.LEGATE_BUILD_TYPE ?? 'Release').toLowerCase();
const binary = path.join(process.env.LEGATE_BUILD_DIR ?? path.join(root, 'build', `native-${buildType}`), 'tests', 'legate_core_tests');

describe('native core unit tests (C++)', () => {
  it('builds and passes', () => {
    expect(existsSync(binary), `${binary} is missing: run pnpm -r build`).toBe(true);
    const r = spawnSync(binary, { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
