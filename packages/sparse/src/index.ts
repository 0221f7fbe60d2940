/**
 * `@legate/sparse`: SciPy-sparse-like matrices and solvers on Legate stores.
 * @packageDocumentation
 */
export { library, libraryId } from './native.js';
export { csrArray, indexType, issparse, type ArrayInput, type CooParts, type CsrInput, type CsrOptions } from './csr.js';
export { diags, eye, identity, kron, random, type DiagsOptions, type RandomOptions } from './construct.js';
export { blockDiag, find, hstack, tril, triu, vstack, type StackOptions } from './combine.js';
export { mmread, mmwrite, MatrixMarketError } from './io.js';
export { loadNpz, NpzError, saveNpz } from './npz.js';
export * as linalg from './linalg/index.js';
