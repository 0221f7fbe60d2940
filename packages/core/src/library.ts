import { ArgumentError, LegateError } from './errors.js';
import { addLibrarySource } from './failure.js';
import { checkOptions } from './options.js';
import { native } from './native-core.js';
import { registerNativeLibrary, type NativeLibraryAddon } from './runtime.js';

/**
 * A library's namespace of tasks in the runtime. Native libraries register their task variants
 * from C++ through core's C ABI (`register_task` in `<legate/core_abi.h>`) under ids they choose.
 */
export class Library {
  /** @internal */
  constructor(
    readonly name: string,
    /** The id core gave the library. */
    readonly id: number,
  ) {}

  toString(): string {
    return `Library(${this.name})`;
  }
}

/** Options of {@link createLibrary}. */
export interface LibraryOptions {
  /**
   * The library's own code: a module URL (`import.meta.url`), a file or a directory. A task
   * failure then reports the first stack frame outside it, in the user's code, as where the
   * failed work was launched, rather than the library function that launched it.
   */
  source?: string | { readonly href: string };
}

/**
 * Registers a library and returns it. With a native addon, the addon registers its tasks from
 * C++ when its `register(coreApi, name)` runs; without one, the library's tasks are TypeScript
 * tasks (`defineTask`). Registering the same library again returns the same one.
 *
 * @example
 * ```ts
 * const mine = core.createLibrary('my-example-library');
 * console.log(mine.name, core.createLibrary('my-example-library').id === mine.id);
 * // my-example-library true
 * ```
 */
export function createLibrary(name: string, addon?: NativeLibraryAddon, options?: LibraryOptions): Library {
  if (typeof name !== 'string' || name === '') throw new LegateError(`name: expected a non-empty string, got ${String(name)}`);
  const { source } = checkOptions(options, ['source'], 'createLibrary');
  if (source !== undefined) {
    if (typeof source !== 'string' && typeof (source as { href?: unknown } | null)?.href !== 'string') {
      throw new ArgumentError('source', `createLibrary: expected a module URL or a path, got ${source === null ? 'null' : typeof source}`);
    }
    addLibrarySource(source);
  }
  if (addon) return new Library(name, registerNativeLibrary(name, addon));
  try {
    return new Library(name, native().registerLibrary(name));
  } catch (cause) {
    throw new LegateError(`createLibrary('${name}'): ${(cause as Error).message}`, { cause });
  }
}
