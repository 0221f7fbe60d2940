// What every numeric test file needs: NumPy through one python3 session (or the reason it is
// missing), and the runtime forced to split even small arrays into four pieces.
import { afterAll, beforeAll } from 'vitest';

import { setPartitionSettings, type PartitionSettings } from '@legate/core';
import { findPython, PythonReference } from '@legate/testing';

export function useNumpyAndForcedPartitioning(): { python: ReturnType<typeof findPython>; py: PythonReference | null } {
  const python = findPython();
  if (!python.ok) console.warn(`skipping the NumPy comparisons: ${python.reason}`);
  const py = python.ok ? PythonReference.start() : null;
  let saved: PartitionSettings;
  beforeAll(() => {
    saved = setPartitionSettings({ force: true, pieces: 4 });
  });
  afterAll(() => {
    setPartitionSettings(saved);
    py?.close();
  });
  return { python, py };
}
