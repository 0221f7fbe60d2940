export { aslinearoperator, LinearOperator, type LinearOperatorOptions, type MatrixLike, type Operator } from './operator.js';
export { bicgstab, cg, gmres, LinAlgError, type GmresOptions, type SolverOptions, type SolverResult } from './krylov.js';
export { bicg, cgs, lsmr, lsqr, minres, qmr, tfqmr, type LsmrFields, type LsmrOptions, type LsmrResult, type LsqrFields, type LsqrOptions, type LsqrResult, type MinresOptions, type MinresResult, type QmrOptions, type TfqmrOptions } from './krylov-more.js';
export { ArpackNoConvergence, eigsh, type EigshOptions, type EigshResult, type Which } from './eigsh.js';
export { norm } from './norm.js';
export { directSolverAvailable, spsolve, useSolver } from './direct.js';
export { inv, matrixPower } from './matfuncs.js';
export { arpackAvailable, ArpackError } from './arpack.js';
export { eigs, svds, type EigsOptions, type EigsResult, type EigsWhich, type SvdsOptions, type SvdsResult } from './eigs.js';
export {
  factorized,
  isSptriangular,
  spbandwidth,
  spilu,
  splu,
  spsolveTriangular,
  SuperLU,
  superluAvailable,
  type PermcSpec,
  type SpiluOptions,
  type SpluOptions,
  type SpsolveTriangularOptions,
  type SuperLUOptions,
} from './superlu.js';
export { LaplacianNd, type BoundaryConditions, type LaplacianNdOptions } from './laplacian.js';
