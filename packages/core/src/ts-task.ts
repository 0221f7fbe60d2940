import type { Library } from './library.js';
import { native } from './native-core.js';
import { Scalar, type ScalarValue } from './scalar.js';
import { LegateError } from './errors.js';
import { LogicalStore, tidy } from './store.js';
import { align, AutoTask, bloat, broadcast, image, scale, TaskError, type Constraint, type ImageMode, type ReductionOp } from './task.js';
import { dtype as toDType, dtypes, type DType, type DTypeLike, type TypedArray } from './types.js';

/** How a TypeScript task uses a parameter. */
export type Param =
  | { readonly kind: 'input' }
  | { readonly kind: 'output' }
  /** Read and written in place. */
  | { readonly kind: 'inout' }
  | { readonly kind: 'reduction'; readonly op: ReductionOp }
  | { readonly kind: 'scalar'; readonly dtype: DTypeLike };

/** Constraints between parameters, by name: `['align', 'x', 'y']`, `['broadcast', 'bins']`... */
export type ConstraintSpec =
  | readonly ['align', string, string]
  | readonly ['broadcast', string]
  | readonly ['broadcast', string, readonly number[]]
  | readonly ['bloat', string, string, readonly number[], readonly number[]]
  | readonly ['scale', readonly number[], string, string]
  | readonly ['image', string, string, ImageMode];

/**
 * One argument's piece as a TypeScript task body sees it: its elements in C order (a copy; what
 * the body writes to an output's or a reduction's piece is copied back), and where it lies.
 */
export interface Piece<T extends TypedArray = TypedArray> {
  readonly data: T;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Element strides of `data` (C order; complex elements count as one). */
  readonly strides: readonly number[];
  /** The piece's origin in the store's coordinates. */
  readonly offset: readonly number[];
}

/** What a body receives for each parameter: a piece, or a scalar's value. */
export type BodyArgs<P extends Record<string, Param>> = {
  readonly [K in keyof P]: P[K] extends { kind: 'scalar' } ? ScalarValue : Piece;
};

/** What a launch takes for each parameter: a store, or a scalar's value. */
export type LaunchArgs<P extends Record<string, Param>> = {
  readonly [K in keyof P]: P[K] extends { kind: 'scalar' } ? ScalarValue : LogicalStore;
};

export interface TaskDefinition<P extends Record<string, Param>> {
  readonly name: string;
  readonly params: P;
  readonly constraints?: readonly ConstraintSpec[];
  /**
   * Runs once per point task, on the JavaScript thread, synchronously: the pieces are valid until
   * it returns. Stores it makes (numeric arrays over its pieces, temporaries) are freed when it
   * returns, as in a `tidy`; `keep()` one that must outlive it.
   */
  body(args: BodyArgs<P>, context: { readonly point: readonly number[]; readonly launchShape: readonly number[] }): void;
}

interface Registered {
  readonly name: string;
  readonly params: [string, Param][];
  readonly body: (args: never, context: { point: number[]; launchShape: number[] }) => void;
}

interface RawPiece {
  buffer: ArrayBuffer;
  typeCode: number;
  shape: number[];
  offset: number[];
}

interface RawCall {
  library: number;
  task: number;
  inputs: RawPiece[];
  outputs: RawPiece[];
  reductions: RawPiece[];
  scalars: Uint8Array[];
  point: number[];
  launchShape: number[];
}

const registry = new Map<string, Registered>();
const nextTaskId = new Map<number, number>();
/** TypeScript tasks take ids far above those native variants use. */
const FIRST_TS_TASK_ID = 1 << 24;
let runnerInstalled = false;

function piece(raw: RawPiece): Piece {
  const t = dtypes[raw.typeCode]!;
  const strides = raw.shape.map((_, d) => raw.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  return { data: new t.arrayType(raw.buffer), dtype: t, shape: raw.shape, strides, offset: raw.offset };
}

function scalarValue(bytes: Uint8Array, t: DType): ScalarValue {
  const copy = bytes.slice().buffer;
  const values = new t.arrayType(copy);
  if (t.isComplex) return { re: Number(values[0]), im: Number(values[1]) };
  if (t.kind === 'b') return values[0] !== 0;
  return values[0]!;
}

function run(call: RawCall): void {
  const task = registry.get(`${call.library}:${call.task}`);
  if (!task) throw new Error(`no TypeScript task ${call.task} in library ${call.library}`);
  const args: Record<string, Piece | ScalarValue> = {};
  const next = { input: 0, output: 0, reduction: 0, scalar: 0 };
  for (const [name, p] of task.params) {
    if (p.kind === 'input') args[name] = piece(call.inputs[next.input++]!);
    else if (p.kind === 'output' || p.kind === 'inout') args[name] = piece(call.outputs[next.output++]!);
    else if (p.kind === 'reduction') args[name] = piece(call.reductions[next.reduction++]!);
    else args[name] = scalarValue(call.scalars[next.scalar++]!, toDType(p.dtype));
  }
  // A tidy scope: stores over the pieces must not outlive them, nor temporaries the body.
  tidy(() => {
    const result: unknown = task.body(args as never, { point: call.point, launchShape: call.launchShape });
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      (result as Promise<unknown>).then(undefined, () => undefined);
      throw new LegateError(`the body of task '${task.name}' returned a promise: a body runs synchronously (its pieces are valid only until it returns); wait with store.wait(), not await`);
    }
  });
}

/**
 * Defines a task in TypeScript (the analogue of Legate's Python `@task`): parameters declared as
 * input, output, inout, reduction or scalar, constraints between them by name, and a body that
 * receives each store argument's piece. Returns the function that launches it.
 *
 * The body runs on the JavaScript thread, one point task at a time (at waits, at fences, and
 * from the event loop), while native tasks run on the worker threads: TypeScript tasks compose
 * with native ones, but do not run in parallel with each other.
 *
 * @example
 * ```ts
 * const lib = core.createLibrary('define-task-example');
 * const digits = core.defineTask(lib, {
 *   name: 'digit-histogram',
 *   params: { values: { kind: 'input' }, bins: { kind: 'reduction', op: 'add' } },
 *   constraints: [['broadcast', 'bins']],
 *   body: ({ values, bins }) => {
 *     const counts = bins.data as BigInt64Array;
 *     for (const v of values.data as BigInt64Array) counts[Number(v % 10n)]! += 1n;
 *   },
 * });
 * const bins = np.zeros([10], 'int64');
 * digits({ values: np.arange(25).store, bins: bins.store });
 * console.log(bins);
 * // array([3, 3, 3, 3, 3, 2, 2, 2, 2, 2])
 * ```
 */
export function defineTask<P extends Record<string, Param>>(library: Library, definition: TaskDefinition<P>): (args: LaunchArgs<P>) => void {
  const params = Object.entries(definition.params) as [string, Param][];
  const names = new Set(params.map(([n]) => n));
  for (const [name, p] of params) {
    if (!['input', 'output', 'inout', 'reduction', 'scalar'].includes(p?.kind)) {
      throw new TaskError(name, `expected a parameter kind of input, output, inout, reduction or scalar, got ${JSON.stringify(p)}`);
    }
    if (p.kind === 'scalar') toDType(p.dtype, name);
  }
  for (const spec of definition.constraints ?? []) {
    for (const ref of specParams(spec)) {
      const p = definition.params[ref];
      if (!p || p.kind === 'scalar') {
        throw new TaskError('constraints', `${JSON.stringify(spec)} names '${ref}', which is not a store parameter`);
      }
    }
  }
  const id = nextTaskId.get(library.id) ?? FIRST_TS_TASK_ID;
  nextTaskId.set(library.id, id + 1);
  native().registerJsTask(library.id, id, definition.name);
  registry.set(`${library.id}:${id}`, { name: definition.name, params, body: definition.body as never });
  if (!runnerInstalled) {
    native().setJsTaskRunner(run);
    runnerInstalled = true;
  }

  return (args: LaunchArgs<P>) => {
    const given = args as Record<string, LogicalStore | ScalarValue>;
    for (const key of Object.keys(given)) {
      if (!names.has(key)) throw new TaskError(key, `is not a parameter of task '${definition.name}'`);
    }
    const launch = new AutoTask(library, id);
    const stores: Record<string, LogicalStore> = {};
    for (const [name, p] of params) {
      const value = given[name];
      if (value === undefined) throw new TaskError(name, `missing argument of task '${definition.name}'`);
      if (p.kind === 'scalar') {
        launch.addScalar(new Scalar(value as ScalarValue, p.dtype, name));
        continue;
      }
      if (!(value instanceof LogicalStore)) throw new TaskError(name, `expected a LogicalStore for parameter '${name}'`);
      stores[name] = value;
      if (p.kind === 'input') launch.addInput(value);
      else if (p.kind === 'output') launch.addOutput(value);
      else if (p.kind === 'inout') launch.addInputOutput(value);
      else launch.addReduction(value, p.op);
    }
    for (const spec of definition.constraints ?? []) launch.addConstraint(toConstraint(spec, stores));
    launch.execute();
  };
}

/** The parameters a constraint names. */
function specParams(spec: ConstraintSpec): string[] {
  switch (spec[0]) {
    case 'broadcast':
      return [spec[1]];
    case 'scale':
      return [spec[2], spec[3]];
    default:
      return [spec[1], spec[2]];
  }
}

function toConstraint(spec: ConstraintSpec, s: Record<string, LogicalStore>): Constraint {
  switch (spec[0]) {
    case 'align':
      return align(s[spec[1]]!, s[spec[2]]!);
    case 'broadcast':
      return spec.length === 3 ? broadcast(s[spec[1]]!, spec[2]) : broadcast(s[spec[1]]!);
    case 'bloat':
      return bloat(s[spec[1]]!, s[spec[2]]!, spec[3], spec[4]);
    case 'scale':
      return scale(spec[1], s[spec[2]]!, s[spec[3]]!);
    case 'image':
      return image(s[spec[1]]!, s[spec[2]]!, spec[3]);
  }
}
