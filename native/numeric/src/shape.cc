// Copies that change the shape: reshape (when no view can do it) and the diagonal helpers.
#include <algorithm>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// outputs[0]'s piece (split along dimension 0 only, so its rows are whole) takes the elements of
// inputs[0] (whole) at the same C-order positions.
void reshape(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const auto& in = ctx->inputs[0];
  int64_t row = 1;
  for (int32_t d = 1; d < out.ndim; ++d) row *= out.shape[d];
  int64_t linear = out.ndim > 0 ? out.offset[0] * row : 0;
  // The input position of the first element, as an index per dimension.
  int64_t index[LEGATE_MAX_DIM] = {};
  int64_t source = 0;
  for (int32_t d = in.ndim; d-- > 0;) {
    index[d] = in.shape[d] > 0 ? linear % in.shape[d] : 0;
    if (in.shape[d] > 0) linear /= in.shape[d];
    source += index[d] * in.strides[d];
  }
  const legate_physical_store* stores[1] = {&out};
  bool ok = dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* o = at<T>(out);
    const T* x = at<const T>(in);
    for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      for (int64_t i = 0; i < n; ++i) {
        o[base[0] + i * stride[0]] = x[source];
        for (int32_t d = in.ndim; d-- > 0;) {
          source += in.strides[d];
          if (++index[d] < in.shape[d]) break;
          source -= in.strides[d] * in.shape[d];
          index[d] = 0;
        }
      }
    });
  });
  if (!ok || in.type_code != out.type_code) core->task_fail(ctx, "reshape: the types differ");
}

void diag(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const int32_t mode = scalar_arg<int32_t>(ctx, 0);
  const int64_t k = scalar_arg<int64_t>(ctx, 1);
  bool ok = dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* o = at<T>(out);
    if (mode == kExtract) {
      const auto& a = ctx->inputs[0];
      const T* x = at<const T>(a);
      const int64_t r0 = std::max<int64_t>(0, -k), c0 = std::max<int64_t>(0, k);
      for (int64_t i = 0; i < out.shape[0]; ++i) {
        const int64_t g = out.offset[0] + i;
        o[i * out.strides[0]] = x[(g + r0) * a.strides[0] + (g + c0) * a.strides[1]];
      }
      return;
    }
    const T* v = mode == kFromVector ? at<const T>(ctx->inputs[0]) : nullptr;
    const int64_t vstride = mode == kFromVector ? ctx->inputs[0].strides[0] : 0;
    for (int64_t i = 0; i < out.shape[0]; ++i) {
      const int64_t r = out.offset[0] + i;
      for (int64_t j = 0; j < out.shape[1]; ++j) {
        const int64_t c = out.offset[1] + j;
        T value{};
        if (c - r == k) value = v ? v[(k >= 0 ? r : c) * vstride] : convert<T>(1);
        o[i * out.strides[0] + j * out.strides[1]] = value;
      }
    }
  });
  if (!ok) core->task_fail(ctx, "diag: unknown type");
}

}  // namespace

void register_shape_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kReshape, "numeric.reshape", reshape);
  api->register_task(library, kDiag, "numeric.diag", diag);
}

}  // namespace legate::numeric
