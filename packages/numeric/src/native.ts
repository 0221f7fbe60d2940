import { createLibrary, loadNativeAddon, type NativeLibraryAddon } from '@legate/core';

/** numeric's library in core's runtime: its addon registers the task variants of src/tasks.ts. */
export const library = createLibrary('numeric', loadNativeAddon<NativeLibraryAddon>(import.meta.url, 'legate_numeric'));
export const libraryId = library.id;
