// numeric registers first: sparse's tasks work on numeric's arrays.
import '@legate/numeric';
import { createLibrary, loadNativeAddon, type NativeLibraryAddon } from '@legate/core';

/** sparse's addon, registered into core's runtime when this package is first imported. */
export const addon = loadNativeAddon<NativeLibraryAddon>(import.meta.url, 'legate_sparse');
/** sparse's library in core's runtime: its addon registers the task variants of src/tasks.ts. */
export const library = createLibrary('sparse', addon, { source: import.meta.url });
export const libraryId = library.id;
