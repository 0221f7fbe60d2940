// NumPy's advanced indexing inside `a.slice(...)` and `a.set(...)`: integer arrays (or lists)
// and boolean masks mixed with basic items (integers, slices, '...', new axes), with NumPy's
// rules for where the broadcast index dimensions go. The selection becomes one int64 array of
// flat positions in the result's shape (a sum of broadcast terms, each a whole-array
// operation), which one gather reads or one scatter writes; no per-element JavaScript.
import { dtype as toDType, LogicalStore, tidy } from '@legate/core';

import { arange } from './creation.js';
import { IndexError, parseIndex, sliceIndices, sliceLength, type IndexItem } from './indexing.js';
import { arrayFrom } from './inputs.js';
import { ndarray } from './ndarray.js';
import { assign, broadcastShapes, broadcastStore, checkWritable, filled, type Operand } from './operations.js';
import { max, min } from './reductions.js';
import { reshape } from './shape.js';
import { gatherFlat, nonzero, scatterFlat } from './sorting.js';
import { add, less, multiply, where } from './ufunc.js';

const INT64 = toDType('int64');
const BOOL = toDType('bool');

/** An advanced item of an index: an integer or boolean array, or a (nested) list of integers or booleans. */
export type AdvancedItem = ndarray | readonly unknown[];

/** The items of an index as `slice` and `set` take them (one tuple argument, or one item per argument). */
function itemsOf(args: readonly unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as unknown[])] : [...args];
}

/** Whether an index holds an array item (an ndarray or a list), so that it is advanced. */
export function isAdvancedIndex(args: readonly unknown[]): boolean {
  return itemsOf(args).some((item) => item instanceof ndarray || Array.isArray(item));
}

type Part = { kind: 'basic'; item: IndexItem } | { kind: 'array'; index: ndarray };

function parts(args: readonly unknown[]): Part[] {
  const out: Part[] = [];
  itemsOf(args).forEach((item, i) => {
    if (item instanceof ndarray || Array.isArray(item)) {
      const a = item instanceof ndarray ? item : Array.isArray(item) && item.length === 0 ? filled([0], INT64, 0n) : arrayFrom(item, `index ${i}`, 'index');
      if (a.dtype === BOOL) {
        // A mask over k dimensions is k integer arrays (its true positions).
        if (a.ndim === 0) throw new IndexError(`index ${i}`, 'a 0-d boolean index is not supported; use where or a 1-element mask');
        for (const idx of nonzero(a)) out.push({ kind: 'array', index: idx });
      } else if (a.dtype.isInteger) {
        out.push({ kind: 'array', index: a });
      } else {
        throw new IndexError(`index ${i}`, 'arrays used as indices must be of integer (or boolean) type');
      }
    } else if (item === null) out.push({ kind: 'basic', item: 'newaxis' });
    else if (item === ':') out.push({ kind: 'basic', item: {} });
    else if (typeof item === 'string') for (const p of parseIndex(item)) out.push({ kind: 'basic', item: p });
    else if (typeof item === 'number' || item === '...' || item === 'newaxis' || (typeof item === 'object' && item !== null)) out.push({ kind: 'basic', item: item as IndexItem });
    else throw new IndexError(`index ${i}`, `only integers, slices, '...', None, and integer or boolean arrays are valid indices, got ${String(item)}`);
  });
  return out;
}

/**
 * The flat (C-order) positions in `a` an advanced index selects, as an int64 array of the
 * result's shape. NumPy's rules: integer scalars count as advanced indices beside arrays; the
 * index arrays broadcast together; their dimensions replace the indexed axes where those are
 * adjacent in the index, else they come first.
 */
function flatPositions(a: ndarray, args: readonly unknown[]): ndarray {
  const given = parts(args);
  const consumed = given.filter((p) => p.kind === 'array' || (p.item !== 'newaxis' && p.item !== '...')).length;
  const ellipses = given.filter((p) => p.kind === 'basic' && p.item === '...').length;
  if (ellipses > 1) throw new IndexError('index', "an index can only have a single ellipsis ('...')");
  if (consumed > a.ndim) throw new IndexError('index', `too many indices for array: array is ${a.ndim}-dimensional, but ${consumed} were indexed`);
  const expanded: Part[] = [];
  for (const p of given) {
    if (p.kind === 'basic' && p.item === '...') for (let k = 0; k < a.ndim - consumed; k++) expanded.push({ kind: 'basic', item: {} });
    else expanded.push(p);
  }
  if (ellipses === 0) for (let k = consumed; k < a.ndim; k++) expanded.push({ kind: 'basic', item: {} });
  // Integer scalars are advanced (0-d) indices beside arrays.
  const items = expanded.map((p): Part => (p.kind === 'basic' && typeof p.item === 'number' ? { kind: 'array', index: filled([], INT64, BigInt(p.item)) } : p));
  const advanced = items.map((p, i) => (p.kind === 'array' ? i : -1)).filter((i) => i >= 0);
  const adjacent = advanced.every((i, k) => k === 0 || i === advanced[k - 1]! + 1);
  const broadcast = broadcastShapes(...items.filter((p) => p.kind === 'array').map((p) => (p as { index: ndarray }).index.shape));
  const strides = a.shape.map((_, d) => a.shape.slice(d + 1).reduce((v, e) => v * e, 1));
  // Each basic item's slice (start, step, count) along its axis of `a`, and the axis of each item.
  const slices: ([number, number, number] | null)[] = [];
  const axes: number[] = [];
  let dim = 0;
  for (const p of items) {
    axes.push(dim);
    if (p.kind === 'basic' && p.item === 'newaxis') {
      slices.push(null);
      continue;
    }
    if (p.kind === 'basic') {
      const extent = a.shape[dim]!;
      const [start, stop, step] = sliceIndices(p.item as { start?: number; stop?: number; step?: number }, extent, dim);
      const count = sliceLength(start, stop, step);
      slices.push([start, step, count]);
    } else slices.push(null);
    dim++;
  }
  // The result's dimensions: each basic slice or new axis one, the broadcast block once (where
  // the first index array is when they are adjacent, else first).
  const dims: number[] = [];
  const placeOf: number[] = new Array<number>(items.length).fill(-1);
  let blockAt = adjacent ? -1 : 0;
  if (!adjacent) dims.push(...broadcast);
  items.forEach((p, i) => {
    if (p.kind === 'array') {
      if (blockAt < 0) {
        blockAt = dims.length;
        dims.push(...broadcast);
      }
      return;
    }
    placeOf[i] = dims.length;
    dims.push(slices[i] === null ? 1 : slices[i]![2]);
  });
  const rank = dims.length;
  const terms: ndarray[] = [];
  items.forEach((p, i) => {
    const d = axes[i]!;
    if (p.kind === 'array') {
      const extent = a.shape[d]!;
      const idx = p.index;
      if (idx.size > 0) {
        const lo = Number(min(idx).item());
        const hi = Number(max(idx).item());
        if (lo < -extent || hi >= extent) throw new IndexError('index', `index ${lo < -extent ? lo : hi} is out of bounds for axis ${d} with size ${extent}`);
      }
      const term = multiply(where(less(idx, 0), add(idx, extent), idx), strides[d]!);
      const block = new ndarray(broadcastStore(term.store, broadcast));
      terms.push(reshape(block, [...new Array<number>(blockAt).fill(1), ...broadcast, ...new Array<number>(rank - blockAt - broadcast.length).fill(1)]));
    } else if (slices[i] !== null) {
      const [start, step, count] = slices[i]!;
      const values = count === 0 ? filled([0], INT64, 0n) : arange(start, start + step * count, step, INT64);
      terms.push(reshape(multiply(values, strides[d]!), dims.map((e, k) => (k === placeOf[i] ? e : 1))));
    }
  });
  const out = new ndarray(LogicalStore.create(dims, INT64));
  if (out.size > 0) {
    let sum: ndarray = terms.length > 0 ? terms[0]! : filled([], INT64, 0n);
    for (let k = 1; k < terms.length; k++) sum = add(sum, terms[k]!);
    out.assign(sum);
  }
  return out;
}

/** `a[index]` for an advanced index: a new array (a copy, as NumPy's). */
export function advancedRead(a: ndarray, args: readonly unknown[]): ndarray {
  return tidy(() => {
    const flat = flatPositions(a, args);
    if (flat.size > 0 && a.size === 0) throw new IndexError('index', 'index is out of bounds for an empty axis');
    return gatherFlat(a, flat);
  });
}

/** `a[index] = value` for an advanced index: `value` broadcast to the selection and cast as NumPy's assignment; repeated positions take the last value. */
export function advancedWrite(a: ndarray, args: readonly unknown[], value: Operand): void {
  checkWritable(a, 'a');
  tidy(() => {
    const flat = flatPositions(a, args);
    if (flat.size === 0) return;
    const values = new ndarray(LogicalStore.create(flat.shape, a.dtype));
    assign(values, value);
    scatterFlat(a, flat, values);
  });
}
