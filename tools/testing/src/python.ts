import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** An interpreter that can import NumPy and SciPy, or why none can. */
export type PythonProbe =
  | { readonly ok: true; readonly executable: string; readonly numpy: string; readonly scipy: string }
  | { readonly ok: false; readonly reason: string };

let probed: PythonProbe | undefined;

/**
 * Finds the interpreter the reference tests and benchmarks use: the first of `$LEGATE_PYTHON`,
 * `python3`, `/usr/bin/python3` that imports numpy and scipy (scripts/setup-system.sh installs
 * Debian's python3-numpy/python3-scipy when none does).
 */
export function findPython(): PythonProbe {
  if (probed) return probed;
  const candidates = [process.env.LEGATE_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  const reasons: string[] = [];
  for (const executable of candidates) {
    const r = spawnSync(executable, ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], {
      encoding: 'utf8',
    });
    if (r.status === 0) {
      const [numpy = '?', scipy = '?'] = r.stdout.trim().split(' ');
      probed = { ok: true, executable, numpy, scipy };
      return probed;
    }
    reasons.push(`${executable}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  probed = { ok: false, reason: `no python3 with numpy and scipy (${reasons.join('; ')}); run scripts/setup-system.sh` };
  return probed;
}

/** The typed arrays that cross to Python and back, by NumPy dtype name. */
export type ReferenceArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** An N-d array as exchanged with Python: C-order data and its shape. */
export interface NdValue {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: ReferenceArray | Uint8Array;
}

const CONSTRUCTORS: Record<string, new (b: ArrayBuffer, o: number, n: number) => ReferenceArray> = {
  float64: Float64Array,
  float32: Float32Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

function dtypeOf(data: ReferenceArray): string {
  for (const [dtype, ctor] of Object.entries(CONSTRUCTORS)) {
    if (data instanceof ctor && dtype !== 'bool') return dtype;
  }
  throw new TypeError(`unsupported typed array ${(data as object).constructor.name}`);
}

function encode(value: NdValue | ReferenceArray): object {
  const nd = ArrayBuffer.isView(value) ? { dtype: dtypeOf(value), shape: [value.length], data: value } : value;
  const bytes = Buffer.from(nd.data.buffer, nd.data.byteOffset, nd.data.byteLength);
  return { __nd__: true, dtype: nd.dtype, shape: nd.shape, b64: bytes.toString('base64') };
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (v.__nd__) {
    const dtype = v.dtype as string;
    const bytes = Buffer.from(v.b64 as string, 'base64');
    const ctor = CONSTRUCTORS[dtype];
    if (!ctor) return { dtype, shape: v.shape as number[], data: new Uint8Array(bytes) };
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    const elementSize = (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    return { dtype, shape: v.shape as number[], data: new ctor(copy, 0, bytes.byteLength / elementSize) } satisfies NdValue;
  }
  if (v.__complex__) return { re: decode(v.re), im: decode(v.im) };
  if (typeof v.__float__ === 'string') return v.__float__ === 'nan' ? NaN : v.__float__.startsWith('-') ? -Infinity : Infinity;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
}

/** An error raised by the Python side, with its traceback. */
export class PythonError extends Error {
  override name = 'PythonError';
}

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference_server.py');

/**
 * One long-lived Python process holding NumPy and SciPy, for differential tests: run code in a
 * persistent namespace with typed arrays bound by name, get values (arrays included) back.
 */
export class PythonReference {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #stderr = '';

  private constructor(executable: string) {
    this.#child = spawn(executable, ['-u', SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as { id: number; ok: boolean; value?: unknown; error?: string };
      const waiter = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (!waiter) return;
      if (reply.ok) waiter.resolve(decode(reply.value));
      else waiter.reject(new PythonError(reply.error ?? 'unknown Python error'));
    });
    this.#child.on('exit', (code, signal) => {
      const error = new PythonError(`python exited (${code ?? signal}): ${this.#stderr}`);
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    });
  }

  /** Starts a session, or returns null with the reason when no interpreter has numpy and scipy. */
  static start(): PythonReference | null {
    const probe = findPython();
    return probe.ok ? new PythonReference(probe.executable) : null;
  }

  /**
   * Runs `code` with `inputs` bound as NumPy arrays, then returns the value of the expression
   * `result` (default `out`). Arrays come back as {@link NdValue}, complex scalars as {re, im}.
   */
  run<T = unknown>(code: string, inputs: Record<string, NdValue | ReferenceArray | number | boolean | string> = {}, result = 'out'): Promise<T> {
    const id = this.#nextId++;
    const encoded = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [k, typeof v === 'object' ? encode(v) : v]),
    );
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.stdin.write(`${JSON.stringify({ id, code, inputs: encoded, result })}\n`);
    });
  }

  /** Evaluates one expression. */
  eval<T = unknown>(expression: string, inputs: Record<string, NdValue | ReferenceArray | number | boolean | string> = {}): Promise<T> {
    return this.run<T>('', inputs, expression);
  }

  close(): void {
    this.#child.stdin.end();
  }
}
