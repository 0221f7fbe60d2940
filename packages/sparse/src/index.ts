/**
 * `@legate/sparse`: SciPy-sparse-like matrices and solvers on Legate stores.
 * @packageDocumentation
 */
export { library, libraryId } from './native.js';
export { csrArray, indexType, issparse, type ArrayInput, type CooParts, type CsrInput, type CsrOptions, type ExtremeOptions } from './csr.js';
export { cscArray, type CscInput, type CscOptions } from './csc.js';
export { cooArray, type CooInput, type CooOptions } from './coo.js';
export { diaArray, type DiaInput, type DiaOptions } from './dia.js';
export { sparray, SparseEfficiencyWarning, SparseWarning, type SparseArray } from './sparray.js';
export {
  diags,
  diagsArray,
  eye,
  eyeArray,
  getIndexDtype,
  identity,
  kron,
  kronsum,
  permuteDims,
  rand,
  random,
  randomArray,
  spdiags,
  swapaxes,
  type DiagsArrayOptions,
  type DiagsOptions,
  type EyeArrayOptions,
  type IndexDtypeOptions,
  type RandomArrayOptions,
  type RandomOptions,
  type SparseFormat,
} from './construct.js';
export { blockArray, blockDiag, bmat, find, hstack, tril, triu, vstack, type BlockOptions, type StackOptions } from './combine.js';
export { mmread, mmwrite, MatrixMarketError } from './io.js';
export { loadNpz, NpzError, saveNpz } from './npz.js';
export * as linalg from './linalg/index.js';
