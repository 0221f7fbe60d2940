// Sparse matrix × vector over a block of rows. The runtime hands each point task the rows of
// its block (pos), the column indices and values those rows span (images of pos), and the part
// of x the column indices reach (the image of crd): every index below is global, so each is
// shifted by its piece's offset.
#include "common.h"
#include "kernels.h"

namespace legate::sparse {

const legate_core_api* core = nullptr;

namespace {


template <typename Index>
Index index_at(const legate_physical_store& s, int64_t i) {
  return static_cast<const Index*>(s.data)[i * s.strides[0]];
}

template <typename T, typename Pos, typename Crd>
void spmv_rows(legate_task_context* ctx) {
  const auto& y = ctx->outputs[0];
  const auto& pos = ctx->inputs[0];
  const auto& crd = ctx->inputs[1];
  const auto& vals = ctx->inputs[2];
  const auto& x = ctx->inputs[3];
  T* out = at<T>(y);
  const Pos* ranges = at<const Pos>(pos);
  // Shift the base pointers once so global indices address the pieces directly.
  const Crd* columns = at<const Crd>(crd) - crd.offset[0] * crd.strides[0];
  const T* values = at<const T>(vals) - vals.offset[0] * vals.strides[0];
  const T* xs = at<const T>(x) - x.offset[0] * x.strides[0];
  const int64_t crd_stride = crd.strides[0], vals_stride = vals.strides[0], x_stride = x.strides[0];
  const int64_t x_lo = x.offset[0], x_hi = x.offset[0] + x.shape[0];
  const bool unit = crd_stride == 1 && vals_stride == 1 && x_stride == 1;
  for (int64_t r = 0; r < pos.shape[0]; ++r) {
    const int64_t lo = ranges[r * pos.strides[0]], hi = ranges[r * pos.strides[0] + pos.strides[1]];
    T sum{};
    if (unit) {
      for (int64_t k = lo; k < hi; ++k) sum += values[k] * xs[columns[k]];
    } else {
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = columns[k * crd_stride];
        if (c < x_lo || c >= x_hi) return core->task_fail(ctx, "sparse.spmv: a column index lies outside x's piece");
        sum += values[k * vals_stride] * xs[c * x_stride];
      }
    }
    out[r * y.strides[0]] = sum;
  }
}

void spmv(legate_task_context* ctx) {
  const int32_t pos_type = ctx->inputs[0].type_code, crd_type = ctx->inputs[1].type_code;
  const int32_t value_type = ctx->outputs[0].type_code;
  const auto with_indices = [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_same_v<T, bool>) {
      core->task_fail(ctx, "sparse.spmv: bool values are not supported");
    } else if (pos_type == LEGATE_INT64 && crd_type == LEGATE_INT64) {
      spmv_rows<T, int64_t, int64_t>(ctx);
    } else if (pos_type == LEGATE_INT32 && crd_type == LEGATE_INT32) {
      spmv_rows<T, int32_t, int32_t>(ctx);
    } else if (pos_type == LEGATE_INT64 && crd_type == LEGATE_INT32) {
      spmv_rows<T, int64_t, int32_t>(ctx);
    } else {
      core->task_fail(ctx, "sparse.spmv: index arrays must be int32 or int64");
    }
  };
  if (!dispatch(value_type, with_indices)) core->task_fail(ctx, "sparse.spmv: unsupported value type");
}

}  // namespace

void register_tasks(const legate_core_api* api, int32_t library) {
  core = api;
  api->register_task(library, kSpmv, "sparse.spmv", spmv);
  register_vector_tasks(api, library);
  register_direct_tasks(api, library);
  register_structure_tasks(api, library);
}

}  // namespace legate::sparse
