// A benchmark table drawn: the speed ratio against NumPy/SciPy of every case in a results file
// that `pnpm bench <suite>` wrote (bench-results/<suite>.json), as an SVG bar chart.
//   pnpm example bench-chart [bench-results/sparse.json] [out.svg]
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { barChartSvg } from './lib/pictures.js';

interface Results {
  suite: string;
  date: string;
  rows: { case: string; ratio: number | null }[];
}

const input = process.argv[2] ?? path.join('..', 'bench-results', 'sparse.json');
let results: Results;
try {
  results = JSON.parse(readFileSync(input, 'utf8')) as Results;
} catch (error) {
  console.error(`bench-chart: cannot read ${input} (${(error as Error).message}); run \`pnpm bench <suite>\` first, or name a results file`);
  process.exit(2);
}
const file = process.argv[3] ?? `out/bench-${results.suite}.svg`;
const bars = results.rows.filter((r) => r.ratio !== null).map((r) => ({ label: r.case, value: Number(r.ratio!.toFixed(3)) }));
if (bars.length === 0) {
  console.error(`bench-chart: ${input} has no case with a ratio (was NumPy/SciPy there?)`);
  process.exit(2);
}
await barChartSvg(bars, file, { title: `pnpm bench ${results.suite} (${results.date.slice(0, 10)}): speed against NumPy/SciPy`, value: 'their time / ours (above 1: faster)', reference: 1 });
console.log(`wrote ${file}: ${bars.length} cases of ${results.suite}`);
