#include "kernels.h"

#include <cstddef>
#include "iteration.h"

namespace legate::numeric {

const legate_core_api* core = nullptr;

namespace {

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

void arange(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const double start = scalar_arg<double>(ctx, 0);
  const double step = scalar_arg<double>(ctx, 1);
  // An integer arange also passes its start and step as int64 (scalars 2 and 3): integer
  // outputs are computed exactly in integers (modulo 2^64, as NumPy's int64 arithmetic wraps),
  // not through float64, which loses integers beyond 2^53.
  const bool exact = ctx->num_scalars >= 4;
  const uint64_t istart = exact ? static_cast<uint64_t>(scalar_arg<int64_t>(ctx, 2)) : 0;
  const uint64_t istep = exact ? static_cast<uint64_t>(scalar_arg<int64_t>(ctx, 3)) : 0;
  dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* o = at<T>(out);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      if (exact) {
        for (int64_t i = 0; i < out.shape[0]; ++i) {
          const uint64_t k = static_cast<uint64_t>(out.offset[0] + i);
          o[i * out.strides[0]] = static_cast<T>(istart + k * istep);
        }
        return;
      }
    }
    for (int64_t i = 0; i < out.shape[0]; ++i) {
      o[i * out.strides[0]] = convert<T>(start + static_cast<double>(out.offset[0] + i) * step);
    }
  });
}

}  // namespace

void register_tasks(const legate_core_api* api, int32_t library) {
  core = api;
  api->register_task(library, kFill, "numeric.fill", fill);
  api->register_task(library, kAstype, "numeric.astype", astype);
  api->register_task(library, kArange, "numeric.arange", arange);
  register_ufunc_tasks(api, library);
  // Fusible with the elementwise launches around them (arange through its pieces' offsets).
  if (api->size >= offsetof(legate_core_api, declare_elementwise) + sizeof api->declare_elementwise) {
    for (int32_t task : {kFill, kAstype, kArange, kBinary, kUnary, kWhere}) api->declare_elementwise(library, task);
  }
  register_reduce_tasks(api, library);
  register_shape_tasks(api, library);
  register_random_tasks(api, library);
  register_blas_tasks(api, library);
  register_lapack_tasks(api, library);
  register_fft_tasks(api, library);
  register_sort_tasks(api, library);
}

}  // namespace legate::numeric
