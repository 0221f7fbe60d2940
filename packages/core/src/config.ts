import { availableParallelism } from 'node:os';

import { ConfigError } from './errors.js';

/** How the runtime was configured, from environment variables (launcher flags map onto them). */
export interface RuntimeConfig {
  /** CPU processors (worker threads) the runtime uses: `LEGATE_CPUS`, default one per core (shared among the ranks a launcher started on this node). */
  readonly cpus: number;
  /** Where `cpus` came from. */
  readonly cpusSource: 'LEGATE_CPUS' | 'cores';
  /** `LEGATE_MEMORY_MODE`: `shared` (default) or `separate` (each CPU processor its own memory). */
  readonly memoryMode: 'shared' | 'separate';
  /**
   * The window of work issued ahead of execution: `LEGATE_WINDOW_LAUNCHES` launches not yet
   * finished (default 512) and `LEGATE_WINDOW_BYTES` bytes they write (default 32 MiB).
   */
  readonly window: { readonly launches: number; readonly bytes: number };
  /**
   * `LEGATE_FUSION`: whether consecutive elementwise launches are merged into one pass over
   * memory (`1`, the default), or each runs on its own (`0`).
   */
  readonly fusion: boolean;
}

export const DEFAULT_WINDOW = { launches: 512, bytes: 32 * 2 ** 20 } as const;

function positiveInteger(setting: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new ConfigError(setting, `expected a positive integer, got '${text}'`);
  }
  return Number(text);
}

/**
 * Reads the configuration from `env` (default `process.env`); throws {@link ConfigError}.
 *
 * @example
 * ```ts
 * const config = core.readConfig({ LEGATE_CPUS: '4', LEGATE_MEMORY_MODE: 'separate' });
 * console.log(config.cpus, config.cpusSource, config.memoryMode, config.window, config.fusion);
 * // 4 LEGATE_CPUS separate { launches: 512, bytes: 33554432 } true
 * ```
 */
export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): RuntimeConfig {
  const mode = env.LEGATE_MEMORY_MODE || 'shared';
  if (mode !== 'shared' && mode !== 'separate') {
    throw new ConfigError('LEGATE_MEMORY_MODE', `expected 'shared' or 'separate', got '${mode}'`);
  }
  const setting = (name: string, fallback: number) => (env[name] ? positiveInteger(name, env[name]!) : fallback);
  const window = { launches: setting('LEGATE_WINDOW_LAUNCHES', DEFAULT_WINDOW.launches), bytes: setting('LEGATE_WINDOW_BYTES', DEFAULT_WINDOW.bytes) };
  // Read by the native runtime (from how many ranks on reductions go through rank 0): checked here.
  setting('LEGATE_ROOT_REDUCTION_RANKS', 4);
  const fusionText = env.LEGATE_FUSION || '1';
  if (fusionText !== '0' && fusionText !== '1') throw new ConfigError('LEGATE_FUSION', `expected '0' or '1', got '${fusionText}'`);
  const fusion = fusionText === '1';
  const cpus = env.LEGATE_CPUS;
  if (cpus !== undefined && cpus !== '') {
    return { cpus: positiveInteger('LEGATE_CPUS', cpus), cpusSource: 'LEGATE_CPUS', memoryMode: mode, window, fusion };
  }
  // Ranks started on one node share its cores.
  const local = Number(env.OMPI_COMM_WORLD_LOCAL_SIZE || env.MPI_LOCALNRANKS || 1);
  const share = Number.isSafeInteger(local) && local > 1 ? local : 1;
  return { cpus: Math.max(1, Math.floor(availableParallelism() / share)), cpusSource: 'cores', memoryMode: mode, window, fusion };
}
