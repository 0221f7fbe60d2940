// Every public sparse function frees the temporaries it makes: the runtime's live stores are
// counted before and after each call, the results disposed, and nothing may be left. Counted
// synchronously, so no garbage collection can hide a leak or free one. Then 40 CG solves in a
// loop keep the runtime's bytes and live stores flat (and the process's RSS near).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runtime, tidy } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Live storages are counted once for the process (every memory's entry repeats the count).
const live = () => runtime.memoryStats()[0]!.liveStorages;
const bytes = () => runtime.memoryStats().reduce((sum, m) => sum + m.bytesInUse, 0);

/** Disposes whatever a call returned: matrices, arrays, and objects or lists of them. */
function disposeAll(value: unknown): void {
  if (value instanceof sparse.sparray) (value as sparse.csrArray).dispose();
  else if (value instanceof sparse.linalg.SuperLU) value.dispose();
  else if (value instanceof Error) disposeAll(Object.values(value));
  else if (value instanceof np.ndarray) value.store.dispose();
  else if (Array.isArray(value)) value.forEach(disposeAll);
  else if (value && typeof value === 'object') Object.values(value).forEach(disposeAll);
}

function poisson(m: number): sparse.csrArray {
  return tidy(() => {
    const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [m, m] });
    const I = sparse.identity(m);
    return sparse.kron(I, T).add(sparse.kron(T, I));
  });
}

/** A matrix with duplicates and unsorted columns, from [data, indices, indptr]. */
const raw = () => new sparse.csrArray([new Float64Array([1, 2, 3, 4, 0]), new Int32Array([2, 0, 2, 1, 1]), new Int32Array([0, 3, 3, 5])], { shape: [3, 3] });

describe('no live stores left after each public function', () => {
  it('constructors, operations, solvers, eigsh, spsolve, norm, io', () => {
    const A = poisson(8);
    const B = raw();
    const b = np.ones([64]);
    const x3 = np.ones([3]);
    const dense = np.asarray([[1, 0, 2], [0, 0, 3], [4, 5, 0]]);
    const dir = mkdtempSync(join(tmpdir(), 'sparse-leaks-'));
    const file = join(dir, 'm.mtx');
    // The arguments are made before counting: only what the calls make is counted.
    const BT = B.T;
    const xInt = np.asarray([1, 2, 3]).astype('int32');
    const x3Column = x3.reshape(3, 1);
    const diagonal = np.asarray([1, 2, 3]);
    const parts64 = [np.asarray([1, 2, 9]), np.asarray([0, 1, 0]).astype('int64'), np.asarray([0, 1, 2]).astype('int64')] as const;
    const zeros = np.zeros([64]);
    const I64 = sparse.identity(64);
    const bColumn = b.reshape(64, 1);
    const wide = tidy(() => sparse.random(30, 64, 0.2, { seed: 1 }).add(sparse.eye(30, 64).multiply(4)));
    const b30 = np.ones([30]);
    const AT = A.T;
    const operator = new sparse.linalg.LinearOperator({ shape: [64, 64], matvec: (v) => A.matvec(v), rmatvec: (v) => AT.matvec(v) });
    const negative = I64.multiply(-1);
    const calls: [string, () => unknown][] = [
      ['csrArray(dense)', () => new sparse.csrArray(dense)],
      ['csrArray(nested)', () => new sparse.csrArray([[1, 0], [0, 2]], { dtype: 'float32' })],
      ['csrArray(coo)', () => new sparse.csrArray([new Float64Array([1, 2, 3]), [new Int32Array([0, 1, 1]), new Int32Array([1, 0, 0])]], { shape: [2, 2] })],
      ['csrArray(parts)', () => new sparse.csrArray([new Float64Array([1, 2]), new Int32Array([0, 1]), new Int32Array([0, 1, 2])])],
      ['csrArray(parts, int64 indices)', () => new sparse.csrArray([...parts64], { dtype: 'float32', copy: true })],
      ['csrArray(csr)', () => new sparse.csrArray(B, { dtype: 'float32' })],
      ['eye', () => sparse.eye(5, 6, 1)],
      ['identity', () => sparse.identity(4)],
      ['diags', () => sparse.diags([diagonal, 4], [0, 1], { shape: [3, 4] })],
      ['random', () => sparse.random(20, 30, 0.2, { seed: 1 })],
      ['kron', () => sparse.kron(B, B)],
      ['T', () => B.T],
      ['copy', () => B.copy()],
      ['astype', () => B.astype('float32')],
      ['add', () => B.add(BT)],
      ['add dense', () => B.add(dense)],
      ['subtract', () => B.subtract(B)],
      ['multiply scalar', () => B.multiply(2)],
      ['multiply sparse', () => B.multiply(BT)],
      ['multiply dense', () => B.multiply(dense)],
      ['divide', () => B.divide(2)],
      ['negative / abs / power / conj', () => [B.negative(), B.abs(), B.power(2), B.conj()]],
      ['dot sparse', () => B.dot(B)],
      ['dot dense', () => B.dot(dense)],
      ['matvec', () => B.matvec(x3)],
      ['matvec int', () => B.matvec(xInt)],
      ['matvec column', () => B.matvec(x3Column)],
      ['matvec out', () => void B.matvec(x3, { out: np.empty([3]) }).store.dispose()],
      ['diagonal', () => B.diagonal()],
      ['sum', () => [B.sum(), B.sum(0), B.sum(1)]],
      ['toDense', () => B.toDense()],
      ['toCoo', () => B.toCoo()],
      ['hasCanonicalFormat', () => void B.hasCanonicalFormat],
      ['sortIndices', () => { const C = B.copy(); C.sortIndices(); return C; }],
      ['sumDuplicates', () => { const C = B.copy(); C.sumDuplicates(); return C; }],
      ['eliminateZeros', () => { const C = B.copy(); C.eliminateZeros(); return C; }],
      ['rowOffsets', () => void A.rowOffsets(3)],
      ['vstack / hstack / blockDiag', () => [sparse.vstack([B, BT]), sparse.hstack([B, BT, B]), sparse.blockDiag([B, A]), sparse.vstack([dense, B]), sparse.blockDiag([dense, dense])]],
      ['tril / triu', () => [sparse.tril(B, -1), sparse.triu(B, 1), sparse.tril(dense)]],
      ['find', () => sparse.find(B)],
      ['get / slice / take', () => [void B.get(1, 2), B.slice('1:, ::-1'), B.take([2, 0, 2]), B.take([1], 1)]],
      ['countNonzero', () => void B.countNonzero()],
      ['max / min / mean', () => [B.max(), B.min(0), B.max(1), B.mean(), B.mean(0)]],
      ['csc / coo conversions', () => { const [C, O] = [B.tocsc(), B.tocoo()]; return [C, O, C.tocsr(), O.tocsc(), O.tocsr(), C.tocoo(), new sparse.cscArray(dense), new sparse.cooArray(dense), new sparse.csrArray(C), new sparse.cscArray(O), new sparse.cooArray(C)]; }],
      ['cscArray(parts) / cooArray(coo)', () => [new sparse.cscArray([new Float64Array([1, 2]), new Int32Array([0, 1]), new Int32Array([0, 1, 2])]), new sparse.cooArray([new Float64Array([1, 2, 3]), [new Int32Array([0, 1, 1]), new Int32Array([1, 0, 0])]])]],
      ['csc operations', () => { const C = B.tocsc(); return [C, C.dot(x3), C.dot(C), C.add(C), C.multiply(dense), C.sum(0), C.max(1), C.slice('1:'), C.take([0, 2], 1), C.toarray(), C.T, C.reshape([1, 9]), C.diagonal(1)]; }],
      ['coo operations', () => { const O = B.tocoo(); const S = O.copy(); S.sumDuplicates(); S.eliminateZeros(); return [O, S, O.dot(x3), O.add(B), O.multiply(2), O.sum(1), O.T, O.toarray(), O.nonzero(), void O.hasCanonicalFormat]; }],
      ['element-wise functions', () => [B.sin(), B.sqrt(), B.expm1(), B.rint(), B.sign(), B.floor(), B.real(), B.imag(), B.trace(), B.nonzero(), void B.hasSortedIndices, B.sortedIndices()]],
      ['setdiag / reshape / resize / checkFormat', () => { const C = B.copy(); C.setdiag(5); C.setdiag([1, 2], -1); const D = B.copy(); D.resize(5, 2); C.checkFormat(true); return [C, D, B.reshape([1, 9]), B.reshape([9, 1], { order: 'F' })]; }],
      ['eyeArray / diagsArray / randomArray / rand / spdiags', () => [sparse.eyeArray(4, { k: 1, format: 'csc' }), sparse.diagsArray([diagonal], { format: 'coo' }), sparse.randomArray([20, 10], { density: 0.2, rng: 3 }), sparse.rand(5, 5, 0.5), sparse.spdiags(dense, [0, 1, -1], 3, 3)]],
      ['blockArray / bmat / kronsum', () => [sparse.blockArray([[B, null], [null, B]]), sparse.bmat([[B, BT]], { format: 'coo' }), sparse.kronsum(B, B)]],
      ['saveNpz csc / coo', () => { const [C, O] = [B.tocsc(), B.tocoo()]; sparse.saveNpz(`${file}.c.npz`, C); sparse.saveNpz(`${file}.o.npz`, O); return [C, O, sparse.loadNpz(`${file}.c.npz`), sparse.loadNpz(`${file}.o.npz`)]; }],
      ['cg', () => sparse.linalg.cg(A, b)],
      ['cg x0 M', () => sparse.linalg.cg(A, b, zeros, { M: I64 })],
      ['cg callback', () => sparse.linalg.cg(A, b, { callback: () => undefined, maxiter: 5 })],
      ['bicgstab', () => sparse.linalg.bicgstab(A, b)],
      ['gmres', () => sparse.linalg.gmres(A, b, { restart: 10 })],
      ['gmres M', () => sparse.linalg.gmres(A, b, { M: (r: np.ndarray) => np.copy(r) })],
      ['cg LinearOperator', () => sparse.linalg.cg(new sparse.linalg.LinearOperator({ shape: [64, 64], matvec: (v) => A.matvec(v) }), b)],
      ['minres', () => sparse.linalg.minres(A, b)],
      ['minres x0 M shift check callback', () => sparse.linalg.minres(A, b, zeros, { M: I64, shift: 0.1, check: true, callback: () => undefined })],
      ['minres function M', () => sparse.linalg.minres(A, b, { M: (r: np.ndarray) => np.copy(r), maxiter: 5 })],
      ['minres indefinite M (throws)', () => { try { sparse.linalg.minres(A, b, { M: negative }); } catch { /* the error */ } }],
      ['lsqr', () => sparse.linalg.lsqr(wide, b30)],
      ['lsqr damp calcVar x0', () => sparse.linalg.lsqr(wide, b30, { damp: 0.5, calcVar: true, x0: zeros })],
      ['lsqr LinearOperator', () => sparse.linalg.lsqr(operator, b, { iterLim: 5 })],
      ['lsmr', () => sparse.linalg.lsmr(wide, b30)],
      ['lsmr damp x0 LinearOperator', () => sparse.linalg.lsmr(operator, b, { damp: 0.5, x0: zeros })],
      ['cgs', () => sparse.linalg.cgs(A, b)],
      ['cgs M callback', () => sparse.linalg.cgs(A, b, { M: (r: np.ndarray) => np.copy(r), callback: () => undefined })],
      ['bicg', () => sparse.linalg.bicg(A, b)],
      ['bicg M x0 LinearOperator', () => sparse.linalg.bicg(operator, b, zeros, { M: I64 })],
      ['bicg function M (throws)', () => { try { sparse.linalg.bicg(A, b, { M: (r: np.ndarray) => r }); } catch { /* the error */ } }],
      ['qmr', () => sparse.linalg.qmr(A, b)],
      ['qmr M1 M2', () => sparse.linalg.qmr(A, b, { M1: I64, M2: sparse.linalg.aslinearoperator(I64) })],
      ['tfqmr', () => sparse.linalg.tfqmr(A, b)],
      ['tfqmr M x0', () => sparse.linalg.tfqmr(A, b, zeros, { M: I64 })],
      ['eigsh', () => sparse.linalg.eigsh(A, 3)],
      ['eigsh values only', () => sparse.linalg.eigsh(A, { k: 2, which: 'SA', returnEigenvectors: false })],
      ['eigsh LinearOperator BE', () => sparse.linalg.eigsh(operator, { k: 2, which: 'BE' })],
      ['eigsh complex', () => { const Z = A.astype('complex128'); return [Z, sparse.linalg.eigsh(Z, 2)]; }],
      ['eigs', () => sparse.linalg.eigs(A, 3)],
      ['eigs values only, LR', () => sparse.linalg.eigs(A, 2, { which: 'LR', returnEigenvectors: false })],
      ['eigs nonsymmetric', () => { const W = tidy(() => wide.dot(wide.T) as sparse.csrArray); return [W, sparse.linalg.eigs(W, 2)]; }],
      ['svds', () => sparse.linalg.svds(wide, 2)],
      ['svds values only', () => sparse.linalg.svds(wide, 2, { returnSingularVectors: false })],
      ['eigsh no convergence (throws)', () => { try { sparse.linalg.eigsh(A, 3, { maxiter: 1 }); } catch (e) { return e; } }],
      ['LaplacianNd', () => { const x12 = np.ones([12]); const L = new sparse.linalg.LaplacianNd([3, 4], { boundaryConditions: 'periodic' }); const r = [L.tosparse(), L.toarray(), L.eigenvalues(), L.eigenvalues(2), L.eigenvectors(3), x12, L.matvec(x12)]; L.dispose(); return r; }],
      ['matrixPower', () => { const C = B.tocsc(); return [C, sparse.linalg.matrixPower(B, 3), sparse.linalg.matrixPower(C, 0), sparse.linalg.matrixPower(C, 2)]; }],
      ['dia', () => { const D = B.todia(); return [D, D.tocsr(), D.toarray(), D.T, D.dot(x3), new sparse.diaArray([np.copy(dense), [0, 1, -1]], { shape: [3, 3] }), new sparse.diaArray(B)]; }],
      ['argmax / argmin / nanmax / explicit', () => [void B.argmax(), B.argmin(0), B.nanmax(1), B.max(0, { explicit: true }), void B.argmax(null, { explicit: true })]],
      ['maximum / minimum', () => [B.maximum(BT), B.minimum(-1), B.maximum(0), B.minimum(dense)]],
      ['norm', () => [sparse.linalg.norm(B), sparse.linalg.norm(B, 1), sparse.linalg.norm(B, Infinity)]],
      ['aslinearoperator rmatvec', () => sparse.linalg.aslinearoperator(B).rmatvec(x3)],
      ['mmwrite', () => sparse.mmwrite(file, B, 'a comment')],
      ['mmread', () => sparse.mmread(file)],
      ['saveNpz', () => sparse.saveNpz(`${file}.npz`, B)],
      ['loadNpz', () => sparse.loadNpz(`${file}.npz`)],
    ];
    if (sparse.linalg.directSolverAvailable().ok) {
      calls.push(['spsolve', () => sparse.linalg.spsolve(A, b)], ['spsolve column', () => sparse.linalg.spsolve(A, bColumn)]);
    }
    const lu = sparse.linalg.superluAvailable().ok ? sparse.linalg.splu(A) : null;
    const lowerA = sparse.tril(A);
    const singular = new sparse.csrArray(dense.reshape(9).astype('float64').multiply(0).reshape(3, 3));
    if (lu) {
      calls.push(
        ['splu / spilu', () => [sparse.linalg.splu(A), sparse.linalg.spilu(A), sparse.linalg.splu(A, { permcSpec: 'NATURAL' })]],
        ['SuperLU.solve', () => [lu.solve(b), lu.solve(bColumn, 'T'), lu.solve(b, 'H')]],
        ['factorized', () => { const solve = sparse.linalg.factorized(A); const x = solve(b); solve.dispose(); return x; }],
        ['splu singular', () => { try { sparse.linalg.splu(singular); } catch { /* raises, freeing what it made */ } }],
      );
    }
    calls.push(
      ['spsolveTriangular', () => [sparse.linalg.spsolveTriangular(lowerA, b), sparse.linalg.spsolveTriangular(lowerA, bColumn, { unitDiagonal: true })]],
      ['isSptriangular / spbandwidth', () => void [sparse.linalg.isSptriangular(B), sparse.linalg.spbandwidth(A)]],
    );
    const left: Record<string, number> = {};
    for (const [name, call] of calls) {
      const before = live();
      disposeAll(call());
      left[name] = live() - before;
    }
    rmSync(dir, { recursive: true });
    expect(left).toEqual(Object.fromEntries(calls.map(([name]) => [name, 0])));
  });

  it('a matrix returned from tidy is kept whole; dispose frees it', () => {
    const B = raw();
    const before = live();
    const T = tidy(() => B.T.multiply(2));
    expect(live() - before).toBe(3);
    expect(Array.from(T.toDense().toArray() as Float64Array)).toEqual([4, 0, 0, 0, 0, 8, 8, 0, 0]);
    T.dispose();
    expect(T.disposed).toBe(true);
    expect(live() - before).toBe(1); // the dense matrix read above
  });
});

describe('40 CG solves stay flat', () => {
  it('runtime bytes and live stores do not grow; RSS, once warm (rounds 10 to 20), within 10% at round 40', () => {
    const A = poisson(100);
    const b = np.ones([100 * 100]);
    const rounds: { live: number; bytes: number; rss: number }[] = [];
    for (let round = 0; round < 40; round++) {
      const { x, info } = sparse.linalg.cg(A, b, { rtol: 1e-6 });
      expect(info).toBe(0);
      x.store.dispose();
      rounds.push({ live: live(), bytes: bytes(), rss: process.memoryUsage().rss });
    }
    const second = rounds[1]!;
    for (const r of rounds.slice(1)) {
      expect(r.live).toBe(second.live);
      expect(r.bytes).toBe(second.bytes);
    }
    // The process's resident memory settles over the first rounds (the JavaScript heap grows to
    // its working size when it next collects, later after the tests before this one); then it
    // stays flat: a leak of a store per round would go on growing past the warm rounds' highest.
    const warm = Math.max(...rounds.slice(9, 20).map((r) => r.rss));
    const last = rounds.at(-1)!;
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    console.log(`40 CG solves (n = 100 per side): RSS ${mb(second.rss)} MB after round 2, at most ${mb(warm)} MB in rounds 10 to 20, ${mb(last.rss)} MB after round 40`);
    expect(last.rss).toBeLessThanOrEqual(warm * 1.1);
  });
});
