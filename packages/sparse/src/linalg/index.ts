export { aslinearoperator, LinearOperator, type LinearOperatorOptions, type Operator } from './operator.js';
export { bicgstab, cg, gmres, LinAlgError, type GmresOptions, type SolverOptions, type SolverResult } from './krylov.js';
export { ArpackNoConvergence, eigsh, type EigshOptions, type EigshResult, type Which } from './eigsh.js';
export { norm } from './norm.js';
export { directSolverAvailable, spsolve } from './direct.js';
export { matrixPower } from './matfuncs.js';
