// Sparse matrix × vector over a block of rows. The runtime hands each point task the rows of
// its block (pos), the column indices and values those rows span (images of pos), and the part
// of x the column indices reach (the image of crd): every index below is global, so each is
// shifted by its piece's offset.
#include "common.h"
#include "kernels.h"

namespace legate::sparse {

const legate_core_api* core = nullptr;

namespace {

// y[r] = sum over row r of vals[k] * x[crd[k]], for the rows of this piece: inputs pos (rows × 2
// ranges), crd, vals, x; output y.
template <typename T, typename Pos, typename Crd>
void spmv_rows(legate::TaskContext& context) {
  const legate::PhysicalStore y = context.output(0), pos = context.input(0), crd = context.input(1);
  const legate::PhysicalStore vals = context.input(2), x = context.input(3);
  T* out = y.data<T>();
  const Pos* ranges = pos.data<const Pos>();
  // Shift the base pointers once so global indices address the pieces directly.
  const Crd* columns = crd.data<const Crd>() - crd.offset(0) * crd.strides(0);
  const T* values = vals.data<const T>() - vals.offset(0) * vals.strides(0);
  const T* xs = x.data<const T>() - x.offset(0) * x.strides(0);
  const int64_t crd_stride = crd.strides(0), vals_stride = vals.strides(0), x_stride = x.strides(0);
  const int64_t x_lo = x.offset(0), x_hi = x.offset(0) + x.shape(0);
  const int64_t pos_row = pos.strides(0), pos_end = pos.strides(1), y_stride = y.strides(0);
  const int64_t rows = pos.shape(0);
  const bool unit = crd_stride == 1 && vals_stride == 1 && x_stride == 1;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t lo = ranges[r * pos_row], hi = ranges[r * pos_row + pos_end];
    T sum{};
    if (unit) {
      for (int64_t k = lo; k < hi; ++k) sum += values[k] * xs[columns[k]];
    } else {
      for (int64_t k = lo; k < hi; ++k) {
        const int64_t c = columns[k * crd_stride];
        if (c < x_lo || c >= x_hi) throw legate::TaskError("a column index lies outside x's piece");
        sum += values[k * vals_stride] * xs[c * x_stride];
      }
    }
    out[r * y_stride] = sum;
  }
}

struct Spmv : legate::LegateTask<Spmv> {
  static constexpr int32_t TASK_ID = kSpmv;
  static constexpr const char* NAME = "sparse.spmv";

  static void cpu_variant(legate::TaskContext& context) {
    const int32_t pos_type = context.input(0).type_code(), crd_type = context.input(1).type_code();
    const bool known = legate::dispatch(context.output(0).type_code(), [&](auto zero) {
      using T = decltype(zero);
      if constexpr (std::is_same_v<T, bool>) {
        throw legate::TaskError("bool values are not supported");
      } else if (pos_type == LEGATE_INT64 && crd_type == LEGATE_INT64) {
        spmv_rows<T, int64_t, int64_t>(context);
      } else if (pos_type == LEGATE_INT32 && crd_type == LEGATE_INT32) {
        spmv_rows<T, int32_t, int32_t>(context);
      } else if (pos_type == LEGATE_INT64 && crd_type == LEGATE_INT32) {
        spmv_rows<T, int64_t, int32_t>(context);
      } else {
        throw legate::TaskError("index arrays must be int32 or int64");
      }
    });
    if (!known) throw legate::TaskError("unsupported value type");
  }
};

}  // namespace

void register_tasks(const legate_core_api* api, int32_t library) {
  core = api;
  Spmv::register_variants(api, library);
  register_vector_tasks(api, library);
  register_direct_tasks(api, library);
  register_structure_tasks(api, library);
}

}  // namespace legate::sparse
