import { ArgumentError, LogicalStore } from '@legate/core';

/** An index out of range, as NumPy's IndexError. */
export class IndexError extends ArgumentError {
  override name = 'IndexError';
}

/** One item of a basic index: an integer, a slice, `...`, or a new axis. */
export type IndexItem = number | { start?: number; stop?: number; step?: number } | '...' | 'newaxis';

/**
 * One argument of `ndarray.slice`: a whole index in NumPy's syntax (a string, alone), one item,
 * `':'` for a full slice, or `null` for a new axis.
 */
export type IndexArgument = string | IndexItem | null | readonly IndexItem[];

/** The index items `slice(...)`'s arguments name. */
export function indexItems(args: readonly IndexArgument[]): IndexItem[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly IndexItem[])];
  if (args.length === 1 && typeof args[0] === 'string' && args[0] !== '...' && args[0] !== 'newaxis') return parseIndex(args[0]);
  return args.map((item, i) => {
    if (item === null) return 'newaxis';
    if (item === ':') return {};
    if (typeof item === 'number' || item === '...' || item === 'newaxis') return item;
    if (typeof item === 'object' && !Array.isArray(item)) return item as IndexItem;
    if (typeof item === 'string') {
      const parsed = parseIndex(item);
      if (parsed.length === 1) return parsed[0]!;
    }
    throw new IndexError(`index ${i}`, `expected an integer, a slice {start, stop, step}, ':', '...', or null, got ${JSON.stringify(item)}`);
  });
}

// The parses of the index strings a program uses (a loop indexes with the same few), read-only.
const parsed = new Map<string, readonly IndexItem[]>();

/** Parses NumPy's basic index syntax: `'1:-1, ::2'`, `'..., 0'`, `'None, :'`. */
export function parseIndex(text: string): IndexItem[] {
  const known = parsed.get(text);
  if (known) return known as IndexItem[];
  const items = Object.freeze(parseText(text).map((item) => (typeof item === 'object' ? Object.freeze(item) : item)));
  if (parsed.size >= 256) parsed.clear();
  parsed.set(text, items);
  return items as IndexItem[];
}

function parseText(text: string): IndexItem[] {
  if (text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const part = raw.trim();
    if (part === '...' || part === 'Ellipsis') return '...';
    if (part === 'None' || part === 'newaxis' || part === 'np.newaxis') return 'newaxis';
    const number = (s: string | undefined, what: string) => {
      if (s === undefined || s.trim() === '') return undefined;
      if (!/^\s*-?\d+\s*$/.test(s)) throw new IndexError('index', `'${text}': ${what} '${s.trim()}' is not an integer`);
      return Number(s);
    };
    if (!part.includes(':')) {
      const i = number(part, 'index');
      if (i === undefined) throw new IndexError('index', `'${text}': an empty item`);
      return i;
    }
    const fields = part.split(':');
    if (fields.length > 3) throw new IndexError('index', `'${text}': '${part}' has too many colons`);
    const slice: { start?: number; stop?: number; step?: number } = {};
    const start = number(fields[0], 'start');
    const stop = number(fields[1], 'stop');
    const step = number(fields[2], 'step');
    if (start !== undefined) slice.start = start;
    if (stop !== undefined) slice.stop = stop;
    if (step !== undefined) slice.step = step;
    return slice;
  });
}

/** How many elements a slice's (start, stop, step) from {@link sliceIndices} selects. */
export function sliceLength(start: number, stop: number, step: number): number {
  return step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
}

/** NumPy's slice.indices: the start, stop and step a slice takes on an axis of `extent`. */
export function sliceIndices(s: { start?: number; stop?: number; step?: number }, extent: number, axis: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new IndexError('index', `slice step cannot be zero (axis ${axis})`);
  return step > 0
    ? [sliceBound(s.start, extent, 0, 0, extent), sliceBound(s.stop, extent, extent, 0, extent), step]
    : [sliceBound(s.start, extent, extent - 1, -1, extent - 1), sliceBound(s.stop, extent, -1, -1, extent - 1), step];
}

function sliceBound(v: number | undefined, extent: number, fallback: number, lo: number, hi: number): number {
  if (v === undefined) return fallback;
  return Math.min(Math.max(v < 0 ? v + extent : v, lo), hi);
}

/** The view of `store` a basic index selects (no copy; NumPy semantics). */
export function indexStore(store: LogicalStore, items: readonly IndexItem[]): LogicalStore {
  let consumed = 0;
  let ellipses = 0;
  for (const item of items) {
    if (item === '...') ellipses++;
    else if (item !== 'newaxis') consumed++;
  }
  if (ellipses > 1) throw new IndexError('index', "an index can only have a single ellipsis ('...')");
  const ndim = store.ndim;
  if (consumed > ndim) {
    throw new IndexError('index', `too many indices for array: array is ${ndim}-dimensional, but ${consumed} were indexed`);
  }
  // The ellipsis stands for the dimensions no item takes; without one they follow the items.
  const fill = ndim - consumed;
  let view = store;
  let dim = 0; // the dimension of `view` the next item applies to
  let axis = 0; // the axis of `store` it came from, for messages
  try {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      let next: LogicalStore;
      if (item === '...') {
        dim += fill;
        axis += fill;
        continue;
      } else if (item === 'newaxis') {
        next = view.promote(dim, 1);
        dim++;
      } else if (typeof item === 'number') {
        if (!Number.isSafeInteger(item)) throw new IndexError('index', `only integers, slices, '...' and None are valid indices, got ${item}`);
        const extent = view.shape[dim]!;
        const k = item < 0 ? item + extent : item;
        if (k < 0 || k >= extent) throw new IndexError('index', `index ${item} is out of bounds for axis ${axis} with size ${extent}`);
        next = view.project(dim, k);
        axis++;
      } else {
        const extent = view.shape[dim]!;
        const [start, stop, step] = sliceIndices(item, extent, axis);
        const count = sliceLength(start, stop, step);
        dim++;
        axis++;
        // A full slice of a view made here is that view: nothing more to make.
        if (view !== store && step === 1 && start === 0 && count === extent) continue;
        next = count === 0 ? view.slice(dim - 1, 0, 0) : view.slice(dim - 1, start, start + step * count, step);
      }
      // Each step is a view of the storage itself: the intermediate views are freed as they go.
      if (view !== store) view.dispose();
      view = next;
    }
  } catch (error) {
    if (view !== store) view.dispose();
    throw error;
  }
  // No item made a view (none given, or only an ellipsis): a new view all the same, as NumPy's
  // a[...] is a new array object (a 0-d store is its own view, as before).
  if (view === store && ndim > 0) view = store.slice(0, 0, store.shape[0]!);
  return view;
}
