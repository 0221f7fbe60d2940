/**
 * `@legate/numeric`: NumPy-like N-d arrays on Legate stores.
 * @packageDocumentation
 */
export { library, libraryId } from './native.js';
export { tidy } from '@legate/core';
export { fromStore, ndarray, type Element } from './ndarray.js';
export { IndexError, parseIndex, type IndexItem } from './indexing.js';
export { add, assign, astype, broadcastShapes, divide, multiply, subtract, sum, type Operand } from './operations.js';
export { arange, array, asarray, empty, emptyLike, full, fullLike, ones, onesLike, zeros, zerosLike, type Nested, type ShapeLike } from './creation.js';
export { canCastSafely, resultType } from './promotion.js';
