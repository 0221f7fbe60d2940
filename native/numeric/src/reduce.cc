// Reductions and scans. A reduction over every axis folds each point task's partial result
// into a 0-d store through core's reduction privilege; one over some axes is launched with
// those axes whole in every piece (numeric's TypeScript side tiles the others), so each point
// task writes its own part of the result.
#include <algorithm>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// The identity and combining step of each reduction, in the accumulator type Acc.
template <typename Acc>
struct Reducer {
  int32_t op;

  Acc identity() const {
    switch (op) {
      case kProd:
      case kAll: return convert<Acc>(1);
      case kMin:
        if constexpr (is_complex_v<Acc>) return Acc(INFINITY, INFINITY);
        else if constexpr (std::is_floating_point_v<Acc>) return INFINITY;
        else return std::numeric_limits<Acc>::max();
      case kMax:
        if constexpr (is_complex_v<Acc>) return Acc(-INFINITY, -INFINITY);
        else if constexpr (std::is_floating_point_v<Acc>) return -INFINITY;
        else return std::numeric_limits<Acc>::lowest();
      default: return Acc{};
    }
  }

  // Joins two partial results (a count adds counts).
  Acc merge(Acc a, Acc b) const {
    if (op == kCountNonzero) return static_cast<Acc>(a + b);
    if constexpr (is_complex_v<Acc>) {
      // A partial product still at the identity changes nothing: NumPy's sequential product
      // has no such extra factor (a plain product by 1+0j turns inf into inf+nanj).
      if (op == kProd) {
        if (a == Acc(1)) return b;
        if (b == Acc(1)) return a;
      }
    }
    return combine(a, b);
  }

  // NaN wins min and max, as in NumPy.
  template <typename In>
  Acc combine(Acc acc, In x) const {
    switch (op) {
      case kSum:
        if constexpr (std::is_same_v<Acc, bool>) return acc || convert<bool>(x);
        else if constexpr (is_int_v<Acc>) return static_cast<Acc>(static_cast<std::make_unsigned_t<Acc>>(acc) + static_cast<std::make_unsigned_t<Acc>>(convert<Acc>(x)));
        else return acc + convert<Acc>(x);
      case kProd:
        if constexpr (std::is_same_v<Acc, bool>) return acc && convert<bool>(x);
        else if constexpr (is_int_v<Acc>) {
          using U = std::make_unsigned_t<Acc>;
          using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
          return static_cast<Acc>(static_cast<U>(static_cast<W>(static_cast<U>(acc)) * static_cast<W>(static_cast<U>(convert<Acc>(x)))));
        } else if constexpr (is_complex_v<Acc>) return cmul(acc, convert<Acc>(x));  // NumPy's plain product
        else return acc * convert<Acc>(x);
      case kMin: {
        Acc v = convert<Acc>(x);
        return (is_nan(acc) || (!is_nan(v) && !less(v, acc))) ? acc : v;
      }
      case kMax: {
        Acc v = convert<Acc>(x);
        return (is_nan(acc) || (!is_nan(v) && !less(acc, v))) ? acc : v;
      }
      case kAny: return convert<Acc>(convert<bool>(acc) || convert<bool>(x));
      case kAll: return convert<Acc>(convert<bool>(acc) && convert<bool>(x));
      case kCountNonzero: return static_cast<Acc>(acc + convert<Acc>(convert<bool>(x)));
      default: return acc;
    }
  }
};

// A float sum over contiguous elements: eight independent partial sums keep the adder busy
// (the loop runs at memory speed) and, like NumPy's pairwise summation, keep rounding small.
template <typename T>
T contiguous_sum(const T* x, int64_t n) {
  T partial[8] = {};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int k = 0; k < 8; ++k) partial[k] += x[i + k];
  }
  T total = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
  for (; i < n; ++i) total += x[i];
  return total;
}

void reduce_all(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& red = ctx->reductions[0];
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  const legate_physical_store* stores[1] = {&in};
  bool ok = dispatch(red.type_code, [&](auto acc_zero) {
    using Acc = decltype(acc_zero);
    dispatch(in.type_code, [&](auto in_zero) {
      using In = decltype(in_zero);
      const Reducer<Acc> reducer{op};
      const In* x = at<const In>(in);
      Acc total = reducer.identity();
      for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        const In* px = x + base[0];
        if constexpr (std::is_same_v<Acc, In> && std::is_floating_point_v<Acc>) {
          if (op == kSum && stride[0] == 1) {
            // Blocks bound the rounding error's growth, as NumPy's pairwise summation does.
            for (int64_t start = 0; start < n; start += 4096) total += contiguous_sum(px + start, std::min<int64_t>(4096, n - start));
            return;
          }
        }
        // Blocks of 128 keep float sums close to NumPy's pairwise summation.
        for (int64_t start = 0; start < n; start += 128) {
          Acc block = reducer.identity();
          const int64_t end = std::min(n, start + 128);
          if (stride[0] == 1) {
            for (int64_t i = start; i < end; ++i) block = reducer.combine(block, px[i]);
          } else {
            for (int64_t i = start; i < end; ++i) block = reducer.combine(block, px[i * stride[0]]);
          }
          total = reducer.merge(total, block);
        }
      });
      Acc* target = at<Acc>(red);
      *target = reducer.merge(*target, total);
    });
  });
  if (!ok) core->task_fail(ctx, "reduce: unknown type");
}

// The inner product of two aligned vectors of one type T, folded into a 0-d T: one pass over
// both, no product array in between.
void dot(legate_task_context* ctx) {
  const auto& a = ctx->inputs[0];
  const auto& b = ctx->inputs[1];
  const auto& red = ctx->reductions[0];
  const legate_physical_store* stores[2] = {&a, &b};
  bool ok = dispatch(red.type_code, [&](auto zero) {
    using T = decltype(zero);
    const T* x = at<const T>(a);
    const T* y = at<const T>(b);
    T total{};
    // Complex products NumPy's way (plain, no C99 recovery of infinities).
    const auto mul = [](T p, T q) {
      if constexpr (is_complex_v<T>) return cmul(p, q);
      else return p * q;
    };
    for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      const T* px = x + base[0];
      const T* py = y + base[1];
      if constexpr (std::is_same_v<T, bool>) {
        for (int64_t i = 0; i < n && !total; ++i) total = px[i * stride[0]] && py[i * stride[1]];
      } else if constexpr (is_int_v<T>) {
        // Wrapping, as NumPy's integer dot.
        using U = std::make_unsigned_t<T>;
        using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
        U sum = static_cast<U>(total);
        for (int64_t i = 0; i < n; ++i) sum = static_cast<U>(sum + static_cast<U>(static_cast<W>(static_cast<U>(px[i * stride[0]])) * static_cast<W>(static_cast<U>(py[i * stride[1]]))));
        total = static_cast<T>(sum);
      } else if (stride[0] == 1 && stride[1] == 1) {
        for (int64_t start = 0; start < n; start += 4096) {
          const int64_t end = std::min<int64_t>(n, start + 4096);
          T partial[8] = {};
          int64_t i = start;
          for (; i + 8 <= end; i += 8) {
            for (int k = 0; k < 8; ++k) partial[k] += mul(px[i + k], py[i + k]);
          }
          T block = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
          for (; i < end; ++i) block += mul(px[i], py[i]);
          total += block;
        }
      } else {
        for (int64_t i = 0; i < n; ++i) total += mul(px[i * stride[0]], py[i * stride[1]]);
      }
    });
    T* target = at<T>(red);
    if constexpr (std::is_same_v<T, bool>) *target = *target || total;
    else if constexpr (is_int_v<T>) *target = static_cast<T>(static_cast<std::make_unsigned_t<T>>(*target) + static_cast<std::make_unsigned_t<T>>(total));
    else *target += total;
  });
  if (!ok) core->task_fail(ctx, "dot: unknown type");
}

// The result's piece seen with the input's dimensions: stride 0 along the reduced ones.
legate_physical_store expand(const legate_physical_store& in, const legate_physical_store& out, int32_t mask) {
  legate_physical_store e = in;
  e.data = out.data;
  e.type_code = out.type_code;
  int32_t k = 0;
  for (int32_t d = 0; d < in.ndim; ++d) e.strides[d] = (mask >> d) & 1 ? 0 : out.strides[k++];
  return e;
}

template <typename Acc, typename In>
void reduce_axes(legate_task_context* ctx, int32_t op, int32_t mask) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const Reducer<Acc> reducer{op};
  const bool has_initial = scalar_arg<int32_t>(ctx, 2) != 0;
  const Acc start = has_initial ? scalar_arg<Acc>(ctx, 3) : reducer.identity();
  Acc* o = at<Acc>(out);
  const legate_physical_store* outs[1] = {&out};
  for_each_point(outs, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] = start;
  });
  const legate_physical_store expanded = expand(in, out, mask);
  const legate_physical_store* stores[2] = {&in, &expanded};
  const In* x = at<const In>(in);
  for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    const In* px = x + base[0];
    Acc* po = o + base[1];
    if (stride[1] == 0) {
      Acc acc = reducer.identity();
      for (int64_t i = 0; i < n; ++i) acc = reducer.combine(acc, px[i * stride[0]]);
      *po = reducer.merge(*po, acc);
    } else if (stride[0] == 1 && stride[1] == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = reducer.combine(po[i], px[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i * stride[1]] = reducer.combine(po[i * stride[1]], px[i * stride[0]]);
    }
  });
}

// argmin / argmax along one axis: the first extreme; the first NaN, when there is one.
template <typename In>
void arg_reduce(const legate_task_context* ctx, bool max, int32_t axis) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const legate_physical_store expanded = expand(in, out, 1 << axis);
  const legate_physical_store* stores[2] = {&in, &expanded};
  const In* x = at<const In>(in);
  int64_t* o = at<int64_t>(out);
  for_each_line(stores, axis, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    const In* px = x + base[0];
    int64_t best = 0;
    In value = px[0];
    if (!is_nan(value)) {
      for (int64_t i = 1; i < n; ++i) {
        In v = px[i * stride[0]];
        if (is_nan(v)) {
          best = i;
          break;
        }
        if (max ? less(value, v) : less(v, value)) {
          value = v;
          best = i;
        }
      }
    }
    o[base[1]] = best;
  });
}

void reduce(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  const int32_t mask = scalar_arg<int32_t>(ctx, 1);
  bool ok = false;
  if (op == kArgmin || op == kArgmax) {
    int32_t axis = 0;
    while (axis < in.ndim && !((mask >> axis) & 1)) ++axis;
    if (out.type_code != LEGATE_INT64 || axis == in.ndim || mask != (1 << axis)) {
      core->task_fail(ctx, "reduce: argmin/argmax take one axis and give int64");
      return;
    }
    ok = dispatch(in.type_code, [&](auto zero) { arg_reduce<decltype(zero)>(ctx, op == kArgmax, axis); });
  } else {
    ok = dispatch(out.type_code, [&](auto acc_zero) {
      dispatch(in.type_code, [&](auto in_zero) { reduce_axes<decltype(acc_zero), decltype(in_zero)>(ctx, op, mask); });
    });
  }
  if (!ok) core->task_fail(ctx, "reduce: unknown type");
}

void scan(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  const int32_t axis = scalar_arg<int32_t>(ctx, 1);
  if (axis < 0 || axis >= in.ndim || (op != kSum && op != kProd)) {
    core->task_fail(ctx, "scan: bad axis or operator");
    return;
  }
  const legate_physical_store* stores[2] = {&in, &out};
  bool ok = dispatch(out.type_code, [&](auto acc_zero) {
    using Acc = decltype(acc_zero);
    dispatch(in.type_code, [&](auto in_zero) {
      using In = decltype(in_zero);
      const Reducer<Acc> reducer{op};
      const In* x = at<const In>(in);
      Acc* o = at<Acc>(out);
      for_each_line(stores, axis, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        // NumPy's accumulate starts from the first element (not identity <op> it: 1+0j times
        // inf+0j would be inf+nanj, 0 + -0.0 would be +0).
        Acc acc = reducer.identity();
        for (int64_t i = 0; i < n; ++i) {
          acc = i == 0 ? convert<Acc>(x[base[0]]) : reducer.combine(acc, x[base[0] + i * stride[0]]);
          o[base[1] + i * stride[1]] = acc;
        }
      });
    });
  });
  if (!ok) core->task_fail(ctx, "scan: unknown type");
}

}  // namespace

void register_reduce_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kReduceAll, "numeric.reduce_all", reduce_all);
  api->register_task(library, kReduce, "numeric.reduce", reduce);
  api->register_task(library, kScan, "numeric.scan", scan);
  api->register_task(library, kDot, "numeric.dot", dot);
}

}  // namespace legate::numeric
