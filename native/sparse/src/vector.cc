// The vector updates of the Krylov solvers, fused so that each reads and writes its vectors once
// and takes its coefficients from 0-d stores that earlier tasks (dot products) produce: the
// solver never waits for a coefficient on the host.
#include "common.h"
#include "kernels.h"

namespace legate::sparse {

extern const legate_core_api* core;

namespace {

// a / b for 0-d pieces of T (a quotient over zero is zero, as a solver that has converged needs).
template <typename T>
T quotient(const legate::PhysicalStore& numerator, const legate::PhysicalStore& denominator) {
  const T a = *numerator.data<T>(), b = *denominator.data<T>();
  return b == T{} ? T{} : a / b;
}

// y = kx·(a/b)·x + ky·(c/d)·y: inputs x, a, b, c, d (a–d 0-d), output y (in place), scalars kx, ky.
struct Axpby : legate::LegateTask<Axpby> {
  static constexpr int32_t TASK_ID = kAxpby;
  static constexpr const char* NAME = "sparse.axpby";

  static void cpu_variant(legate::TaskContext& context) {
    const legate::PhysicalStore y = context.output(0), x = context.input(0);
    const double kx = context.scalar<double>(0), ky = context.scalar<double>(1);
    const bool known = legate::dispatch(y.type_code(), [&](auto zero) {
      using T = decltype(zero);
      if constexpr (std::is_floating_point_v<T> || is_complex_v<T>) {
        using R = real_t<T>;
        const T alpha = static_cast<R>(kx) * quotient<T>(context.input(1), context.input(2));
        const T beta = static_cast<R>(ky) * quotient<T>(context.input(3), context.input(4));
        T* py = y.data<T>();
        const T* px = x.data<const T>();
        legate::for_each_row({y, x}, [&](const int64_t* base, int64_t n, const int64_t* stride) {
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
        throw legate::TaskError("solvers work on float or complex vectors");
      }
    });
    if (!known) throw legate::TaskError("unknown type");
  }
};

}  // namespace

void register_vector_tasks(const legate_core_api* api, int32_t library) { Axpby::register_variants(api, library); }

}  // namespace legate::sparse
