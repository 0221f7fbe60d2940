import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('docs-site', () => {
  it('builds the guides and the TypeDoc API without dead links or warnings', () => {
    const r = spawnSync('pnpm', ['--filter', 'docs-site', 'docs'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\[warning\]|dead link/i);
    expect(r.stdout).toContain('build complete');
  }, 240_000);
});

describe('changesets', () => {
  it('has a valid configuration and sees the pending changesets', () => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/changeset'), ['status'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/@legate\/core/);
  });
});
