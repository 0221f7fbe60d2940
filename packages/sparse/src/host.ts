// A CSR matrix's parts read to the host, for what must see every entry there (writing a Matrix
// Market file). Structure is built by tasks (structure.ts), never from these.
import type { DType, TypedArray } from '@legate/core';

/** A CSR matrix's parts on the host: indices as float64 numbers, values with `lanes` per entry. */
export interface HostCsr {
  rows: number;
  cols: number;
  indptr: Float64Array;
  indices: Float64Array;
  values: TypedArray;
  dtype: DType;
}

/** A typed array of values indexed as numbers or bigints (one type's, lanes interleaved). */
export type Values = TypedArray & { [i: number]: number | bigint };
