// Sorting: each line along the sorted axis is sorted in its point task (an LSD radix sort for
// bool, integers and floats, a stable comparison sort for complex), and a 1-D array split into
// runs is merged by a second task. NaNs sort last and −0.0 equals 0.0, as in NumPy; equal keys
// keep their order (the sort is stable, as NumPy's kind='stable').
#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// The unsigned key whose order is T's order (NaNs last, −0.0 as 0.0).
template <typename T>
auto radix_key(T x) {
  if constexpr (std::is_same_v<T, bool>) {
    return static_cast<uint8_t>(x);
  } else if constexpr (std::is_floating_point_v<T>) {
    using U = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
    constexpr U sign = U{1} << (sizeof(U) * 8 - 1);
    if (std::isnan(x)) return static_cast<U>(~U{0});
    if (x == T{0}) x = T{0};
    U bits;
    std::memcpy(&bits, &x, sizeof(U));
    return (bits & sign) ? static_cast<U>(~bits) : static_cast<U>(bits | sign);
  } else {
    using U = std::make_unsigned_t<T>;
    if constexpr (std::is_signed_v<T>) return static_cast<U>(static_cast<U>(x) ^ (U{1} << (sizeof(U) * 8 - 1)));
    else return static_cast<U>(x);
  }
}

// Sorts keys (with their indices when `indices` is non-null) by 8-bit digits, least significant
// first; one pass counts every digit, and digits equal in every key are skipped.
template <typename K>
void radix_sort(std::vector<K>& keys, std::vector<int64_t>* indices) {
  const size_t n = keys.size();
  std::vector<size_t> counts(sizeof(K) * 256, 0);
  for (size_t i = 0; i < n; ++i) {
    const K k = keys[i];
    for (size_t byte = 0; byte < sizeof(K); ++byte) ++counts[byte * 256 + ((k >> (byte * 8)) & 0xFF)];
  }
  std::vector<K> key_buffer(n);
  std::vector<int64_t> index_buffer(indices ? n : 0);
  for (size_t byte = 0; byte < sizeof(K); ++byte) {
    size_t* count = counts.data() + byte * 256;
    if (std::any_of(count, count + 256, [n](size_t c) { return c == n; })) continue;
    size_t total = 0;
    for (int d = 0; d < 256; ++d) {
      const size_t c = count[d];
      count[d] = total;
      total += c;
    }
    const int shift = static_cast<int>(byte * 8);
    for (size_t i = 0; i < n; ++i) {
      const size_t at = count[(keys[i] >> shift) & 0xFF]++;
      key_buffer[at] = keys[i];
      if (indices) index_buffer[at] = (*indices)[i];
    }
    keys.swap(key_buffer);
    if (indices) indices->swap(index_buffer);
  }
}

// The value of a radix key of a float type (NaNs come back as the canonical NaN).
template <typename T, typename K>
T from_key(K key) {
  if constexpr (std::is_floating_point_v<T>) {
    constexpr K sign = K{1} << (sizeof(K) * 8 - 1);
    if (key == static_cast<K>(~K{0})) return std::numeric_limits<T>::quiet_NaN();
    const K bits = (key & sign) ? static_cast<K>(key & ~sign) : static_cast<K>(~key);
    T x;
    std::memcpy(&x, &bits, sizeof(T));
    return x;
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<T>(static_cast<K>(key ^ (K{1} << (sizeof(K) * 8 - 1))));
  } else {
    return static_cast<T>(key);
  }
}

// NumPy's order: lexicographic for complex, NaNs last.
template <typename T>
bool before(T a, T b) {
  if constexpr (is_complex_v<T>) {
    // R+Rj < R+nanj < nan+Rj < nan+nanj (NumPy's CDOUBLE_LT), the non-NaN parts in order.
    const int ca = (std::isnan(a.real()) ? 2 : 0) + (std::isnan(a.imag()) ? 1 : 0);
    const int cb = (std::isnan(b.real()) ? 2 : 0) + (std::isnan(b.imag()) ? 1 : 0);
    if (ca != cb) return ca < cb;
    if (ca == 0) return less(a, b);
    if (ca == 1) return a.real() < b.real();
    if (ca == 2) return a.imag() < b.imag();
    return false;
  } else if constexpr (std::is_floating_point_v<T>) {
    return a < b || (!std::isnan(a) && std::isnan(b));
  } else {
    return a < b;
  }
}

// Sorts one line of n values: into `values` (sorted) or `order` (argsort), in place.
template <typename T>
void sort_line(std::vector<T>& values, std::vector<int64_t>* order) {
  if constexpr (is_complex_v<T>) {
    std::vector<int64_t> idx(values.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return before(values[static_cast<size_t>(a)], values[static_cast<size_t>(b)]); });
    if (order) {
      for (auto& i : idx) i = (*order)[static_cast<size_t>(i)];
      order->swap(idx);
    } else {
      std::vector<T> sorted(values.size());
      for (size_t i = 0; i < idx.size(); ++i) sorted[i] = values[static_cast<size_t>(idx[i])];
      values.swap(sorted);
    }
  } else {
    using K = decltype(radix_key(T{}));
    std::vector<K> keys(values.size());
    for (size_t i = 0; i < values.size(); ++i) keys[i] = radix_key<T>(values[i]);
    if (order) {
      radix_sort(keys, order);
    } else if constexpr (std::is_floating_point_v<T>) {
      // Sort with the positions and gather, so that −0.0 stays −0.0: only when there is one.
      const bool negative_zero = std::any_of(values.begin(), values.end(), [](T x) { return x == T{0} && std::signbit(x); });
      if (negative_zero) {
        std::vector<int64_t> idx(values.size());
        std::iota(idx.begin(), idx.end(), 0);
        radix_sort(keys, &idx);
        std::vector<T> sorted(values.size());
        for (size_t i = 0; i < idx.size(); ++i) sorted[i] = values[static_cast<size_t>(idx[i])];
        values.swap(sorted);
      } else {
        radix_sort(keys, nullptr);
        for (size_t i = 0; i < keys.size(); ++i) values[i] = from_key<T>(keys[i]);
      }
    } else {
      radix_sort(keys, nullptr);
      for (size_t i = 0; i < keys.size(); ++i) values[i] = from_key<T>(keys[i]);
    }
  }
}

// inputs[0] x, outputs[0] sorted values (x's type) or indices (int64); scalars: axis, argsort.
// The indices count from the piece's offset along the axis, so sorted runs of one array carry
// global positions.
void sort(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const auto axis = scalar_arg<int32_t>(ctx, 0);
  const bool arg = scalar_arg<int32_t>(ctx, 1) != 0;
  const legate_physical_store* stores[2] = {&out, &in};
  const bool ok = dispatch(in.type_code, [&](auto zero) {
    // bool is one byte of 0 or 1: sorted as uint8 (std::vector<bool> packs bits).
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* x = at<const T>(in);
    std::vector<T> values;
    std::vector<int64_t> order;
    for_each_line(stores, axis, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      values.resize(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) values[static_cast<size_t>(i)] = x[base[1] + i * stride[1]];
      if (arg) {
        order.resize(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), in.offset[axis]);
        sort_line(values, &order);
        int64_t* o = at<int64_t>(out);
        for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] = order[static_cast<size_t>(i)];
      } else {
        sort_line(values, nullptr);
        T* o = at<T>(out);
        for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] = values[static_cast<size_t>(i)];
      }
    });
  });
  if (!ok) core->task_fail(ctx, "sort: unknown type");
}

// Merges sorted runs of one 1-D array, stably. inputs[0]: the values the runs are sorted by
// (for argsort, the original array); inputs[1] (argsort only): the runs of indices. scalars:
// argsort, then the runs' boundaries (int64, first 0, last n).
void merge(legate_task_context* ctx) {
  const auto& keys = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const bool arg = scalar_arg<int32_t>(ctx, 0) != 0;
  std::vector<int64_t> bounds;
  for (int32_t i = 1; i < ctx->num_scalars; ++i) bounds.push_back(scalar_arg<int64_t>(ctx, static_cast<uint32_t>(i)));
  const bool ok = dispatch(keys.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* x = at<const T>(keys);
    const int64_t sx = keys.strides[0];
    if (arg) {
      const auto& runs = ctx->inputs[1];
      std::vector<int64_t> a(static_cast<size_t>(runs.shape[0])), b(a.size());
      for (size_t i = 0; i < a.size(); ++i) a[i] = at<const int64_t>(runs)[static_cast<int64_t>(i) * runs.strides[0]];
      // Pairwise rounds; within a tie the earlier run (the smaller index) comes first.
      while (bounds.size() > 2) {
        std::vector<int64_t> next{0};
        for (size_t r = 0; r + 1 < bounds.size(); r += 2) {
          const int64_t lo = bounds[r], mid = bounds[r + 1], hi = r + 2 < bounds.size() ? bounds[r + 2] : bounds[r + 1];
          std::merge(a.begin() + lo, a.begin() + mid, a.begin() + mid, a.begin() + hi, b.begin() + lo,
                     [&](int64_t p, int64_t q) { return before(x[p * sx], x[q * sx]); });
          next.push_back(hi);
        }
        bounds.swap(next);
        a.swap(b);
      }
      int64_t* o = at<int64_t>(out);
      for (size_t i = 0; i < a.size(); ++i) o[static_cast<int64_t>(i) * out.strides[0]] = a[i];
    } else {
      std::vector<T> a(static_cast<size_t>(keys.shape[0])), b(a.size());
      for (size_t i = 0; i < a.size(); ++i) a[i] = x[static_cast<int64_t>(i) * sx];
      while (bounds.size() > 2) {
        std::vector<int64_t> next{0};
        for (size_t r = 0; r + 1 < bounds.size(); r += 2) {
          const int64_t lo = bounds[r], mid = bounds[r + 1], hi = r + 2 < bounds.size() ? bounds[r + 2] : bounds[r + 1];
          std::merge(a.begin() + lo, a.begin() + mid, a.begin() + mid, a.begin() + hi, b.begin() + lo, [](T p, T q) { return before(p, q); });
          next.push_back(hi);
        }
        bounds.swap(next);
        a.swap(b);
      }
      T* o = at<T>(out);
      for (size_t i = 0; i < a.size(); ++i) o[static_cast<int64_t>(i) * out.strides[0]] = a[i];
    }
  });
  if (!ok) core->task_fail(ctx, "sort: unknown type");
}

// inputs[0] a (1-D, sorted, whole), inputs[1] v; outputs[0] (int64, aligned with v): the
// insertion points of v in a; scalars[0]: side (0 left, 1 right).
void searchsorted(legate_task_context* ctx) {
  const auto& a = ctx->inputs[0];
  const auto& v = ctx->inputs[1];
  const auto& out = ctx->outputs[0];
  const bool right = scalar_arg<int32_t>(ctx, 0) != 0;
  const legate_physical_store* stores[2] = {&out, &v};
  const bool ok = dispatch(a.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* sorted = at<const T>(a);
    const T* values = at<const T>(v);
    int64_t* o = at<int64_t>(out);
    const int64_t n = a.shape[0], stride = a.strides[0];
    for_each_point(stores, [&](const int64_t* base, int64_t count, const int64_t* step) {
      for (int64_t i = 0; i < count; ++i) {
        const T x = values[base[1] + i * step[1]];
        int64_t lo = 0, hi = n;
        while (lo < hi) {
          const int64_t mid = lo + (hi - lo) / 2;
          const T y = sorted[mid * stride];
          if (right ? !before(x, y) : before(y, x)) lo = mid + 1;
          else hi = mid;
        }
        o[base[0] + i * step[0]] = lo;
      }
    });
  });
  if (!ok) core->task_fail(ctx, "searchsorted: unknown type");
}

// inputs[0] x (1-D piece); outputs[0] unbound int64: the global positions of x's nonzeros.
void nonzero(legate_task_context* ctx) {
  const auto& x = ctx->inputs[0];
  dispatch(x.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* values = at<const T>(x);
    int64_t count = 0;
    for (int64_t i = 0; i < x.shape[0]; ++i) count += values[i * x.strides[0]] != T{};
    auto* out = static_cast<int64_t*>(core->create_output_buffer(ctx, 0, count));
    if (out == nullptr && count > 0) return;
    for (int64_t i = 0, k = 0; i < x.shape[0]; ++i)
      if (values[i * x.strides[0]] != T{}) out[k++] = x.offset[0] + i;
  });
}

// Offset of the element at flat (C-order) position k of a whole N-d store.
inline int64_t flat_offset(const legate_physical_store& s, int64_t k) {
  int64_t offset = 0;
  for (int32_t d = s.ndim - 1; d >= 0; --d) {
    offset += (k % s.shape[d]) * s.strides[d];
    k /= s.shape[d];
  }
  return offset;
}

inline int64_t flat_volume(const legate_physical_store& s) {
  int64_t n = 1;
  for (int32_t d = 0; d < s.ndim; ++d) n *= s.shape[d];
  return n;
}

// inputs[0] source (any shape, whole), inputs[1] flat indices (int64); outputs[0] (aligned with
// the indices): source.flat[indices], negative indices counting from the end.
void take(legate_task_context* ctx) {
  const auto& source = ctx->inputs[0];
  const auto& indices = ctx->inputs[1];
  const auto& out = ctx->outputs[0];
  const legate_physical_store* stores[2] = {&out, &indices};
  const int64_t n = flat_volume(source);
  bool bad = false;
  int64_t bad_index = 0;
  dispatch(source.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* src = at<const T>(source);
    const int64_t* idx = at<const int64_t>(indices);
    T* o = at<T>(out);
    const bool flat = source.ndim == 1;
    for_each_point(stores, [&](const int64_t* base, int64_t count, const int64_t* step) {
      for (int64_t i = 0; i < count && !bad; ++i) {
        int64_t k = idx[base[1] + i * step[1]];
        if (k < 0) k += n;
        if (k < 0 || k >= n) {
          bad = true;
          bad_index = idx[base[1] + i * step[1]];
          return;
        }
        o[base[0] + i * step[0]] = src[flat ? k * source.strides[0] : flat_offset(source, k)];
      }
    });
  });
  if (bad) {
    const std::string message = "index " + std::to_string(bad_index) + " is out of bounds for size " + std::to_string(n);
    core->task_fail(ctx, message.c_str());
  }
}

// inputs[0] flat indices (int64, whole), inputs[1] values (whole, cycled as NumPy's put);
// outputs[0] target (any shape, whole, read-write): target.flat[indices[i]] = values[i % m], in
// order (the last write wins).
void put(legate_task_context* ctx) {
  const auto& indices = ctx->inputs[0];
  const auto& values = ctx->inputs[1];
  const auto& target = ctx->outputs[0];
  const int64_t n = flat_volume(target), m = values.shape[0];
  int64_t bad = 0;
  bool failed = false;
  dispatch(target.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const int64_t* idx = at<const int64_t>(indices);
    const T* v = at<const T>(values);
    T* t = at<T>(target);
    for (int64_t i = 0; i < indices.shape[0]; ++i) {
      int64_t k = idx[i * indices.strides[0]];
      if (k < 0) k += n;
      if (k < 0 || k >= n) {
        failed = true;
        bad = idx[i * indices.strides[0]];
        return;
      }
      t[flat_offset(target, k)] = v[(i % m) * values.strides[0]];
    }
  });
  if (failed) {
    const std::string message = "index " + std::to_string(bad) + " is out of bounds for size " + std::to_string(n);
    core->task_fail(ctx, message.c_str());
  }
}

// inputs[0] x (int64, non-negative), inputs[1] weights (optional, aligned); reductions[0] the
// counts (whole, add): counts[x[i]] += weights[i] or 1.
void bincount(legate_task_context* ctx) {
  const auto& x = ctx->inputs[0];
  const auto& counts = ctx->reductions[0];
  const bool weighted = ctx->num_inputs > 1;
  const legate_physical_store* stores[2] = {&x, weighted ? &ctx->inputs[1] : &x};
  const bool ok = dispatch(counts.type_code, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_same_v<T, bool>) {
      return;
    } else {
      const int64_t* bins = at<const int64_t>(x);
      const T* w = weighted ? at<const T>(ctx->inputs[1]) : nullptr;
      T* c = at<T>(counts);
      const int64_t length = counts.shape[0];
      for_each_point(stores, [&](const int64_t* base, int64_t count, const int64_t* step) {
        for (int64_t i = 0; i < count; ++i) {
          const int64_t b = bins[base[0] + i * step[0]];
          if (b < 0 || b >= length) continue;  // checked before the launch
          c[b * counts.strides[0]] += w ? w[base[1] + i * step[1]] : T{1};
        }
      });
    }
  });
  if (!ok) core->task_fail(ctx, "bincount: unknown type");
}

// Two sorted runs [0, mid) and [mid, n) of a 1-D array merged into a piece of the output: the
// piece finds where its first element comes from (the merge path) and merges from there, so
// every processor merges its share. inputs[0]: keys (the runs for sort, the original array for
// argsort); inputs[1] (argsort): the runs of indices. scalars: argsort, mid.
void merge_piece(legate_task_context* ctx) {
  const auto& keys = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const bool arg = scalar_arg<int32_t>(ctx, 0) != 0;
  const int64_t mid = scalar_arg<int64_t>(ctx, 1);
  const bool ok = dispatch(keys.type_code, [&](auto zero) {
    using T = std::conditional_t<std::is_same_v<decltype(zero), bool>, uint8_t, decltype(zero)>;
    const T* x = at<const T>(keys);
    const int64_t sx = keys.strides[0];
    const int64_t* runs = arg ? at<const int64_t>(ctx->inputs[1]) : nullptr;
    const int64_t sr = arg ? ctx->inputs[1].strides[0] : 0;
    const int64_t n = arg ? ctx->inputs[1].shape[0] : keys.shape[0];
    const auto key = [&](int64_t p) { return arg ? x[runs[p * sr] * sx] : x[p * sx]; };
    const int64_t first = out.offset[0], count = out.shape[0];
    const int64_t a_len = mid, b_len = n - mid;
    // The number i of elements from the first run among the output's first `first`.
    int64_t lo = std::max<int64_t>(0, first - b_len), hi = std::min(first, a_len);
    while (lo < hi) {
      const int64_t i = lo + (hi - lo) / 2;
      // Too few from the first run if its i-th element comes before the second run's (first−i−1)-th.
      if (!before(key(mid + first - i - 1), key(i))) lo = i + 1;
      else hi = i;
    }
    int64_t i = lo, j = mid + (first - lo);
    for (int64_t k = 0; k < count; ++k) {
      const bool take_b = i >= a_len || (j < n && before(key(j), key(i)));
      const int64_t p = take_b ? j++ : i++;
      if (arg) at<int64_t>(out)[k * out.strides[0]] = runs[p * sr];
      else at<T>(out)[k * out.strides[0]] = x[p * sx];
    }
  });
  if (!ok) core->task_fail(ctx, "sort: unknown type");
}

}  // namespace

void register_sort_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kSort, "numeric.sort", sort);
  api->register_task(library, kMerge, "numeric.merge", merge);
  api->register_task(library, kMergePieces, "numeric.merge_pieces", merge_piece);
  api->register_task(library, kSearchsorted, "numeric.searchsorted", searchsorted);
  api->register_task(library, kNonzero, "numeric.nonzero", nonzero);
  api->register_task(library, kTake, "numeric.take", take);
  api->register_task(library, kPut, "numeric.put", put);
  api->register_task(library, kBincount, "numeric.bincount", bincount);
}

}  // namespace legate::numeric
