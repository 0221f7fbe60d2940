// A third party's library package: loads its addon from prebuilds/<platform>/ and registers it
// into @legate/core's runtime (createLibrary calls registerNativeLibrary with the addon).
import { AutoTask, align, createLibrary, loadNativeAddon } from '@legate/core';

export const addon = loadNativeAddon(import.meta.url, 'thirdparty');
export const library = createLibrary('thirdparty', addon);

/** out = x * x, elementwise, over every processor. */
export function square(x, out) {
  new AutoTask(library, 0).addInput(x).addOutput(out).addConstraint(align(x, out)).execute();
}
