import type { Row } from './run.js';

const ms = (t: { median: number } | null) => (t ? (t.median >= 100 ? t.median.toFixed(0) : t.median >= 1 ? t.median.toFixed(2) : t.median.toFixed(4)) : '');

function si(value: number, unit: string): string {
  const prefixes: [number, string][] = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, p] of prefixes) if (value >= scale) return `${(value / scale).toFixed(1)} ${p}${unit}`;
  return `${value.toFixed(1)} ${unit}`;
}

// Full notes (the missing interpreter's reason, a traceback) are in the header or below the table, and in the JSON.
const note = (text = '') => (text.length > 32 ? `${text.slice(0, 31)}…` : text);

/** The table a suite prints: medians, the ratio, and rates. */
export function formatTable(rows: readonly Row[]): string {
  // moved/ideal: the bytes our tasks read and wrote over what the case's fused form must move.
  const header = ['case', 'ours ms', 'peer ms', 'peer/ours', 'GB/s', '% bw', 'moved/ideal', 'rate'];
  const body = rows.map((r) => [
    r.case,
    r.error && !r.ours ? 'error' : ms(r.ours),
    r.peer ? ms(r.peer) : note(r.peerNote),
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`,
    r.bytesPerSecond === null ? '' : (r.bytesPerSecond / 1e9).toFixed(1),
    r.bandwidthShare === null ? '' : `${(r.bandwidthShare * 100).toFixed(0)}%`,
    r.movedOverIdeal === null ? '' : `${r.movedOverIdeal.toFixed(2)}x`,
    r.flopsPerSecond !== null ? si(r.flopsPerSecond, 'FLOP/s') : r.itemsPerSecond !== null ? si(r.itemsPerSecond, `${r.itemUnit}/s`) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
