import { ArgumentError } from '@legate/core';

import { describeValue } from './arguments.js';

/** An axis that the array does not have, as NumPy's AxisError. */
export class AxisError extends ArgumentError {
  override name = 'AxisError';
}

/** `axis` as a dimension of an `ndim`-d array (negative counts from the end). */
export function normalizeAxis(axis: number, ndim: number, argument = 'axis'): number {
  if (!Number.isSafeInteger(axis)) throw new AxisError(argument, `expected an integer axis, got ${describeValue(axis)}`);
  if (axis < -ndim || axis >= ndim) throw new AxisError(argument, `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  return axis < 0 ? axis + ndim : axis;
}
