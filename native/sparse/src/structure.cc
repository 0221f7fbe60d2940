// CSR structure as tasks: sorting and summing within rows, dropping zeros, entry-wise merges,
// sparse × sparse products, densifying, diagonals, and the scatters that build rows from
// coordinates. Row tasks get a block of rows (pos, its rows' [start, end) pairs), the column
// indices and values those rows span (images of pos), and write a count per row plus their
// rows' entries into unbound outputs, which the runtime joins in point order: row blocks in
// order are the result's entries in CSR order, and the counts' running sum is its indptr.
#include <algorithm>
#include <numeric>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::sparse {

extern const legate_core_api* core;

namespace {

using numeric::at;
using numeric::dispatch;

// A 1-D piece of int32 or int64 indices, addressed by global position.
struct Indices {
  const char* base = nullptr;  // the element at global index 0 (may lie outside the piece)
  int64_t stride = 1;          // in elements
  bool wide = true;
  int64_t operator[](int64_t k) const {
    return wide ? reinterpret_cast<const int64_t*>(base)[k * stride] : reinterpret_cast<const int32_t*>(base)[k * stride];
  }
};

bool index_type(int32_t code) { return code == LEGATE_INT32 || code == LEGATE_INT64; }

Indices indices_of(const legate_physical_store& s) {
  Indices ix;
  ix.wide = s.type_code == LEGATE_INT64;
  const int64_t size = ix.wide ? 8 : 4;
  ix.stride = s.ndim > 0 ? s.strides[0] : 1;
  const int64_t origin = s.ndim > 0 ? s.offset[0] : 0;
  ix.base = static_cast<const char*>(s.data) - origin * ix.stride * size;
  return ix;
}

// Row r's (r counted within the piece) [start, end) of a (rows, 2) pos piece.
struct Rows {
  const legate_physical_store* pos;
  int64_t count() const { return pos->shape[0]; }
  int64_t first() const { return pos->offset[0]; }
  std::pair<int64_t, int64_t> operator()(int64_t r) const {
    const int64_t s0 = pos->strides[0], s1 = pos->strides[1];
    if (pos->type_code == LEGATE_INT64) {
      const auto* p = static_cast<const int64_t*>(pos->data);
      return {p[r * s0], p[r * s0 + s1]};
    }
    const auto* p = static_cast<const int32_t*>(pos->data);
    return {p[r * s0], p[r * s0 + s1]};
  }
};

// Values of a 1-D piece by global position.
template <typename T>
struct Values {
  const T* base;
  int64_t stride;
  explicit Values(const legate_physical_store& s)
      : base(at<const T>(s) - (s.ndim > 0 ? s.offset[0] * s.strides[0] : 0)), stride(s.ndim > 0 ? s.strides[0] : 1) {}
  const T& operator[](int64_t k) const { return base[k * stride]; }
};

// Runs a row task's body twice: once counting each row's entries (outputs[0], (rows, 1)
// int64), then, with outputs[1] (indices, int32 or int64) and outputs[2] (values of T) sized
// exactly, writing them. body(r, sink) calls sink(column, value) for each entry of row r, in
// order, and returns false when it failed the task: no growing buffers, and each entry is
// written once, where it stays.
template <typename T, typename Body>
void count_then_write(legate_task_context* ctx, int64_t rows, Body&& body) {
  const auto& counts = ctx->outputs[0];
  count_then_write<T>(ctx, rows, std::forward<Body>(body), [&](int64_t r) { return r * counts.strides[0]; });
}

// The same with row r's count at counts.data + slot(r) elements, and, where the counts are known
// without running the body (count(r) >= 0), no counting pass.
template <typename T, typename Body, typename Slot, typename Count = int64_t (*)(int64_t)>
void count_then_write(legate_task_context* ctx, int64_t rows, Body&& body, Slot&& slot, Count&& known = [](int64_t) -> int64_t { return -1; }) {
  int64_t* count = static_cast<int64_t*>(ctx->outputs[0].data);
  int64_t total = 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t k = known(r);
    if (k < 0) {
      k = 0;
      if (!body(r, [&](int64_t, const T&) { ++k; })) return;
    }
    count[slot(r)] = k;
    total += k;
  }
  void* cols = core->create_output_buffer(ctx, 1, total);
  void* vals = core->create_output_buffer(ctx, 2, total);
  if (total > 0 && (cols == nullptr || vals == nullptr)) return;
  T* values = static_cast<T*>(vals);
  int64_t e = 0;
  if (ctx->outputs[1].type_code == LEGATE_INT64) {
    auto* columns = static_cast<int64_t*>(cols);
    for (int64_t r = 0; r < rows; ++r) body(r, [&](int64_t c, const T& v) { columns[e] = c, values[e++] = v; });  // NOLINT
  } else {
    auto* columns = static_cast<int32_t*>(cols);
    for (int64_t r = 0; r < rows; ++r) body(r, [&](int64_t c, const T& v) { columns[e] = static_cast<int32_t>(c), values[e++] = v; });
  }
}

template <typename T>
bool is_zero(const T& v) {
  return v == T{};
}

// bool entries combine logically, as SciPy's bool matrices do.
template <typename T>
T plus(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, bool>) return a || b;
  else return static_cast<T>(a + b);
}
template <typename T>
T minus(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, bool>) return a || b;
  else return static_cast<T>(a - b);
}
template <typename T>
T negated(const T& a) {
  if constexpr (std::is_same_v<T, bool>) return a;
  else return static_cast<T>(T{} - a);
}
template <typename T>
T times(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, bool>) return a && b;
  else return static_cast<T>(a * b);
}

bool check_indices(legate_task_context* ctx, std::initializer_list<const legate_physical_store*> stores, const char* name) {
  for (const auto* s : stores) {
    if (!index_type(s->type_code)) {
      core->task_fail(ctx, (std::string(name) + ": index arrays must be int32 or int64").c_str());
      return false;
    }
  }
  return true;
}

// One matrix's block as a row task sees it: its rows' [start, end), and the column indices and
// values they span, by global position.
template <typename T>
struct Csr {
  using value_type = T;
  Rows rows;
  Indices columns;
  Values<T> values;
  Csr(const legate_physical_store& pos, const legate_physical_store& crd, const legate_physical_store& vals)
      : rows{&pos}, columns(indices_of(crd)), values(vals) {}
};

template <typename M>
using value_of = typename std::decay_t<M>::value_type;

// Calls body(a) with the matrix at inputs[0..2] (pos, crd, vals) as a Csr of its value type. The
// task fails, named `name`, where an index array (those and `more`) is not int32 or int64 or
// the value type is unknown.
template <typename F>
void with_matrix(legate_task_context* ctx, const char* name, std::initializer_list<const legate_physical_store*> more, F&& body) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  if (!check_indices(ctx, {&pos, &crd}, name) || !check_indices(ctx, more, name)) return;
  const bool ok = dispatch(vals.type_code, [&](auto zero) { body(Csr<decltype(zero)>(pos, crd, vals)); });
  if (!ok) core->task_fail(ctx, (std::string(name) + ": unknown value type").c_str());
}

// inputs: pos, crd, vals; scalars[0] int32: 1 to sum duplicates. Columns sorted within each row
// (stable: duplicates keep their order, and are summed in it).
void row_canonical(legate_task_context* ctx) {
  const bool sum = numeric::scalar_arg<int32_t>(ctx, 0) != 0;
  with_matrix(ctx, "sparse.sort_indices", {&ctx->outputs[1]}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    std::vector<int64_t> order;  // an unsorted row's entries, stably sorted by column
    count_then_write<T>(ctx, a.rows.count(), [&](int64_t r, auto&& sink) {
      const auto [lo, hi] = a.rows(r);
      bool sorted = true;
      for (int64_t k = lo + 1; k < hi && sorted; ++k) sorted = a.columns[k - 1] <= a.columns[k];
      const auto entry = [&](int64_t n) { return sorted ? lo + n : order[static_cast<size_t>(n)]; };
      if (!sorted) {
        order.resize(static_cast<size_t>(hi - lo));
        std::iota(order.begin(), order.end(), lo);
        std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) { return a.columns[x] < a.columns[y]; });
      }
      for (int64_t n = 0; n < hi - lo;) {
        const int64_t k = entry(n), c = a.columns[k];
        T v = a.values[k];
        ++n;
        if (sum) {
          for (; n < hi - lo && a.columns[entry(n)] == c; ++n) v = plus<T>(v, a.values[entry(n)]);
        }
        sink(c, v);
      }
      return true;
    });
  });
}

// inputs: pos, crd, vals. The stored entries that are not zero.
void row_nonzeros(legate_task_context* ctx) {
  with_matrix(ctx, "sparse.eliminate_zeros", {&ctx->outputs[1]}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    count_then_write<T>(ctx, a.rows.count(), [&](int64_t r, auto&& sink) {
      const auto [lo, hi] = a.rows(r);
      for (int64_t k = lo; k < hi; ++k)
        if (!is_zero(a.values[k])) sink(a.columns[k], a.values[k]);
      return true;
    });
  });
}

// inputs: posA, crdA, valsA, posB, crdB, valsB (both canonical, one value type); scalars[0]
// int32: 0 add, 1 subtract, 2 multiply, 3 maximum, 4 minimum. A op B over the union (add,
// subtract, maximum, minimum: a missing entry is zero) or the intersection (multiply) of the
// structures; zeros of the result are not stored (as SciPy). Maximum and minimum compare as
// SciPy's (std::max / std::min: a NaN first operand wins, a NaN second one loses).
void row_merge(legate_task_context* ctx) {
  const auto &pa = ctx->inputs[0], &pb = ctx->inputs[3];
  const int32_t op = numeric::scalar_arg<int32_t>(ctx, 0);
  if (pa.shape[0] != pb.shape[0] || pa.offset[0] != pb.offset[0]) return core->task_fail(ctx, "sparse.merge: the row blocks differ");
  with_matrix(ctx, "sparse.merge", {&pb, &ctx->inputs[4], &ctx->outputs[1]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    const Csr<T> B(pb, ctx->inputs[4], ctx->inputs[5]);
    const Rows &ra = A.rows, &rb = B.rows;
    const Indices &xa = A.columns, &xb = B.columns;
    const Values<T> &a = A.values, &b = B.values;
    count_then_write<T>(ctx, ra.count(), [&](int64_t r, auto&& sink) {
      auto [p, pe] = ra(r);
      auto [q, qe] = rb(r);
      while (p < pe || q < qe) {
        const int64_t x = p < pe ? xa[p] : INT64_MAX;
        const int64_t y = q < qe ? xb[q] : INT64_MAX;
        if (op == 2) {
          if (x == y) {
            const T v = times<T>(a[p], b[q]);
            if (!is_zero(v)) sink(x, v);
            ++p;
            ++q;
          } else if (x < y) {
            ++p;
          } else {
            ++q;
          }
          continue;
        }
        if (op == 3 || op == 4) {
          if constexpr (numeric::is_complex_v<T>) {
            core->task_fail(ctx, "sparse.maximum: complex values have no order");
            return false;
          } else {
            const T zero{};
            const T u = x <= y ? a[p] : zero;
            const T w = y <= x ? b[q] : zero;
            const int64_t c = std::min(x, y);
            if (x <= y) ++p;
            if (y <= c) ++q;
            const T v = op == 3 ? std::max(u, w) : std::min(u, w);
            if (!is_zero(v)) sink(c, v);
          }
          continue;
        }
        T v;
        int64_t c;
        if (x == y) {
          v = op == 0 ? plus<T>(a[p], b[q]) : minus<T>(a[p], b[q]);
          c = x;
          ++p;
          ++q;
        } else if (x < y) {
          v = a[p++];
          c = x;
        } else {
          v = op == 0 ? b[q] : negated<T>(b[q]);
          ++q;
          c = y;
        }
        if (!is_zero(v)) sink(c, v);
      }
      return true;
    });
  });
}

// inputs: posA, crdA, valsA (a row block), posB, crdB, valsB (B whole, canonical or not), both
// of one value type; scalars[0] int64: B's columns. A·B row by row (Gustavson), columns sorted,
// entries that cancel to zero not stored.
void row_product(legate_task_context* ctx) {
  const int64_t cols = numeric::scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.matmul", {&ctx->inputs[3], &ctx->inputs[4], &ctx->outputs[1]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    const Csr<T> B(ctx->inputs[3], ctx->inputs[4], ctx->inputs[5]);
    const Rows &ra = A.rows, &rb = B.rows;
    const Indices &xa = A.columns, &xb = B.columns;
    const Values<T> &a = A.values, &b = B.values;
    // Row r's accumulator: marker[c] says which row last touched column c (both passes count
    // rows on from 0 again, so the pass number is part of the mark).
    std::vector<int64_t> marker(static_cast<size_t>(cols), -1);
    // Bytes for bool, not std::vector<bool>'s bits (whose references are proxies).
    std::vector<std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>> accumulator(static_cast<size_t>(cols));
    std::vector<int64_t> touched;
    int64_t mark = 0;
    count_then_write<T>(ctx, ra.count(), [&](int64_t r, auto&& sink) {
      touched.clear();
      ++mark;
      const auto [lo, hi] = ra(r);
      for (int64_t p = lo; p < hi; ++p) {
        const int64_t j = xa[p];
        if (j < rb.first() || j >= rb.first() + rb.count()) {
          core->task_fail(ctx, "sparse.matmul: a column index of A lies outside B's rows");
          return false;
        }
        const auto [blo, bhi] = rb(j - rb.first());
        for (int64_t q = blo; q < bhi; ++q) {
          const int64_t c = xb[q];
          if (c < 0 || c >= cols) {
            core->task_fail(ctx, "sparse.matmul: a column index of B lies outside its columns");
            return false;
          }
          if (marker[c] != mark) {
            marker[c] = mark;
            touched.push_back(c);
            accumulator[c] = T{};
          }
          accumulator[c] = plus<T>(accumulator[c], times<T>(a[p], b[q]));
        }
      }
      std::sort(touched.begin(), touched.end());
      for (int64_t c : touched)
        if (!is_zero<T>(accumulator[c])) sink(c, static_cast<T>(accumulator[c]));
      return true;
    });
  });
}

// inputs: pos, crd, vals; outputs[0] the dense rows (rows of the block, all columns), duplicates
// summed.
void to_dense(legate_task_context* ctx) {
  const auto& dense = ctx->outputs[0];
  with_matrix(ctx, "sparse.todense", {}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    T* out = at<T>(dense);
    const int64_t s0 = dense.strides[0], s1 = dense.strides[1], width = dense.shape[1], lo_col = dense.offset[1];
    for (int64_t r = 0; r < a.rows.count(); ++r) {
      for (int64_t j = 0; j < width; ++j) out[r * s0 + j * s1] = T{};
      const auto [lo, hi] = a.rows(r);
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = a.columns[k] - lo_col;
        if (c < 0 || c >= width) return core->task_fail(ctx, "sparse.todense: a column index lies outside the matrix");
        T& slot = out[r * s0 + c * s1];
        slot = plus<T>(slot, a.values[k]);
      }
    }
  });
}

// inputs: pos, crd, vals; scalars[0] int64 k; outputs[0] (rows, 1): row i's entry at column
// i + k (duplicates summed; zero where there is none).
void row_diagonal(legate_task_context* ctx) {
  const auto& diag = ctx->outputs[0];
  const int64_t k = numeric::scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.diagonal", {}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    T* out = at<T>(diag);
    for (int64_t r = 0; r < a.rows.count(); ++r) {
      const int64_t want = a.rows.first() + r + k;
      T v{};
      const auto [lo, hi] = a.rows(r);
      for (int64_t p = lo; p < hi; ++p)
        if (a.columns[p] == want) v = plus<T>(v, a.values[p]);
      out[r * diag.strides[0]] = v;
    }
  });
}

// inputs: pos, crd; reductions[0] 0-d int64 (add): rows whose columns do not increase strictly.
void count_unsorted(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.has_canonical_format")) return;
  const Rows rows{&pos};
  const Indices columns = indices_of(crd);
  int64_t bad = 0;
  for (int64_t r = 0; r < rows.count(); ++r) {
    const auto [lo, hi] = rows(r);
    for (int64_t k = lo + 1; k < hi; ++k) {
      if (columns[k - 1] >= columns[k]) {
        ++bad;
        break;
      }
    }
  }
  *at<int64_t>(ctx->reductions[0]) += bad;
}

// inputs: pos; outputs[0] unbound int32/int64: the row of every entry of the block's rows.
void expand_rows(legate_task_context* ctx) {
  const auto& pos = ctx->inputs[0];
  if (!check_indices(ctx, {&pos, &ctx->outputs[0]}, "sparse.tocoo")) return;
  const Rows rows{&pos};
  int64_t n = 0;
  for (int64_t r = 0; r < rows.count(); ++r) {
    const auto [lo, hi] = rows(r);
    n += std::max<int64_t>(0, hi - lo);
  }
  void* out = core->create_output_buffer(ctx, 0, n);
  if (out == nullptr && n > 0) return;
  const bool wide = ctx->outputs[0].type_code == LEGATE_INT64;
  int64_t e = 0;
  for (int64_t r = 0; r < rows.count(); ++r) {
    const auto [lo, hi] = rows(r);
    for (int64_t k = lo; k < hi; ++k, ++e) {
      if (wide) static_cast<int64_t*>(out)[e] = rows.first() + r;
      else static_cast<int32_t*>(out)[e] = static_cast<int32_t>(rows.first() + r);
    }
  }
}

// inputs: pos, crd, vals, dense (the block's rows, every column; a broadcast view allowed);
// outputs[0] unbound: dense[i, j] at every stored (i, j), in entry order.
void gather_dense(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &dense = ctx->inputs[3];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.multiply")) return;
  const bool ok = dispatch(dense.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    int64_t n = 0;
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      n += std::max<int64_t>(0, hi - lo);
    }
    auto* out = static_cast<T*>(core->create_output_buffer(ctx, 0, n));
    if (out == nullptr && n > 0) return;
    const T* d = at<const T>(dense);
    const int64_t s0 = dense.strides[0], s1 = dense.strides[1], width = dense.shape[1], lo_col = dense.offset[1];
    int64_t e = 0;
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = columns[k] - lo_col;
        if (c < 0 || c >= width) return core->task_fail(ctx, "sparse.multiply: a column index lies outside the matrix");
        out[e++] = d[r * s0 + c * s1];
      }
    }
  });
  if (!ok) core->task_fail(ctx, "sparse.multiply: unknown value type");
}

// inputs: dense rows (the block's rows, every column); outputs as the row tasks': the entries
// that are not zero, row by row.
void from_dense(legate_task_context* ctx) {
  const auto& dense = ctx->inputs[0];
  if (!check_indices(ctx, {&ctx->outputs[1]}, "sparse.csr_from_dense")) return;
  const bool ok = dispatch(dense.type_code, [&](auto zero) {
    using T = decltype(zero);
    const T* d = at<const T>(dense);
    const int64_t s0 = dense.strides[0], s1 = dense.strides[1], width = dense.shape[1], lo_col = dense.offset[1];
    count_then_write<T>(ctx, dense.shape[0], [&](int64_t r, auto&& sink) {
      for (int64_t j = 0; j < width; ++j) {
        const T& v = d[r * s0 + j * s1];
        if (!is_zero(v)) sink(lo_col + j, v);
      }
      return true;
    });
  });
  if (!ok) core->task_fail(ctx, "sparse.csr_from_dense: unknown value type");
}

// inputs: posA, crdA, valsA (a block of A's rows), posB, crdB, valsB (B whole), both canonical
// and of one value type; scalars[0] int64: B's columns; outputs[0] (A's rows, B's rows) int64:
// entries of each result row (i, p). The Kronecker product row by row: row i·bm + p holds, for
// each entry (i, j) of A, B's row p shifted to columns j·bn, scaled by a[i, j] (in order, so
// sorted).
void kron_rows(legate_task_context* ctx) {
  const auto& counts = ctx->outputs[0];
  const int64_t bn = numeric::scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.kron", {&ctx->inputs[3], &ctx->inputs[4], &ctx->outputs[1]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    const Csr<T> B(ctx->inputs[3], ctx->inputs[4], ctx->inputs[5]);
    const Rows &ra = A.rows, &rb = B.rows;
    const Indices &xa = A.columns, &xb = B.columns;
    const Values<T> &a = A.values, &b = B.values;
    const int64_t bm = rb.count();
    if (bm == 0) return;
    const auto body = [&](int64_t r, auto&& sink) {
      const auto [lo, hi] = ra(r / bm);
      const auto [blo, bhi] = rb(r % bm);
      for (int64_t x = lo; x < hi; ++x) {
        const int64_t column = xa[x] * bn;
        for (int64_t y = blo; y < bhi; ++y) sink(column + xb[y], times<T>(a[x], b[y]));
      }
      return true;
    };
    // Row (i, p) holds (entries of a's row i) × (entries of b's row p).
    const auto known = [&](int64_t r) {
      const auto [lo, hi] = ra(r / bm);
      const auto [blo, bhi] = rb(r % bm);
      return (hi - lo) * (bhi - blo);
    };
    count_then_write<T>(ctx, ra.count() * bm, body, [&](int64_t r) { return (r / bm) * counts.strides[0] + (r % bm) * counts.strides[1]; }, known);
  });
}

// inputs: pos, crd, vals, x (cols, k) whole; outputs[0] y (the block's rows, k) = A·x, one type
// for all. Each stored entry adds its multiple of a row of x to a row of y.
void spmm(legate_task_context* ctx) {
  const auto& x = ctx->inputs[3];
  const auto& y = ctx->outputs[0];
  with_matrix(ctx, "sparse.spmm", {}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    if constexpr (std::is_same_v<T, bool>) {
      core->task_fail(ctx, "sparse.spmm: bool values are not supported");
    } else {
      const T* px = at<const T>(x);
      T* py = at<T>(y);
      const int64_t k = y.shape[1], ys0 = y.strides[0], ys1 = y.strides[1], xs0 = x.strides[0], xs1 = x.strides[1];
      const int64_t x_lo = x.offset[0], x_hi = x.offset[0] + x.shape[0];
      for (int64_t r = 0; r < a.rows.count(); ++r) {
        T* out = py + r * ys0;
        for (int64_t j = 0; j < k; ++j) out[j * ys1] = T{};
        const auto [lo, hi] = a.rows(r);
        for (int64_t p = lo; p < hi; ++p) {
          const int64_t c = a.columns[p];
          if (c < x_lo || c >= x_hi) return core->task_fail(ctx, "sparse.spmm: a column index lies outside x");
          const T v = a.values[p];
          const T* in = px + (c - x_lo) * xs0;
          if (ys1 == 1 && xs1 == 1) {
            for (int64_t j = 0; j < k; ++j) out[j] += v * in[j];
          } else {
            for (int64_t j = 0; j < k; ++j) out[j * ys1] += v * in[j * xs1];
          }
        }
      }
    }
  });
}

// inputs: pos, crd, vals; scalars[0] int32: 0 the lower (column - row <= k), 1 the upper
// (column - row >= k) triangle; scalars[1] int64 k. The entries on that side, explicit zeros too.
void row_band(legate_task_context* ctx) {
  const bool upper = numeric::scalar_arg<int32_t>(ctx, 0) != 0;
  const int64_t k = numeric::scalar_arg<int64_t>(ctx, 1);
  with_matrix(ctx, "sparse.tril", {&ctx->outputs[1]}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    count_then_write<T>(ctx, a.rows.count(), [&](int64_t r, auto&& sink) {
      const int64_t i = a.rows.first() + r;
      const auto [lo, hi] = a.rows(r);
      for (int64_t p = lo; p < hi; ++p) {
        const int64_t d = a.columns[p] - i;
        if (upper ? d >= k : d <= k) sink(a.columns[p], a.values[p]);
      }
      return true;
    });
  });
}

// inputs: posA, crdA, valsA, posB, crdB, valsB (one value type); scalars[0] int64: B's column
// offset. Each row: A's entries, then B's shifted right by the offset (hstack).
void row_concat(legate_task_context* ctx) {
  const auto &pa = ctx->inputs[0], &pb = ctx->inputs[3];
  if (pa.shape[0] != pb.shape[0] || pa.offset[0] != pb.offset[0]) return core->task_fail(ctx, "sparse.hstack: the row blocks differ");
  const int64_t shift = numeric::scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.hstack", {&pb, &ctx->inputs[4], &ctx->outputs[1]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    const Csr<T> B(pb, ctx->inputs[4], ctx->inputs[5]);
    const Rows &ra = A.rows, &rb = B.rows;
    const Indices &xa = A.columns, &xb = B.columns;
    const Values<T> &a = A.values, &b = B.values;
    const auto known = [&](int64_t r) {
      const auto [lo, hi] = ra(r);
      const auto [blo, bhi] = rb(r);
      return (hi - lo) + (bhi - blo);
    };
    count_then_write<T>(
        ctx, ra.count(),
        [&](int64_t r, auto&& sink) {
          const auto [lo, hi] = ra(r);
          for (int64_t p = lo; p < hi; ++p) sink(xa[p], a[p]);
          const auto [blo, bhi] = rb(r);
          for (int64_t q = blo; q < bhi; ++q) sink(xb[q] + shift, b[q]);
          return true;
        },
        [&](int64_t r) { return r * ctx->outputs[0].strides[0]; }, known);
  });
}

template <typename T>
bool nan_of(const T& x) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(x);
  } else {
    (void)x;
    return false;
  }
}

// inputs: pos, crd, vals (canonical); scalars[0] int32 flags: 1 largest (else smallest), 2 NaN
// ignored (NumPy's fmax / fmin; else NaN propagates, as maximum / minimum), 4 stored entries
// only (else the implicit zeros of a row with fewer entries than the row length take part);
// scalars[1] int64: the row length. outputs[0] (rows, 1): each row's extreme value (0 for a row
// without entries); outputs[1] (rows, 1) int64, when given: the first column that holds it (an
// implicit zero's column counted; 0 for a row without entries), as NumPy's argmax of the row.
void row_extreme(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const int32_t flags = numeric::scalar_arg<int32_t>(ctx, 0);
  const bool largest = (flags & 1) != 0, skip_nan = (flags & 2) != 0, stored_only = (flags & 4) != 0;
  const int64_t length = numeric::scalar_arg<int64_t>(ctx, 1);
  int64_t* arg = ctx->num_outputs > 1 ? at<int64_t>(ctx->outputs[1]) : nullptr;
  const int64_t arg_stride = ctx->num_outputs > 1 ? ctx->outputs[1].strides[0] : 0;
  with_matrix(ctx, "sparse.max", {}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    if constexpr (numeric::is_complex_v<T>) {
      core->task_fail(ctx, "sparse.max: complex values have no order");
    } else {
      T* o = at<T>(out);
      const T zero{};
      const auto better = [&](const T& x, const T& best) { return largest ? best < x : x < best; };
      for (int64_t r = 0; r < a.rows.count(); ++r) {
        const auto [lo, hi] = a.rows(r);
        // The stored extreme and its first column; NaN wins (propagating) or loses (skipped).
        T best = zero;
        int64_t column = 0;
        bool have = false;
        for (int64_t p = lo; p < hi; ++p) {
          const T x = a.values[p];
          if (!have) {
            best = x, column = a.columns[p], have = true;
          } else if (nan_of(best)) {
            if (skip_nan && !nan_of(x)) best = x, column = a.columns[p];
          } else if (!nan_of(x) && better(x, best)) {
            best = x, column = a.columns[p];
          } else if (nan_of(x) && !skip_nan) {
            best = x, column = a.columns[p];
          }
        }
        T value = best;
        if (have && !stored_only && hi - lo < length) {
          // A row with an implicit zero: the first column without an entry holds it.
          int64_t missing = 0;
          while (lo + missing < hi && a.columns[lo + missing] == missing) ++missing;
          if (nan_of(best)) {
            if (skip_nan) value = zero, column = missing;
          } else if (best == zero) {
            column = std::min(column, missing);
          } else if (!better(best, zero)) {
            value = zero, column = missing;
          }
        }
        o[r * out.strides[0]] = value;
        if (arg) arg[r * arg_stride] = column;
      }
    }
  });
}

// inputs: pos, crd, vals (A whole, canonical), rows (the selected rows, (r, 1) int64, aligned
// with outputs[0]); scalars[0..2] int64: the column slice's start, stop and step (step != 0).
// Each selected row's entries in the column slice, renumbered, in increasing new column.
void row_gather(legate_task_context* ctx) {
  const auto& sel = ctx->inputs[3];
  const int64_t start = numeric::scalar_arg<int64_t>(ctx, 0), stop = numeric::scalar_arg<int64_t>(ctx, 1), step = numeric::scalar_arg<int64_t>(ctx, 2);
  if (step == 0) return core->task_fail(ctx, "sparse.slice: slice step cannot be zero");
  with_matrix(ctx, "sparse.slice", {&sel, &ctx->outputs[1]}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    const Indices picked = indices_of(sel);
    count_then_write<T>(ctx, sel.shape[0], [&](int64_t r, auto&& sink) {
      const int64_t i = picked[sel.offset[0] + r];
      if (i < a.rows.first() || i >= a.rows.first() + a.rows.count()) {
        core->task_fail(ctx, "sparse.slice: a selected row lies outside the matrix");
        return false;
      }
      const auto [lo, hi] = a.rows(i - a.rows.first());
      if (step > 0) {
        for (int64_t p = lo; p < hi; ++p) {
          const int64_t c = a.columns[p];
          if (c >= start && c < stop && (c - start) % step == 0) sink((c - start) / step, a.values[p]);
        }
      } else {
        for (int64_t p = hi - 1; p >= lo; --p) {
          const int64_t c = a.columns[p];
          if (c <= start && c > stop && (start - c) % (-step) == 0) sink((start - c) / (-step), a.values[p]);
        }
      }
      return true;
    });
  });
}

// One piece, every argument whole. inputs: indptr (rows + 1, int64: where each row starts),
// keys (the row of each entry), columns, values; outputs: indices (int32/int64), values, each
// indptr[rows] long: the entries grouped by row, in their order within each row (stable).
void scatter_rows(legate_task_context* ctx) {
  const auto &ptr = ctx->inputs[0], &keys = ctx->inputs[1], &cols = ctx->inputs[2], &vals = ctx->inputs[3];
  const auto &out_cols = ctx->outputs[0], &out_vals = ctx->outputs[1];
  if (!check_indices(ctx, {&ptr, &keys, &cols, &out_cols}, "sparse.csr_from_coo")) return;
  const Indices starts = indices_of(ptr), key = indices_of(keys), column = indices_of(cols);
  const int64_t rows = ptr.shape[0] - 1, n = keys.shape[0];
  const int64_t total = out_cols.shape[0];
  // Every key in range, and the counts agree with the entries (the pointers came from them).
  if (starts[0] != 0 || starts[rows] != n || total != n) return core->task_fail(ctx, "sparse.csr_from_coo: the row counts do not match the entries");
  for (int64_t e = 0; e < n; ++e) {
    const int64_t i = key[e];
    if (i < 0 || i >= rows) return core->task_fail(ctx, "sparse.csr_from_coo: a row index lies outside the matrix");
  }
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Values<T> values(vals);
    T* ov = at<T>(out_vals);
    const int64_t sc = out_cols.strides[0], sv = out_vals.strides[0];
    const bool wide = out_cols.type_code == LEGATE_INT64;
    const auto place = [&](int64_t at_k, int64_t e) {
      if (wide) at<int64_t>(out_cols)[at_k * sc] = column[e];
      else at<int32_t>(out_cols)[at_k * sc] = static_cast<int32_t>(column[e]);
      ov[at_k * sv] = values[e];
    };
    std::vector<int64_t> cursor(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) cursor[i] = starts[i];
    // Destinations far apart miss the cache at every entry. Large inputs go in two passes:
    // first every entry into the output region of its block of rows (a few hundred blocks, so
    // a few hundred write streams), then, block by block, the region's entries to their rows
    // through a copy of the region: a block's rows and its region fit in the cache.
    constexpr int64_t kDirect = int64_t{1} << 18;
    int shift = 0;
    // Rows per block: a power of two giving blocks of about 2^15 entries on average.
    while (shift < 62 && (int64_t{1} << shift) * n / std::max<int64_t>(rows, 1) < (int64_t{1} << 15)) ++shift;
    if (n <= kDirect || rows <= 1 || shift > 32) {
      for (int64_t e = 0; e < n; ++e) place(cursor[key[e]]++, e);
      return;
    }
    const auto two_pass = [&](auto column_type) {
      using C = decltype(column_type);
      C* oc = at<C>(out_cols);
      const int64_t blocks = ((rows - 1) >> shift) + 1;
      std::vector<int64_t> next(static_cast<size_t>(blocks));
      for (int64_t b = 0; b < blocks; ++b) next[b] = starts[b << shift];
      std::vector<uint32_t> local(static_cast<size_t>(n));
      for (int64_t e = 0; e < n; ++e) {
        const int64_t i = key[e], b = i >> shift, k = next[b]++;
        oc[k * sc] = static_cast<C>(column[e]);
        ov[k * sv] = values[e];
        local[k] = static_cast<uint32_t>(i - (b << shift));
      }
      std::vector<C> region_cols;
      std::vector<std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>> region_vals;
      for (int64_t b = 0; b < blocks; ++b) {
        const int64_t lo = starts[b << shift], hi = starts[std::min(rows, (b + 1) << shift)];
        region_cols.resize(static_cast<size_t>(hi - lo));
        region_vals.resize(static_cast<size_t>(hi - lo));
        for (int64_t k = lo; k < hi; ++k) region_cols[k - lo] = oc[k * sc], region_vals[k - lo] = ov[k * sv];
        for (int64_t k = lo; k < hi; ++k) {
          const int64_t to = cursor[(b << shift) + local[k]]++;
          oc[to * sc] = region_cols[k - lo];
          ov[to * sv] = region_vals[k - lo];
        }
      }
    };
    if (wide) two_pass(int64_t{});
    else two_pass(int32_t{});
  });
  if (!ok) core->task_fail(ctx, "sparse.csr_from_coo: unknown value type");
}

}  // namespace

void register_structure_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kRowCanonical, "sparse.sort_indices", row_canonical);
  api->register_task(library, kRowNonzeros, "sparse.eliminate_zeros", row_nonzeros);
  api->register_task(library, kRowMerge, "sparse.merge", row_merge);
  api->register_task(library, kRowProduct, "sparse.matmul", row_product);
  api->register_task(library, kToDense, "sparse.todense", to_dense);
  api->register_task(library, kRowDiagonal, "sparse.diagonal", row_diagonal);
  api->register_task(library, kCountUnsorted, "sparse.has_canonical_format", count_unsorted);
  api->register_task(library, kExpandRows, "sparse.tocoo", expand_rows);
  api->register_task(library, kGatherDense, "sparse.multiply", gather_dense);
  api->register_task(library, kScatterRows, "sparse.csr_from_coo", scatter_rows);
  api->register_task(library, kFromDense, "sparse.csr_from_dense", from_dense);
  api->register_task(library, kKron, "sparse.kron", kron_rows);
  api->register_task(library, kSpmm, "sparse.spmm", spmm);
  api->register_task(library, kRowBand, "sparse.tril", row_band);
  api->register_task(library, kRowConcat, "sparse.hstack", row_concat);
  api->register_task(library, kRowExtreme, "sparse.max", row_extreme);
  api->register_task(library, kRowGather, "sparse.slice", row_gather);
}

}  // namespace legate::sparse
