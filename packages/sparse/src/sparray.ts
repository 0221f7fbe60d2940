// sparray: the class every sparse array of this package extends (SciPy's `sparray`), so that
// `x instanceof sparray` asks whether x is sparse in any format.
import type { cooArray } from './coo.js';
import type { cscArray } from './csc.js';
import type { csrArray } from './csr.js';
import type { diaArray } from './dia.js';

/** The base class of csrArray, cscArray, cooArray and diaArray (SciPy's `sparray`). */
export abstract class sparray {
  abstract readonly shape: readonly [number, number];
  abstract readonly format: 'csr' | 'csc' | 'coo' | 'dia';
  abstract readonly nnz: number;
}

/** SciPy's `SparseWarning`: the base of this package's warnings. */
export class SparseWarning extends Error {
  override name = 'SparseWarning';
}

/**
 * SciPy's `SparseEfficiencyWarning`: an operation that is much slower or larger in this form
 * than another would be (emitted once per kind through process warnings).
 */
export class SparseEfficiencyWarning extends SparseWarning {
  override name = 'SparseEfficiencyWarning';
}

const warned = new Set<string>();

/** @internal Emits a SparseEfficiencyWarning once per message. */
export function warnEfficiency(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(new SparseEfficiencyWarning(message));
}

/** A sparse matrix in any of this package's formats. */
export type SparseArray = csrArray | cscArray | cooArray | diaArray;
