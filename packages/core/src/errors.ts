/** Base class of every error Legate raises on purpose. */
export class LegateError extends Error {
  override name = 'LegateError';
}

/** The native part of a package is missing or cannot be loaded on this machine. */
export class NativeLoadError extends LegateError {
  override name = 'NativeLoadError';
}

/** A configuration value (an environment variable or an option) is invalid. */
export class ConfigError extends LegateError {
  override name = 'ConfigError';
  constructor(
    /** The setting at fault, e.g. `LEGATE_CPUS`. */
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}
