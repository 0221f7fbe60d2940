// numeric.linalg: vector norms for now; matrix products and factorisations build on BLAS/LAPACK.
import type { ndarray } from './ndarray.js';
import { vectorNorm } from './reductions.js';

/**
 * The norm of a vector: `ord` 2 (default, Euclidean), 1, Infinity, -Infinity, 0 (nonzero
 * count) or any other p (sum(|x|^p)^(1/p)), as NumPy's linalg.norm of a 1-D array.
 */
export function norm(x: ndarray, ord = 2): ndarray {
  return vectorNorm(x, ord);
}
