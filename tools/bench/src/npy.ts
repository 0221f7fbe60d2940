import { writeFileSync } from 'node:fs';

import type { BenchInput } from './suite.js';

const DESCR: Record<string, string> = {
  Float64Array: '<f8',
  Float32Array: '<f4',
  Int8Array: '|i1',
  Int16Array: '<i2',
  Int32Array: '<i4',
  BigInt64Array: '<i8',
  Uint8Array: '|u1',
  Uint16Array: '<u2',
  Uint32Array: '<u4',
  BigUint64Array: '<u8',
};
const COMPLEX: Record<string, string> = { complex64: '<c8', complex128: '<c16' };

/** Writes an input as a NumPy .npy file (format 1.0), so the peer loads the same bytes. */
export function writeNpy(file: string, input: BenchInput): void {
  const { data } = input;
  const descr = input.dtype ? COMPLEX[input.dtype] : DESCR[data.constructor.name];
  if (!descr) throw new TypeError(`writeNpy: unsupported ${input.dtype ?? data.constructor.name}`);
  const lanes = input.dtype ? 2 : 1;
  const shape = input.shape ?? [data.length / lanes];
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad so the data starts on a 64-byte boundary, as NumPy does.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
