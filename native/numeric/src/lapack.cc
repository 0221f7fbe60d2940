// Factorisations and solves through LAPACK, one point task over whole arrays: each matrix of a
// batch (the leading dimensions) is copied into a column-major buffer, factorised, and written
// back strided. A failure (singular, not positive definite, no convergence) is reported in the
// status output (the first nonzero LAPACK info) for the caller to raise LinAlgError.
#include <complex>
// LAPACKE's complex types as C++'s (the same layout), before its header picks C99's.
#define lapack_complex_float std::complex<float>
#define lapack_complex_double std::complex<double>
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

using lapack = lapack_int;

// The s/d/c/z routine for T.
template <typename T>
struct Lapack;

#define LEGATE_LAPACK_COMMON(T, R, p)                                                                                            \
  static lapack gesv(lapack n, lapack k, T* a, lapack* ipiv, T* b) { return LAPACKE_##p##gesv(LAPACK_COL_MAJOR, n, k, a, n, ipiv, b, n); } \
  static lapack getrf(lapack m, lapack n, T* a, lapack* ipiv) { return LAPACKE_##p##getrf(LAPACK_COL_MAJOR, m, n, a, m, ipiv); }             \
  static lapack potrf(lapack n, T* a) { return LAPACKE_##p##potrf(LAPACK_COL_MAJOR, 'L', n, a, n); }                                       \
  static lapack geqrf(lapack m, lapack n, T* a, T* tau) { return LAPACKE_##p##geqrf(LAPACK_COL_MAJOR, m, n, a, m, tau); }                  \
  static lapack gesdd(char job, lapack m, lapack n, T* a, R* s, T* u, lapack ldu, T* vt, lapack ldvt) {                                    \
    return LAPACKE_##p##gesdd(LAPACK_COL_MAJOR, job, m, n, a, m, s, u, ldu, vt, ldvt);                                                      \
  }                                                                                                                                          \
  static lapack gelsd(lapack m, lapack n, lapack k, T* a, T* b, lapack ldb, R* s, R rcond, lapack* rank) {                                 \
    return LAPACKE_##p##gelsd(LAPACK_COL_MAJOR, m, n, k, a, m, b, ldb, s, rcond, rank);                                                     \
  }

template <>
struct Lapack<float> {
  LEGATE_LAPACK_COMMON(float, float, s)
  static lapack orgqr(lapack m, lapack n, lapack k, float* a, const float* tau) { return LAPACKE_sorgqr(LAPACK_COL_MAJOR, m, n, k, a, m, tau); }
  static lapack heevd(char job, char uplo, lapack n, float* a, float* w) { return LAPACKE_ssyevd(LAPACK_COL_MAJOR, job, uplo, n, a, n, w); }
};
template <>
struct Lapack<double> {
  LEGATE_LAPACK_COMMON(double, double, d)
  static lapack orgqr(lapack m, lapack n, lapack k, double* a, const double* tau) { return LAPACKE_dorgqr(LAPACK_COL_MAJOR, m, n, k, a, m, tau); }
  static lapack heevd(char job, char uplo, lapack n, double* a, double* w) { return LAPACKE_dsyevd(LAPACK_COL_MAJOR, job, uplo, n, a, n, w); }
};
template <>
struct Lapack<std::complex<float>> {
  using T = std::complex<float>;
  LEGATE_LAPACK_COMMON(T, float, c)
  static lapack orgqr(lapack m, lapack n, lapack k, T* a, const T* tau) { return LAPACKE_cungqr(LAPACK_COL_MAJOR, m, n, k, a, m, tau); }
  static lapack heevd(char job, char uplo, lapack n, T* a, float* w) { return LAPACKE_cheevd(LAPACK_COL_MAJOR, job, uplo, n, a, n, w); }
};
template <>
struct Lapack<std::complex<double>> {
  using T = std::complex<double>;
  LEGATE_LAPACK_COMMON(T, double, z)
  static lapack orgqr(lapack m, lapack n, lapack k, T* a, const T* tau) { return LAPACKE_zungqr(LAPACK_COL_MAJOR, m, n, k, a, m, tau); }
  static lapack heevd(char job, char uplo, lapack n, T* a, double* w) { return LAPACKE_zheevd(LAPACK_COL_MAJOR, job, uplo, n, a, n, w); }
};
#undef LEGATE_LAPACK_COMMON

// The general (non-symmetric) eigenproblem through xgeev: the eigenvalues into w and, when
// `vectors`, the right eigenvectors (unit length, columns of the column-major n × n v), both
// complex. A real matrix's conjugate pairs come from LAPACK as (re, im) column pairs: each
// pair is made its two complex vectors here.
template <typename T>
lapack geev(bool vectors, lapack n, T* a, std::complex<real_t<T>>* w, std::complex<real_t<T>>* v) {
  using R = real_t<T>;
  using C = std::complex<R>;
  const char jobvr = vectors ? 'V' : 'N';
  std::vector<T> vr(vectors ? static_cast<size_t>(n) * n : 1);
  T vl[1];
  const lapack ldvr = vectors ? n : 1;
  if constexpr (is_complex_v<T>) {
    lapack info;
    if constexpr (std::is_same_v<T, std::complex<float>>) info = LAPACKE_cgeev(LAPACK_COL_MAJOR, 'N', jobvr, n, a, n, w, vl, 1, vr.data(), ldvr);
    else info = LAPACKE_zgeev(LAPACK_COL_MAJOR, 'N', jobvr, n, a, n, w, vl, 1, vr.data(), ldvr);
    if (vectors) std::copy(vr.begin(), vr.end(), v);
    return info;
  } else {
    std::vector<R> wr(static_cast<size_t>(n)), wi(static_cast<size_t>(n));
    lapack info;
    if constexpr (std::is_same_v<T, float>) info = LAPACKE_sgeev(LAPACK_COL_MAJOR, 'N', jobvr, n, a, n, wr.data(), wi.data(), vl, 1, vr.data(), ldvr);
    else info = LAPACKE_dgeev(LAPACK_COL_MAJOR, 'N', jobvr, n, a, n, wr.data(), wi.data(), vl, 1, vr.data(), ldvr);
    for (lapack j = 0; j < n; ++j) w[j] = C(wr[static_cast<size_t>(j)], wi[static_cast<size_t>(j)]);
    if (!vectors || info != 0) return info;
    for (lapack j = 0; j < n; ++j) {
      const R* re = vr.data() + static_cast<size_t>(j) * n;
      C* col = v + static_cast<size_t>(j) * n;
      if (wi[static_cast<size_t>(j)] == R{0} || j + 1 == n) {
        for (lapack i = 0; i < n; ++i) col[i] = C(re[i], 0);
        continue;
      }
      const R* im = re + n;
      C* next = col + n;
      for (lapack i = 0; i < n; ++i) {
        col[i] = C(re[i], im[i]);
        next[i] = C(re[i], -im[i]);
      }
      ++j;
    }
    return info;
  }
}

// The matrices of a batch: the last two dimensions of a store; `batch` leading ones in common.
template <typename T>
struct Matrices {
  const legate_physical_store* store;
  int32_t batch;
  int64_t rows() const { return store->ndim > batch ? store->shape[batch] : 1; }
  int64_t cols() const { return store->ndim > batch + 1 ? store->shape[batch + 1] : 1; }
  T* at(const int64_t* index) const {
    int64_t offset = 0;
    for (int32_t d = 0; d < batch; ++d) offset += index[d] * store->strides[d];
    return static_cast<T*>(store->data) + offset;
  }
  int64_t row_stride() const { return store->ndim > batch ? store->strides[batch] : 0; }
  int64_t col_stride() const { return store->ndim > batch + 1 ? store->strides[batch + 1] : 0; }

  // Column-major copy of matrix `index` (r × c, leading dimension r), converted to U.
  template <typename U>
  void load(const int64_t* index, std::vector<U>& out) const {
    const int64_t r = rows(), c = cols();
    out.assign(static_cast<size_t>(r * c), U{});
    const T* base = at(index);
    for (int64_t j = 0; j < c; ++j)
      for (int64_t i = 0; i < r; ++i) out[static_cast<size_t>(j * r + i)] = convert<U>(base[i * row_stride() + j * col_stride()]);
  }
  // Writes the leading rows × cols block of a column-major buffer with leading dimension ld.
  template <typename U>
  void store_from(const int64_t* index, const std::vector<U>& in, int64_t ld) const {
    const int64_t r = rows(), c = cols();
    T* base = at(index);
    for (int64_t j = 0; j < c; ++j)
      for (int64_t i = 0; i < r; ++i) base[i * row_stride() + j * col_stride()] = convert<T>(in[static_cast<size_t>(j * ld + i)]);
  }
};

// Calls body(index) for every matrix of the batch given by the first `batch` extents of `shape`.
template <typename Body>
void for_each_matrix(const legate_physical_store& s, int32_t batch, Body body) {
  int64_t index[LEGATE_MAX_DIM] = {};
  for (int32_t d = 0; d < batch; ++d)
    if (s.shape[d] == 0) return;
  for (;;) {
    body(index);
    int32_t d = batch - 1;
    for (; d >= 0; --d) {
      if (++index[d] < s.shape[d]) break;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

// Writes n values into batch entry `index` of a (…, n) store (the eigenvalues or singular values of one matrix).
template <typename U>
void store_vector(const legate_physical_store& s, int32_t batch, const int64_t* index, const U* values, int64_t n) {
  int64_t offset = 0;
  for (int32_t d = 0; d < batch; ++d) offset += index[d] * s.strides[d];
  U* out = static_cast<U*>(s.data) + offset;
  for (int64_t i = 0; i < n; ++i) out[i * s.strides[batch]] = values[i];
}

void set_status(legate_task_context* ctx, int64_t info) {
  auto* status = at<int64_t>(ctx->outputs[ctx->num_outputs - 1]);
  if (*status == 0 && info != 0) *status = info;
}

template <typename T>
void run(legate_task_context* ctx, int32_t op) {
  using R = real_t<T>;
  using L = Lapack<T>;
  const auto& a = ctx->inputs[0];
  *at<int64_t>(ctx->outputs[ctx->num_outputs - 1]) = 0;
  const int32_t batch = a.ndim - 2;
  const Matrices<const T> A{&a, batch};
  const int64_t m = A.rows(), n = A.cols();
  std::vector<T> work, other;
  std::vector<lapack> pivots(static_cast<size_t>(std::max<int64_t>(1, std::min(m, n))));
  switch (op) {
    case kLinalgSolve: {  // inputs: A (…, n, n), B (…, n, k); outputs: X, status
      const Matrices<const T> B{&ctx->inputs[1], batch};
      const Matrices<T> X{&ctx->outputs[0], batch};
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        B.load(index, other);
        set_status(ctx, L::gesv(static_cast<lapack>(n), static_cast<lapack>(B.cols()), work.data(), pivots.data(), other.data()));
        X.store_from(index, other, n);
      });
      break;
    }
    case kLinalgCholesky: {  // outputs: L (…, n, n) lower, status
      const Matrices<T> out{&ctx->outputs[0], batch};
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        set_status(ctx, L::potrf(static_cast<lapack>(n), work.data()));
        for (int64_t j = 0; j < n; ++j)
          for (int64_t i = 0; i < j; ++i) work[static_cast<size_t>(j * n + i)] = T{};
        out.store_from(index, work, n);
      });
      break;
    }
    case kLinalgQr: {  // outputs: Q (…, m, kq), R (…, kr, n), status; kq = m (complete) or min(m, n)
      const Matrices<T> Q{&ctx->outputs[0], batch};
      const Matrices<T> Rm{&ctx->outputs[1], batch};
      const int64_t kq = Q.cols(), kmin = std::min(m, n);
      std::vector<T> tau(static_cast<size_t>(std::max<int64_t>(1, kmin)));
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        set_status(ctx, L::geqrf(static_cast<lapack>(m), static_cast<lapack>(n), work.data(), tau.data()));
        // R: the upper triangle of the first kr rows.
        other.assign(static_cast<size_t>(Rm.rows() * n), T{});
        for (int64_t j = 0; j < n; ++j)
          for (int64_t i = 0; i <= std::min(j, Rm.rows() - 1); ++i) other[static_cast<size_t>(j * Rm.rows() + i)] = work[static_cast<size_t>(j * m + i)];
        Rm.store_from(index, other, Rm.rows());
        if (kq == 0 || m == 0) return;
        // Q: the reflectors extended to kq columns.
        std::vector<T> q(static_cast<size_t>(m * kq), T{});
        for (int64_t j = 0; j < std::min(n, kq); ++j)
          for (int64_t i = 0; i < m; ++i) q[static_cast<size_t>(j * m + i)] = work[static_cast<size_t>(j * m + i)];
        set_status(ctx, L::orgqr(static_cast<lapack>(m), static_cast<lapack>(kq), static_cast<lapack>(kmin), q.data(), tau.data()));
        Q.store_from(index, q, m);
      });
      break;
    }
    case kLinalgSvd: {  // outputs: U (…, m, ku), S (…, min), Vh (…, kv, n), status; scalar 1: full (1), uv (2)
      const auto flags = scalar_arg<int32_t>(ctx, 1);
      const bool uv = flags & 2, full = flags & 1;
      const Matrices<T> U{&ctx->outputs[0], batch};
      const Matrices<T> Vh{&ctx->outputs[2], batch};
      const int64_t kmin = std::min(m, n);
      const int64_t ku = uv ? (full ? m : kmin) : 1, kv = uv ? (full ? n : kmin) : 1;
      std::vector<R> s(static_cast<size_t>(std::max<int64_t>(1, kmin)));
      std::vector<T> u(static_cast<size_t>(std::max<int64_t>(1, m * ku))), vt(static_cast<size_t>(std::max<int64_t>(1, kv * n)));
      const legate_physical_store& s_store = ctx->outputs[1];
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        if (kmin > 0) {
          set_status(ctx, L::gesdd(uv ? (full ? 'A' : 'S') : 'N', static_cast<lapack>(m), static_cast<lapack>(n), work.data(), s.data(), u.data(),
                                   static_cast<lapack>(std::max<int64_t>(1, m)), vt.data(), static_cast<lapack>(std::max<int64_t>(1, kv))));
        }
        store_vector(s_store, batch, index, s.data(), kmin);
        if (uv) {
          if (m * ku > 0) U.store_from(index, u, m);
          if (kv * n > 0) Vh.store_from(index, vt, kv);
        }
      });
      break;
    }
    case kLinalgEigh: {  // outputs: W (…, n) real, V (…, n, n), status; scalar 1: uplo (0 L, 1 U) | vectors (2)
      const auto flags = scalar_arg<int32_t>(ctx, 1);
      const bool vectors = flags & 2;
      const char uplo = flags & 1 ? 'U' : 'L';
      const Matrices<T> V{&ctx->outputs[1], batch};
      const legate_physical_store& w_store = ctx->outputs[0];
      std::vector<R> w(static_cast<size_t>(std::max<int64_t>(1, n)));
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        if (n > 0) set_status(ctx, L::heevd(vectors ? 'V' : 'N', uplo, static_cast<lapack>(n), work.data(), w.data()));
        store_vector(w_store, batch, index, w.data(), n);
        if (vectors) V.store_from(index, work, n);
      });
      break;
    }
    case kLinalgEig: {  // outputs: W (…, n) complex, V (…, n, n) complex (or (0,) without vectors), status; scalar 1: vectors
      using C = std::complex<R>;
      const bool vectors = scalar_arg<int32_t>(ctx, 1) != 0;
      const Matrices<C> V{&ctx->outputs[1], batch};
      const legate_physical_store& w_store = ctx->outputs[0];
      std::vector<C> w(static_cast<size_t>(std::max<int64_t>(1, n))), v(vectors ? static_cast<size_t>(n * n) : 0);
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        if (n > 0) set_status(ctx, geev<T>(vectors, static_cast<lapack>(n), work.data(), w.data(), v.data()));
        store_vector(w_store, batch, index, w.data(), n);
        if (vectors) V.store_from(index, v, n);
      });
      break;
    }
    case kLinalgDet: {  // outputs: sign (…), logabsdet (…) real, status; det = sign · exp(logabsdet)
      const legate_physical_store& sign_store = ctx->outputs[0];
      const legate_physical_store& log_store = ctx->outputs[1];
      for_each_matrix(a, batch, [&](const int64_t* index) {
        A.load(index, work);
        T sign = T{1};
        R logabs = 0;
        if (n > 0) {
          const lapack info = L::getrf(static_cast<lapack>(n), static_cast<lapack>(n), work.data(), pivots.data());
          if (info > 0) {
            sign = T{};
            logabs = -INFINITY;
          } else {
            for (int64_t i = 0; i < n; ++i) {
              const T d = work[static_cast<size_t>(i * n + i)];
              const R magnitude = std::abs(d);
              if (pivots[static_cast<size_t>(i)] != i + 1) sign = -sign;
              sign *= d / magnitude;
              logabs += std::log(magnitude);
            }
          }
        }
        int64_t so = 0, lo = 0;
        for (int32_t d = 0; d < batch; ++d) {
          so += index[d] * sign_store.strides[d];
          lo += index[d] * log_store.strides[d];
        }
        static_cast<T*>(sign_store.data)[so] = sign;
        static_cast<R*>(log_store.data)[lo] = logabs;
      });
      break;
    }
    case kLinalgLstsq: {  // inputs: A (m, n), B (m, k); outputs: X (n, k), S (min), rank (0-d int64), status; scalar 1: rcond
      const auto rcond = static_cast<R>(scalar_arg<double>(ctx, 1));
      const Matrices<const T> B{&ctx->inputs[1], 0};
      const Matrices<T> X{&ctx->outputs[0], 0};
      const int64_t k = B.cols(), ld = std::max<int64_t>(1, std::max(m, n));
      const int64_t zero[1] = {0};
      A.load(zero, work);
      std::vector<T> b;
      B.load(zero, b);
      std::vector<T> rhs(static_cast<size_t>(ld * k), T{});
      for (int64_t j = 0; j < k; ++j)
        for (int64_t i = 0; i < m; ++i) rhs[static_cast<size_t>(j * ld + i)] = b[static_cast<size_t>(j * m + i)];
      std::vector<R> s(static_cast<size_t>(std::max<int64_t>(1, std::min(m, n))));
      lapack rank = 0;
      if (std::min(m, n) > 0) {
        set_status(ctx, L::gelsd(static_cast<lapack>(m), static_cast<lapack>(n), static_cast<lapack>(k), work.data(), rhs.data(), static_cast<lapack>(ld), s.data(), rcond, &rank));
      }
      X.store_from(zero, rhs, ld);
      const legate_physical_store& s_store = ctx->outputs[1];
      for (int64_t i = 0; i < std::min(m, n); ++i) static_cast<R*>(s_store.data)[i * s_store.strides[0]] = s[static_cast<size_t>(i)];
      *at<int64_t>(ctx->outputs[2]) = rank;
      break;
    }
    default: core->task_fail(ctx, "linalg: unknown operation");
  }
}

void linalg(legate_task_context* ctx) {
  const auto op = scalar_arg<int32_t>(ctx, 0);
  switch (ctx->inputs[0].type_code) {
    case LEGATE_FLOAT32: return run<float>(ctx, op);
    case LEGATE_FLOAT64: return run<double>(ctx, op);
    case LEGATE_COMPLEX64: return run<std::complex<float>>(ctx, op);
    case LEGATE_COMPLEX128: return run<std::complex<double>>(ctx, op);
    default: core->task_fail(ctx, "linalg: float or complex arrays only");
  }
}

}  // namespace

void register_lapack_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kLinalg, "numeric.linalg", linalg);
}

}  // namespace legate::numeric
