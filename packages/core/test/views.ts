// Random chains of store transforms, and the same chains in NumPy, shared by the tests.

/** A store's elements as numbers (for stores that do not hold 64-bit integers). */
export function numbers(store: { read(): ArrayLike<number | bigint> }): number[] {
  return Array.from(store.read() as ArrayLike<number>);
}

/** Anything with the transform methods: an AffineMap or a LogicalStore. */
export interface Viewable<T> {
  readonly shape: readonly number[];
  slice(dim: number, start: number, stop: number, step?: number): T;
  promote(dim: number, extent: number): T;
  project(dim: number, index: number): T;
  transpose(axes: readonly number[]): T;
  broadcast(dim: number, extent: number): T;
  delinearize(dim: number, shape: readonly number[]): T;
  slidingWindow(dim: number, window: number): T;
  diagonal(dim1: number, dim2: number, offset?: number): T;
}

export type Op =
  | ['slice', number, number, number, number]
  | ['promote', number, number]
  | ['project', number, number]
  | ['transpose', number[]]
  | ['broadcast', number, number]
  | ['delinearize', number, number[]]
  | ['window', number, number]
  | ['diagonal', number, number, number];

export const randint = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

export function randomOp(shape: readonly number[]): Op | null {
  const nd = shape.length;
  const dim = randint(0, Math.max(0, nd - 1));
  switch (randint(0, 7)) {
    case 0: {
      if (nd === 0 || shape[dim]! === 0) return null;
      const step = [1, 1, 2, 3, -1, -2][randint(0, 5)]!;
      const start = randint(0, shape[dim]! - 1);
      const stop = step > 0 ? randint(start, shape[dim]!) : randint(-1, start);
      return ['slice', dim, start, stop, step];
    }
    case 1:
      return nd < 5 ? ['promote', randint(0, nd), randint(1, 3)] : null;
    case 2:
      return nd > 1 && shape[dim]! > 0 ? ['project', dim, randint(0, shape[dim]! - 1)] : null;
    case 3: {
      const axes = shape.map((_, i) => i).sort(() => Math.random() - 0.5);
      return ['transpose', axes];
    }
    case 4: {
      const ones = shape.map((e, i) => (e === 1 ? i : -1)).filter((i) => i >= 0);
      return ones.length ? ['broadcast', ones[randint(0, ones.length - 1)]!, randint(0, 4)] : null;
    }
    case 6:
      return nd > 0 && nd < 5 && shape[dim]! > 0 ? ['window', dim, randint(1, shape[dim]!)] : null;
    case 7: {
      if (nd < 2) return null;
      const other = (dim + randint(1, nd - 1)) % nd;
      return ['diagonal', dim, other, randint(-3, 3)];
    }
    default: {
      const e = nd ? shape[dim]! : 0;
      const f = [2, 3, 4, 5].find((k) => e % k === 0 && e > k);
      return f && nd < 5 ? ['delinearize', dim, [f, e / f]] : null;
    }
  }
}

export function applyOp<T extends Viewable<T>>(map: T, op: Op): T {
  switch (op[0]) {
    case 'slice':
      return map.slice(op[1], op[2], op[3], op[4]);
    case 'promote':
      return map.promote(op[1], op[2]);
    case 'project':
      return map.project(op[1], op[2]);
    case 'transpose':
      return map.transpose(op[1]);
    case 'broadcast':
      return map.broadcast(op[1], op[2]);
    case 'delinearize':
      return map.delinearize(op[1], op[2]);
    case 'window':
      return map.slidingWindow(op[1], op[2]);
    case 'diagonal':
      return map.diagonal(op[1], op[2], op[3]);
  }
}

/** One to five random transforms starting from `shape`. */
export function randomChain(shape: readonly number[], options: { writable?: boolean } = {}): Op[] {
  const ops: Op[] = [];
  let current: readonly number[] = shape;
  for (let k = randint(1, 5); k > 0; k--) {
    const op = randomOp(current);
    if (!op || (options.writable && (op[0] === 'promote' || op[0] === 'broadcast' || op[0] === 'window'))) continue;
    ops.push(op);
    current = shapeAfter(current, op);
  }
  return ops;
}

function shapeAfter(shape: readonly number[], op: Op): number[] {
  const s = [...shape];
  switch (op[0]) {
    case 'slice': {
      const [, dim, start, stop, step] = op;
      s[dim] = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
      return s;
    }
    case 'promote':
      s.splice(op[1], 0, op[2]);
      return s;
    case 'project':
      s.splice(op[1], 1);
      return s;
    case 'transpose':
      return op[1].map((a) => shape[a]!);
    case 'broadcast':
      s[op[1]] = op[2];
      return s;
    case 'delinearize':
      s.splice(op[1], 1, ...op[2]);
      return s;
    case 'window':
      s[op[1]] = s[op[1]]! - op[2] + 1;
      s.push(op[2]);
      return s;
    case 'diagonal': {
      const [, d1, d2, k] = op;
      const [n1, n2] = [shape[d1]!, shape[d2]!];
      const length = Math.max(0, k >= 0 ? Math.min(n1, n2 - k) : Math.min(n1 + k, n2));
      return [...shape.filter((_, v) => v !== d1 && v !== d2), length];
    }
  }
}

/** Python: apply(a, op) for each Op, giving the same elements as our transform. */
export const NUMPY_OPS = `
def apply(a, op):
    kind = op[0]
    if kind == 'slice':
        _, dim, start, stop, step = op
        return np.take(a, list(range(start, stop, step)), axis=dim)
    if kind == 'promote':
        _, dim, extent = op
        b = np.expand_dims(a, dim)
        shape = list(b.shape); shape[dim] = extent
        return np.broadcast_to(b, shape)
    if kind == 'project':
        return np.take(a, op[2], axis=op[1])
    if kind == 'transpose':
        return a.transpose(op[1])
    if kind == 'broadcast':
        shape = list(a.shape); shape[op[1]] = op[2]
        return np.broadcast_to(a, shape)
    if kind == 'delinearize':
        _, dim, parts = op
        return a.reshape(a.shape[:dim] + tuple(parts) + a.shape[dim + 1:])
    if kind == 'window':
        return np.lib.stride_tricks.sliding_window_view(a, op[2], axis=op[1])
    if kind == 'diagonal':
        return np.diagonal(a, op[3], op[1], op[2])
    raise ValueError(kind)

`;

/** Python: run_case({shape, ops}) gives the storage offsets of the view's elements, in C order. */
export const NUMPY_OFFSETS = `
def run_case(case):
    a = np.arange(int(np.prod(case['shape'])), dtype=np.int64).reshape(case['shape'])
    for op in case['ops']:
        a = apply(a, op)
    return np.ascontiguousarray(a).reshape(-1)
`;
