import { loadNativeAddon, registerNativeLibrary, type NativeLibraryAddon } from '@legate/core';

/** sparse's addon, registered into core's runtime when this package is first imported. */
export const addon = loadNativeAddon<NativeLibraryAddon>(import.meta.url, 'legate_sparse');
export const libraryId = registerNativeLibrary('sparse', addon);
