import { defineConfig } from 'vitest/config';

// One project per package (tests run against the TypeScript sources through the
// `@legate/source` export condition), plus the native and tool tests.
const project = (name: string, include: string[]) => ({
  resolve: { conditions: ['@legate/source'] },
  ssr: { resolve: { conditions: ['@legate/source'] } },
  test: { name, include, testTimeout: 60_000, hookTimeout: 120_000 },
});

export default defineConfig({
  test: {
    projects: [
      project('core', ['packages/core/test/**/*.test.ts']),
      project('numeric', ['packages/numeric/test/**/*.test.ts']),
      project('sparse', ['packages/sparse/test/**/*.test.ts']),
      project('native', ['native/*/test/**/*.test.ts']),
      project('tools', ['tools/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts']),
    ],
  },
});
