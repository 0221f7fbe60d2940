// A direct solve of A·x = b through UMFPACK (SuiteSparse), on one processor: the whole matrix
// in one piece. CSR arrays read as compressed columns describe Aᵀ, so the solve asks UMFPACK for
// the array transpose of its matrix, which is A, and nothing is converted.
#include <complex>

#include "common.h"
#include "kernels.h"
#include "legate_build_features.h"

#if LEGATE_HAVE_SUITESPARSE
#include <umfpack.h>
#endif

namespace legate::sparse {

extern const legate_core_api* core;

namespace {


void spsolve(legate_task_context* ctx) {
  const auto& indptr = ctx->inputs[0];
  const auto& indices = ctx->inputs[1];
  const auto& values = ctx->inputs[2];
  const auto& b = ctx->inputs[3];
  const auto& x = ctx->outputs[0];
  auto* status = at<int64_t>(ctx->outputs[1]);
#if LEGATE_HAVE_SUITESPARSE
  const auto n = static_cast<SuiteSparse_long>(b.shape[0]);
  const auto* Ap = at<const SuiteSparse_long>(indptr);
  const auto* Ai = at<const SuiteSparse_long>(indices);
  if (indptr.strides[0] != 1 || indices.strides[0] != 1 || values.strides[0] != 1 || b.strides[0] != 1 || x.strides[0] != 1) {
    return core->task_fail(ctx, "sparse.spsolve: expected contiguous arrays");
  }
  void* symbolic = nullptr;
  void* numeric = nullptr;
  double info[UMFPACK_INFO];
  SuiteSparse_long result;
  if (values.type_code == LEGATE_FLOAT64) {
    const auto* Ax = at<const double>(values);
    result = umfpack_dl_symbolic(n, n, Ap, Ai, Ax, &symbolic, nullptr, info);
    if (result == UMFPACK_OK) result = umfpack_dl_numeric(Ap, Ai, Ax, symbolic, &numeric, nullptr, info);
    if (result == UMFPACK_OK) result = umfpack_dl_solve(UMFPACK_Aat, Ap, Ai, Ax, at<double>(x), at<const double>(b), numeric, nullptr, info);
    if (numeric) umfpack_dl_free_numeric(&numeric);
    if (symbolic) umfpack_dl_free_symbolic(&symbolic);
  } else if (values.type_code == LEGATE_COMPLEX128) {
    // Packed complex: the imaginary arrays are null and the real ones hold (re, im) pairs.
    const auto* Ax = reinterpret_cast<const double*>(at<const std::complex<double>>(values));
    result = umfpack_zl_symbolic(n, n, Ap, Ai, Ax, nullptr, &symbolic, nullptr, info);
    if (result == UMFPACK_OK) result = umfpack_zl_numeric(Ap, Ai, Ax, nullptr, symbolic, &numeric, nullptr, info);
    if (result == UMFPACK_OK) {
      result = umfpack_zl_solve(UMFPACK_Aat, Ap, Ai, Ax, nullptr, reinterpret_cast<double*>(at<std::complex<double>>(x)), nullptr,
                                reinterpret_cast<const double*>(at<const std::complex<double>>(b)), nullptr, numeric, nullptr, info);
    }
    if (numeric) umfpack_zl_free_numeric(&numeric);
    if (symbolic) umfpack_zl_free_symbolic(&symbolic);
  } else {
    return core->task_fail(ctx, "sparse.spsolve: float64 or complex128 values only");
  }
  *status = static_cast<int64_t>(result);
#else
  (void)indptr, (void)indices, (void)values, (void)b, (void)x;
  *status = -1000;
  core->task_fail(ctx, "sparse.spsolve: built without SuiteSparse (" LEGATE_SUITESPARSE_DETAIL ")");
#endif
}

}  // namespace

void register_direct_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kSpsolve, "sparse.spsolve", spsolve);
}

}  // namespace legate::sparse
