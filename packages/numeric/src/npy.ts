// NumPy's file formats: .npy (one array: a header, then its bytes in C order) and .npz (a zip of
// .npy files, stored or deflated), written so NumPy reads them and read as NumPy writes them
// (versions 1 to 3, little-endian or byte-sized types). np.save / np.load / np.savez /
// np.savez_compressed, and the format pieces other libraries' archives use (@legate/sparse's
// save_npz). Arrays travel as whole byte blocks, never element by element.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as zlib from 'node:zlib';

import { checkOptions, dtype as toDType, DTypeError, type DTypeLike, type TypedArray } from '@legate/core';

import { describeValue } from './arguments.js';
import { empty } from './creation.js';
import { ValueError } from './errors.js';
import { arrayFrom, isScalar, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';

/** NumPy's type strings (little-endian or byte-sized) for the element types. */
export const DESCR: Readonly<Record<string, string>> = {
  bool: '|b1',
  int8: '|i1',
  uint8: '|u1',
  int16: '<i2',
  uint16: '<u2',
  int32: '<i4',
  uint32: '<u4',
  int64: '<i8',
  uint64: '<u8',
  float32: '<f4',
  float64: '<f8',
  complex64: '<c8',
  complex128: '<c16',
};
const FROM_DESCR: Record<string, string> = Object.fromEntries(Object.entries(DESCR).map(([name, d]) => [d.slice(1), name]));

/** A reason a file is not what it should be, as the caller's typed error. */
export type Failure = (why: string) => Error;

/** One array as .npy version 1.0 bytes: `descr` a NumPy type string, the body in C order. */
export function npyBytes(descr: string, shape: readonly number[], body: Uint8Array): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic, version, length, header: padded with spaces to a multiple of 64, ending in \n.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(body, 10 + header.length);
  return out;
}

/** The bytes of a typed array (no copy). */
export const bytesOf = (a: TypedArray): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** An array as .npy bytes (its elements in C order). */
export function arrayToNpy(a: ndarray): Uint8Array {
  return npyBytes(DESCR[a.dtype.name]!, a.shape, a.size === 0 ? new Uint8Array(0) : bytesOf(a.toArray()));
}

/** A parsed .npy file: its type string, shape and body. */
export interface NpyArray {
  descr: string;
  shape: number[];
  body: Uint8Array;
}

/** Reads .npy bytes (versions 1 to 3); `name` names the file in messages. */
export function parseNpy(bytes: Uint8Array, name: string, fail: Failure): NpyArray {
  const bad = (why: string) => fail(`${name} is not a .npy array: ${why}`);
  if (bytes.length < 10 || bytes[0] !== 0x93 || Buffer.from(bytes.subarray(1, 6)).toString('latin1') !== 'NUMPY') throw bad('no .npy magic');
  const major = bytes[6]!;
  if (major < 1 || major > 3 || (major > 1 && bytes.length < 12)) throw bad(`unknown .npy version ${major}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [length, start] = major === 1 ? [view.getUint16(8, true), 10] : [view.getUint32(8, true), 12];
  const header = Buffer.from(bytes.subarray(start, start + length)).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw bad(`unreadable header ${JSON.stringify(header)}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length).map(Number);
  if (shape.some((e) => !Number.isSafeInteger(e) || e < 0)) throw bad(`a bad shape (${shapeText})`);
  if (fortran === 'True' && shape.length > 1) throw bad('Fortran-ordered arrays are not supported');
  return { descr, shape, body: bytes.subarray(start + length) };
}

/** The .npy array as an ndarray of its own type (little-endian or byte-sized numbers only). */
export function npyToArray(a: NpyArray, name: string, fail: Failure): ndarray {
  const order = a.descr[0];
  const type = FROM_DESCR[a.descr.slice(1)];
  if (type === undefined || order === '>' || (order !== '<' && order !== '|' && order !== '=')) {
    throw fail(`${name} has type '${a.descr}', which is not a little-endian number type`);
  }
  const t = toDType(type as DTypeLike);
  const count = a.shape.reduce((x, y) => x * y, 1);
  if (a.body.length < count * t.itemsize) throw fail(`${name} is truncated (${a.body.length} of ${count * t.itemsize} bytes)`);
  const copy = new Uint8Array(count * t.itemsize);
  copy.set(a.body.subarray(0, copy.length));
  const out = empty(a.shape.length ? a.shape : [], t);
  if (count) out.store.write(new t.arrayType(copy.buffer) as TypedArray);
  return out;
}

/** A NumPy byte (`S`) or unicode (`U`, UTF-32) string scalar's text ('' for other types). */
export function npyToString(a: NpyArray): string {
  const kind = a.descr.slice(1, 2);
  if (kind === 'S') return Buffer.from(a.body).toString('latin1').replace(/\0+$/, '');
  if (kind !== 'U') return '';
  const chars: string[] = [];
  const view = new DataView(a.body.buffer, a.body.byteOffset, a.body.byteLength);
  for (let i = 0; i + 4 <= a.body.length; i += 4) {
    const c = view.getUint32(i, true);
    if (c === 0) break;
    chars.push(String.fromCodePoint(c));
  }
  return chars.join('');
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of the bytes: zlib's own where Node has it (20.15 and later). */
function crc32(bytes: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of the named files (stored, or deflated when `compressed`). */
export function zipArchive(files: readonly [string, Uint8Array][], compressed: boolean, fail: Failure): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const body = compressed ? new Uint8Array(zlib.deflateRawSync(data)) : data;
    if (body.length >= 0xffffffff || data.length >= 0xffffffff || offset >= 0xffffffff) {
      throw fail('arrays of 4 GiB or more need ZIP64, which is not supported');
    }
    const crc = crc32(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const method = compressed ? 8 : 0;
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint16(12, 0x21, true); // 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const size = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The files of a zip archive by name (stored or deflated entries), in the archive's order. */
export function unzipArchive(bytes: Uint8Array, fail: Failure): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => fail(`not a .npz (zip) archive: ${why}`);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (at === 0xffffffff || count === 0xffff) throw bad('ZIP64 archives are not supported');
  const files = new Map<string, Uint8Array>();
  for (let e = 0; e < count; e++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw bad('a damaged central directory');
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    if (packed === 0xffffffff || local === 0xffffffff) throw bad('ZIP64 archives are not supported');
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw bad(`a damaged entry '${name}'`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const body = bytes.subarray(start, start + packed);
    if (method === 0) files.set(name, body);
    else if (method === 8) {
      try {
        files.set(name, new Uint8Array(zlib.inflateRawSync(body)));
      } catch (e) {
        throw bad(`entry '${name}' does not inflate (${(e as Error).message})`);
      }
    } else throw bad(`entry '${name}' is compressed with method ${method}; only stored and deflated entries are read`);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** A file that is not a .npy or .npz NumPy wrote (or one this library reads): the message says why. */
export class NpyFormatError extends ValueError {
  override name = 'NpyFormatError';
}

function checkPath(file: unknown, fn: string): asserts file is string {
  if (typeof file !== 'string') throw new DTypeError('file', `${fn}: expected a file path, got ${describeValue(file)}`);
}

/**
 * Writes `arr` to `file` as a .npy file NumPy's `np.load` reads (NumPy's `save`; '.npy' is
 * appended to a name without it, as NumPy does).
 */
export function save(file: string, arr: ArrayInput): void {
  checkPath(file, 'save');
  const path = file.endsWith('.npy') ? file : `${file}.npy`;
  const a = arrayFrom(arr, 'arr', 'save');
  try {
    writeFileSync(path, arrayToNpy(a));
  } finally {
    if (a !== arr) a.dispose();
  }
}

function archive(fn: string, compressed: boolean, file: string, args: readonly unknown[]): void {
  checkPath(file, fn);
  const path = file.endsWith('.npz') ? file : `${file}.npz`;
  const entries: [string, ndarray, boolean][] = [];
  let positional = 0;
  args.forEach((arg, i) => {
    if (arg instanceof ndarray || Array.isArray(arg) || isScalar(arg)) {
      const a = arrayFrom(arg, `args[${i}]`, fn);
      entries.push([`arr_${positional++}`, a, a !== arg]);
    } else if (arg !== null && typeof arg === 'object') {
      for (const [name, value] of Object.entries(arg)) {
        const a = arrayFrom(value, name, fn);
        entries.push([name, a, a !== value]);
      }
    } else {
      throw new DTypeError(`args[${i}]`, `${fn}: expected arrays, or an object of named arrays, got ${describeValue(arg)}`);
    }
  });
  try {
    const names = entries.map(([name]) => name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new ValueError('args', `${fn}: Cannot use un-named variables and keyword ${twice}`);
    const files: [string, Uint8Array][] = entries.map(([name, a]) => [`${name}.npy`, arrayToNpy(a)]);
    writeFileSync(path, zipArchive(files, compressed, (why) => new ValueError('args', `${fn}: ${why}`)));
  } finally {
    for (const [, a, made] of entries) if (made) a.dispose();
  }
}

/**
 * Writes several arrays to one uncompressed .npz archive (NumPy's `savez`): arrays given in
 * order are `arr_0`, `arr_1`, ...; an object `{ name: array }` names them.
 */
export function savez(file: string, ...args: (ArrayInput | Record<string, ArrayInput>)[]): void {
  archive('savez', false, file, args);
}

/** The same as {@link savez}, with each array deflated (NumPy's `savez_compressed`). */
export function savezCompressed(file: string, ...args: (ArrayInput | Record<string, ArrayInput>)[]): void {
  archive('savez_compressed', true, file, args);
}

/** NumPy's keyword arguments of {@link load} that apply here. */
export interface LoadOptions {
  /** Accepted as NumPy's: object arrays are never read here, whatever it says. */
  allowPickle?: boolean;
}

/**
 * Reads a .npy file as an array, or a .npz archive as an object of its arrays by name (NumPy's
 * `load`; NumPy's NpzFile is a mapping too). The kind is told by the file's first bytes.
 */
export function load(file: string, options: LoadOptions = {}): ndarray | Record<string, ndarray> {
  checkPath(file, 'load');
  checkOptions(options, ['allowPickle'], 'load');
  if (!existsSync(file)) throw new ValueError('file', `load: No such file or directory: '${file}'`);
  const bytes = readFileSync(file);
  const fail = (why: string) => new NpyFormatError('file', `load: ${why}`);
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const out: Record<string, ndarray> = {};
    try {
      for (const [name, body] of unzipArchive(bytes, fail)) {
        if (!name.endsWith('.npy')) continue;
        out[name.slice(0, -4)] = npyToArray(parseNpy(body, name, fail), name, fail);
      }
    } catch (error) {
      for (const a of Object.values(out)) a.dispose();
      throw error;
    }
    return out;
  }
  return npyToArray(parseNpy(bytes, file, fail), file, fail);
}
