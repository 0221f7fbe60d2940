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

// What the unbound outputs of a row task collect, then hand to the runtime at once.
template <typename T>
struct Entries {
  std::vector<int64_t> columns;
  std::vector<T> values;
  void push(int64_t c, const T& v) {
    columns.push_back(c);
    values.push_back(v);
  }
};

// Writes counts (outputs[0], (rows, 1) int64) was done by the caller; here the entries into
// outputs[1] (indices, int32 or int64) and outputs[2] (values of T). False when the task failed.
template <typename T>
bool emit(legate_task_context* ctx, const Entries<T>& e) {
  const int64_t n = static_cast<int64_t>(e.columns.size());
  void* cols = core->create_output_buffer(ctx, 1, n);
  void* vals = core->create_output_buffer(ctx, 2, n);
  if (n > 0 && (cols == nullptr || vals == nullptr)) return false;
  if (ctx->outputs[1].type_code == LEGATE_INT64) {
    std::copy(e.columns.begin(), e.columns.end(), static_cast<int64_t*>(cols));
  } else {
    auto* out = static_cast<int32_t*>(cols);
    for (int64_t k = 0; k < n; ++k) out[k] = static_cast<int32_t>(e.columns[k]);
  }
  if (n > 0) std::copy(e.values.begin(), e.values.end(), static_cast<T*>(vals));
  return true;
}

int64_t* counts_of(legate_task_context* ctx) { return at<int64_t>(ctx->outputs[0]); }

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

// inputs: pos, crd, vals; scalars[0] int32: 1 to sum duplicates. Columns sorted within each row
// (stable: duplicates keep their order, and are summed in it).
void row_canonical(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  if (!check_indices(ctx, {&pos, &crd, &ctx->outputs[1]}, "sparse.sort_indices")) return;
  const bool sum = numeric::scalar_arg<int32_t>(ctx, 0) != 0;
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    const Values<T> values(vals);
    int64_t* counts = counts_of(ctx);
    Entries<T> out;
    std::vector<int64_t> order;
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      order.resize(static_cast<size_t>(hi - lo));
      std::iota(order.begin(), order.end(), lo);
      bool sorted = true;
      for (int64_t k = lo + 1; k < hi && sorted; ++k) sorted = columns[k - 1] <= columns[k];
      if (!sorted) std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return columns[a] < columns[b]; });
      const size_t start = out.columns.size();
      for (int64_t k : order) {
        const int64_t c = columns[k];
        if (sum && out.columns.size() > start && out.columns.back() == c) out.values.back() = plus<T>(out.values.back(), values[k]);
        else out.push(c, values[k]);
      }
      counts[r * ctx->outputs[0].strides[0]] = static_cast<int64_t>(out.columns.size() - start);
    }
    emit(ctx, out);
  });
  if (!ok) core->task_fail(ctx, "sparse.sort_indices: unknown value type");
}

// inputs: pos, crd, vals. The stored entries that are not zero.
void row_nonzeros(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  if (!check_indices(ctx, {&pos, &crd, &ctx->outputs[1]}, "sparse.eliminate_zeros")) return;
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    const Values<T> values(vals);
    int64_t* counts = counts_of(ctx);
    Entries<T> out;
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      const size_t start = out.columns.size();
      for (int64_t k = lo; k < hi; ++k)
        if (!is_zero(values[k])) out.push(columns[k], values[k]);
      counts[r * ctx->outputs[0].strides[0]] = static_cast<int64_t>(out.columns.size() - start);
    }
    emit(ctx, out);
  });
  if (!ok) core->task_fail(ctx, "sparse.eliminate_zeros: unknown value type");
}

// inputs: posA, crdA, valsA, posB, crdB, valsB (both canonical, one value type); scalars[0]
// int32: 0 add, 1 subtract, 2 multiply. A op B over the union (add, subtract) or the
// intersection (multiply) of the structures; zeros of the result are not stored (as SciPy).
void row_merge(legate_task_context* ctx) {
  const auto &pa = ctx->inputs[0], &ca = ctx->inputs[1], &va = ctx->inputs[2];
  const auto &pb = ctx->inputs[3], &cb = ctx->inputs[4], &vb = ctx->inputs[5];
  if (!check_indices(ctx, {&pa, &ca, &pb, &cb, &ctx->outputs[1]}, "sparse.merge")) return;
  const int32_t op = numeric::scalar_arg<int32_t>(ctx, 0);
  if (pa.shape[0] != pb.shape[0] || pa.offset[0] != pb.offset[0]) return core->task_fail(ctx, "sparse.merge: the row blocks differ");
  const bool ok = dispatch(va.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows ra{&pa}, rb{&pb};
    const Indices xa = indices_of(ca), xb = indices_of(cb);
    const Values<T> a(va), b(vb);
    int64_t* counts = counts_of(ctx);
    Entries<T> out;
    for (int64_t r = 0; r < ra.count(); ++r) {
      auto [p, pe] = ra(r);
      auto [q, qe] = rb(r);
      const size_t start = out.columns.size();
      while (p < pe || q < qe) {
        const int64_t x = p < pe ? xa[p] : INT64_MAX;
        const int64_t y = q < qe ? xb[q] : INT64_MAX;
        if (op == 2) {
          if (x == y) {
            const T v = times<T>(a[p], b[q]);
            if (!is_zero(v)) out.push(x, v);
            ++p;
            ++q;
          } else if (x < y) {
            ++p;
          } else {
            ++q;
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
        if (!is_zero(v)) out.push(c, v);
      }
      counts[r * ctx->outputs[0].strides[0]] = static_cast<int64_t>(out.columns.size() - start);
    }
    emit(ctx, out);
  });
  if (!ok) core->task_fail(ctx, "sparse.merge: unknown value type");
}

// inputs: posA, crdA, valsA (a row block), posB, crdB, valsB (B whole, canonical or not), both
// of one value type; scalars[0] int64: B's columns. A·B row by row (Gustavson), columns sorted,
// entries that cancel to zero not stored.
void row_product(legate_task_context* ctx) {
  const auto &pa = ctx->inputs[0], &ca = ctx->inputs[1], &va = ctx->inputs[2];
  const auto &pb = ctx->inputs[3], &cb = ctx->inputs[4], &vb = ctx->inputs[5];
  if (!check_indices(ctx, {&pa, &ca, &pb, &cb, &ctx->outputs[1]}, "sparse.matmul")) return;
  const int64_t cols = numeric::scalar_arg<int64_t>(ctx, 0);
  const bool ok = dispatch(va.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows ra{&pa}, rb{&pb};
    const Indices xa = indices_of(ca), xb = indices_of(cb);
    const Values<T> a(va), b(vb);
    int64_t* counts = counts_of(ctx);
    std::vector<int64_t> marker(static_cast<size_t>(cols), -1);
    std::vector<T> accumulator(static_cast<size_t>(cols));
    std::vector<int64_t> touched;
    Entries<T> out;
    for (int64_t r = 0; r < ra.count(); ++r) {
      touched.clear();
      const auto [lo, hi] = ra(r);
      for (int64_t p = lo; p < hi; ++p) {
        const int64_t j = xa[p];
        if (j < rb.first() || j >= rb.first() + rb.count()) return core->task_fail(ctx, "sparse.matmul: a column index of A lies outside B's rows");
        const auto [blo, bhi] = rb(j - rb.first());
        for (int64_t q = blo; q < bhi; ++q) {
          const int64_t c = xb[q];
          if (c < 0 || c >= cols) return core->task_fail(ctx, "sparse.matmul: a column index of B lies outside its columns");
          if (marker[c] != r) {
            marker[c] = r;
            touched.push_back(c);
            accumulator[c] = T{};
          }
          accumulator[c] = plus<T>(accumulator[c], times<T>(a[p], b[q]));
        }
      }
      std::sort(touched.begin(), touched.end());
      const size_t start = out.columns.size();
      for (int64_t c : touched)
        if (!is_zero(accumulator[c])) out.push(c, accumulator[c]);
      counts[r * ctx->outputs[0].strides[0]] = static_cast<int64_t>(out.columns.size() - start);
    }
    emit(ctx, out);
  });
  if (!ok) core->task_fail(ctx, "sparse.matmul: unknown value type");
}

// inputs: pos, crd, vals; outputs[0] the dense rows (rows of the block, all columns), duplicates
// summed.
void to_dense(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  const auto& dense = ctx->outputs[0];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.todense")) return;
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    const Values<T> values(vals);
    T* out = at<T>(dense);
    const int64_t s0 = dense.strides[0], s1 = dense.strides[1], width = dense.shape[1], lo_col = dense.offset[1];
    for (int64_t r = 0; r < rows.count(); ++r) {
      for (int64_t j = 0; j < width; ++j) out[r * s0 + j * s1] = T{};
      const auto [lo, hi] = rows(r);
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = columns[k] - lo_col;
        if (c < 0 || c >= width) return core->task_fail(ctx, "sparse.todense: a column index lies outside the matrix");
        T& slot = out[r * s0 + c * s1];
        slot = plus<T>(slot, values[k]);
      }
    }
  });
  if (!ok) core->task_fail(ctx, "sparse.todense: unknown value type");
}

// inputs: pos, crd, vals; scalars[0] int64 k; outputs[0] (rows, 1): row i's entry at column
// i + k (duplicates summed; zero where there is none).
void row_diagonal(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  const auto& diag = ctx->outputs[0];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.diagonal")) return;
  const int64_t k = numeric::scalar_arg<int64_t>(ctx, 0);
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    const Values<T> values(vals);
    T* out = at<T>(diag);
    for (int64_t r = 0; r < rows.count(); ++r) {
      const int64_t want = rows.first() + r + k;
      T v{};
      const auto [lo, hi] = rows(r);
      for (int64_t p = lo; p < hi; ++p)
        if (columns[p] == want) v = plus<T>(v, values[p]);
      out[r * diag.strides[0]] = v;
    }
  });
  if (!ok) core->task_fail(ctx, "sparse.diagonal: unknown value type");
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

// One piece, every argument whole. inputs: indptr (rows + 1, int64: where each row starts),
// keys (the row of each entry), columns, values; outputs: indices (int32/int64), values, each
// indptr[rows] long: the entries grouped by row, in their order within each row (stable).
void scatter_rows(legate_task_context* ctx) {
  const auto &ptr = ctx->inputs[0], &keys = ctx->inputs[1], &cols = ctx->inputs[2], &vals = ctx->inputs[3];
  const auto &out_cols = ctx->outputs[0], &out_vals = ctx->outputs[1];
  if (!check_indices(ctx, {&ptr, &keys, &cols, &out_cols}, "sparse.csr_from_coo")) return;
  const Indices starts = indices_of(ptr), key = indices_of(keys), column = indices_of(cols);
  const int64_t rows = ptr.shape[0] - 1, n = keys.shape[0];
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Values<T> values(vals);
    T* ov = at<T>(out_vals);
    std::vector<int64_t> cursor(static_cast<size_t>(std::max<int64_t>(rows, 0)));
    for (int64_t i = 0; i < rows; ++i) cursor[i] = starts[i];
    const bool wide = out_cols.type_code == LEGATE_INT64;
    const int64_t total = out_cols.shape[0];
    for (int64_t e = 0; e < n; ++e) {
      const int64_t i = key[e];
      if (i < 0 || i >= rows) return core->task_fail(ctx, "sparse.csr_from_coo: a row index lies outside the matrix");
      const int64_t at_k = cursor[i]++;
      if (at_k >= total || at_k >= starts[i + 1]) return core->task_fail(ctx, "sparse.csr_from_coo: the row counts do not match the entries");
      if (wide) at<int64_t>(out_cols)[at_k * out_cols.strides[0]] = column[e];
      else at<int32_t>(out_cols)[at_k * out_cols.strides[0]] = static_cast<int32_t>(column[e]);
      ov[at_k * out_vals.strides[0]] = values[e];
    }
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
}

}  // namespace legate::sparse
