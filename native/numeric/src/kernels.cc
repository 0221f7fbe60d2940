#include "kernels.h"
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

}  // namespace

void register_tasks(const legate_core_api* api, int32_t library) {
  core = api;
  api->register_task(library, kFill, "numeric.fill", fill);
  api->register_task(library, kAstype, "numeric.astype", astype);
  api->register_task(library, kArange, "numeric.arange", arange);
  register_ufunc_tasks(api, library);
  register_reduce_tasks(api, library);
  register_shape_tasks(api, library);
  register_random_tasks(api, library);
  register_blas_tasks(api, library);
  register_lapack_tasks(api, library);
  register_fft_tasks(api, library);
  register_sort_tasks(api, library);
}

}  // namespace legate::numeric
