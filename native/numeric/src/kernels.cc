#include "kernels.h"

#include <complex>
#include <cstring>
#include <type_traits>

namespace legate::numeric {
namespace {

const legate_core_api* core = nullptr;

// Calls f(T{}) with T the element type of a type code; bool is uint8_t holding 0 or 1.
template <typename F>
bool dispatch(int32_t code, F&& f) {
  switch (code) {
    case LEGATE_BOOL: f(bool{}); return true;
    case LEGATE_INT8: f(int8_t{}); return true;
    case LEGATE_INT16: f(int16_t{}); return true;
    case LEGATE_INT32: f(int32_t{}); return true;
    case LEGATE_INT64: f(int64_t{}); return true;
    case LEGATE_UINT8: f(uint8_t{}); return true;
    case LEGATE_UINT16: f(uint16_t{}); return true;
    case LEGATE_UINT32: f(uint32_t{}); return true;
    case LEGATE_UINT64: f(uint64_t{}); return true;
    case LEGATE_FLOAT32: f(float{}); return true;
    case LEGATE_FLOAT64: f(double{}); return true;
    case LEGATE_COMPLEX64: f(std::complex<float>{}); return true;
    case LEGATE_COMPLEX128: f(std::complex<double>{}); return true;
    default: return false;
  }
}

template <typename T>
struct is_complex : std::false_type {};
template <typename T>
struct is_complex<std::complex<T>> : std::true_type {};

// Calls body(offsets...) for every point of the first store's piece, the stores' element
// offsets advancing together; the innermost dimension runs as a plain loop the compiler
// vectorises when its strides are 1.
template <size_t N, typename Body>
void for_each_point(const legate_physical_store* const (&stores)[N], Body body) {
  const auto& first = *stores[0];
  int64_t count = 1;
  for (int32_t d = 0; d < first.ndim; ++d) count *= first.shape[d];
  if (count == 0) return;
  if (first.ndim == 0) {
    int64_t zero[N] = {};
    body(zero, int64_t{1}, zero);
    return;
  }
  const int32_t inner = first.ndim - 1;
  int64_t index[LEGATE_MAX_DIM] = {};
  int64_t base[N] = {};
  int64_t inner_strides[N];
  for (size_t s = 0; s < N; ++s) inner_strides[s] = stores[s]->strides[inner];
  for (;;) {
    body(base, first.shape[inner], inner_strides);
    int32_t d = inner;
    for (;;) {
      if (d == 0) return;
      --d;
      for (size_t s = 0; s < N; ++s) base[s] += stores[s]->strides[d];
      if (++index[d] < first.shape[d]) break;
      for (size_t s = 0; s < N; ++s) base[s] -= stores[s]->strides[d] * first.shape[d];
      index[d] = 0;
    }
  }
}

template <typename T>
T* at(const legate_physical_store& s) {
  return static_cast<T*>(s.data);
}

void fill(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const legate_physical_store* stores[1] = {&out};
  dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T value;
    std::memcpy(&value, ctx->scalars[0], sizeof(T));
    T* o = at<T>(out);
    for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] = value;
    });
  });
}

template <typename To, typename From>
To convert(From x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != From{};
  } else if constexpr (is_complex<From>::value && !is_complex<To>::value) {
    return static_cast<To>(x.real());  // NumPy drops the imaginary part (with a warning)
  } else if constexpr (is_complex<To>::value) {
    if constexpr (is_complex<From>::value) return To(static_cast<typename To::value_type>(x.real()), static_cast<typename To::value_type>(x.imag()));
    else return To(static_cast<typename To::value_type>(x), 0);
  } else {
    return static_cast<To>(x);
  }
}

void astype(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const auto& in = ctx->inputs[0];
  const legate_physical_store* stores[2] = {&out, &in};
  dispatch(out.type_code, [&](auto to_zero) {
    using To = decltype(to_zero);
    dispatch(in.type_code, [&](auto from_zero) {
      using From = decltype(from_zero);
      To* o = at<To>(out);
      const From* x = at<const From>(in);
      for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] = convert<To>(x[base[1] + i * stride[1]]);
      });
    });
  });
}

template <typename T, typename Op>
void binary_loop(const legate_physical_store* const (&stores)[3], Op op) {
  T* o = at<T>(*stores[0]);
  const T* a = at<const T>(*stores[1]);
  const T* b = at<const T>(*stores[2]);
  for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    T* __restrict po = o + base[0];
    const T* pa = a + base[1];
    const T* pb = b + base[2];
    if (stride[0] == 1 && stride[1] == 1 && stride[2] == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = op(pa[i], pb[i]);
    } else if (stride[0] == 1 && stride[1] == 1 && stride[2] == 0) {  // array <op> scalar
      const T y = *pb;
      for (int64_t i = 0; i < n; ++i) po[i] = op(pa[i], y);
    } else if (stride[0] == 1 && stride[1] == 0 && stride[2] == 1) {  // scalar <op> array
      const T x = *pa;
      for (int64_t i = 0; i < n; ++i) po[i] = op(x, pb[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i * stride[0]] = op(pa[i * stride[1]], pb[i * stride[2]]);
    }
  });
}

void binary(legate_task_context* ctx) {
  const legate_physical_store* stores[3] = {&ctx->outputs[0], &ctx->inputs[0], &ctx->inputs[1]};
  int32_t op = *static_cast<const int32_t*>(ctx->scalars[0]);
  bool ok = dispatch(stores[0]->type_code, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_same_v<T, bool>) {
      // NumPy: + is logical or and * logical and for booleans; - and / take other types.
      if (op == kAdd) binary_loop<T>(stores, [](T x, T y) { return x || y; });
      else if (op == kMultiply) binary_loop<T>(stores, [](T x, T y) { return x && y; });
      else core->task_fail(ctx, "binary: this operator does not take booleans");
    } else {
      switch (op) {
        case kAdd: binary_loop<T>(stores, [](T x, T y) { return static_cast<T>(x + y); }); break;
        case kSubtract: binary_loop<T>(stores, [](T x, T y) { return static_cast<T>(x - y); }); break;
        case kMultiply: binary_loop<T>(stores, [](T x, T y) { return static_cast<T>(x * y); }); break;
        case kDivide:
          if constexpr (std::is_integral_v<T>) core->task_fail(ctx, "binary: true division of integers is computed in floating point");
          else binary_loop<T>(stores, [](T x, T y) { return x / y; });
          break;
        default: core->task_fail(ctx, "binary: unknown operator");
      }
    }
  });
  if (!ok) core->task_fail(ctx, "binary: unknown type");
}

void arange(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  double start, step;
  std::memcpy(&start, ctx->scalars[0], sizeof(double));
  std::memcpy(&step, ctx->scalars[1], sizeof(double));
  dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* o = at<T>(out);
    for (int64_t i = 0; i < out.shape[0]; ++i) {
      o[i * out.strides[0]] = convert<T>(start + static_cast<double>(out.offset[0] + i) * step);
    }
  });
}

void sum(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& red = ctx->reductions[0];
  const legate_physical_store* stores[1] = {&in};
  dispatch(red.type_code, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_same_v<T, bool>) {
      core->task_fail(ctx, "sum: a boolean sum is computed in integers");
    } else {
      const T* x = at<const T>(in);
      T total{};
      for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        // Pairwise blocks keep float rounding close to NumPy's pairwise summation.
        T block{};
        for (int64_t i = 0; i < n; ++i) {
          block += x[base[0] + i * stride[0]];
          if ((i & 127) == 127) {
            total += block;
            block = T{};
          }
        }
        total += block;
      });
      *at<T>(red) += total;
    }
  });
}

}  // namespace

void register_tasks(const legate_core_api* api, int32_t library) {
  core = api;
  api->register_task(library, kFill, "numeric.fill", fill);
  api->register_task(library, kAstype, "numeric.astype", astype);
  api->register_task(library, kBinary, "numeric.binary", binary);
  api->register_task(library, kArange, "numeric.arange", arange);
  api->register_task(library, kSum, "numeric.sum", sum);
}

}  // namespace legate::numeric
