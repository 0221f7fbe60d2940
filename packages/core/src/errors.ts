/** Base class of every error Legate raises on purpose. */
export class LegateError extends Error {
  override name = 'LegateError';
}

/** The native part of a package is missing or cannot be loaded on this machine. */
export class NativeLoadError extends LegateError {
  override name = 'NativeLoadError';
}

/** Bad input: the message starts with the argument (or setting) at fault. */
export class ArgumentError extends LegateError {
  override name = 'ArgumentError';
  constructor(
    /** The argument at fault, as the message names it. */
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/**
 * The ranks of an MPI job cannot go on together: they issued different operations (found by
 * `LEGATE_CHECK_REPLICATION=1`), or a rank's part of the job failed.
 */
export class RankError extends LegateError {
  override name = 'RankError';
}

/** A configuration value (an environment variable or an option) is invalid. */
export class ConfigError extends ArgumentError {
  override name = 'ConfigError';
}

/** Bytes as NumPy prints them in a MemoryError: three significant digits, `74.5 GiB`, `8.00 TiB`, `128. GiB`. */
function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} bytes`;
  const digits = value.toPrecision(3);
  return `${/[.e]/.test(digits) ? digits : `${digits}.`} ${units[unit]}`;
}

/**
 * A memory could not serve an allocation (NumPy's `MemoryError`), even after the runtime waited
 * for pending work and released its cached blocks. Thrown at the call that needed the memory;
 * nothing of that call was issued, and the runtime stays usable.
 */
export class MemoryError extends LegateError {
  override name = 'MemoryError';
  constructor(
    /** The bytes asked for. */
    readonly bytes: number,
    /** The memory that could not serve them: `host`, or a processor's (`cpu0`...). */
    readonly memory: string,
    /** The array's shape and type, when the allocation was for one. */
    readonly shape?: readonly number[],
    readonly dtype?: string,
  ) {
    const what = shape && dtype ? ` for an array with shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) and data type ${dtype}` : '';
    super(`Unable to allocate ${formatBytes(bytes)}${what} in memory '${memory}'`);
  }
}
