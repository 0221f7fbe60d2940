/**
 * `@legate/sparse`: SciPy-sparse-like matrices and solvers on Legate stores.
 * @packageDocumentation
 */
import '@legate/numeric';

export { libraryId } from './native.js';
