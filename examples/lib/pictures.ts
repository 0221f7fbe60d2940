// Pictures of results: a PNG heat map of a 2-D array (pngjs) and SVG charts (Vega-Lite, rendered
// by Vega in Node, no browser). The colours are computed by numeric on the runtime; JavaScript
// only hands the finished bytes to the encoder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import * as np from '@legate/numeric';
import { PNG } from 'pngjs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

// A perceptually ordered colour map (dark blue → purple → orange → pale yellow): the value in
// [0, 1] of each stop and its red, green and blue.
const STOPS = [0, 0.25, 0.5, 0.75, 1];
const RED = [13, 106, 203, 248, 240];
const GREEN = [8, 0, 70, 149, 249];
const BLUE = [135, 168, 121, 64, 33];

function ensureFolder(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Writes `grid` (a 2-D real array, row 0 at the top) as a PNG heat map, each element one pixel
 * (`scale` × `scale` with `scale` > 1), coloured from its lowest value (dark) to its highest
 * (pale), and returns the range it used.
 */
export function heatmapPng(grid: np.ndarray, file: string, options: { scale?: number } = {}): { min: number; max: number } {
  if (grid.ndim !== 2) throw new Error(`heatmapPng: expected a 2-D array, got shape (${grid.shape.join(', ')})`);
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`heatmapPng: scale must be a positive integer, got ${scale}`);
  const [rows, cols] = grid.shape as [number, number];
  const { pixels, min, max } = np.tidy(() => {
    const values = grid.astype('float64');
    const [lo, hi] = [Number(np.min(values)), Number(np.max(values))];
    const t = hi > lo ? np.divide(np.subtract(values, lo), hi - lo) : np.zerosLike(values);
    const channel = (stops: number[]) => np.interp(t, STOPS, stops);
    const alpha = np.full([rows, cols], 255, 'float64');
    let rgba = np.stack([channel(RED), channel(GREEN), channel(BLUE), alpha], -1);
    // Each element scale × scale pixels: repeat along rows and along columns.
    if (scale > 1) rgba = np.repeat(np.repeat(rgba, scale, 0), scale, 1);
    return { pixels: np.rint(rgba).astype('uint8').toArray() as Uint8Array, min: lo, max: hi };
  });
  const png = new PNG({ width: cols * scale, height: rows * scale });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  ensureFolder(file);
  writeFileSync(file, PNG.sync.write(png));
  return { min, max };
}

/** Renders a Vega-Lite specification to an SVG document (Vega's headless renderer, no canvas). */
export async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A line chart of `values` against 0, 1, 2, ... (a log scale for y with `logY`), as an SVG file. */
export async function lineChartSvg(
  values: readonly number[],
  file: string,
  options: { title: string; x: string; y: string; logY?: boolean },
): Promise<void> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 480,
    height: 260,
    data: { values: values.map((v, i) => ({ x: i, y: v })) },
    mark: { type: 'line', point: values.length <= 60 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.x },
      y: { field: 'y', type: 'quantitative', title: options.y, scale: options.logY ? { type: 'log' } : {}, axis: options.logY ? { format: '.0e' } : {} },
    },
  };
  ensureFolder(file);
  writeFileSync(file, await svgOf(spec));
}

/** A horizontal bar chart of labelled values with a rule at `reference` (1 for a ratio), as an SVG file. */
export async function barChartSvg(
  bars: readonly { label: string; value: number }[],
  file: string,
  options: { title: string; value: string; reference?: number },
): Promise<void> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 420,
    data: { values: bars.map((b) => ({ ...b })) },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } },
          x: { field: 'value', type: 'quantitative', title: options.value },
          color: options.reference === undefined ? { value: '#4c78a8' } : { condition: { test: `datum.value >= ${options.reference}`, value: '#4c78a8' }, value: '#e45756' },
        },
      },
      ...(options.reference === undefined ? [] : [{ data: { values: [{ r: options.reference }] }, mark: { type: 'rule' as const, strokeDash: [4, 3] }, encoding: { x: { field: 'r', type: 'quantitative' as const } } }]),
    ],
  };
  ensureFolder(file);
  writeFileSync(file, await svgOf(spec));
}
