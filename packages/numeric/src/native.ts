import { loadNativeAddon, registerNativeLibrary, type NativeLibraryAddon } from '@legate/core';

/** numeric's addon, registered into core's runtime when this package is first imported. */
export const addon = loadNativeAddon<NativeLibraryAddon>(import.meta.url, 'legate_numeric');
export const libraryId = registerNativeLibrary('numeric', addon);
