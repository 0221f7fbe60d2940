// A third party's library package: loads its addon and registers it into @legate/core.
import { AutoTask, align, createLibrary, loadNativeAddon } from '@legate/core';

export const library = createLibrary('thirdparty', loadNativeAddon(import.meta.url, 'thirdparty'));

/** out = x * x, elementwise, over every processor. */
export function square(x, out) {
  new AutoTask(library, 0).addInput(x).addOutput(out).addConstraint(align(x, out)).execute();
}
