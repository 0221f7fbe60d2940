/**
 * `@legate/numeric`: NumPy-like N-d arrays on Legate stores.
 * @packageDocumentation
 */
export { libraryId } from './native.js';
