// Matrix products over pieces of the (batch..., m, k, n) iteration space: A is (…, m, k)
// promoted along n, B is (…, k, n) promoted along m, C is (…, m, n) promoted along k and reduced
// over k. Each point task multiplies its blocks with OpenBLAS (integers and bool by loops) and
// adds into its piece of C; the runtime folds pieces that split k.
#include <cmath>
#include <cblas.h>

#include <algorithm>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// A strided matrix block: element (i, j) at data[i * rows + j * cols].
template <typename T>
struct Block {
  T* data;
  int64_t rows, cols;  // element strides along the two dimensions
};

// How BLAS can read a block of extent r × c: row-major with a leading dimension, transposed, or
// not at all (then it is copied first).
struct Layout {
  bool ok;
  CBLAS_TRANSPOSE trans;
  int64_t ld;
};

Layout layout_of(int64_t rows_stride, int64_t cols_stride, int64_t r, int64_t c) {
  // Extent-1 dimensions may carry any stride: give BLAS a valid one.
  if (c == 1) cols_stride = 1;
  if (r == 1) rows_stride = std::max<int64_t>(c, 1);
  if (cols_stride == 1 && rows_stride >= std::max<int64_t>(c, 1)) return {true, CblasNoTrans, rows_stride};
  if (r == 1 && c == 1) return {true, CblasNoTrans, 1};
  if (rows_stride == 1 && cols_stride >= std::max<int64_t>(r, 1)) return {true, CblasTrans, cols_stride};
  return {false, CblasNoTrans, 0};
}

template <typename T>
void gemm_blas(int64_t m, int64_t n, int64_t k, CBLAS_TRANSPOSE ta, const T* a, int64_t lda, CBLAS_TRANSPOSE tb, const T* b,
               int64_t ldb, T* c, int64_t ldc) {
  const auto M = static_cast<blasint>(m), N = static_cast<blasint>(n), K = static_cast<blasint>(k);
  if constexpr (std::is_same_v<T, float>) {
    cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, 1.0f, a, static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 1.0f, c, static_cast<blasint>(ldc));
  } else if constexpr (std::is_same_v<T, double>) {
    cblas_dgemm(CblasRowMajor, ta, tb, M, N, K, 1.0, a, static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 1.0, c, static_cast<blasint>(ldc));
  } else if constexpr (std::is_same_v<T, std::complex<float>>) {
    const T one(1);
    cblas_cgemm(CblasRowMajor, ta, tb, M, N, K, &one, a, static_cast<blasint>(lda), b, static_cast<blasint>(ldb), &one, c, static_cast<blasint>(ldc));
  } else {
    const T one(1);
    cblas_zgemm(CblasRowMajor, ta, tb, M, N, K, &one, a, static_cast<blasint>(lda), b, static_cast<blasint>(ldb), &one, c, static_cast<blasint>(ldc));
  }
}

// A contiguous row-major copy of a strided block.
template <typename T>
std::vector<T> packed(const Block<const T>& x, int64_t r, int64_t c) {
  std::vector<T> out(static_cast<size_t>(r * c));
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j) out[static_cast<size_t>(i * c + j)] = x.data[i * x.rows + j * x.cols];
  return out;
}

// C (m × n) += A (m × k) · B (k × n).
template <typename T>
void multiply_add(int64_t m, int64_t n, int64_t k, Block<const T> a, Block<const T> b, Block<T> c) {
  if (m == 0 || n == 0 || k == 0) return;
  if constexpr (is_complex_v<T>) {
    // One product per element of C (k == 1): NumPy's own loop, whose plain complex products keep
    // the infinities BLAS's alpha scaling turns into NaNs ((1+0j)·(inf+4e8j) = inf+nanj).
    // Non-finite values: BLAS kernels skip zero terms and scale by alpha, so 0·inf and
    // inf·(1+0j) do not give IEEE's NaNs; the plain sum of plain products does, as NumPy.
    auto finite = [](const Block<const T>& x, int64_t r, int64_t cc) {
      for (int64_t i = 0; i < r; ++i)
        for (int64_t j = 0; j < cc; ++j) {
          const T v = x.data[i * x.rows + j * x.cols];
          if (!std::isfinite(v.real()) || !std::isfinite(v.imag())) return false;
        }
      return true;
    };
    if (k > 1 && !(finite(a, m, k) && finite(b, k, n))) {
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          T sum = c.data[i * c.rows + j * c.cols];
          for (int64_t p = 0; p < k; ++p) sum += cmul(a.data[i * a.rows + p * a.cols], b.data[p * b.rows + j * b.cols]);
          c.data[i * c.rows + j * c.cols] = sum;
        }
      return;
    }
    if (k == 1) {
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          T& out = c.data[i * c.rows + j * c.cols];
          const T p = cmul(a.data[i * a.rows], b.data[j * b.cols]);
          out += p;
        }
      return;
    }
  }
  if constexpr (std::is_floating_point_v<T> || is_complex_v<T>) {
    Layout la = layout_of(a.rows, a.cols, m, k);
    Layout lb = layout_of(b.rows, b.cols, k, n);
    Layout lc = layout_of(c.rows, c.cols, m, n);
    std::vector<T> a_copy, b_copy;
    if (!la.ok) {
      a_copy = packed(a, m, k);
      a = {a_copy.data(), k, 1};
      la = {true, CblasNoTrans, k};
    }
    if (!lb.ok) {
      b_copy = packed(b, k, n);
      b = {b_copy.data(), n, 1};
      lb = {true, CblasNoTrans, n};
    }
    if (lc.ok && lc.trans == CblasNoTrans) {
      gemm_blas<T>(m, n, k, la.trans, a.data, la.ld, lb.trans, b.data, lb.ld, c.data, lc.ld);
      return;
    }
    if (lc.ok) {
      // C is column-major: Cᵀ (n × m) += Bᵀ · Aᵀ.
      const auto flip = [](CBLAS_TRANSPOSE t) { return t == CblasNoTrans ? CblasTrans : CblasNoTrans; };
      gemm_blas<T>(n, m, k, flip(lb.trans), b.data, lb.ld, flip(la.trans), a.data, la.ld, c.data, lc.ld);
      return;
    }
    std::vector<T> c_copy(static_cast<size_t>(m * n), T{});
    gemm_blas<T>(m, n, k, la.trans, a.data, la.ld, lb.trans, b.data, lb.ld, c_copy.data(), n);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c.data[i * c.rows + j * c.cols] += c_copy[static_cast<size_t>(i * n + j)];
  } else if constexpr (std::is_same_v<T, bool>) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        bool any = c.data[i * c.rows + j * c.cols];
        for (int64_t p = 0; p < k && !any; ++p) any = a.data[i * a.rows + p * a.cols] && b.data[p * b.rows + j * b.cols];
        c.data[i * c.rows + j * c.cols] = any;
      }
  } else {
    // Integers wrap, as NumPy's integer matmul: unsigned arithmetic, row by row of B.
    using U = std::make_unsigned_t<T>;
    using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p) {
        const W x = static_cast<W>(static_cast<U>(a.data[i * a.rows + p * a.cols]));
        if (x == 0) continue;
        for (int64_t j = 0; j < n; ++j) {
          T& out = c.data[i * c.rows + j * c.cols];
          out = static_cast<T>(static_cast<U>(static_cast<W>(static_cast<U>(out)) + x * static_cast<W>(static_cast<U>(b.data[p * b.rows + j * b.cols]))));
        }
      }
  }
}

// inputs[0] A over (…, m, k, n), inputs[1] B over (…, m, k, n), and either reductions[0] C over
// (…, m, k, n) (the sum over k may be split) or outputs[0] C over (…, m, n) (row blocks: every
// piece has all of k and writes its C block).
void matmul(legate_task_context* ctx) {
  const auto& a = ctx->inputs[0];
  const auto& b = ctx->inputs[1];
  const bool reduce = ctx->num_reductions > 0;
  const auto& c = reduce ? ctx->reductions[0] : ctx->outputs[0];
  const int32_t nd = a.ndim;
  const int32_t batch = nd - 3;
  const int64_t m = a.shape[nd - 3], k = a.shape[nd - 2], n = a.shape[nd - 1];
  // C's row and column strides: over (…, m, k, n) when reduced, over (…, m, n) when written.
  const int64_t c_rows = c.strides[nd - 3], c_cols = c.strides[reduce ? nd - 1 : nd - 2];
  const bool ok = dispatch(c.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* pc = at<T>(c);
    if (!reduce) {
      // A written block starts from zero (the kernel accumulates).
      const legate_physical_store* stores[1] = {&c};
      for_each_point(stores, [&](const int64_t* base, int64_t count, const int64_t* stride) {
        for (int64_t i = 0; i < count; ++i) pc[base[0] + i * stride[0]] = T{};
      });
    }
    if (volume(a) == 0) return;
    const T* pa = at<const T>(a);
    const T* pb = at<const T>(b);
    int64_t index[LEGATE_MAX_DIM] = {};
    for (;;) {
      int64_t oa = 0, ob = 0, oc = 0;
      for (int32_t d = 0; d < batch; ++d) {
        oa += index[d] * a.strides[d];
        ob += index[d] * b.strides[d];
        oc += index[d] * c.strides[d];
      }
      multiply_add<T>(m, n, k, {pa + oa, a.strides[nd - 3], a.strides[nd - 2]}, {pb + ob, b.strides[nd - 2], b.strides[nd - 1]}, {pc + oc, c_rows, c_cols});
      int32_t d = batch - 1;
      for (; d >= 0; --d) {
        if (++index[d] < a.shape[d]) break;
        index[d] = 0;
      }
      if (d < 0) return;
    }
  });
  if (!ok) core->task_fail(ctx, "matmul: unknown type");
}

}  // namespace

void register_blas_tasks(const legate_core_api* api, int32_t library) {
  // Each point task calls BLAS on one processor of the runtime's pool: OpenBLAS's own threads
  // would compete with the pool's.
  openblas_set_num_threads(1);
  api->register_task(library, kMatmul, "numeric.matmul", matmul);
}

}  // namespace legate::numeric
