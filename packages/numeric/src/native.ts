import { createLibrary, loadNativeAddon, type NativeLibraryAddon } from '@legate/core';

interface NumericAddon extends NativeLibraryAddon {
  philox4x32(counter: readonly number[], key: readonly number[]): number[];
}

const addon = loadNativeAddon<NumericAddon>(import.meta.url, 'legate_numeric');

/** numeric's library in core's runtime: its addon registers the task variants of src/tasks.ts. */
export const library = createLibrary('numeric', addon, { source: import.meta.url });
export const libraryId = library.id;

/** @internal The random generator's block function (for the known-answer tests). */
export const philox4x32 = (counter: readonly number[], key: readonly number[]): number[] => addon.philox4x32(counter, key);
