// CSR structure as tasks: sorting and summing within rows, dropping zeros, entry-wise merges,
// sparse × sparse products, densifying, diagonals, and the scatters that build rows from
// coordinates. Row tasks get a block of rows (pos, its rows' [start, end) pairs) and the column
// indices and values those rows span (images of pos). Those that build a new structure run
// twice (count_then_write): once counting each result row's entries, whose running sum is the
// result's indptr, then writing the rows' entries into the block's part of the result, found as
// the image of that indptr: each entry is written once, in place, on every core at once.
#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

#include "common.h"
#include "kernels.h"

namespace legate::sparse {

extern const legate_core_api* core;

namespace {


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

bool check_indices(legate_task_context* ctx, std::initializer_list<const legate_physical_store*> stores, const char* name) {
  for (const auto* s : stores) {
    if (!index_type(s->type_code)) {
      core->task_fail(ctx, (std::string(name) + ": index arrays must be int32 or int64").c_str());
      return false;
    }
  }
  return true;
}

// Row tasks run as two launches (structure.ts). The first counts: outputs[0] holds each row's
// number of entries ((rows, 1) int32 or int64, at the slots `slot(r)` names). The second writes: outputs[0]
// (indices, int32 or int64) and outputs[1] (values of T) are bound to exactly this block's
// entries (an image of the result's row pointers), so rows are written in order, each entry once,
// where it stays: no growing buffers and no joining copy. body(r, sink) calls sink(column, value)
// for each entry of row r, in order, and returns false when it failed the task. Where the counts
// are known without running the body (known(r) >= 0), counting does not run it.
template <typename T, typename Body, typename Slot, typename Count = int64_t (*)(int64_t)>
void count_then_write(legate_task_context* ctx, int64_t rows, Body&& body, Slot&& slot, Count&& known = [](int64_t) -> int64_t { return -1; }) {
  if (ctx->num_outputs == 1) {
    // int32 where the result's indices are (its total then fits, and so does every count).
    const bool wide = ctx->outputs[0].type_code != LEGATE_INT32;
    auto* wide_count = static_cast<int64_t*>(ctx->outputs[0].data);
    auto* narrow_count = static_cast<int32_t*>(ctx->outputs[0].data);
    for (int64_t r = 0; r < rows; ++r) {
      int64_t k = known(r);
      if (k < 0) {
        k = 0;
        if (!body(r, [&](int64_t, const T&) { ++k; })) return;
      }
      if (wide) wide_count[slot(r)] = k;
      else narrow_count[slot(r)] = static_cast<int32_t>(k);
    }
    return;
  }
  const auto &oc = ctx->outputs[0], &ov = ctx->outputs[1];
  if (!check_indices(ctx, {&oc}, "sparse.structure")) return;
  const int64_t capacity = oc.shape[0];
  if (ov.shape[0] != capacity) return core->task_fail(ctx, "sparse.structure: the indices and values pieces differ");
  T* values = at<T>(ov);
  const int64_t sc = oc.strides[0], sv = ov.strides[0];
  // The index width is tested per entry (always the same way, so predicted) rather than made a
  // template parameter: one body per task and value type keeps the build (a sanitizer's too) small.
  const bool wide = oc.type_code == LEGATE_INT64;
  int64_t* wide_columns = wide ? at<int64_t>(oc) : nullptr;
  int32_t* narrow_columns = wide ? nullptr : at<int32_t>(oc);
  int64_t e = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const bool ok = body(r, [&](int64_t c, const T& v) {
      if (e < capacity) {
        if (wide) wide_columns[e * sc] = c;
        else narrow_columns[e * sc] = static_cast<int32_t>(c);
        values[e * sv] = v;
      }
      ++e;
    });
    if (!ok) return;
  }
  if (e != capacity) core->task_fail(ctx, "sparse.structure: a row block wrote another number of entries than it counted");
}

template <typename T, typename Body>
void count_then_write(legate_task_context* ctx, int64_t rows, Body&& body) {
  const int64_t stride = ctx->num_outputs == 1 ? ctx->outputs[0].strides[0] : 0;
  count_then_write<T>(ctx, rows, std::forward<Body>(body), [stride](int64_t r) { return r * stride; });
}

// The second launch of a row task adds its key first and the result's row windows last (for
// its partitioning only): the body sees the first launch's inputs.
template <legate_task_fn Body>
void two_launches(legate_task_context* ctx) {
  if (ctx->num_outputs != 2) return Body(ctx);
  if (ctx->num_inputs < 2) return core->task_fail(ctx, "sparse.structure: missing the key and the row windows");
  legate_task_context local = *ctx;
  local.inputs = ctx->inputs + 1;
  local.num_inputs = ctx->num_inputs - 2;
  Body(&local);
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

// A 1-D piece of column indices of type C by global position: the index type fixed at compile
// time, so the loops over entries do not branch on it.
template <typename C>
struct Columns {
  const C* base;
  int64_t stride;
  explicit Columns(const legate_physical_store& s)
      : base(static_cast<const C*>(s.data) - (s.ndim > 0 ? s.offset[0] * s.strides[0] : 0)), stride(s.ndim > 0 ? s.strides[0] : 1) {}
  int64_t operator[](int64_t k) const { return static_cast<int64_t>(base[k * stride]); }
};

// Calls f(Columns<int32_t or int64_t>) for a piece of int32 or int64 indices (checked before).
template <typename F>
void with_columns(const legate_physical_store& s, F&& f) {
  if (s.type_code == LEGATE_INT64) f(Columns<int64_t>(s));
  else f(Columns<int32_t>(s));
}

// One matrix's block as a row task sees it: its rows' [start, end), and the column indices and
// values they span, by global position.
template <typename T, typename X>
struct Csr {
  using value_type = T;
  Rows rows;
  X columns;
  Values<T> values;
  Csr(const legate_physical_store& pos, const X& crd, const legate_physical_store& vals) : rows{&pos}, columns(crd), values(vals) {}
};

template <typename M>
using value_of = typename std::decay_t<M>::value_type;

// Calls body(a) with the matrix at inputs[0..2] (pos, crd, vals) as a Csr of its value and
// index types. The task fails, named `name`, where an index array (those and `more`) is not
// int32 or int64 or the value type is unknown.
template <typename F>
void with_matrix(legate_task_context* ctx, const char* name, std::initializer_list<const legate_physical_store*> more, F&& body) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &vals = ctx->inputs[2];
  if (!check_indices(ctx, {&pos, &crd}, name) || !check_indices(ctx, more, name)) return;
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    with_columns(crd, [&](const auto& x) { body(Csr<decltype(zero), std::decay_t<decltype(x)>>(pos, x, vals)); });
  });
  if (!ok) core->task_fail(ctx, (std::string(name) + ": unknown value type").c_str());
}

// Calls body(b) with a second matrix (pos, crd, vals; its indices checked) of A's value and
// index types (structure.ts gives both one index type), else fails the task.
template <typename M, typename F>
void with_second(legate_task_context* ctx, const M& A, const legate_physical_store& pos, const legate_physical_store& crd, const legate_physical_store& vals, F&& body) {
  using X = std::decay_t<decltype(A.columns)>;
  constexpr int32_t code = std::is_same_v<X, Columns<int64_t>> ? LEGATE_INT64 : LEGATE_INT32;
  if (crd.type_code != code) return core->task_fail(ctx, "sparse.structure: the two matrices' index types differ");
  body(Csr<value_of<M>, X>(pos, X(crd), vals));
}

// inputs: pos, crd, vals; scalars[0] int32: 1 to sum duplicates. Columns sorted within each row
// (stable: duplicates keep their order, and are summed in it).
void row_canonical(legate_task_context* ctx) {
  const bool sum = scalar_arg<int32_t>(ctx, 0) != 0;
  with_matrix(ctx, "sparse.sort_indices", {}, [&](const auto& a) {
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
  with_matrix(ctx, "sparse.eliminate_zeros", {}, [&](const auto& a) {
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
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  if (pa.shape[0] != pb.shape[0] || pa.offset[0] != pb.offset[0]) return core->task_fail(ctx, "sparse.merge: the row blocks differ");
  if (op < 0 || op > 4) return core->task_fail(ctx, "sparse.merge: unknown operation");
  with_matrix(ctx, "sparse.merge", {&pb, &ctx->inputs[4]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    with_second(ctx, A, pb, ctx->inputs[4], ctx->inputs[5], [&](const auto& B) {
      const Rows &ra = A.rows, &rb = B.rows;
      const auto& xa = A.columns;
      const auto& xb = B.columns;
      const Values<T> &a = A.values, &b = B.values;
      // The operation fixed at compile time (maximum and minimum share one), so the loop over a
      // row's entries does not branch on it.
      const bool largest = op == 3;
      const auto merged = [&](auto tag) {
        constexpr int kOp = decltype(tag)::value;
        if constexpr (kOp == 3 && is_complex_v<T>) {
          core->task_fail(ctx, "sparse.maximum: complex values have no order");
        } else {
          const T zero{};
          // Both entries, A's alone, B's alone (the other is zero).
          const auto both = [&](const T& u, const T& w) -> T {
            if constexpr (kOp == 0) return plus<T>(u, w);
            else if constexpr (kOp == 1) return minus<T>(u, w);
            else if constexpr (kOp == 3) return largest ? std::max(u, w) : std::min(u, w);
            else return times<T>(u, w);
          };
          const auto first = [&](const T& u) -> T {
            if constexpr (kOp <= 1) return u;
            else return both(u, zero);
          };
          const auto second = [&](const T& w) -> T {
            if constexpr (kOp == 0) return w;
            else if constexpr (kOp == 1) return negated<T>(w);
            else return both(zero, w);
          };
          count_then_write<T>(ctx, ra.count(), [&](int64_t r, auto&& sink) {
            auto [p, pe] = ra(r);
            auto [q, qe] = rb(r);
            if constexpr (kOp == 2) {
              // The intersection.
              while (p < pe && q < qe) {
                const int64_t x = xa[p], y = xb[q];
                if (x == y) {
                  const T v = times<T>(a[p], b[q]);
                  if (!is_zero(v)) sink(x, v);
                  ++p, ++q;  // NOLINT
                } else if (x < y) {
                  ++p;
                } else {
                  ++q;
                }
              }
            } else {
              // The union.
              while (p < pe && q < qe) {
                const int64_t x = xa[p], y = xb[q];
                if (x == y) {
                  const T v = both(a[p], b[q]);
                  if (!is_zero(v)) sink(x, v);
                  ++p, ++q;  // NOLINT
                } else if (x < y) {
                  const T v = first(a[p]);
                  if (!is_zero(v)) sink(x, v);
                  ++p;
                } else {
                  const T v = second(b[q]);
                  if (!is_zero(v)) sink(y, v);
                  ++q;
                }
              }
              for (; p < pe; ++p) {
                const T v = first(a[p]);
                if (!is_zero(v)) sink(xa[p], v);
              }
              for (; q < qe; ++q) {
                const T v = second(b[q]);
                if (!is_zero(v)) sink(xb[q], v);
              }
            }
            return true;
          });
        }
      };
      switch (op) {
        case 0: return merged(std::integral_constant<int, 0>{});
        case 1: return merged(std::integral_constant<int, 1>{});
        case 2: return merged(std::integral_constant<int, 2>{});
        default: return merged(std::integral_constant<int, 3>{});  // maximum or minimum
      }
    });
  });
}

// inputs: posA, crdA, valsA (a row block), posB, crdB, valsB (B whole, canonical or not), both
// of one value type; scalars[0] int64: B's columns. A·B row by row (Gustavson), columns sorted,
// entries that cancel to zero not stored.
void row_product(legate_task_context* ctx) {
  const int64_t cols = scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.matmul", {&ctx->inputs[3], &ctx->inputs[4]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    with_second(ctx, A, ctx->inputs[3], ctx->inputs[4], ctx->inputs[5], [&](const auto& B) {
      const Rows &ra = A.rows, &rb = B.rows;
      const auto& xa = A.columns;
      const auto& xb = B.columns;
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
  const int64_t k = scalar_arg<int64_t>(ctx, 0);
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

// inputs: pos; outputs[0] int32/int64, the image of pos: the row of every entry of the block's rows.
void expand_rows(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &out = ctx->outputs[0];
  if (!check_indices(ctx, {&pos, &out}, "sparse.tocoo")) return;
  const Rows rows{&pos};
  const auto write = [&](auto* base) {
    using I = std::remove_pointer_t<decltype(base)>;
    const int64_t stride = out.strides[0], first = out.offset[0], last = first + out.shape[0];
    I* at_entry = base - first * stride;  // by global entry position
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      if (lo < hi && (lo < first || hi > last)) return core->task_fail(ctx, "sparse.tocoo: the row pointers do not match the entries");
      for (int64_t k = lo; k < hi; ++k) at_entry[k * stride] = static_cast<I>(rows.first() + r);
    }
  };
  if (out.type_code == LEGATE_INT64) write(at<int64_t>(out));
  else write(at<int32_t>(out));
}

// inputs: pos, crd, vals, dense (the block's rows, every column; a broadcast view allowed);
// outputs[0], the image of pos: dense[i, j] at every stored (i, j), in entry order.
void gather_dense(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1], &dense = ctx->inputs[3], &result = ctx->outputs[0];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.multiply")) return;
  const bool ok = dispatch(dense.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Rows rows{&pos};
    const Indices columns = indices_of(crd);
    const int64_t stride = result.strides[0], first = result.offset[0], last = first + result.shape[0];
    T* out = at<T>(result) - first * stride;  // by global entry position
    const T* d = at<const T>(dense);
    const int64_t s0 = dense.strides[0], s1 = dense.strides[1], width = dense.shape[1], lo_col = dense.offset[1];
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      if (lo < hi && (lo < first || hi > last)) return core->task_fail(ctx, "sparse.multiply: the row pointers do not match the entries");
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = columns[k] - lo_col;
        if (c < 0 || c >= width) return core->task_fail(ctx, "sparse.multiply: a column index lies outside the matrix");
        out[k * stride] = d[r * s0 + c * s1];
      }
    }
  });
  if (!ok) core->task_fail(ctx, "sparse.multiply: unknown value type");
}

// inputs: dense rows (the block's rows, every column); outputs as the row tasks': the entries
// that are not zero, row by row.
void from_dense(legate_task_context* ctx) {
  const auto& dense = ctx->inputs[0];
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
  const int64_t bn = scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.kron", {&ctx->inputs[3], &ctx->inputs[4]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    with_second(ctx, A, ctx->inputs[3], ctx->inputs[4], ctx->inputs[5], [&](const auto& B) {
      const Rows &ra = A.rows, &rb = B.rows;
      const auto& xa = A.columns;
      const auto& xb = B.columns;
      const Values<T> &a = A.values, &b = B.values;
      const int64_t bm = rb.count();
      if (bm == 0) return;
      // Both matrices' row ranges read once; result row r is (i, p) = (r / bm, r % bm), found
      // by stepping from the previous row (rows come in order) rather than by dividing.
      std::vector<std::pair<int64_t, int64_t>> arow(static_cast<size_t>(ra.count())), brow(static_cast<size_t>(bm));
      for (int64_t i = 0; i < ra.count(); ++i) arow[i] = ra(i);
      for (int64_t p = 0; p < bm; ++p) brow[p] = rb(p);
      struct Step {
        int64_t bm, r = -1, i = 0, p = 0;
        void to(int64_t next) {
          if (next == r + 1 && r >= 0) {
            if (++p == bm) p = 0, ++i;  // NOLINT
          } else {
            i = next / bm, p = next % bm;  // NOLINT
          }
          r = next;
        }
      };
      Step at_body{bm}, at_count{bm};
      const auto body = [&](int64_t r, auto&& sink) {
        at_body.to(r);
        const auto [lo, hi] = arow[at_body.i];
        const auto [blo, bhi] = brow[at_body.p];
        for (int64_t x = lo; x < hi; ++x) {
          const int64_t column = xa[x] * bn;
          const T v = a[x];
          for (int64_t y = blo; y < bhi; ++y) sink(column + xb[y], times<T>(v, b[y]));
        }
        return true;
      };
      // Row (i, p) holds (entries of a's row i) × (entries of b's row p).
      const auto known = [&](int64_t r) {
        at_count.to(r);
        const auto [lo, hi] = arow[at_count.i];
        const auto [blo, bhi] = brow[at_count.p];
        return (hi - lo) * (bhi - blo);
      };
      const int64_t s0 = counts.strides[0], s1 = ctx->num_outputs == 1 ? counts.strides[1] : 0;
      count_then_write<T>(ctx, ra.count() * bm, body, [&](int64_t) { return at_count.i * s0 + at_count.p * s1; }, known);
    });
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
  const bool upper = scalar_arg<int32_t>(ctx, 0) != 0;
  const int64_t k = scalar_arg<int64_t>(ctx, 1);
  with_matrix(ctx, "sparse.tril", {}, [&](const auto& a) {
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
  const int64_t shift = scalar_arg<int64_t>(ctx, 0);
  with_matrix(ctx, "sparse.hstack", {&pb, &ctx->inputs[4]}, [&](const auto& A) {
    using T = value_of<decltype(A)>;
    with_second(ctx, A, pb, ctx->inputs[4], ctx->inputs[5], [&](const auto& B) {
      const Rows &ra = A.rows, &rb = B.rows;
      const auto& xa = A.columns;
      const auto& xb = B.columns;
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
  const int32_t flags = scalar_arg<int32_t>(ctx, 0);
  const bool largest = (flags & 1) != 0, skip_nan = (flags & 2) != 0, stored_only = (flags & 4) != 0;
  const int64_t length = scalar_arg<int64_t>(ctx, 1);
  int64_t* arg = ctx->num_outputs > 1 ? at<int64_t>(ctx->outputs[1]) : nullptr;
  const int64_t arg_stride = ctx->num_outputs > 1 ? ctx->outputs[1].strides[0] : 0;
  with_matrix(ctx, "sparse.max", {}, [&](const auto& a) {
    using T = value_of<decltype(a)>;
    if constexpr (is_complex_v<T>) {
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
  const int64_t start = scalar_arg<int64_t>(ctx, 0), stop = scalar_arg<int64_t>(ctx, 1), step = scalar_arg<int64_t>(ctx, 2);
  if (step == 0) return core->task_fail(ctx, "sparse.slice: slice step cannot be zero");
  with_matrix(ctx, "sparse.slice", {&sel}, [&](const auto& a) {
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

// outputs[0] (one piece): n + 1 row pointers: ptr[0] = 0, then the running sum of the entries
// per row, from inputs[0] (n int64, one piece) or, without inputs, from ptr[1..n] on entry
// (read-write). int32 pointers fail where the total passes int32.
void row_pointers(legate_task_context* ctx) {
  const auto& p = ctx->outputs[0];
  if (!check_indices(ctx, {&p}, "sparse.pointers")) return;
  const int64_t n = p.shape[0], stride = p.strides[0];
  if (n == 0) return;
  const int64_t* counts = nullptr;
  int64_t counts_stride = 0;
  if (ctx->num_inputs > 0) {
    const auto& c = ctx->inputs[0];
    if (c.type_code != LEGATE_INT64 || c.shape[0] != n - 1) return core->task_fail(ctx, "sparse.pointers: the counts must be int64, one per row");
    counts = at<const int64_t>(c);
    counts_stride = c.strides[0];
  }
  const auto scan = [&](auto* ptr) {
    using I = std::remove_pointer_t<decltype(ptr)>;
    int64_t total = 0;
    ptr[0] = 0;
    for (int64_t i = 1; i < n; ++i) {
      total += counts ? counts[(i - 1) * counts_stride] : static_cast<int64_t>(ptr[i * stride]);
      if (total > std::numeric_limits<I>::max()) return core->task_fail(ctx, "sparse.pointers: more entries than the index type holds");
      ptr[i * stride] = static_cast<I>(total);
    }
  };
  if (p.type_code == LEGATE_INT32) scan(at<int32_t>(p));
  else scan(at<int64_t>(p));
}

// inputs: pos, crd (a block of A's rows); scalars[0] int64: A's columns; reductions[0] (cols)
// int64 (add): the block's entries in each column. A column outside the matrix fails the task.
void column_counts(legate_task_context* ctx) {
  const auto &pos = ctx->inputs[0], &crd = ctx->inputs[1];
  if (!check_indices(ctx, {&pos, &crd}, "sparse.transpose")) return;
  const int64_t cols = scalar_arg<int64_t>(ctx, 0);
  const auto& out = ctx->reductions[0];
  int64_t* count = at<int64_t>(out);
  const int64_t stride = out.strides[0];
  const Rows rows{&pos};
  with_columns(crd, [&](const auto& x) {
    for (int64_t r = 0; r < rows.count(); ++r) {
      const auto [lo, hi] = rows(r);
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = x[k];
        if (c < 0 || c >= cols) return core->task_fail(ctx, "sparse.transpose: a column index lies outside the matrix");
        ++count[c * stride];
      }
    }
  });
}

// Places entries (a stream of (key, payload, value), keys in [0, keys)) grouped by key, each
// key's in stream order, into columns / values at starts[key] on: the writes of a transpose or a
// COO → CSR conversion. Scattering far-apart destinations misses the cache at every entry, so
// large inputs go in two passes: first each entry into the region of its block of keys (a few
// hundred blocks, so a few hundred write streams), then, block by block, the region's entries to
// their keys through a copy of the region (a block's keys and its region fit in the cache).
template <typename C, typename T>
class Scatter {
 public:
  Scatter(const std::vector<int64_t>& starts, int64_t total, C* columns, int64_t sc, T* values, int64_t sv)
      : cursor_(starts.begin(), starts.end() - 1), columns_(columns), values_(values), sc_(sc), sv_(sv) {
    const int64_t keys = static_cast<int64_t>(cursor_.size());
    while (shift_ < 62 && (int64_t{1} << shift_) * total / std::max<int64_t>(keys, 1) < (int64_t{1} << 15)) ++shift_;
    direct_ = total <= (int64_t{1} << 18) || keys <= 1 || shift_ > 32;
    if (!direct_) {
      const int64_t blocks = ((keys - 1) >> shift_) + 1;
      bounds_.resize(static_cast<size_t>(blocks) + 1);
      for (int64_t b = 0; b < blocks; ++b) bounds_[b] = starts[b << shift_];
      bounds_[blocks] = starts[keys];
      next_.assign(bounds_.begin(), bounds_.end() - 1);
      local_.resize(static_cast<size_t>(total));
    }
  }
  void put(int64_t key, int64_t payload, const T& value) {
    if (direct_) {
      const int64_t k = cursor_[key]++;
      columns_[k * sc_] = static_cast<C>(payload), values_[k * sv_] = value;  // NOLINT
      return;
    }
    const int64_t b = key >> shift_, k = next_[b]++;
    columns_[k * sc_] = static_cast<C>(payload), values_[k * sv_] = value;  // NOLINT
    local_[k] = static_cast<uint32_t>(key - (b << shift_));
  }
  // The second pass, after every put.
  void finish() {
    if (direct_) return;
    std::vector<C> region_columns;
    std::vector<std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>> region_values;
    for (size_t b = 0; b + 1 < bounds_.size(); ++b) {
      const int64_t lo = bounds_[b], hi = bounds_[b + 1];
      region_columns.resize(static_cast<size_t>(hi - lo));
      region_values.resize(static_cast<size_t>(hi - lo));
      for (int64_t k = lo; k < hi; ++k) region_columns[k - lo] = columns_[k * sc_], region_values[k - lo] = values_[k * sv_];
      const int64_t first = static_cast<int64_t>(b) << shift_;
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t to = cursor_[first + local_[k]]++;
        columns_[to * sc_] = region_columns[k - lo];
        values_[to * sv_] = region_values[k - lo];
      }
    }
  }

 private:
  std::vector<int64_t> cursor_;  // where each key's next entry goes
  C* columns_;
  T* values_;
  int64_t sc_, sv_;
  int shift_ = 0;  // keys per block: 2^shift, for blocks of about 2^15 entries on average
  bool direct_ = true;
  std::vector<int64_t> bounds_, next_;  // each block's region, and where its next entry goes
  std::vector<uint32_t> local_;          // each placed entry's key within its block
};

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
  std::vector<int64_t> first(static_cast<size_t>(rows) + 1);
  for (int64_t i = 0; i <= rows; ++i) first[i] = starts[i];
  const bool ok = dispatch(vals.type_code, [&](auto zero) {
    using T = decltype(zero);
    const Values<T> values(vals);
    const auto run = [&](auto* out) {
      using C = std::remove_pointer_t<decltype(out)>;
      Scatter<C, T> scatter(first, n, out, out_cols.strides[0], at<T>(out_vals), out_vals.strides[0]);
      for (int64_t e = 0; e < n; ++e) scatter.put(key[e], column[e], values[e]);
      scatter.finish();
    };
    if (out_cols.type_code == LEGATE_INT64) run(at<int64_t>(out_cols));
    else run(at<int32_t>(out_cols));
  });
  if (!ok) core->task_fail(ctx, "sparse.csr_from_coo: unknown value type");
}

// inputs: a key, pos, crd, vals of A (whole), the windows (cols, 2) over Aᵀ's row pointers of
// this piece's rows of Aᵀ (A's columns c0 <= c < c1); outputs[0] (indices) and outputs[1]
// (values) those rows' entries: A's entries in those columns, in row order within each.
void transpose_fill(legate_task_context* ctx) {
  const auto &oc = ctx->outputs[0], &ov = ctx->outputs[1], &win = ctx->inputs[4];
  if (!check_indices(ctx, {&oc, &ctx->inputs[1], &ctx->inputs[2], &win}, "sparse.transpose")) return;
  const Rows piece{&win}, rows{&ctx->inputs[1]};
  const int64_t c0 = piece.first(), keys = piece.count();
  if (keys == 0) return;
  std::vector<int64_t> starts(static_cast<size_t>(keys) + 1);
  const int64_t base = piece(0).first;
  for (int64_t j = 0; j < keys; ++j) starts[j] = piece(j).first - base;
  starts[keys] = piece(keys - 1).second - base;
  const int64_t total = starts[keys];
  if (total != oc.shape[0] || total != ov.shape[0]) return core->task_fail(ctx, "sparse.transpose: the counts do not match the entries");
  const bool ok = dispatch(ctx->inputs[3].type_code, [&](auto zero) {
    using T = decltype(zero);
    const Values<T> values(ctx->inputs[3]);
    const auto run = [&](auto* out_columns) {
      using C = std::remove_pointer_t<decltype(out_columns)>;
      Scatter<C, T> scatter(starts, total, out_columns, oc.strides[0], at<T>(ov), ov.strides[0]);
      with_columns(ctx->inputs[2], [&](const auto& x) {
        for (int64_t r = 0; r < rows.count(); ++r) {
          const auto [lo, hi] = rows(r);
          const int64_t i = rows.first() + r;
          for (int64_t k = lo; k < hi; ++k) {
            const int64_t j = x[k] - c0;
            if (j >= 0 && j < keys) scatter.put(j, i, values[k]);
          }
        }
      });
      scatter.finish();
    };
    if (oc.type_code == LEGATE_INT64) run(at<int64_t>(oc));
    else run(at<int32_t>(oc));
  });
  if (!ok) core->task_fail(ctx, "sparse.transpose: unknown value type");
}

}  // namespace

void register_structure_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kRowCanonical, "sparse.sort_indices", two_launches<row_canonical>);
  api->register_task(library, kRowNonzeros, "sparse.eliminate_zeros", two_launches<row_nonzeros>);
  api->register_task(library, kRowMerge, "sparse.merge", two_launches<row_merge>);
  api->register_task(library, kRowProduct, "sparse.matmul", two_launches<row_product>);
  api->register_task(library, kToDense, "sparse.todense", to_dense);
  api->register_task(library, kRowDiagonal, "sparse.diagonal", row_diagonal);
  api->register_task(library, kCountUnsorted, "sparse.has_canonical_format", count_unsorted);
  api->register_task(library, kExpandRows, "sparse.tocoo", expand_rows);
  api->register_task(library, kGatherDense, "sparse.multiply", gather_dense);
  api->register_task(library, kScatterRows, "sparse.csr_from_coo", scatter_rows);
  api->register_task(library, kFromDense, "sparse.csr_from_dense", two_launches<from_dense>);
  api->register_task(library, kKron, "sparse.kron", two_launches<kron_rows>);
  api->register_task(library, kSpmm, "sparse.spmm", spmm);
  api->register_task(library, kRowBand, "sparse.tril", two_launches<row_band>);
  api->register_task(library, kRowConcat, "sparse.hstack", two_launches<row_concat>);
  api->register_task(library, kRowExtreme, "sparse.max", row_extreme);
  api->register_task(library, kRowGather, "sparse.slice", two_launches<row_gather>);
  api->register_task(library, kPointers, "sparse.pointers", row_pointers);
  api->register_task(library, kColumnCounts, "sparse.column_counts", column_counts);
  api->register_task(library, kTransposeFill, "sparse.transpose", transpose_fill);
}

}  // namespace legate::sparse
