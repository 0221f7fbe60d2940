import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { NativeLoadError } from './errors.js';

/** The folder name of prebuilt addons for this machine, e.g. `linux-x64`. */
export const platformTag = `${process.platform}-${process.arch}`;

/**
 * Loads a package's native addon `<name>.node` from `<package>/prebuilds/<platform>-<arch>/`.
 * `from` is any URL or path inside the package (usually `import.meta.url`); the package root is
 * the nearest folder above it with a `package.json`. Library authors load their own addon this
 * way, then register it with {@link registerNativeLibrary}.
 *
 * `LEGATE_PREBUILDS=<dir>` puts `<dir>/<platform>-<arch>/<name>.node` first, when it is there
 * (another build of the addons, e.g. the sanitizer build's `build/native-sanitize/prebuilds`);
 * an addon not in it is still loaded from its package.
 */
export function loadNativeAddon<T = unknown>(from: string, name: string): T {
  const override = process.env.LEGATE_PREBUILDS;
  const preferred = override ? path.resolve(override, platformTag, `${name}.node`) : null;
  const file = preferred && existsSync(preferred) ? preferred : packageAddon(from, name);
  if (!existsSync(file)) {
    throw new NativeLoadError(
      `${name}: no native build for ${platformTag} at ${file}. ` +
        'In the repository run `pnpm -r build`; from npm, install on a platform the package ships prebuilds for.',
    );
  }
  try {
    return createRequire(import.meta.url)(file) as T;
  } catch (cause) {
    throw new NativeLoadError(
      `${name}: ${file} failed to load: ${(cause as Error).message}. ` +
        'It links system libraries (OpenBLAS, FFTW, Open MPI): install them with `bash scripts/setup-system.sh`.',
      { cause },
    );
  }
}

/** `<package>/prebuilds/<platform>-<arch>/<name>.node`, the package being the nearest above `from`. */
function packageAddon(from: string, name: string): string {
  const start = from.startsWith('file:') ? fileURLToPath(from) : from;
  let dir = path.dirname(start);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new NativeLoadError(`${name}: no package.json above ${start}`);
    dir = parent;
  }
  return path.join(dir, 'prebuilds', platformTag, `${name}.node`);
}
