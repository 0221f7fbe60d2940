import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
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
  // A damaged file would end the process with a signal inside the loader (a truncated ELF file
  // is mapped past its end: SIGBUS), not an error: its headers are checked against its size first.
  const damage = damaged(file);
  if (damage) throw new NativeLoadError(`${name}: ${file} is damaged (${damage}); reinstall the package (npm install, or pnpm -r build in the repository)`);
  try {
    return createRequire(import.meta.url)(file) as T;
  } catch (cause) {
    const message = (cause as Error).message;
    throw new NativeLoadError(`${name}: ${file} failed to load: ${message}. ${loadFailureHint(message)}`, { cause });
  }
}

/** @internal What to do about the loader's `message`: the Debian package of a missing library. */
export function loadFailureHint(message: string): string {
  const missing = /(lib[\w+.-]+\.so[.\d]*): cannot open shared object file/.exec(message)?.[1];
  if (!missing) return 'Reinstall the package; in the repository, run `pnpm -r build`.';
  const debian = DEBIAN_PACKAGES.find(([prefix]) => missing.startsWith(prefix))?.[1];
  return (
    `It needs the system library ${missing}${debian ? `: on Debian or Ubuntu, apt-get install ${debian}` : ''}` +
    ` (all that the addons link: apt-get install ${[...new Set(DEBIAN_PACKAGES.map(([, p]) => p))].join(' ')}; in the repository, bash scripts/setup-system.sh).`
  );
}

/** The Debian packages (bookworm) of the shared libraries the addons link, by file name prefix. */
const DEBIAN_PACKAGES: readonly (readonly [string, string])[] = [
  ['libopenblas.so', 'libopenblas0-pthread'],
  ['liblapacke.so', 'liblapacke'],
  ['libfftw3f.so', 'libfftw3-single3'],
  ['libfftw3.so', 'libfftw3-double3'],
  ['libfftw3_threads.so', 'libfftw3-double3'],
  ['libmpi.so', 'libopenmpi3'],
  ['libumfpack.so', 'libumfpack5'],
  ['libsuperlu.so', 'libsuperlu5'],
  ['libarpack.so', 'libarpack2'],
];

/**
 * @internal Why an ELF shared object cannot be whole, or null: its file ends before the program or section
 * headers, or before a segment's bytes. Files that are not 64-bit little-endian ELF are left to
 * the loader.
 */
export function damaged(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(64);
    const got = readSync(fd, header, 0, 64, 0);
    if (got < 4 || header.readUInt32BE(0) !== 0x7f454c46) return process.platform === 'linux' ? `${size} bytes, not an ELF shared object` : null;
    if (got < 64) return `truncated: ${size} bytes, shorter than an ELF header`;
    if (header[4] !== 2 || header[5] !== 1) return null;
    const phoff = Number(header.readBigUInt64LE(32));
    const shoff = Number(header.readBigUInt64LE(40));
    const [phentsize, phnum, shentsize, shnum] = [header.readUInt16LE(54), header.readUInt16LE(56), header.readUInt16LE(58), header.readUInt16LE(60)];
    let needed = Math.max(phoff + phentsize * phnum, shoff + shentsize * shnum);
    if (phoff + phentsize * phnum <= size && phentsize >= 56) {
      const table = Buffer.alloc(phentsize * phnum);
      readSync(fd, table, 0, table.length, phoff);
      for (let i = 0; i < phnum; i++) {
        const entry = i * phentsize;
        const offset = Number(table.readBigUInt64LE(entry + 8));
        const bytes = Number(table.readBigUInt64LE(entry + 32));
        needed = Math.max(needed, offset + bytes);
      }
    }
    return size < needed ? `truncated: ${size} bytes where its headers need ${needed}` : null;
  } finally {
    closeSync(fd);
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
