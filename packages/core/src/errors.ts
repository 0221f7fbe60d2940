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

/** A configuration value (an environment variable or an option) is invalid. */
export class ConfigError extends ArgumentError {
  override name = 'ConfigError';
}
