// Direct sparse LU through SuperLU (the serial library, 5.x): complete (xgstrf) and incomplete
// (xgsitrf) factorisation of a whole CSR matrix in one point task, solves with SuperLU's own
// supernodal solver (xgstrs), and triangular solves over CSR matrices (spsolve_triangular).
// The factors leave the task as SuperLU's own arrays (L's supernodes, U's compressed columns)
// in plain stores, with the permutations, Pr·A·Pc = L·U: no SuperLU handle lives between
// tasks, a solve runs wherever its stores are, and it wraps them in SuperLU's structs again.
// L and U as CSR matrices are built from them only when asked for (sparse.superlu_factors).
//
// CSR arrays read as compressed columns describe Aᵀ; SuperLU factors A itself, so the task
// builds A's compressed columns (a counting sort by column) before calling it.
#include <algorithm>
#include <complex>
#include <mutex>
#include <vector>

#include "common.h"
#include "kernels.h"
#include "legate_build_features.h"

#if LEGATE_HAVE_SUPERLU
#include <slu_cdefs.h>
#include <slu_ddefs.h>
#include <slu_sdefs.h>
#include <slu_zdefs.h>
#endif

namespace legate::sparse {

extern const legate_core_api* core;

namespace {


// A 1-D int32 or int64 piece (the whole store) by position.
struct Index {
  const char* base = nullptr;
  int64_t stride = 1;
  bool wide = true;
  explicit Index(const legate_physical_store& s)
      : base(static_cast<const char*>(s.data)), stride(s.ndim > 0 ? s.strides[0] : 1), wide(s.type_code == LEGATE_INT64) {}
  int64_t operator[](int64_t k) const {
    return wide ? reinterpret_cast<const int64_t*>(base)[k * stride] : reinterpret_cast<const int32_t*>(base)[k * stride];
  }
};

bool index_type(int32_t code) { return code == LEGATE_INT32 || code == LEGATE_INT64; }

// A whole CSR matrix as the triangular kernel reads it.
template <typename T>
struct Csr {
  int64_t n;
  Index ptr, idx;
  const T* val;
  int64_t vstride;
  Csr(int64_t rows, const legate_physical_store& p, const legate_physical_store& i, const legate_physical_store& v)
      : n(rows), ptr(p), idx(i), val(at<const T>(v)), vstride(v.ndim > 0 ? v.strides[0] : 1) {}
  T value(int64_t e) const { return val[e * vstride]; }
};

template <typename T>
T conj_if(const T& v, bool conj) {
  if constexpr (is_complex_v<T>) return conj ? std::conj(v) : v;
  else return (void)conj, v;
}

// Solves op(M)·X = X in place for triangular M in CSR (its entries on the other side of the
// diagonal ignored). X is (n, k) at x with strides (sr, sc). trans: 0 M, 1 Mᵀ, 2 Mᴴ. `unit`:
// the diagonal is taken as ones and not read. Returns 0, or row + 1 of the first zero (or
// missing) diagonal entry met.
template <typename T>
int64_t triangular_solve(const Csr<T>& m, bool lower, int trans, bool unit, T* x, int64_t sr, int64_t sc, int64_t k) {
  const int64_t n = m.n;
  const bool conj = trans == 2;
  auto diagonal = [&](int64_t i, T& d) {
    d = T{};
    for (int64_t e = m.ptr[i]; e < m.ptr[i + 1]; ++e) {
      if (m.idx[e] == i) d += m.value(e);
    }
    return d != T{};
  };
  if (trans == 0) {
    // Row-oriented substitution: row i's off-diagonal entries use the rows already solved.
    for (int64_t step = 0; step < n; ++step) {
      const int64_t i = lower ? step : n - 1 - step;
      T* xi = x + i * sr;
      T d{1};
      for (int64_t e = m.ptr[i]; e < m.ptr[i + 1]; ++e) {
        const int64_t j = m.idx[e];
        if (lower ? j < i : j > i) {
          const T v = m.value(e);
          const T* xj = x + j * sr;
          for (int64_t c = 0; c < k; ++c) xi[c * sc] -= v * xj[c * sc];
        }
      }
      if (!unit) {
        if (!diagonal(i, d)) return i + 1;
        for (int64_t c = 0; c < k; ++c) xi[c * sc] /= d;
      }
    }
    return 0;
  }
  // op(M) = Mᵀ: M's row i is op(M)'s column i. Lower M gives an upper op(M), solved from the
  // last row up; each solved unknown is then subtracted from the rows its column reaches.
  for (int64_t step = 0; step < n; ++step) {
    const int64_t i = lower ? n - 1 - step : step;
    T* xi = x + i * sr;
    if (!unit) {
      T d;
      if (!diagonal(i, d)) return i + 1;
      d = conj_if(d, conj);
      for (int64_t c = 0; c < k; ++c) xi[c * sc] /= d;
    }
    for (int64_t e = m.ptr[i]; e < m.ptr[i + 1]; ++e) {
      const int64_t j = m.idx[e];
      if (lower ? j < i : j > i) {
        const T v = conj_if(m.value(e), conj);
        T* xj = x + j * sr;
        for (int64_t c = 0; c < k; ++c) xj[c * sc] -= v * xi[c * sc];
      }
    }
  }
  return 0;
}

template <typename F>
bool dispatch_inexact(int32_t code, F&& f) {
  switch (code) {
    case LEGATE_FLOAT32: f(float{}); return true;
    case LEGATE_FLOAT64: f(double{}); return true;
    case LEGATE_COMPLEX64: f(std::complex<float>{}); return true;
    case LEGATE_COMPLEX128: f(std::complex<double>{}); return true;
    default: return false;
  }
}

// (n, k) or (n,) piece: its rows, columns and strides.
struct Dense {
  int64_t n, k, sr, sc;
  explicit Dense(const legate_physical_store& s)
      : n(s.ndim > 0 ? s.shape[0] : 1), k(s.ndim > 1 ? s.shape[1] : 1), sr(s.ndim > 0 ? s.strides[0] : 1), sc(s.ndim > 1 ? s.strides[1] : 1) {}
};

// inputs: indptr, indices, values (whole); outputs[0] x (n, k) or (n,), read-write (b on entry);
// outputs[1] 0-d int64: 0, or row + 1 of a zero diagonal entry. scalars[0] int32 lower,
// scalars[1] int32 unit diagonal, scalars[2] int32 trans (0 N, 1 T, 2 H).
void triangular_task(legate_task_context* ctx) {
  const auto &ptr = ctx->inputs[0], &idx = ctx->inputs[1], &val = ctx->inputs[2];
  const auto& xs = ctx->outputs[0];
  auto* status = at<int64_t>(ctx->outputs[1]);
  const bool lower = *static_cast<const int32_t*>(ctx->scalars[0]) != 0;
  const bool unit = *static_cast<const int32_t*>(ctx->scalars[1]) != 0;
  const int trans = *static_cast<const int32_t*>(ctx->scalars[2]);
  if (!index_type(ptr.type_code) || !index_type(idx.type_code) || val.type_code != xs.type_code) {
    return core->task_fail(ctx, "sparse.spsolve_triangular: expected int32/int64 indices and values of x's type");
  }
  const Dense d(xs);
  const bool ok = dispatch_inexact(xs.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Csr<T> m(d.n, ptr, idx, val);
    // Every diagonal entry checked first, so a singular A leaves x (b) as it was.
    if (!unit) {
      for (int64_t i = 0; i < d.n; ++i) {
        T v{};
        for (int64_t e = m.ptr[i]; e < m.ptr[i + 1]; ++e) {
          if (m.idx[e] == i) v += m.value(e);
        }
        if (v == T{}) {
          *status = i + 1;
          return;
        }
      }
    }
    *status = triangular_solve(m, lower, trans, unit, at<T>(xs), d.sr, d.sc, d.k);
  });
  if (!ok) core->task_fail(ctx, "sparse.spsolve_triangular: float32, float64, complex64 or complex128 values only");
}

#if LEGATE_HAVE_SUPERLU

// SuperLU's per-type entry points.
template <typename T>
struct Slu;
template <>
struct Slu<float> {
  using S = float;
  static constexpr Dtype_t dtype = SLU_S;
  static constexpr auto create = sCreate_CompCol_Matrix;
  static constexpr auto gstrf = sgstrf;
  static constexpr auto gsitrf = sgsitrf;
  static constexpr auto gstrs = sgstrs;
};
template <>
struct Slu<double> {
  using S = double;
  static constexpr Dtype_t dtype = SLU_D;
  static constexpr auto create = dCreate_CompCol_Matrix;
  static constexpr auto gstrf = dgstrf;
  static constexpr auto gsitrf = dgsitrf;
  static constexpr auto gstrs = dgstrs;
};
template <>
struct Slu<std::complex<float>> {
  using S = ::complex;
  static constexpr Dtype_t dtype = SLU_C;
  static constexpr auto create = cCreate_CompCol_Matrix;
  static constexpr auto gstrf = cgstrf;
  static constexpr auto gsitrf = cgsitrf;
  static constexpr auto gstrs = cgstrs;
};
template <>
struct Slu<std::complex<double>> {
  using S = doublecomplex;
  static constexpr Dtype_t dtype = SLU_Z;
  static constexpr auto create = zCreate_CompCol_Matrix;
  static constexpr auto gstrf = zgstrf;
  static constexpr auto gsitrf = zgsitrf;
  static constexpr auto gstrs = zgstrs;
};

// SuperLU keeps no state between calls in 5.x, but its allocator and ordering code are not
// documented as thread-safe: one factorisation at a time.
std::mutex superlu_mutex;

template <typename Sc>
Sc scalar(legate_task_context* ctx, int q) {
  return *static_cast<const Sc*>(ctx->scalars[q]);
}

// One CSR factor being written: counts per row, then the entries at each row's cursor.
template <typename T>
struct Builder {
  int64_t n;
  std::vector<int64_t> next;  // counts, then each row's next slot
  int32_t* indices = nullptr;
  T* values = nullptr;
  explicit Builder(int64_t rows) : n(rows), next(static_cast<size_t>(rows + 1), 0) {}
  void count(int64_t row) { ++next[row + 1]; }
  // Writes indptr (int32, n + 1: SuperLU's factors have fewer than 2^31 entries) and returns the entries.
  int64_t finish_counts(int32_t* indptr) {
    for (int64_t i = 0; i < n; ++i) next[i + 1] += next[i];
    for (int64_t i = 0; i <= n; ++i) indptr[i] = static_cast<int32_t>(next[i]);
    return next[n];
  }
  void put(int64_t row, int64_t col, const T& v) {
    const int64_t e = next[row]++;
    indices[e] = static_cast<int32_t>(col);
    values[e] = v;
  }
};

// A column of A (compressed columns, only entries of nonzero value) left without a row by a
// maximum matching of rows to columns (depth-first augmenting paths, MC21's method), or -1
// when every column has one. A matrix without a perfect matching is exactly singular; SuperLU
// is not called on one, as its incomplete factorisation ends the process when a column has no
// pivot candidate left.
template <typename T>
int unmatched_column(int n, const std::vector<int>& colptr, const std::vector<int>& rowind, const std::vector<T>& nzval) {
  std::vector<int> row_to_col(static_cast<size_t>(n), -1), seen(static_cast<size_t>(n), -1);
  // Each column's next entry to try for a free row (the cheap assignment, which leaves the
  // search short on matrices with a nonzero diagonal): amortised over the whole matching.
  std::vector<int> cheap(colptr.begin(), colptr.end() - 1);
  auto free_row = [&](int c) {
    for (; cheap[c] < colptr[c + 1]; ++cheap[c]) {
      const int e = cheap[c];
      if (nzval[e] != T{} && row_to_col[rowind[e]] < 0) return rowind[e];
    }
    return -1;
  };
  std::vector<int> cols, next, via;
  for (int j = 0; j < n; ++j) {
    if (const int r = free_row(j); r >= 0) {
      row_to_col[r] = j;
      continue;
    }
    cols.assign(1, j);
    next.assign(1, colptr[j]);
    via.assign(1, -1);
    bool found = false;
    while (!cols.empty() && !found) {
      const size_t top = cols.size() - 1;
      const int c = cols[top];
      bool pushed = false;
      if (const int r = free_row(c); r >= 0) {
        via[top] = r;
        found = true;
        for (size_t k = 0; k <= top; ++k) row_to_col[via[k]] = cols[k];
        break;
      }
      while (next[top] < colptr[c + 1]) {
        const int e = next[top]++;
        const int r = rowind[e];
        if (nzval[e] == T{} || seen[r] == j) continue;
        seen[r] = j;
        via[top] = r;
        if (row_to_col[r] < 0) {
          found = true;  // augment along the path: each column on the stack takes its row
          for (size_t k = 0; k <= top; ++k) row_to_col[via[k]] = cols[k];
        } else {
          cols.push_back(row_to_col[r]);
          next.push_back(colptr[row_to_col[r]]);
          via.push_back(-1);
          pushed = true;
        }
        break;
      }
      if (!found && !pushed) {
        cols.pop_back();
        next.pop_back();
        via.pop_back();
      }
    }
    if (!found) return j;
  }
  return -1;
}

// Walks SuperLU's factors column by column, calling lower(i, j, v) for L's entries and
// upper(i, j, v) for U's, in increasing j: U's entries above each supernode (U's own storage),
// then the supernode's dense rows, split at the diagonal. Stored zeros are left out, except L's
// unit diagonal, which is given as 1. Rows are in pivot order (SuperLU renumbers L's rows after
// the factorisation), so the factors are those of Pr·A·Pc.
template <typename T, typename Lower, typename Upper>
void walk_factors(const SuperMatrix& L, const SuperMatrix& U, Lower&& lower, Upper&& upper) {
  const auto* Ls = static_cast<const SCformat*>(L.Store);
  const auto* Us = static_cast<const NCformat*>(U.Store);
  const T* lval = reinterpret_cast<const T*>(Ls->nzval);
  const T* uval = reinterpret_cast<const T*>(Us->nzval);
  for (int s = 0; s <= Ls->nsuper; ++s) {
    const int first = Ls->sup_to_col[s], last = Ls->sup_to_col[s + 1];
    const int rows0 = Ls->rowind_colptr[first], rows1 = Ls->rowind_colptr[first + 1];
    for (int j = first; j < last; ++j) {
      for (int e = Us->colptr[j]; e < Us->colptr[j + 1]; ++e) {
        if (uval[e] != T{}) upper(Us->rowind[e], j, uval[e]);
      }
      const int base = Ls->nzval_colptr[j];
      for (int p = 0; p < rows1 - rows0; ++p) {
        const int i = Ls->rowind[rows0 + p];
        const T v = lval[base + p];
        if (i == j) {
          upper(i, j, v);
          lower(i, j, T{1});
        } else if (v != T{}) {
          if (i < j) upper(i, j, v);
          else lower(i, j, v);
        }
      }
    }
  }
}

// The arrays of SuperLU's factors, in the order the tasks take them: 0 L's values (supernodes'
// dense columns), 1 L's row indices, 2 L's nzval_colptr (n + 1), 3 L's rowind_colptr (n + 1),
// 4 col_to_sup (n + 1), 5 sup_to_col (n + 1), 6 U's values, 7 U's row indices, 8 U's colptr
// (n + 1); the indices int32 (SuperLU's int), the values of the factors' type.
constexpr int kFactorArrays = 9;

// The factors' stores (inputs first .. first + 8) wrapped in SuperLU's structs again, read in
// place. nsuper, lnnz, unnz: SuperLU's own counts, kept beside the stores.
template <typename T>
struct StoredFactors {
  SCformat ls{};
  NCformat us{};
  SuperMatrix L{}, U{};
  bool ok = true;
  StoredFactors(int n, const legate_physical_store* in, int nsuper, int lnnz, int unnz) {
    int* ints[kFactorArrays] = {};
    for (int q = 0; q < kFactorArrays; ++q) {
      const auto& s = in[q];
      if (s.ndim != 1 || (s.shape[0] > 1 && s.strides[0] != 1)) ok = false;
      if (q != 0 && q != 6 && s.type_code != LEGATE_INT32) ok = false;
      ints[q] = static_cast<int*>(s.data);
    }
    for (int q : {2, 3, 4, 5, 8}) {
      if (in[q].shape[0] != n + 1) ok = false;
    }
    if (!ok) return;
    ls.nnz = lnnz;
    ls.nsuper = nsuper;
    ls.nzval = in[0].data;
    ls.rowind = ints[1];
    ls.nzval_colptr = ints[2];
    ls.rowind_colptr = ints[3];
    ls.col_to_sup = ints[4];
    ls.sup_to_col = ints[5];
    us.nnz = unnz;
    us.nzval = in[6].data;
    us.rowind = ints[7];
    us.colptr = ints[8];
    L.Stype = SLU_SC;
    L.Dtype = Slu<T>::dtype;
    L.Mtype = SLU_TRLU;
    L.nrow = L.ncol = n;
    L.Store = &ls;
    U.Stype = SLU_NC;
    U.Dtype = Slu<T>::dtype;
    U.Mtype = SLU_TRU;
    U.nrow = U.ncol = n;
    U.Store = &us;
  }
};

// Copies n int values to a 1-D int32 store.
void put_ints(const legate_physical_store& s, const int* from, int64_t n) {
  auto* to = at<int32_t>(s);
  const int64_t stride = s.ndim > 0 ? s.strides[0] : 1;
  for (int64_t i = 0; i < n; ++i) to[i * stride] = from[i];
}

// inputs: indptr, indices (int32/int64), values of A (whole, canonical CSR, n × n).
// outputs: 0-8 the factors' arrays (see kFactorArrays; 0, 1, 6, 7 unbound), 9 perm_r,
// 10 perm_c (n, int32), 11 info (4, int64): SuperLU's info, then L's and U's stored entries
// (SciPy's SuperLU.nnz is their sum) and L's nsuper.
// scalars: 0 int32 ilu, 1 int32 ColPerm, 2 float64 DiagPivotThresh, 3 int32 SymmetricMode,
// 4 int32 relax, 5 int32 panel size (<= 0: sp_ienv's), 6 int32 ILU_DropRule, 7 float64
// ILU_DropTol, 8 float64 ILU_FillFactor, 9 int32 ILU_Norm, 10 float64 ILU_FillTol, 11 int32 ILU_MILU.
template <typename T>
void factor(legate_task_context* ctx) {
  using S = typename Slu<T>::S;
  const auto &indptr = ctx->inputs[0], &indices = ctx->inputs[1], &values = ctx->inputs[2];
  const auto* out = ctx->outputs;
  auto* info_out = at<int64_t>(out[11]);
  const int64_t info_stride = out[11].strides[0];
  const int n = static_cast<int>(out[9].shape[0]);
  const Index ptr(indptr), idx(indices);
  const T* val = at<const T>(values);
  const int64_t vstride = values.ndim > 0 ? values.strides[0] : 1;
  const int nnz = static_cast<int>(ptr[n]);

  // A's compressed columns: rows in increasing order within each column.
  std::vector<int> colptr(static_cast<size_t>(n) + 1, 0), rowind(static_cast<size_t>(nnz));
  std::vector<T> nzval(static_cast<size_t>(nnz));
  for (int64_t e = 0; e < nnz; ++e) ++colptr[idx[e] + 1];
  for (int j = 0; j < n; ++j) colptr[j + 1] += colptr[j];
  {
    std::vector<int> cursor(colptr.begin(), colptr.end() - 1);
    for (int i = 0; i < n; ++i) {
      for (int64_t e = ptr[i]; e < ptr[i + 1]; ++e) {
        const int at_ = cursor[idx[e]]++;
        rowind[at_] = i;
        nzval[at_] = val[e * vstride];
      }
    }
  }

  superlu_options_t options;
  const bool ilu = scalar<int32_t>(ctx, 0) != 0;
  if (ilu) ilu_set_default_options(&options);
  else set_default_options(&options);
  options.ColPerm = static_cast<colperm_t>(scalar<int32_t>(ctx, 1));
  options.DiagPivotThresh = scalar<double>(ctx, 2);
  options.SymmetricMode = scalar<int32_t>(ctx, 3) ? YES : NO;
  int relax = scalar<int32_t>(ctx, 4);
  int panel_size = scalar<int32_t>(ctx, 5);
  if (ilu) {
    options.ILU_DropRule = scalar<int32_t>(ctx, 6);
    options.ILU_DropTol = scalar<double>(ctx, 7);
    options.ILU_FillFactor = scalar<double>(ctx, 8);
    options.ILU_Norm = static_cast<norm_t>(scalar<int32_t>(ctx, 9));
    options.ILU_FillTol = scalar<double>(ctx, 10);
    options.ILU_MILU = static_cast<milu_t>(scalar<int32_t>(ctx, 11));
  }
  options.PrintStat = NO;

  std::vector<int> perm_c(static_cast<size_t>(n)), perm_r(static_cast<size_t>(n)), etree(static_cast<size_t>(n));
  int info = 0;
  SuperMatrix A, AC, L, U;
  GlobalLU_t glu;
  SuperLUStat_t stat;
  bool factored = false;
  const int missing = unmatched_column(n, colptr, rowind, nzval);
  if (missing >= 0) {
    info = missing + 1;  // exactly singular, reported as SuperLU reports a zero pivot
  } else {
    std::lock_guard<std::mutex> lock(superlu_mutex);
    if (relax <= 0) relax = sp_ienv(2);
    if (panel_size <= 0) panel_size = sp_ienv(1);
    Slu<T>::create(&A, n, n, nnz, reinterpret_cast<S*>(nzval.data()), rowind.data(), colptr.data(), SLU_NC, Slu<T>::dtype, SLU_GE);
    StatInit(&stat);
    get_perm_c(static_cast<int>(options.ColPerm), &A, perm_c.data());
    sp_preorder(&options, &A, perm_c.data(), etree.data(), &AC);
    if (ilu) {
      Slu<T>::gsitrf(&options, &AC, relax, panel_size, etree.data(), nullptr, 0, perm_c.data(), perm_r.data(), &L, &U, &glu, &stat, &info);
    } else {
      Slu<T>::gstrf(&options, &AC, relax, panel_size, etree.data(), nullptr, 0, perm_c.data(), perm_r.data(), &L, &U, &glu, &stat, &info);
    }
    StatFree(&stat);
    Destroy_CompCol_Permuted(&AC);
    Destroy_SuperMatrix_Store(&A);
    factored = info >= 0 && info <= n;
  }

  // SuperLU's arrays as they are: L's values and row indices, U's, by the counts in their
  // column pointers; the column and supernode maps have n + 1 entries.
  const auto* Ls = factored ? static_cast<const SCformat*>(L.Store) : nullptr;
  const auto* Us = factored ? static_cast<const NCformat*>(U.Store) : nullptr;
  const int64_t lvals = factored ? Ls->nzval_colptr[n] : 0, lrows = factored ? Ls->rowind_colptr[n] : 0;
  const int64_t uvals = factored ? Us->colptr[n] : 0;
  auto* lv = static_cast<T*>(core->create_output_buffer(ctx, 0, lvals));
  auto* lr = static_cast<int32_t*>(core->create_output_buffer(ctx, 1, lrows));
  auto* uv = static_cast<T*>(core->create_output_buffer(ctx, 6, uvals));
  auto* ur = static_cast<int32_t*>(core->create_output_buffer(ctx, 7, uvals));
  const bool buffers = (lvals == 0 || lv) && (lrows == 0 || lr) && (uvals == 0 || (uv && ur));
  if (factored) {
    if (buffers) {
      std::copy_n(reinterpret_cast<const T*>(Ls->nzval), lvals, lv);
      std::copy_n(Ls->rowind, lrows, lr);
      put_ints(out[2], Ls->nzval_colptr, n + 1);
      put_ints(out[3], Ls->rowind_colptr, n + 1);
      put_ints(out[4], Ls->col_to_sup, n + 1);
      put_ints(out[5], Ls->sup_to_col, n + 1);
      std::copy_n(reinterpret_cast<const T*>(Us->nzval), uvals, uv);
      std::copy_n(Us->rowind, uvals, ur);
      put_ints(out[8], Us->colptr, n + 1);
      info_out[1 * info_stride] = Ls->nnz;
      info_out[2 * info_stride] = Us->nnz;
      info_out[3 * info_stride] = Ls->nsuper;
    }
    Destroy_SuperNode_Matrix(&L);
    Destroy_CompCol_Matrix(&U);
  } else {
    const std::vector<int> zeros(static_cast<size_t>(n) + 1, 0);
    for (int q : {2, 3, 4, 5, 8}) put_ints(out[q], zeros.data(), n + 1);
    for (int q = 1; q <= 3; ++q) info_out[q * info_stride] = 0;
  }
  if (!buffers) return;  // create_output_buffer failed the task
  auto* pr = at<int32_t>(out[9]);
  auto* pc = at<int32_t>(out[10]);
  for (int i = 0; i < n; ++i) {
    pr[i * out[9].strides[0]] = factored ? perm_r[i] : i;
    pc[i * out[10].strides[0]] = factored ? perm_c[i] : i;
  }
  info_out[0] = info;
}

bool factor_types(const legate_physical_store* arrays, int32_t value_type) {
  for (int q = 0; q < kFactorArrays; ++q) {
    const bool values = q == 0 || q == 6;
    if (arrays[q].type_code != (values ? value_type : LEGATE_INT32)) return false;
  }
  return true;
}


void superlu_factor(legate_task_context* ctx) {
  const auto &indptr = ctx->inputs[0], &indices = ctx->inputs[1], &values = ctx->inputs[2];
  const auto* out = ctx->outputs;
  if (!index_type(indptr.type_code) || !index_type(indices.type_code) || !factor_types(out, values.type_code) ||
      out[9].type_code != LEGATE_INT32 || out[10].type_code != LEGATE_INT32 || out[11].type_code != LEGATE_INT64) {
    return core->task_fail(ctx, "sparse.splu: bad argument types");
  }
  if (!dispatch_inexact(values.type_code, [&](auto zero) { factor<decltype(zero)>(ctx); })) {
    core->task_fail(ctx, "sparse.splu: float32, float64, complex64 or complex128 values only");
  }
}

// inputs: 0-8 the factors' arrays (kFactorArrays), 9 perm_r, 10 perm_c (n, int32); outputs[0]
// x (n, k) or (n,), read-write (b on entry). scalars: 0 int32 trans (0 N, 1 T, 2 H), 1-3 int32
// L's nsuper, L's and U's stored entries. SuperLU's xgstrs: Pr·b, the supernodal L solve (dense
// triangular solves and products per supernode), U, then Pc.
void superlu_solve(legate_task_context* ctx) {
  const auto* in = ctx->inputs;
  const auto& xs = ctx->outputs[0];
  const int trans = scalar<int32_t>(ctx, 0);
  if (!factor_types(in, xs.type_code) || in[9].type_code != LEGATE_INT32 || in[10].type_code != LEGATE_INT32) {
    return core->task_fail(ctx, "sparse.SuperLU.solve: the factors and x differ in type");
  }
  const Dense d(xs);
  const int n = static_cast<int>(d.n);
  std::vector<int> perm_r(static_cast<size_t>(n)), perm_c(static_cast<size_t>(n));
  {
    const Index pr(in[9]), pc(in[10]);
    for (int i = 0; i < n; ++i) {
      perm_r[i] = static_cast<int>(pr[i]);
      perm_c[i] = static_cast<int>(pc[i]);
    }
  }
  const char* failure = nullptr;
  const bool ok = dispatch_inexact(xs.type_code, [&](auto zero) {
    using T = decltype(zero);
    StoredFactors<T> f(n, in, scalar<int32_t>(ctx, 1), scalar<int32_t>(ctx, 2), scalar<int32_t>(ctx, 3));
    if (!f.ok) {
      failure = "sparse.SuperLU.solve: the factors' stores are not SuperLU's arrays";
      return;
    }
    // xgstrs takes B by columns (leading dimension n): x itself when it is one contiguous
    // column, else a copy.
    T* x = at<T>(xs);
    const bool direct = d.k == 1 && d.sr == 1;
    std::vector<T> work(direct ? 0 : static_cast<size_t>(d.n * d.k));
    T* b = direct ? x : work.data();
    if (!direct) {
      for (int64_t i = 0; i < d.n; ++i) {
        for (int64_t c = 0; c < d.k; ++c) b[c * d.n + i] = x[i * d.sr + c * d.sc];
      }
    }
    DNformat bs{n, b};
    SuperMatrix B{};
    B.Stype = SLU_DN;
    B.Dtype = Slu<T>::dtype;
    B.Mtype = SLU_GE;
    B.nrow = n;
    B.ncol = static_cast<int>(d.k);
    B.Store = &bs;
    SuperLUStat_t stat;
    int info = 0;
    const trans_t how = trans == 0 ? NOTRANS : trans == 1 ? TRANS : CONJ;
    StatInit(&stat);
    Slu<T>::gstrs(how, &f.L, &f.U, perm_c.data(), perm_r.data(), &B, &stat, &info);
    StatFree(&stat);
    if (info != 0) {
      failure = "sparse.SuperLU.solve: SuperLU rejected the solve";
      return;
    }
    if (!direct) {
      for (int64_t i = 0; i < d.n; ++i) {
        for (int64_t c = 0; c < d.k; ++c) x[i * d.sr + c * d.sc] = b[c * d.n + i];
      }
    }
  });
  if (!ok) return core->task_fail(ctx, "sparse.SuperLU.solve: float32, float64, complex64 or complex128 values only");
  if (failure) core->task_fail(ctx, failure);
}

// inputs: 0-8 the factors' arrays (kFactorArrays); outputs: L (indptr n + 1 int32, unbound
// indices int32, unbound values), then U's; scalars: 0-2 int32 L's nsuper, L's and U's stored
// entries. L unit lower with its unit diagonal stored, U upper, both in CSR with sorted rows.
void superlu_factors(legate_task_context* ctx) {
  const auto* in = ctx->inputs;
  const auto* out = ctx->outputs;
  const int n = static_cast<int>(out[0].shape[0]) - 1;
  if (!factor_types(in, out[2].type_code) || out[5].type_code != out[2].type_code || out[0].type_code != LEGATE_INT32 ||
      out[1].type_code != LEGATE_INT32 || out[3].type_code != LEGATE_INT32 || out[4].type_code != LEGATE_INT32) {
    return core->task_fail(ctx, "sparse.SuperLU: bad argument types");
  }
  const char* failure = nullptr;
  const bool ok = dispatch_inexact(out[2].type_code, [&](auto zero) {
    using T = decltype(zero);
    StoredFactors<T> f(n, in, scalar<int32_t>(ctx, 0), scalar<int32_t>(ctx, 1), scalar<int32_t>(ctx, 2));
    if (!f.ok) {
      failure = "sparse.SuperLU: the factors' stores are not SuperLU's arrays";
      return;
    }
    Builder<T> lb(n), ub(n);
    walk_factors<T>(f.L, f.U, [&](int i, int, const T&) { lb.count(i); }, [&](int i, int, const T&) { ub.count(i); });
    const int64_t ln = lb.finish_counts(at<int32_t>(out[0]));
    const int64_t un = ub.finish_counts(at<int32_t>(out[3]));
    lb.indices = static_cast<int32_t*>(core->create_output_buffer(ctx, 1, ln));
    lb.values = static_cast<T*>(core->create_output_buffer(ctx, 2, ln));
    ub.indices = static_cast<int32_t*>(core->create_output_buffer(ctx, 4, un));
    ub.values = static_cast<T*>(core->create_output_buffer(ctx, 5, un));
    const bool buffers = (ln == 0 || (lb.indices && lb.values)) && (un == 0 || (ub.indices && ub.values));
    if (buffers) walk_factors<T>(f.L, f.U, [&](int i, int j, const T& v) { lb.put(i, j, v); }, [&](int i, int j, const T& v) { ub.put(i, j, v); });
  });
  if (!ok) return core->task_fail(ctx, "sparse.SuperLU: float32, float64, complex64 or complex128 values only");
  if (failure) core->task_fail(ctx, failure);
}

#else

void superlu_factor(legate_task_context* ctx) {
  core->task_fail(ctx, "sparse.splu: built without SuperLU (" LEGATE_SUPERLU_DETAIL ")");
}
void superlu_solve(legate_task_context* ctx) {
  core->task_fail(ctx, "sparse.SuperLU.solve: built without SuperLU (" LEGATE_SUPERLU_DETAIL ")");
}
void superlu_factors(legate_task_context* ctx) {
  core->task_fail(ctx, "sparse.SuperLU: built without SuperLU (" LEGATE_SUPERLU_DETAIL ")");
}

#endif

}  // namespace

void register_superlu_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kSuperluFactor, "sparse.superlu_factor", superlu_factor);
  api->register_task(library, kSuperluSolve, "sparse.superlu_solve", superlu_solve);
  api->register_task(library, kSuperluFactors, "sparse.superlu_factors", superlu_factors);
  api->register_task(library, kTriangularSolve, "sparse.spsolve_triangular", triangular_task);
}

}  // namespace legate::sparse
