// The vector updates of the Krylov solvers, fused so that each reads and writes its vectors once
// and takes its coefficients from 0-d stores that earlier tasks (dot products) produce: the
// solver never waits for a coefficient on the host.
#include "common.h"
#include "kernels.h"

namespace legate::sparse {

extern const legate_core_api* core;

namespace {


template <typename T>
T quotient(const legate_physical_store& numerator, const legate_physical_store& denominator) {
  const T a = *at<const T>(numerator), b = *at<const T>(denominator);
  return b == T{} ? T{} : a / b;
}

void axpby(legate_task_context* ctx) {
  const auto& y = ctx->outputs[0];
  const auto& x = ctx->inputs[0];
  const double kx = scalar_arg<double>(ctx, 0), ky = scalar_arg<double>(ctx, 1);
  const bool ok = dispatch(y.type_code, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_floating_point_v<T> || is_complex_v<T>) {
      using R = real_t<T>;
      const T alpha = static_cast<R>(kx) * quotient<T>(ctx->inputs[1], ctx->inputs[2]);
      const T beta = static_cast<R>(ky) * quotient<T>(ctx->inputs[3], ctx->inputs[4]);
      const legate_physical_store* stores[2] = {&y, &x};
      T* py = at<T>(y);
      const T* px = at<const T>(x);
      for_each_row(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        T* out = py + base[0];
        const T* in = px + base[1];
        if (stride[0] == 1 && stride[1] == 1) {
          if (beta == T{1}) {
            for (int64_t i = 0; i < n; ++i) out[i] += alpha * in[i];
          } else {
            for (int64_t i = 0; i < n; ++i) out[i] = alpha * in[i] + beta * out[i];
          }
        } else {
          for (int64_t i = 0; i < n; ++i) out[i * stride[0]] = alpha * in[i * stride[1]] + beta * out[i * stride[0]];
        }
      });
    } else {
      core->task_fail(ctx, "sparse.axpby: solvers work on float or complex vectors");
    }
  });
  if (!ok) core->task_fail(ctx, "sparse.axpby: unknown type");
}

}  // namespace

void register_vector_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kAxpby, "sparse.axpby", axpby);
}

}  // namespace legate::sparse
