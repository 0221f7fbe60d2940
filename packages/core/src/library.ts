import { LegateError } from './errors.js';
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

/**
 * Registers a library with a native addon (which registers its tasks from C++ when its
 * `register(coreApi, name)` runs) and returns it. Registering the same addon again returns the
 * same library.
 */
export function createLibrary(name: string, addon: NativeLibraryAddon): Library {
  if (typeof name !== 'string' || name === '') throw new LegateError(`name: expected a non-empty string, got ${String(name)}`);
  return new Library(name, registerNativeLibrary(name, addon));
}
