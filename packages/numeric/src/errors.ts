import { ArgumentError } from '@legate/core';

/** A value is out of the range an argument allows (NumPy's ValueError); the message names it. */
export class ValueError extends ArgumentError {
  override name = 'ValueError';
}
