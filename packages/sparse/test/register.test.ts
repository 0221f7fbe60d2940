import { runtime } from '@legate/core';
import { describe, expect, it } from 'vitest';

describe('@legate/sparse native registration', () => {
  it('registers sparse after numeric, each once', async () => {
    const { libraryId } = await import('@legate/sparse');
    const names = runtime.features.map((l) => l.library);
    expect(names.slice(0, 1)).toEqual(['core']);
    expect(names.filter((n) => n === 'numeric')).toHaveLength(1);
    expect(names.indexOf('numeric')).toBeLessThan(libraryId);
    const lib = runtime.features[libraryId]!;
    expect(lib.library).toBe('sparse');
    expect(lib.features.map((f) => f.name)).toEqual(['cusparse', 'suitesparse', 'superlu', 'arpack']);
    for (const f of lib.features) expect(f.detail.length).toBeGreaterThan(5);
  });
});
