export { aslinearoperator, LinearOperator, type LinearOperatorOptions, type Operator } from './operator.js';
export { bicgstab, cg, gmres, LinAlgError, type SolverOptions, type SolverResult } from './krylov.js';
