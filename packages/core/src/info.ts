import { platformTag } from './native.js';
import type { Runtime } from './runtime.js';

export interface InfoOptions {
  /** Print JSON instead of a table. */
  readonly json?: boolean;
}

/**
 * The text of `legate --info`: versions, CPU threads, and every library's features.
 *
 * @example
 * ```ts
 * const info = core.formatInfo(core.runtime); // what `legate --info` prints
 * console.log(/^CPU threads: \d+/m.test(info));
 * // true
 * ```
 */
export function formatInfo(rt: Runtime, options: InfoOptions = {}): string {
  const config = rt.config;
  const libraries = rt.features;
  const { rank, ranks } = rt;
  if (options.json) {
    return JSON.stringify(
      { version: rt.nativeVersion, node: process.version, platform: platformTag, cpus: config.cpus, cpusSource: config.cpusSource, rank, ranks, libraries },
      null,
      2,
    );
  }
  const lines = [
    `Legate for TypeScript ${rt.nativeVersion} (Node.js ${process.version}, ${platformTag})`,
    `CPU threads: ${config.cpus} (${config.cpusSource === 'LEGATE_CPUS' ? 'from LEGATE_CPUS' : 'one per core; set LEGATE_CPUS to change'})`,
    `Ranks: ${ranks > 1 || rt.launched ? `rank ${rank} of ${ranks} (started by an MPI launcher)` : '1 (no launcher; run with legate --ranks N or mpirun)'}`,
  ];
  const width = Math.max(...libraries.flatMap((l) => l.features.map((f) => f.name.length)));
  for (const lib of libraries) {
    lines.push('', `@legate/${lib.library}`);
    for (const f of lib.features) {
      lines.push(`  ${f.name.padEnd(width)}  ${f.enabled ? 'on ' : 'off'}  ${f.detail}`);
    }
  }
  return lines.join('\n');
}
