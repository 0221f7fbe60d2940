// SciPy's save_npz / load_npz: a sparse matrix as a NumPy .npz archive (a zip of .npy arrays:
// data, indices, indptr, shape, format), readable by `scipy.sparse.load_npz` and written by
// `scipy.sparse.save_npz` (compressed or not). Files are bytes on the host; the matrix's parts
// travel as whole arrays, never element by element.
import { readFileSync, writeFileSync } from 'node:fs';
import * as zlib from 'node:zlib';

import { checkOptions, DTypeError, tidy, dtype as toDType, type DTypeLike, type TypedArray } from '@legate/core';
import * as np from '@legate/numeric';

import { cooArray } from './coo.js';
import { cscArray } from './csc.js';
import { csrArray } from './csr.js';
import { diaArray } from './dia.js';

/** A .npz file could not be read as a sparse matrix: the message says why. */
export class NpzError extends np.ValueError {
  override name = 'NpzError';
}

// NumPy's type strings (little-endian or byte-sized) for the types a matrix holds.
const DESCR: Record<string, string> = {
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
const FROM_DESCR = Object.fromEntries(Object.entries(DESCR).map(([name, d]) => [d.slice(1), name]));

/** One array as .npy version 1.0 bytes. */
function npy(descr: string, shape: readonly number[], body: Uint8Array): Uint8Array {
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

const bytesOf = (a: TypedArray): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

interface NpyArray {
  descr: string;
  shape: number[];
  body: Uint8Array;
}

/** Reads .npy bytes (versions 1 to 3). */
function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  const bad = (why: string) => new NpzError('file', `load_npz: ${name} is not a .npy array: ${why}`);
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

/** The .npy array as an ndarray of its own type (little-endian numbers only). */
function arrayOf(a: NpyArray, name: string): np.ndarray {
  const order = a.descr[0];
  const type = FROM_DESCR[a.descr.slice(1)];
  if (type === undefined || order === '>' || (order !== '<' && order !== '|' && order !== '=')) {
    throw new NpzError('file', `load_npz: ${name} has type '${a.descr}', which is not a little-endian number type`);
  }
  const t = toDType(type as DTypeLike);
  const count = a.shape.reduce((x, y) => x * y, 1);
  if (a.body.length < count * t.itemsize) throw new NpzError('file', `load_npz: ${name} is truncated (${a.body.length} of ${count * t.itemsize} bytes)`);
  const copy = new Uint8Array(count * t.itemsize);
  copy.set(a.body.subarray(0, copy.length));
  const out = np.empty(a.shape.length ? a.shape : [], t);
  if (count) out.store.write(new t.arrayType(copy.buffer) as TypedArray);
  return out;
}

/** A NumPy byte (`S`) or unicode (`U`, UTF-32) string scalar: the archive's `format`. */
function stringOf(a: NpyArray): string {
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
function zip(files: readonly [string, Uint8Array][], compressed: boolean): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const body = compressed ? new Uint8Array(zlib.deflateRawSync(data)) : data;
    if (body.length >= 0xffffffff || data.length >= 0xffffffff || offset >= 0xffffffff) {
      throw new np.ValueError('matrix', 'save_npz: arrays of 4 GiB or more need ZIP64, which is not supported');
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

/** The files of a zip archive by name (stored or deflated entries). */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => new NpzError('file', `load_npz: not a .npz (zip) archive: ${why}`);
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
    }
    else throw bad(`entry '${name}' is compressed with method ${method}; only stored and deflated entries are read`);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/**
 * Writes a matrix as SciPy's `save_npz` does (`compressed` by default), in its own format (csr,
 * csc or coo): `scipy.sparse.load_npz` reads it back as a sparse array of that format with the
 * same parts.
 */
export function saveNpz(path: string, matrix: csrArray | cscArray | cooArray | diaArray, options: { compressed?: boolean } = {}): void {
  if (typeof path !== 'string') throw new DTypeError('path', `save_npz: expected a file path, got ${typeof path}`);
  if (!(matrix instanceof csrArray || matrix instanceof cscArray || matrix instanceof cooArray || matrix instanceof diaArray)) throw new DTypeError('matrix', 'save_npz: expected a csrArray, cscArray, cooArray or diaArray');
  const { compressed = true } = checkOptions(options, ['compressed'], 'save_npz');
  if (typeof compressed !== 'boolean') throw new DTypeError('compressed', `save_npz: expected a boolean, got ${typeof compressed}`);
  const part = (a: np.ndarray) => npy(DESCR[a.dtype.name]!, a.ndim === 2 ? [...a.shape] : [a.size], bytesOf(a.toArray()));
  const shape = new BigInt64Array(matrix.shape.map((e) => BigInt(e)));
  const structure: [string, Uint8Array][] =
    matrix instanceof diaArray
      ? [['offsets.npy', part(matrix.offsets)]]
      : matrix instanceof cooArray
      ? [
          ['row.npy', part(matrix.row)],
          ['col.npy', part(matrix.col)],
        ]
      : [
          ['indices.npy', part(matrix.indices)],
          ['indptr.npy', part(matrix.indptr)],
        ];
  const files: [string, Uint8Array][] = [
    ...structure,
    ['format.npy', npy('|S3', [], Buffer.from(matrix.format, 'latin1'))],
    ['shape.npy', npy('<i8', [2], bytesOf(shape))],
    ['data.npy', part(matrix.data)],
    // SciPy reads a matrix saved with this flag back as a sparse array (csr_array), not a csr_matrix.
    ['_is_array.npy', npy('|b1', [], new Uint8Array([1]))],
  ];
  writeFileSync(path, zip(files, compressed));
}

/**
 * Reads a matrix SciPy's `save_npz` wrote, in the format it was saved in: a csrArray, cscArray
 * or cooArray (a coo file's entries as stored, duplicates kept).
 */
export function loadNpz(path: string): csrArray | cscArray | cooArray | diaArray {
  if (typeof path !== 'string') throw new DTypeError('path', `load_npz: expected a file path, got ${typeof path}`);
  const files = unzip(readFileSync(path));
  const entry = (name: string) => {
    const bytes = files.get(`${name}.npy`);
    if (!bytes) throw new NpzError('file', `load_npz: the archive has no '${name}' array (it holds ${[...files.keys()].join(', ') || 'nothing'})`);
    return parseNpy(bytes, `${name}.npy`);
  };
  const formatArray = entry('format');
  const format = stringOf(formatArray);
  const shape = tidy(() => Array.from(arrayOf(entry('shape'), 'shape.npy').toArray() as ArrayLike<number | bigint>, Number));
  if (shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0)) throw new NpzError('file', `load_npz: expected a 2-D shape, got (${shape.join(', ')})`);
  const [rows, cols] = shape as [number, number];
  return tidy(() => {
    const data = arrayOf(entry('data'), 'data.npy');
    if (format === 'csr') return new csrArray([data, arrayOf(entry('indices'), 'indices.npy'), arrayOf(entry('indptr'), 'indptr.npy')], { shape: [rows, cols] });
    if (format === 'csc') return new cscArray([data, arrayOf(entry('indices'), 'indices.npy'), arrayOf(entry('indptr'), 'indptr.npy')], { shape: [rows, cols] });
    if (format === 'coo') {
      const row = arrayOf(files.has('row.npy') ? entry('row') : entry('coords0'), 'row.npy');
      const col = arrayOf(files.has('col.npy') ? entry('col') : entry('coords1'), 'col.npy');
      return new cooArray([data, [row, col]], { shape: [rows, cols] });
    }
    if (format === 'dia') return new diaArray([data, arrayOf(entry('offsets'), 'offsets.npy')], { shape: [rows, cols] });
    throw new NpzError('file', `load_npz: the matrix is stored as '${format}'; csr, csc, coo and dia are read`);
  });
}
